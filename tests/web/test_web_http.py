"""The server half of the web client, over real HTTP: login, shell page, files, reports, CSV.

A threaded werkzeug server runs the WSGI application on 127.0.0.1 against
a copy of the template database (base and crm with demo data); ``Browser``
keeps cookies as a browser would and never follows redirects.
"""
import base64
import csv
import http.client
import io
import json
import urllib.parse

import pytest

from tests.installed import copy, drop
from tests.serving import served

from .http_fixtures import (Browser, browser, forget_login_failures,  # noqa: F401 (fixtures)
                            list_every_database, web_server)

ADMIN_UID = 2


@pytest.fixture(scope='module')
def web_db(template_db):
    """A copy of the template database that the server commits into (dropped at the end)."""
    name = copy(template_db, 'web')
    yield name
    drop(name)




@pytest.fixture
def admin_browser(browser, web_db):
    """A browser logged in as admin on ``web_db`` (its ``csrf`` attribute holds the page's token)."""
    answer = browser.login(web_db)
    assert answer.status == 303, answer.text
    browser.csrf = browser.csrf_token()
    return browser


def _viewport(document):
    return document.xpath('//meta[@name="viewport"]/@content')


def _result(answer):
    payload = answer.json()
    assert 'error' not in payload, payload['error']
    return payload['result']


# --- login page --------------------------------------------------------------------------

def test_login_page_offers_the_databases(browser, web_db):
    page = browser.get('/web/login')
    assert page.status == 200
    document = page.html()
    form = document.xpath('//form[contains(@class, "o_login")]')[0]
    assert web_db in form.xpath('.//select[@name="db"]/option/@value')
    assert form.xpath('.//input[@name="login"]') and form.xpath('.//input[@name="password"]')
    assert form.xpath('.//button[@type="submit"]')
    assert _viewport(document) == ['width=device-width, initial-scale=1']
    chosen = browser.get('/web/login?db=' + urllib.parse.quote(web_db)).html()
    assert chosen.xpath('//select[@name="db"]/option[@selected]/@value') == [web_db]


def test_login_page_with_one_database_has_it_hidden(browser, web_db, monkeypatch):
    from framework.config import config
    monkeypatch.setitem(config, 'db_name', web_db)
    form = browser.get('/web/login').html().xpath('//form[contains(@class, "o_login")]')[0]
    assert not form.xpath('.//select[@name="db"]')
    assert form.xpath('.//input[@type="hidden"][@name="db"]/@value') == [web_db]


def test_login_sets_an_httponly_samesite_cookie_and_opens_the_shell(browser, web_db):
    answer = browser.login(web_db, redirect='/web?debug=1')
    assert answer.status == 303
    assert answer.headers['Location'].endswith('/web?debug=1')
    cookie = next(c for c in answer.set_cookies() if c.startswith('session_id='))
    assert 'HttpOnly' in cookie and 'SameSite=Lax' in cookie

    shell = browser.get('/web')
    assert shell.status == 200
    document = shell.html()
    token = document.xpath('//meta[@name="csrf-token"]/@content')[0]
    info = json.loads(document.xpath('//script[@id="session-info"][@type="application/json"]')[0].text)
    assert info['uid'] == ADMIN_UID and info['db'] == web_db and info['username'] == 'admin'
    assert info['csrf_token'] == token and len(token) == 64
    assert {'lang', 'tz'} <= set(info['user_context'])
    assert document.xpath('//body/@data-lang') == [info['user_context']['lang']]
    assert document.xpath('//body/@data-tz') == [info['user_context']['tz'] or '']
    assert document.xpath('//html/@lang') == [info['user_context']['lang'].replace('_', '-')]
    assert document.xpath('//link[@rel="stylesheet"]/@href') == ['/web/static/css/web.css']
    assert document.xpath('//script[@type="module"]/@src') == ['/web/static/js/main.js']
    assert _viewport(document)


def test_wrong_password_shows_the_form_again_with_the_login_kept(browser, web_db):
    answer = browser.login(web_db, password='not the password')
    assert answer.status == 200
    document = answer.html()
    assert document.xpath('//*[contains(@class, "o_login_error")]/text()') == [
        'Wrong login or password: check them and try again.']
    assert document.xpath('//input[@name="login"]/@value') == ['admin']
    assert document.xpath('//input[@name="password"]/@value') == []
    assert browser.cookie('session_id') is None
    assert browser.get('/web').status == 303


def test_repeated_wrong_passwords_are_throttled(browser, web_db):
    for _ in range(5):
        browser.login(web_db, password='wrong')
    answer = browser.login(web_db, password='another guess')
    error = answer.html().xpath('//*[contains(@class, "o_login_error")]/text()')
    assert error == ['Too many login failures, please wait a minute before trying again.']
    assert browser.cookie('session_id') is None


