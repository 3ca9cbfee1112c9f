"""Web security over real HTTP: CSRF, cookies, sessions, login throttling, the database manager.

A threaded werkzeug server runs the WSGI application on 127.0.0.1 against
a copy of the template database; ``Browser`` keeps cookies as a browser
does and never follows redirects.

CSRF: every POST route of the URL map is either *guarded* (a logged-in
browser's POST without its session's CSRF token, or with a wrong one, is
refused with 403 and one sentence; with the right one it works) or
*exempt* with its reason in ``EXEMPT``. Exempt are the XML-RPC and JSON-RPC
endpoints (``/xmlrpc/...``, ``/jsonrpc``), which authenticate each call by
the password it carries and never by a cookie; ``/web/session/authenticate``,
a login by password that trusts no cookie; and the public, read-only
``version_info`` and ``database/list``. A route added later that is in
neither table fails ``test_every_post_route_is_guarded_or_exempt``.

Cookies: the session cookie is ``Secure`` when the request is https: the
WSGI request itself (``wsgi.url_scheme``, ``test_cookie_is_secure_over_https``)
or, with ``--proxy-mode`` only, the ``X-Forwarded-Proto`` of the reverse
proxy in front (a client's own header counts for nothing without it).
"""
import base64
import hmac
import time
import uuid
import xmlrpc.client

import pytest

from tests.serving import served

from .http_fixtures import (Browser, browser, forget_login_failures,  # noqa: F401 (fixtures)
                            list_every_database, web_server)

ADMIN_UID = 2
CSRF_REFUSED = "This request lacks the page's security token: reload the page and try again."
EXPIRED_FORM = 'The login form expired: please log in again.'
TOO_MANY = 'Too many login failures, please wait a minute before trying again.'
MASTER = 'admin'   # the default admin_passwd of the test configuration


@pytest.fixture(scope='module')
def web_db(template_db):
    """A copy of the template database that the server commits into (dropped at the end)."""
    from framework.db import admin
    from framework.orm.registry import Registry
    from addons.base.password import hash_password
    from framework.db import db_connect
    name = f'{template_db[:-3]}websec_{uuid.uuid4().hex[:6]}'
    admin.create_db(name, template=template_db)
    # cheap hashes: these tests check many wrong passwords, each one a full verification
    with db_connect(name).cursor() as cr:
        for login in ('admin', 'demo'):
            cr.execute("UPDATE res_users SET password = %s WHERE login = %s",
                       [hash_password(login, rounds=1000), login])
        cr.commit()
    yield name
    Registry.delete(name)
    if admin.exists(name):
        admin.drop_db(name)




def logged_in(web_server, web_db, login='admin', password='admin'):
    """A new browser logged in through the login form; its ``csrf`` attribute holds the page's token."""
    browser = Browser(web_server)
    answer = browser.login(web_db, login, password)
    assert answer.status == 303, answer.text
    browser.csrf = browser.csrf_token()
    return browser


@pytest.fixture
def admin_browser(web_server, web_db):
    return logged_in(web_server, web_db)


def _error_message(answer):
    """The one sentence of a refused request: JSON error, error page or login form."""
    if answer.headers.get('Content-Type', '').startswith('application/json'):
        return answer.json()['error']['data']['message']
    document = answer.html()
    return ' '.join(document.xpath('//*[contains(@class, "o_error_message") or '
                                   'contains(@class, "o_login_error")]/text()'))


# --- CSRF on every POST ------------------------------------------------------------------

def _json(path, params=None):
    return lambda b, token: b.post_json(path, params or {}, {'X-CSRF-Token': token} if token else {})


def _form(path, fields, files=None):
    def send(b, token):
        sent = dict(fields(b) if callable(fields) else fields)
        if token:
            sent['csrf_token'] = token
        return b.post(path, sent, files=files)
    return send


def _login_form(b, token):
    """The login form; its own token is the double-submit cookie the login page set."""
    if token == 'right':
        b.get('/web/login')
        token = b.cookie('csrf_login')
    return b.post('/web/login', dict({'db': b.db, 'login': 'admin', 'password': 'admin'},
                                     **({'csrf_token': token} if token else {})))


