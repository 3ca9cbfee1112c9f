"""The access matrix: what each kind of user may do to the CRM's records, over XML-RPC and the web.

For every model of the CRM, every user (CRM manager, CRM user, employee
without CRM group, portal) and every RPC method, the server's answer must
be the one the access CSV files give (``matrix_expectations``): the call
works, or it is refused with an AccessError fault whose sentence names the
model and the operation. The web routes follow the same rights. Then a
record rule hides the cases of a "secret" section from CRM users: those
cases must be absent from searches, counts, groups, name searches,
exports and reports, and so must the files attached to them.

One copy of the template database per module, its users and records made
once and committed (``matrix_data``); one application served on 127.0.0.1.
"""
import base64
import json
import uuid
import xmlrpc.client

import pytest

from tests.installed import copy, drop, run_committed
from tests.serving import served
from tests.web.http_fixtures import Browser

from . import matrix_data
from .matrix_data import PASSWORD, PIPELINE
from .matrix_expectations import MODELS, NEEDS, USERS, VERBS, access_lines, allowed_operations, \
    refused_operations

ACCESS_ERROR = 4
HIDDEN = ("Due to security restrictions, you are not allowed to access 'Case' (crm.case) records. "
          "Contact your administrator to request access if necessary.")


# --- the database, the server, the clients ----------------------------------------------------------
@pytest.fixture(scope='module')
def matrix_db(template_db):
    """A copy of the template with the matrix's users and records, committed; dropped at the end."""
    name = copy(template_db, 'matrix')
    try:
        data = run_committed(name, matrix_data.build)
        yield name, data
    finally:
        drop(name)


@pytest.fixture(scope='module')
def db(matrix_db):
    return matrix_db[0]


@pytest.fixture(scope='module')
def data(matrix_db):
    return matrix_db[1]


@pytest.fixture(scope='module')
def url(pg_server):
    with served() as base:
        yield base


class Rpc:
    """``execute_kw`` as one user of the matrix database."""

    def __init__(self, url, db, uid, password=PASSWORD):
        self.proxy = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/object', allow_none=True)
        self.db, self.uid, self.password = db, uid, password

    def __call__(self, model, method, args=(), kwargs=None):
        return self.proxy.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs or {})


@pytest.fixture(scope='module')
def rpc(url, db, data):
    """``rpc[user key](model, method, args, kwargs)``."""
    return {key: Rpc(url, db, uid) for key, uid in data['users'].items()}


@pytest.fixture(scope='module')
def browsers(url, db, data):
    """One logged-in web ``Browser`` per user, with its CSRF token as ``browser.csrf``."""
    result = {}
    for key in USERS:
        browser = Browser(url)
        answer = browser.login(db, 'matrix_%s' % key, PASSWORD)
        assert answer.status in (302, 303), (key, answer.status)
        browser.csrf = browser.csrf_token()
        result[key] = browser
    return result


# --- the expectations are what the CSV files say ---------------------------------------------------------
def test_the_expectations_read_every_crm_access_line():
    lines = access_lines()
    crm_models = {line[0] for line in lines if line[1] and line[1].startswith('crm.')}
    assert crm_models == {'model_' + m.replace('.', '_') for m in MODELS if m != 'res.partner.event'}
    assert allowed_operations('crm.case', 'user', lines) == {'read', 'write', 'create'}
    assert allowed_operations('crm.case.section.menu', 'user', lines) == set()
    assert allowed_operations('res.partner.event', 'employee', lines) == {'read', 'write', 'create', 'unlink'}
    assert allowed_operations('crm.case', 'portal', lines) == set()


def test_the_users_are_in_the_groups_the_expectations_assume(db, data):
    def groups_of(env):
        result = {}
        for key, uid in data['users'].items():
            user = env['res.users'].browse(uid)
            result[key] = {xmlid for xmlid in ('crm.group_crm_manager', 'crm.group_crm_user',
                                               'base.group_user', 'base.group_portal')
                           if user.has_group(xmlid)}
        return result
    assert run_committed(db, groups_of) == {key: groups for key, (_group, groups) in USERS.items()}