def test_login_without_the_form_token_is_refused(browser, web_db):
    answer = browser.post('/web/login', {'db': web_db, 'login': 'admin', 'password': 'admin'})
    assert answer.status == 403
    assert answer.html().xpath('//*[contains(@class, "o_login_error")]/text()') == [
        'The login form expired: please log in again.']
    assert browser.cookie('session_id') is None


def test_shell_without_session_redirects_to_login(browser):
    answer = browser.get('/web?debug=1')
    assert answer.status == 303
    assert answer.headers['Location'].endswith('/web/login?redirect=/web%3Fdebug%3D1')


def test_logout_needs_the_token_then_forgets_the_session(admin_browser):
    refused = admin_browser.post('/web/logout', {})
    assert refused.status == 403
    assert admin_browser.get('/web').status == 200
    answer = admin_browser.post('/web/logout', {'csrf_token': admin_browser.csrf})
    assert answer.status == 303 and answer.headers['Location'].endswith('/web/login')
    assert admin_browser.get('/web').status == 303


# --- CSRF on call_kw -------------------------------------------------------------------

def test_call_kw_of_a_web_session_needs_the_csrf_header(admin_browser):
    refused = admin_browser.call_kw('res.partner', 'search_count', [[]])
    assert refused.status == 403
    assert refused.json()['error']['data']['message'] == (
        "This request lacks the page's security token: reload the page and try again.")
    wrong = admin_browser.call_kw('res.partner', 'search_count', [[]], csrf='0' * 64)
    assert wrong.status == 403
    assert _result(admin_browser.call_kw('res.partner', 'search_count', [[]], csrf=admin_browser.csrf)) > 0


def test_rpc_library_sessions_need_no_csrf_token(browser, web_db):
    info = _result(browser.post_json('/web/session/authenticate',
                                     {'db': web_db, 'login': 'admin', 'password': 'admin'}))
    assert info['uid'] == ADMIN_UID
    assert _result(browser.call_kw('res.partner', 'search_count', [[]])) > 0


# --- static files ------------------------------------------------------------------------

@pytest.fixture
def static_root(tmp_path, monkeypatch):
    from framework.web import static
    root = tmp_path / 'static'
    (root / 'js').mkdir(parents=True)
    (root / 'js' / 'main.js').write_text('export const answer = 42;\n')
    (root / 'css').mkdir()
    (root / 'css' / 'web.css').write_text('body { margin: 0; }\n')
    (tmp_path / 'secret.txt').write_text('not for the web')
    monkeypatch.setattr(static, 'STATIC', str(root))
    return root


def test_static_files_are_served_with_their_type(browser, static_root):
    script = browser.get('/web/static/js/main.js')
    assert script.status == 200 and script.text == 'export const answer = 42;\n'
    assert script.headers['Content-Type'] == 'text/javascript; charset=utf-8'
    assert script.headers['Cache-Control'] == 'no-cache' and script.headers['ETag']
    style = browser.get('/web/static/css/web.css')
    assert style.headers['Content-Type'] == 'text/css; charset=utf-8'
    again = browser.get('/web/static/js/main.js', headers={'If-None-Match': script.headers['ETag']})
    assert again.status == 304


@pytest.mark.parametrize('path', ['/web/static/../secret.txt', '/web/static/..%2fsecret.txt',
                                  '/web/static/%2e%2e/secret.txt', '/web/static/js/../../secret.txt',
                                  '/web/static/js', '/web/static/js/missing.js'])
def test_static_refuses_what_is_not_a_file_inside(web_server, static_root, path):
    host, port = urllib.parse.urlsplit(web_server).netloc.split(':')
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request('GET', path)  # sent as is: no client-side normalisation of '..'
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    assert response.status == 404
    assert 'not for the web' not in body and 'Page not found' in body


# --- binary content and uploads ----------------------------------------------------------

def test_download_an_attachment_with_its_name(admin_browser):
    partner_id = _result(admin_browser.call_kw('res.partner', 'search', [[]], {'limit': 1},
                                               csrf=admin_browser.csrf))[0]
    attachment_id = _result(admin_browser.call_kw('ir.attachment', 'create', [{
        'name': 'offre été.txt', 'datas': base64.b64encode(b'hello file').decode(),
        'res_model': 'res.partner', 'res_id': partner_id}], csrf=admin_browser.csrf))
    answer = admin_browser.get('/web/content/ir.attachment/%d/datas' % attachment_id)
    assert answer.status == 200 and answer.body == b'hello file'
    assert answer.headers['Content-Type'].startswith('text/plain')
    assert answer.headers['Content-Disposition'] == (
        "attachment; filename=\"offre _t_.txt\"; filename*=UTF-8''offre%20%C3%A9t%C3%A9.txt")
    assert admin_browser.get('/web/content/ir.attachment/999999/datas').status == 404
    assert admin_browser.get('/web/content/ir.attachment/%d/name' % attachment_id).status == 404