CSV = b'name\nCSRF-checked partner\n'
#: POST routes a logged-in browser must send its CSRF token to: how to send a valid request
GUARDED = {
    '/web/login': _login_form,
    '/web/logout': _form('/web/logout', {}),
    '/web/session/get_session_info': _json('/web/session/get_session_info'),
    '/web/session/destroy': _json('/web/session/destroy'),
    '/web/dataset/call_kw': _json('/web/dataset/call_kw', {
        'model': 'res.partner', 'method': 'search_count', 'args': [[]], 'kwargs': {}}),
    '/web/dataset/call_kw/<path:path>': _json('/web/dataset/call_kw/res.partner/write', {
        'model': 'res.partner', 'method': 'write', 'args': [[1], {'comment': 'CSRF checked'}], 'kwargs': {}}),
    '/web/binary/upload_attachment': _form('/web/binary/upload_attachment', {'model': 'res.partner', 'id': 1},
                                           files=[('ufile', 'csrf.txt', b'checked')]),
    '/web/export/csv': _form('/web/export/csv', {
        'data': '{"model": "res.partner", "ids": [1], "fields": [{"name": "name"}], "domain": []}'}),
    '/web/import/preview': _form('/web/import/preview', {'model': 'res.partner'},
                                 files=[('file', 'partners.csv', CSV)]),
    '/web/import/execute': _form('/web/import/execute', {'model': 'res.partner', 'fields': '["name"]',
                                                         'dry_run': '1'}, files=[('file', 'partners.csv', CSV)]),
}
#: POST routes that need no CSRF token, and why
EXEMPT = {
    '/jsonrpc': 'authenticated by the password of each call, never by the session cookie',
    '/xmlrpc/2/<service>': 'authenticated by the password of each call, never by the session cookie',
    '/xmlrpc/<service>': 'authenticated by the password of each call, never by the session cookie',
    '/web/session/authenticate': 'a login by password: it trusts no cookie and makes a new session',
    '/web/webclient/version_info': 'public and read-only: the same answer for anybody',
    '/web/database/list': 'public and read-only: the same answer for anybody',
    '/web/<path:path>': 'no page: the 404 page for any method',
}


def _post_routes():
    from framework.service.wsgi import url_map
    return {rule.rule for rule in url_map.iter_rules() if 'POST' in rule.methods}


def test_every_post_route_is_guarded_or_exempt():
    routes = _post_routes()
    assert routes - set(GUARDED) - set(EXEMPT) == set(), "a POST route is neither CSRF-guarded nor exempt"
    assert set(GUARDED) | set(EXEMPT) <= routes, "the tables name a route that no longer exists"
    assert not set(GUARDED) & set(EXEMPT)


@pytest.mark.parametrize('path', sorted(GUARDED))
def test_post_needs_the_session_csrf_token(web_server, web_db, path):
    browser = logged_in(web_server, web_db)
    browser.db = web_db
    send = GUARDED[path]
    right = 'right' if path == '/web/login' else browser.csrf
    for token in (None, '0' * 64, base64.b64encode(b'forged').decode()):
        refused = send(browser, token)
        assert refused.status == 403, (path, token, refused.status, refused.text[:300])
        assert _error_message(refused) == (EXPIRED_FORM if path == '/web/login' else CSRF_REFUSED)
    # nothing was done: the session is still there (logout, destroy) and the partner unchanged
    assert browser.get('/web').status == 200
    accepted = send(browser, right)
    assert accepted.status in (200, 303), (path, accepted.status, accepted.text[:300])
    if accepted.headers.get('Content-Type', '').startswith('application/json'):
        assert 'error' not in accepted.json(), accepted.json()


def test_refused_write_changes_nothing(admin_browser, web_db):
    marker = 'CSRF ' + uuid.uuid4().hex
    refused = admin_browser.post_json('/web/dataset/call_kw/res.partner/write', {
        'model': 'res.partner', 'method': 'write', 'args': [[1], {'comment': marker}], 'kwargs': {}})
    assert refused.status == 403
    from framework.db import db_connect
    with db_connect(web_db).cursor() as cr:
        cr.execute("SELECT count(*) FROM res_partner WHERE comment = %s", [marker])
        assert cr.fetchone()[0] == 0


def test_jsonrpc_does_not_take_the_session_cookie_for_a_password(admin_browser, web_db):
    for password in (None, '', 'wrong'):
        answer = admin_browser.post_json('/jsonrpc', {
            'service': 'object', 'method': 'execute_kw',
            'args': [web_db, ADMIN_UID, password, 'res.partner', 'search_count', [[]]]},
            {'X-CSRF-Token': admin_browser.csrf})
        assert answer.json()['error']['data']['message'] == 'Access Denied', password
    right = admin_browser.post_json('/jsonrpc', {'service': 'object', 'method': 'execute_kw', 'args': [
        web_db, ADMIN_UID, 'admin', 'res.partner', 'search_count', [[]]]})
    assert right.json()['result'] > 0