# --- the RPC matrix --------------------------------------------------------------------------------------
def call_arguments(model, method, target, refs):
    """``(args, kwargs)`` of `method` on `model` for the record `target`."""
    values = matrix_data.record_values(model, 'made over RPC', refs)
    return {
        'search': ([[('id', '=', target)]], {}),
        'search_count': ([[]], {}),
        'search_read': ([[('id', '=', target)]], {'fields': ['create_date']}),
        'read': ([[target], ['create_date']], {}),
        'read_group': ([[], ['create_uid'], ['create_uid']], {}),
        'name_search': ([''], {'limit': 5}),
        'name_get': ([[target]], {}),
        'export_data': ([[target], ['.id', 'create_date']], {}),
        'fields_get': ([], {'attributes': ['string', 'type']}),
        'default_get': ([list(values)], {}),
        'fields_view_get': ([], {'view_type': 'form'}),
        'get_views': ([[[False, 'form'], [False, 'search']]], {}),
        'create': ([values], {}),
        'write': ([[target], matrix_data.write_values(model)], {}),
        'copy': ([target], {}),
        'case_open': ([[target]], {}),
        'case_close': ([[target]], {}),
        'unlink': ([[target]], {}),
    }[method]


def methods_of(model):
    """The methods of the matrix for `model`, ``unlink`` last (it deletes the record the others use)."""
    return [m for m in NEEDS if not m.startswith('case_') or model == 'crm.case']


def judge(call, model, refused):
    """'works', 'refused' (an AccessError naming `model` and one of the `refused` operations), or what happened."""
    try:
        call()
    except xmlrpc.client.Fault as fault:
        sentences = ["You are not allowed to %s '" % VERBS[op] for op in refused]
        if fault.faultCode == ACCESS_ERROR and '(%s) records' % model in fault.faultString \
                and any(sentence in fault.faultString for sentence in sentences):
            return 'refused'
        return 'fault %s: %s' % (fault.faultCode, fault.faultString.splitlines()[0][:300])
    return 'works'


@pytest.mark.parametrize('user', list(USERS))
@pytest.mark.parametrize('model', MODELS)
def test_rpc_methods_work_or_are_refused_as_the_access_csv_says(rpc, data, model, user):
    allowed = allowed_operations(model, user)
    target = data['targets'][(model, user)]
    expected, answered = {}, {}
    for method in methods_of(model):
        refused = refused_operations(method, allowed)
        expected[method] = 'refused' if refused else 'works'
        args, kwargs = call_arguments(model, method, target, data['refs'])
        answered[method] = judge(lambda: rpc[user](model, method, args, kwargs), model, refused)
    assert answered == expected


# --- the web routes ----------------------------------------------------------------------------------------
def web_outcome(answer):
    """'works' for a 200 answer without error, 'refused' for a 403 or an AccessError, else the answer."""
    if answer.status == 403:
        return 'refused'
    if answer.status == 200 and answer.headers.get('Content-Type', '').startswith('application/json'):
        body = answer.json()
        if isinstance(body, dict) and 'messages' in body:      # an import tells each line's fate
            refusals = [m for m in body['messages'] if 'You are not allowed to' in m.get('message', '')]
            return 'refused' if refusals and not body['ids'] else 'works' if body['ids'] else body
        if isinstance(body, dict) and body.get('error'):
            name = body['error'].get('data', {}).get('name', '')
            return 'refused' if name.endswith('AccessError') else 'error: %s' % body['error']
        return 'works'
    if answer.status == 200:
        return 'works'
    return '%s: %s' % (answer.status, answer.text[:300])


def web_calls(browser, data):
    """``{route: answer}`` of the web routes as `browser`'s user, on the records every CRM user sees."""
    case = data['cases']['visible'][1]
    section = data['refs']['open_section']
    export = json.dumps({'model': 'crm.case', 'ids': [case], 'fields': ['name', 'section_id']})
    csv_file = ('name,code\nImported section %s,IMP\n' % uuid.uuid4().hex[:6]).encode()
    return {
        'call_kw search_read crm.case': browser.call_kw('crm.case', 'search_read', [[('id', '=', case)]],
                                                        {'fields': ['name']}, csrf=browser.csrf),
        'call_kw read crm.case.section': browser.call_kw('crm.case.section', 'read', [[section], ['name']],
                                                         csrf=browser.csrf),
        'export csv crm.case': browser.post('/web/export/csv', {'data': export, 'csrf_token': browser.csrf}),
        'report pdf crm.case': browser.get('/web/report/pdf/crm.case/%d' % case),
        'content of a case attachment': browser.get(
            '/web/content/ir.attachment/%d/datas' % data['attachments']['visible']),
        'upload to a case': browser.post('/web/binary/upload_attachment',
                                         {'model': 'crm.case', 'id': case, 'csrf_token': browser.csrf},
                                         files=[('ufile', 'note.txt', b'uploaded by the matrix')]),
        'import preview crm.case.section': browser.post(
            '/web/import/preview', {'model': 'crm.case.section', 'csrf_token': browser.csrf},
            files=[('file', 'sections.csv', csv_file)]),
        'import execute crm.case.section': browser.post(
            '/web/import/execute', {'model': 'crm.case.section', 'fields': '["name", "code"]',
                                    'csrf_token': browser.csrf},
            files=[('file', 'sections.csv', csv_file)]),
    }