def test_download_without_session_goes_to_login(browser):
    answer = browser.get('/web/content/ir.attachment/1/datas')
    assert answer.status == 303 and '/web/login?redirect=' in answer.headers['Location']


def test_upload_attachments_to_a_record(admin_browser):
    partner_id = _result(admin_browser.call_kw('res.partner', 'search', [[]], {'limit': 1},
                                               csrf=admin_browser.csrf))[0]
    files = [('ufile', 'notes.txt', b'first'), ('ufile', 'table.csv', b'a,b\n1,2\n')]
    refused = admin_browser.post('/web/binary/upload_attachment', {'model': 'res.partner', 'id': partner_id},
                                 files=files)
    assert refused.status == 403
    answer = admin_browser.post('/web/binary/upload_attachment',
                                {'model': 'res.partner', 'id': partner_id, 'csrf_token': admin_browser.csrf},
                                files=files)
    assert answer.status == 200
    uploaded = answer.json()
    assert [(a['name'], a['mimetype'], a['file_size']) for a in uploaded] == [
        ('notes.txt', 'text/plain', 5), ('table.csv', 'text/csv', 8)]
    stored = _result(admin_browser.call_kw('ir.attachment', 'read', [[a['id'] for a in uploaded],
                                                                     ['res_model', 'res_id']],
                                           csrf=admin_browser.csrf))
    assert {(a['res_model'], a['res_id']) for a in stored} == {('res.partner', partner_id)}
    download = admin_browser.get('/web/content/ir.attachment/%d/datas' % uploaded[0]['id'])
    assert download.body == b'first'


# --- reports, export, import -------------------------------------------------------------

def test_report_is_a_pdf_shown_inline(admin_browser):
    case_ids = _result(admin_browser.call_kw('crm.case', 'search', [[]], {'limit': 2}, csrf=admin_browser.csrf))
    assert case_ids
    answer = admin_browser.get('/web/report/pdf/crm.case/%s' % ','.join(map(str, case_ids)))
    assert answer.status == 200
    assert answer.headers['Content-Type'] == 'application/pdf'
    assert answer.headers['Content-Disposition'].startswith('inline;')
    assert answer.body.startswith(b'%PDF')
    assert admin_browser.get('/web/report/pdf/crm.case/1,x').status == 404


def test_export_csv_of_chosen_records(admin_browser):
    ids = _result(admin_browser.call_kw('res.partner', 'create', [[{'name': 'Export One', 'ref': 'EX1'},
                                                                    {'name': 'Export Two', 'ref': 'EX2'}]],
                                        csrf=admin_browser.csrf))
    data = json.dumps({'model': 'res.partner', 'ids': ids, 'fields': ['name', 'ref'], 'domain': []})
    assert admin_browser.post('/web/export/csv', {'data': data}).status == 403
    answer = admin_browser.post('/web/export/csv', {'data': data, 'csrf_token': admin_browser.csrf})
    assert answer.status == 200
    assert answer.headers['Content-Type'] == 'text/csv; charset=utf-8'
    assert 'filename="res_partner.csv"' in answer.headers['Content-Disposition']
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows == [['Name', 'Code'], ['Export One', 'EX1'], ['Export Two', 'EX2']]


IMPORT_FILE = (
    "Name;code;Date;Credit Limit;Unknown column\n"   # line 1
    "Import Alpha;IA;2024-01-31;100;x\n"             # line 2
    "Import Beta;IB;31 January;200;x\n"              # line 3: not a date
    "Import Gamma;IG;2024-02-01;300;x\n"             # line 4
    "Import Delta;ID;2024-02-02;a lot;x\n"           # line 5: not a number
).encode('utf-8')


def _partners_named(browser, prefix):
    return _result(browser.call_kw('res.partner', 'search_count', [[('name', 'like', prefix)]],
                                   csrf=browser.csrf))