# --- cookies -----------------------------------------------------------------------------

def _session_cookie_header(answer):
    return next(c for c in answer.set_cookies() if c.startswith('session_id='))


def _flags(header):
    return {part.strip().split('=')[0].lower(): part.strip().partition('=')[2]
            for part in header.split(';')[1:]}


def test_session_cookie_flags_and_no_session_id_in_urls(browser, web_db):
    answer = browser.login(web_db, redirect='/web?debug=1')
    flags = _flags(_session_cookie_header(answer))
    assert 'httponly' in flags and flags['samesite'].lower() in ('lax', 'strict')
    assert flags['path'] == '/' and 'secure' not in flags      # plain http here
    token = browser.cookie('session_id').partition('.')[0]
    assert token not in answer.headers['Location']
    shell = browser.get('/web')
    assert shell.status == 200 and token not in shell.text
    rpc = Browser(browser.base).post_json('/web/session/authenticate',
                                          {'db': web_db, 'login': 'admin', 'password': 'admin'})
    flags = _flags(_session_cookie_header(rpc))
    assert 'httponly' in flags and flags['samesite'].lower() in ('lax', 'strict') and flags['path'] == '/'


def test_cookie_is_secure_over_https(pg_server, web_db):
    from framework.service.wsgi import application

    def behind_tls(environ, start_response):
        environ['wsgi.url_scheme'] = 'https'     # what a TLS-terminating WSGI server says
        return application(environ, start_response)
    with served(behind_tls) as url:
        browser = Browser(url)
        page = browser.get('/web/login')
        assert 'secure' in _flags(next(c for c in page.set_cookies() if c.startswith('csrf_login=')))
        token = page.html().xpath('//input[@name="csrf_token"]/@value')[0]
        browser.cookies.clear()   # urllib keeps Secure cookies for https only: send it by hand
        answer = browser.post('/web/login', {'db': web_db, 'login': 'admin', 'password': 'admin',
                                             'csrf_token': token}, headers={'Cookie': 'csrf_login=' + token})
        assert answer.status == 303, answer.text
        flags = _flags(_session_cookie_header(answer))
        assert 'secure' in flags and 'httponly' in flags and flags['path'] == '/'


@pytest.mark.parametrize('proxy_mode', [True, False])
def test_the_proxys_https_counts_only_in_proxy_mode(browser, web_db, monkeypatch, proxy_mode):
    # a TLS-terminating proxy says https in X-Forwarded-Proto; any client could say it too
    from framework.config import config
    monkeypatch.setitem(config.options, 'proxy_mode', proxy_mode)
    page = browser.get('/web/login', headers={'X-Forwarded-Proto': 'https'})
    token = page.html().xpath('//input[@name="csrf_token"]/@value')[0]
    browser.cookies.clear()   # urllib keeps Secure cookies for https only: send it by hand
    answer = browser.post('/web/login', {'db': web_db, 'login': 'admin', 'password': 'admin',
                                         'csrf_token': token},
                          headers={'Cookie': 'csrf_login=' + token, 'X-Forwarded-Proto': 'https'})
    assert answer.status == 303, answer.text
    assert ('secure' in _flags(_session_cookie_header(answer))) is proxy_mode


# --- session rotation --------------------------------------------------------------------

def _set_session_cookie(browser, value):
    """Put ``value`` in the browser's jar as the session cookie (as a fixating attacker would)."""
    import http.cookiejar
    browser.cookies.set_cookie(http.cookiejar.Cookie(
        0, 'session_id', value, None, False, '127.0.0.1', False, False, '/', True, False, None, False,
        None, None, {}))