#: the operation each web route needs on its model (upload: write the case; import: create sections)
WEB_NEEDS = {
    'call_kw search_read crm.case': ('crm.case', 'read'),
    'call_kw read crm.case.section': ('crm.case.section', 'read'),
    'export csv crm.case': ('crm.case', 'read'),
    'report pdf crm.case': ('crm.case', 'read'),
    'content of a case attachment': ('crm.case', 'read'),
    'upload to a case': ('crm.case', 'write'),
    'import preview crm.case.section': ('crm.case.section', 'create'),
    'import execute crm.case.section': ('crm.case.section', 'create'),
}


@pytest.mark.parametrize('user', list(USERS))
def test_web_routes_work_or_are_refused_as_the_access_csv_says(browsers, data, user):
    answered = {route: web_outcome(answer) for route, answer in web_calls(browsers[user], data).items()}
    expected = {route: 'works' if operation in allowed_operations(model, user) else 'refused'
                for route, (model, operation) in WEB_NEEDS.items()}
    assert answered == expected


# --- record rules: the secret cases are nowhere for a CRM user ------------------------------------------
PIPELINE_DOMAIN = [('name', '=like', PIPELINE + '%')]


def test_search_count_and_read_see_only_the_visible_cases(rpc, data):
    visible, secret = data['cases']['visible'], data['cases']['secret']
    user, manager = rpc['user'], rpc['manager']
    assert sorted(user('crm.case', 'search', [PIPELINE_DOMAIN])) == sorted(visible)
    assert sorted(manager('crm.case', 'search', [PIPELINE_DOMAIN])) == sorted(visible + secret)
    assert user('crm.case', 'search_count', [PIPELINE_DOMAIN]) == 2
    assert sorted(r['id'] for r in user('crm.case', 'search_read', [PIPELINE_DOMAIN], {'fields': ['name']})) \
        == sorted(visible)
    # asking for a secret case by id does not help: it is refused, not missing
    assert user('crm.case', 'search', [[('id', 'in', secret)]]) == []
    with pytest.raises(xmlrpc.client.Fault) as refused:
        user('crm.case', 'read', [[visible[0], secret[0]], ['name']])
    assert refused.value.faultCode == ACCESS_ERROR and refused.value.faultString == HIDDEN


def test_groups_and_name_search_count_only_the_visible_cases(rpc, data):
    user = rpc['user']
    groups = user('crm.case', 'read_group', [PIPELINE_DOMAIN, ['planned_revenue'], ['section_id']])
    assert [(g['section_id'][0], g['section_id_count'], g['planned_revenue']) for g in groups] \
        == [(data['refs']['open_section'], 2, 3000.0)]
    names = user('crm.case', 'name_search', [PIPELINE], {'limit': 10})
    assert sorted(name for _id, name in names) == ['Pipeline visible 1', 'Pipeline visible 2']
    assert len(rpc['manager']('crm.case', 'name_search', [PIPELINE], {'limit': 10})) == 4


def test_exports_leave_out_or_refuse_the_secret_cases(rpc, browsers, data):
    visible, secret = data['cases']['visible'], data['cases']['secret']
    user, browser = rpc['user'], browsers['user']
    with pytest.raises(xmlrpc.client.Fault) as refused:
        user('crm.case', 'export_data', [visible + secret, ['name']])
    assert refused.value.faultString == HIDDEN
    # the web export of a domain lists only what the user sees; of ids, refuses the secret ones
    by_domain = browser.post('/web/export/csv', {'csrf_token': browser.csrf, 'data': json.dumps(
        {'model': 'crm.case', 'domain': PIPELINE_DOMAIN, 'fields': ['name']})})
    assert by_domain.status == 200
    assert sorted(by_domain.text.split('\r\n')[1:-1]) == ['"Pipeline visible 1"', '"Pipeline visible 2"']
    by_ids = browser.post('/web/export/csv', {'csrf_token': browser.csrf, 'data': json.dumps(
        {'model': 'crm.case', 'ids': secret, 'fields': ['name']})})
    assert by_ids.status == 403
    assert 'Pipeline secret' not in by_ids.text