def test_import_preview_matches_columns_by_name_or_label(admin_browser):
    files = [('file', 'partners.csv', IMPORT_FILE)]
    answer = admin_browser.post('/web/import/preview', {'model': 'res.partner', 'csrf_token': admin_browser.csrf},
                                files=files)
    assert answer.status == 200
    preview = answer.json()
    assert preview['headers'] == ['Name', 'code', 'Date', 'Credit Limit', 'Unknown column']
    assert preview['rows'][0] == ['Import Alpha', 'IA', '2024-01-31', '100', 'x']
    assert len(preview['rows']) == 4
    assert preview['matches'] == {'Name': 'name', 'code': 'ref', 'Date': 'date', 'Credit Limit': 'credit_limit',
                                  'Unknown column': ''}
    assert {'name': 'name', 'string': 'Name', 'type': 'char', 'required': True} in preview['fields']
    refused = admin_browser.post('/web/import/preview', {'model': 'res.partner'}, files=files)
    assert refused.status == 403


def test_import_dry_run_names_the_bad_lines_then_a_real_import(admin_browser):
    fields = json.dumps(['name', 'ref', 'date', 'credit_limit', ''])
    answer = admin_browser.post('/web/import/execute', {
        'model': 'res.partner', 'fields': fields, 'dry_run': 'true', 'csrf_token': admin_browser.csrf},
        files=[('file', 'partners.csv', IMPORT_FILE)])
    assert answer.status == 200
    result = answer.json()
    assert result['ids'] is False
    errors = [m for m in result['messages'] if m['type'] == 'error']
    assert [m['line'] for m in errors] == [3, 5]
    assert errors[0]['message'].startswith('Line 3: ') and errors[1]['message'].startswith('Line 5: ')
    assert _partners_named(admin_browser, 'Import ') == 0

    good = b"\n".join(line for line in IMPORT_FILE.split(b"\n") if b'Beta' not in line and b'Delta' not in line)
    dry = admin_browser.post('/web/import/execute', {
        'model': 'res.partner', 'fields': fields, 'dry_run': '1', 'csrf_token': admin_browser.csrf},
        files=[('file', 'partners.csv', good)]).json()
    assert dry['messages'] == [] and len(dry['ids']) == 2
    assert _partners_named(admin_browser, 'Import ') == 0   # a dry run keeps nothing

    done = admin_browser.post('/web/import/execute', {
        'model': 'res.partner', 'fields': fields, 'dry_run': '', 'csrf_token': admin_browser.csrf},
        files=[('file', 'partners.csv', good)]).json()
    assert done['messages'] == [] and len(done['ids']) == 2
    names = _result(admin_browser.call_kw('res.partner', 'read', [done['ids'], ['name', 'ref', 'credit_limit']],
                                          csrf=admin_browser.csrf))
    assert [(p['name'], p['ref'], p['credit_limit']) for p in names] == [
        ('Import Alpha', 'IA', 100.0), ('Import Gamma', 'IG', 300.0)]


# --- error pages ------------------------------------------------------------------------

def test_unknown_web_url_gets_the_404_page(browser):
    answer = browser.get('/web/no/such/page')
    assert answer.status == 404
    assert answer.headers['Content-Type'] == 'text/html; charset=utf-8'
    document = answer.html()
    assert document.xpath('//h1/text()') == ['Page not found']
    assert 'Traceback' not in answer.text
    assert _viewport(document)


def test_report_of_an_unknown_model_is_an_error_page_without_traceback(admin_browser):
    answer = admin_browser.get('/web/report/pdf/no.such.report/1')
    assert answer.status == 400
    assert 'Traceback' not in answer.text
    assert "Report 'no.such.report' does not exist" in answer.html().xpath(
        '//*[contains(@class, "o_error_message")]/text()')[0]


def test_an_older_session_table_gets_the_web_column_at_the_next_login(browser, web_db):
    from framework.db import db_connect
    _result(browser.post_json('/web/session/authenticate', {'db': web_db, 'login': 'admin', 'password': 'admin'}))
    with db_connect(web_db).cursor() as cr:
        cr.execute("ALTER TABLE http_session DROP COLUMN web")
        cr.commit()
    # sessions of the older table still work, as non-web sessions
    assert _result(browser.call_kw('res.partner', 'search_count', [[]])) > 0
    assert browser.login(web_db).status == 303
    with db_connect(web_db).cursor() as cr:
        cr.execute("SELECT count(*) FROM http_session WHERE web")
        assert cr.fetchone()[0] == 1
    assert browser.call_kw('res.partner', 'search_count', [[]]).status == 403


def test_uploads_act_as_the_session_user(browser, web_db):
    assert browser.login(web_db, login='demo', password='demo').status == 303
    token = browser.csrf_token()
    answer = browser.post('/web/binary/upload_attachment',
                          {'model': 'res.users', 'id': ADMIN_UID, 'csrf_token': token},
                          files=[('ufile', 'cv.txt', b'no')])
    assert answer.status == 403   # users may read res.users, not write it
    assert answer.json()['error']['data']['name'] == 'odoo.exceptions.AccessError'