def test_login_makes_a_new_session_id(browser, web_db):
    encoded = base64.urlsafe_b64encode(web_db.encode()).decode().rstrip('=')
    chosen = 'attacker-chosen-token.' + encoded
    _set_session_cookie(browser, chosen)
    assert browser.login(web_db).status == 303
    assert browser.cookie('session_id') not in (None, chosen)

    # a live session planted before the login (an RPC one the attacker made) is replaced and forgotten
    planted = Browser(browser.base)
    assert 'result' in planted.post_json('/web/session/authenticate',
                                         {'db': web_db, 'login': 'demo', 'password': 'demo'}).json()
    victim = Browser(browser.base)
    _set_session_cookie(victim, planted.cookie('session_id'))
    assert victim.login(web_db).status == 303
    assert victim.cookie('session_id') != planted.cookie('session_id')
    assert planted.call_kw('res.partner', 'search_count', [[]]).json()['error']['data']['name'] == (
        'odoo.http.SessionExpiredException')


def test_logout_forgets_the_session_on_the_server(admin_browser):
    stolen = admin_browser.cookie('session_id')
    answer = admin_browser.post('/web/logout', {'csrf_token': admin_browser.csrf})
    assert answer.status == 303 and answer.headers['Location'].endswith('/web/login')
    replay = Browser(admin_browser.base)
    _set_session_cookie(replay, stolen)
    shell = replay.get('/web')
    assert shell.status == 303 and '/web/login' in shell.headers['Location']
    error = replay.call_kw('res.partner', 'search_count', [[]], csrf=admin_browser.csrf).json()['error']
    assert error['data']['name'] == 'odoo.http.SessionExpiredException'
    assert error['data']['message'] == 'Session expired: log in again'


def test_rpc_logout_forgets_the_session_on_the_server(browser, web_db):
    assert 'result' in browser.post_json('/web/session/authenticate',
                                         {'db': web_db, 'login': 'admin', 'password': 'admin'}).json()
    stolen = browser.cookie('session_id')
    assert 'result' in browser.post_json('/web/session/destroy', {}).json()
    replay = Browser(browser.base)
    _set_session_cookie(replay, stolen)
    assert 'error' in replay.call_kw('res.partner', 'search_count', [[]]).json()


def test_password_change_ends_the_users_other_sessions(web_server, web_db):
    here = logged_in(web_server, web_db, 'demo', 'demo')
    elsewhere = logged_in(web_server, web_db, 'demo', 'demo')
    admin = logged_in(web_server, web_db)
    try:
        changed = here.call_kw('res.users', 'change_password', ['demo', 'n3w-demo'], csrf=here.csrf)
        assert changed.json().get('result') is True, changed.text
        # the session that changed it goes on; the other one must log in again
        assert here.get('/web').status == 200
        assert elsewhere.get('/web').status == 303
        assert 'error' in elsewhere.call_kw('res.partner', 'search_count', [[]], csrf=elsewhere.csrf).json()
        # another user's session is not touched
        assert admin.get('/web').status == 200
    finally:
        assert here.call_kw('res.users', 'change_password', ['n3w-demo', 'demo'], csrf=here.csrf).json()['result']


def test_an_older_session_table_gets_the_password_fingerprint_at_the_next_login(browser, web_db):
    from framework.db import db_connect
    assert 'result' in browser.post_json('/web/session/authenticate',
                                         {'db': web_db, 'login': 'admin', 'password': 'admin'}).json()
    with db_connect(web_db).cursor() as cr:
        cr.execute("ALTER TABLE http_session DROP COLUMN password_fingerprint")
        cr.commit()
    # sessions of the older table still work until the table is upgraded
    assert 'result' in browser.call_kw('res.partner', 'search_count', [[]]).json()
    older = browser.cookie('session_id')
    newer = logged_in(browser.base, web_db)
    with db_connect(web_db).cursor() as cr:
        cr.execute("SELECT count(*) FROM http_session WHERE password_fingerprint <> ''")
        assert cr.fetchone()[0] == 1
    assert 'result' in newer.call_kw('res.partner', 'search_count', [[]], csrf=newer.csrf).json()
    # a session made before the fingerprint existed cannot be told from a stolen one: log in again
    assert browser.cookie('session_id') == older
    assert 'error' in browser.call_kw('res.partner', 'search_count', [[]]).json()


# --- login throttling --------------------------------------------------------------------

def _fail_five_times(common, web_db):
    for _ in range(5):
        assert common.login(web_db, 'demo', 'wrong') is False