def test_reports_of_secret_cases_are_refused(url, db, data, browsers):
    secret, visible = data['cases']['secret'], data['cases']['visible']
    browser = browsers['user']
    page = browser.get('/web/report/pdf/crm.case/%d,%d' % (visible[0], secret[0]))
    assert page.status == 403 and 'not allowed to access' in page.text
    assert browser.get('/web/report/pdf/crm.case/%d' % visible[0]).body.startswith(b'%PDF')
    # the OpenERP 5.0 report service answers the same
    report = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/report', allow_none=True)
    with pytest.raises(xmlrpc.client.Fault) as refused:
        report.report(db, data['users']['user'], PASSWORD, 'crm.case', [secret[0]], {'model': 'crm.case'})
    # 5.0 clients read the error's kind and sentence from the fault code
    assert 'AccessError' in refused.value.faultCode and HIDDEN in refused.value.faultCode
    printed = report.report(db, data['users']['manager'], PASSWORD, 'crm.case', [secret[0]], {'model': 'crm.case'})
    assert base64.b64decode(report.report_get(db, data['users']['manager'], PASSWORD, printed)['result'])\
        .startswith(b'%PDF')


# --- attachments follow the records they are attached to ---------------------------------------------------
def test_attachments_of_unreadable_cases_are_hidden_and_refused(rpc, browsers, data):
    files = data['attachments']
    ours = [('id', 'in', list(files.values()))]
    seen = {key: sorted(rpc[key]('ir.attachment', 'search', [ours])) for key in ('manager', 'user', 'employee')}
    assert seen == {'manager': sorted(files.values()),
                    'user': sorted([files['visible'], files['loose']]),
                    'employee': [files['loose']]}
    user = rpc['user']
    assert user('ir.attachment', 'search_count', [ours]) == 2
    assert sum(g['res_model_count'] for g in user('ir.attachment', 'read_group', [ours, ['res_model'], ['res_model']])) == 2
    assert [name for _id, name in user('ir.attachment', 'name_search', ['secret'])] == []
    with pytest.raises(xmlrpc.client.Fault) as refused:
        user('ir.attachment', 'read', [[files['secret']], ['name', 'datas']])
    assert refused.value.faultCode == ACCESS_ERROR
    assert "not allowed to access 'Attachment' (ir.attachment) records" in refused.value.faultString
    download = browsers['user'].get('/web/content/ir.attachment/%d/datas' % files['secret'])
    assert download.status == 403 and b'secret file' not in download.body
    assert browsers['user'].get('/web/content/ir.attachment/%d/datas' % files['visible']).body == b'visible file'


def test_attachments_of_unwritable_records_cannot_be_made_changed_or_deleted(rpc, data):
    files, secret = data['attachments'], data['cases']['secret']
    user, employee = rpc['user'], rpc['employee']
    with pytest.raises(xmlrpc.client.Fault, match=r"not allowed to (access|modify) 'Case'"):
        user('ir.attachment', 'create', [{'name': 'sneaky.txt', 'res_model': 'crm.case', 'res_id': secret[1]}])
    with pytest.raises(xmlrpc.client.Fault, match=r"not allowed to (access|modify) 'Case'"):
        user('ir.attachment', 'write', [[files['loose']], {'res_model': 'crm.case', 'res_id': secret[1]}])
    with pytest.raises(xmlrpc.client.Fault, match=r"not allowed to modify 'Case \(crm.case\)'|"
                                                  r"not allowed to modify 'Case' \(crm.case\)"):
        employee('ir.attachment', 'unlink', [[files['visible']]])
    assert rpc['manager']('ir.attachment', 'search_count', [[('id', 'in', list(files.values()))]]) == 3


def test_hiding_attachments_costs_no_query_per_attachment_or_model(db, data):
    """Searching and reading attachments of many records and models costs the same few queries."""
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(db)
    with db_connect(db).cursor() as cr:
        env = Environment(cr, 1, {}, registry=registry)
        cases = env['crm.case'].search([('name', '=like', PIPELINE + '%')])
        sections = env['crm.case.section'].search([])
        env['ir.attachment'].create(
            [{'name': 'many %d.txt' % i, 'raw': b'x', 'res_model': 'crm.case', 'res_id': case.id}
             for i, case in enumerate(list(cases) * 5)]
            + [{'name': 'section %d.txt' % i, 'raw': b'y', 'res_model': 'crm.case.section', 'res_id': s.id}
               for i, s in enumerate(sections)])
        as_user = env(user=data['users']['user'])['ir.attachment']
        domain = ['|', ('name', '=like', 'many %'), ('name', '=like', 'section %')]
        as_user.search(domain).read(['name'])          # warm the user's rights and rules
        env.invalidate_all()
        start = cr.sql_count
        found = as_user.search(domain)
        found.read(['name', 'res_model', 'res_id'])
        # the user's company (rules are cached per company), the search, the read: whatever the
        # number of attachments and of models they are attached to
        assert cr.sql_count - start == 3
        expected = 10 + len(sections)                  # the secret cases' 10 files are hidden
        assert len(found) == expected
        cr.rollback()