def test_throttle_refuses_even_the_right_password_everywhere(web_server, web_db):
    common = xmlrpc.client.ServerProxy(f'{web_server}/xmlrpc/2/common', allow_none=True)
    _fail_five_times(common, web_db)
    for call in (lambda: common.login(web_db, 'demo', 'demo'),
                 lambda: common.authenticate(web_db, 'demo', 'demo', {})):
        with pytest.raises(xmlrpc.client.Fault) as info:
            call()
        assert info.value.faultString == TOO_MANY
    legacy = xmlrpc.client.ServerProxy(f'{web_server}/xmlrpc/common', allow_none=True)
    with pytest.raises(xmlrpc.client.Fault) as info:
        legacy.login(web_db, 'demo', 'demo')
    assert info.value.faultString == TOO_MANY
    jsonrpc = Browser(web_server).post_json('/jsonrpc', {'service': 'common', 'method': 'login',
                                                         'args': [web_db, 'demo', 'demo']}).json()
    assert jsonrpc['error']['data']['message'] == TOO_MANY
    session = Browser(web_server).post_json('/web/session/authenticate',
                                            {'db': web_db, 'login': 'demo', 'password': 'demo'}).json()
    assert session['error']['data']['message'] == TOO_MANY
    form = Browser(web_server)
    answer = form.login(web_db, 'demo', 'demo')
    assert answer.status == 200 and _error_message(answer) == TOO_MANY
    assert form.cookie('session_id') is None
    # another login is not slowed down
    assert common.login(web_db, 'admin', 'admin') == ADMIN_UID


def test_throttle_is_shared_through_the_database_and_expires(web_server, web_db, monkeypatch):
    from framework.security.throttle import WINDOW, throttle
    common = xmlrpc.client.ServerProxy(f'{web_server}/xmlrpc/2/common', allow_none=True)
    _fail_five_times(common, web_db)
    # another server process knows nothing of this one's memory: the database tells it
    throttle.reset()
    with pytest.raises(xmlrpc.client.Fault) as info:
        common.login(web_db, 'demo', 'demo')
    assert info.value.faultString == TOO_MANY
    later = time.time() + WINDOW + 1
    monkeypatch.setattr(throttle, 'clock', lambda: later)
    assert common.login(web_db, 'demo', 'demo')


# --- the database manager ----------------------------------------------------------------

def _guarded_calls(web_db, new_name):
    """Arguments (after the master password) of every guarded method of the db service."""
    backup = base64.b64encode(b'PK\x05\x06' + b'\0' * 18).decode()
    return {
        'create_database': [new_name, False, 'en_US', 'pw'],
        'create': [new_name, False, 'en_US', 'pw'],
        'duplicate_database': [web_db, new_name],
        'drop': [web_db],
        'dump': [web_db],
        'restore': [new_name, backup],
        'rename': [web_db, new_name],
        'change_admin_password': ['hijacked'],
        'get_progress': [1],
    }


def test_database_manager_refuses_without_the_master_password(web_server, web_db):
    from framework.config import config
    from framework.db import admin
    from framework.service import db_service
    new_name = f'test_websec_{uuid.uuid4().hex[:6]}'
    calls = _guarded_calls(web_db, new_name)
    assert set(calls) == set(db_service.GUARDED), "a guarded db method has no check here"
    stored = config['admin_passwd']
    for path in ('/xmlrpc/2/db', '/xmlrpc/db'):
        db = xmlrpc.client.ServerProxy(web_server + path, allow_none=True)
        for method, args in calls.items():
            for password in ('wrong', '', None, MASTER.upper()):
                with pytest.raises(xmlrpc.client.Fault) as info:
                    getattr(db, method)(password, *args)
                assert info.value.faultString == 'Access Denied', (method, info.value.faultString)
            with pytest.raises(xmlrpc.client.Fault):
                getattr(db, method)()
    answer = Browser(web_server).post_json('/jsonrpc', {'service': 'db', 'method': 'drop',
                                                        'args': ['wrong', web_db]}).json()
    assert answer['error']['data']['message'] == 'Access Denied'
    assert admin.exists(web_db) and not admin.exists(new_name)
    assert config['admin_passwd'] == stored


def test_master_password_is_saved_hashed(tmp_path, monkeypatch):
    from framework.config import config
    from framework.service import master
    rc = tmp_path / 'odoo.rc'
    monkeypatch.setitem(config.options, 'config', str(rc))
    monkeypatch.setitem(config.options, 'admin_passwd', 'clear-Master-1')
    config.save()
    text = rc.read_text()
    assert 'clear-Master-1' not in text
    stored = next(line.partition('=')[2].strip() for line in text.splitlines()
                  if line.startswith('admin_passwd'))
    assert stored.startswith('$pbkdf2-sha512$')
    monkeypatch.setitem(config.options, 'admin_passwd', stored)
    master.check_master_password('clear-Master-1')
    with pytest.raises(Exception):
        master.check_master_password('clear-master-1')
    master._verified.clear()


def test_a_clear_master_password_is_hashed_at_its_first_use(monkeypatch):
    from framework.config import config
    from framework.exceptions import AccessDenied
    from framework.service import master
    monkeypatch.setitem(config.options, 'admin_passwd', 'clear-Master-4')
    master.check_master_password('clear-Master-4')
    assert config['admin_passwd'].startswith('$pbkdf2-sha512$')
    master._verified.clear()
    master.check_master_password('clear-Master-4')      # the hash accepts it
    with pytest.raises(AccessDenied):
        master.check_master_password('clear-master-4')
    master._verified.clear()


@pytest.mark.parametrize('stored', ['clear-Master-2', None])
def test_master_password_is_compared_in_constant_time(monkeypatch, stored):
    from addons.base.password import hash_password
    from framework.config import config
    from framework.exceptions import AccessDenied
    from framework.service import master
    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)
    monkeypatch.setattr(hmac, 'compare_digest', spy)
    monkeypatch.setitem(config.options, 'admin_passwd', stored or hash_password('clear-Master-2', rounds=1000))
    with pytest.raises(AccessDenied):
        master.check_master_password('clear-Master-3')
    assert compared, "the master password was not compared with hmac.compare_digest"


# --- server-rendered HTML and headers escape what people typed --------------------------

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _no_markup_from(answer):
    """The page holds no element or handler that came from ``EVIL``."""
    document = answer.html()
    assert not document.xpath('//script | //img | //*[@onerror]'), answer.text
    assert '<script>window' not in answer.text and '<img src=x' not in answer.text


def test_login_page_escapes_its_parameters(browser, web_db):
    from urllib.parse import quote
    crafted = '/web"><script>window.__pwned=1</script>'
    page = browser.get('/web/login?redirect=%s&db=%s' % (quote(crafted), quote(EVIL)))
    assert page.status == 200
    _no_markup_from(page)
    assert page.html().xpath('//input[@name="redirect"]/@value') == [crafted]
    assert page.html().xpath('//select[@name="db"]/option[@selected]/@value') != [EVIL]
    for elsewhere in ('javascript:alert(1)', '//evil.example/', 'https://evil.example/', '/\\evil.example'):
        page = browser.get('/web/login?redirect=' + quote(elsewhere))
        assert page.html().xpath('//input[@name="redirect"]/@value') == ['/web'], elsewhere
    answer = browser.login(web_db, password='wrong', login=EVIL)
    _no_markup_from(answer)
    assert answer.html().xpath('//input[@name="login"]/@value') == [EVIL]


def test_error_pages_escape_the_address(admin_browser):
    from urllib.parse import quote
    missing = admin_browser.get('/web/' + quote(EVIL))
    assert missing.status == 404
    _no_markup_from(missing)
    report = admin_browser.get('/web/report/pdf/%s/1' % quote(EVIL, safe=''))
    assert report.status in (400, 404)
    _no_markup_from(report)
    message = report.html().xpath('//*[contains(@class, "o_error_message")]/text()')
    assert not message or EVIL in message[0] or 'does not exist' in message[0]


def test_download_names_cannot_break_the_header(admin_browser):
    import re
    uploaded = admin_browser.post('/web/binary/upload_attachment',
                                  {'model': 'res.partner', 'id': 1, 'csrf_token': admin_browser.csrf},
                                  files=[('ufile', 'notes.txt', b'hello')]).json()
    name = 'a"b\\c\r\nX-Injected: 1; <script>.txt'
    written = admin_browser.call_kw('ir.attachment', 'write', [[uploaded[0]['id']], {
        'name': name, 'datas_fname': name}], csrf=admin_browser.csrf).json()
    assert written.get('result') is True, written
    answer = admin_browser.get('/web/content/ir.attachment/%d/datas' % uploaded[0]['id'])
    assert answer.status == 200 and answer.body == b'hello'
    assert 'X-Injected' not in answer.headers
    disposition = answer.headers['Content-Disposition']
    assert re.fullmatch(r'attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8\'\'[A-Za-z0-9%._~-]+',
                        disposition), disposition
    assert answer.headers['X-Content-Type-Options'] == 'nosniff'
