"""JSON-RPC: ``/jsonrpc`` (service/method/args) and the web session endpoints client libraries use."""

PASSWORD = 'admin'


def jcall(jsonrpc, service, method, *args):
    return jsonrpc.post('/jsonrpc', {'service': service, 'method': method, 'args': list(args)})


def test_jsonrpc_login_and_crud(rpc_db, jsonrpc):
    uid = jcall(jsonrpc, 'common', 'login', rpc_db, 'admin', PASSWORD)['result']
    assert uid > 1
    assert jcall(jsonrpc, 'common', 'login', rpc_db, 'admin', 'wrong')['result'] is False

    def kw(method, args, kwargs=None):
        answer = jcall(jsonrpc, 'object', 'execute_kw', rpc_db, uid, PASSWORD, 'res.partner', method, args,
                       kwargs or {})
        assert 'error' not in answer, answer
        return answer['result']
    pid = kw('create', [{'name': 'Jason', 'date': '2023-01-31'}])
    assert kw('write', [[pid], {'ref': 'J1'}]) is True
    assert kw('read', [[pid], ['name', 'ref', 'date', 'user_id']]) == [
        {'id': pid, 'name': 'Jason', 'ref': 'J1', 'date': '2023-01-31', 'user_id': False}]
    assert kw('unlink', [[pid]]) is True
    answer = jcall(jsonrpc, 'object', 'execute', rpc_db, uid, PASSWORD, 'res.partner', 'search',
                   [('name', '=', 'Jason')])
    assert answer['result'] == []


def test_jsonrpc_error_shape(rpc_db, jsonrpc):
    uid = jcall(jsonrpc, 'common', 'login', rpc_db, 'admin', PASSWORD)['result']
    answer = jcall(jsonrpc, 'object', 'execute_kw', rpc_db, uid, PASSWORD, 'test.rpc.item', 'create',
                   [{'name': 'J neg', 'priority': -1}], {})
    assert answer['error'] == {
        'code': 200, 'message': 'Odoo Server Error',
        'data': {'name': 'odoo.exceptions.ValidationError',
                 'message': 'The priority of J neg cannot be negative.',
                 'arguments': ['The priority of J neg cannot be negative.'], 'debug': '', 'context': {}}}
    denied = jcall(jsonrpc, 'object', 'execute_kw', rpc_db, uid, 'wrong', 'res.partner', 'search', [[]], {})
    assert denied['error']['data']['name'] == 'odoo.exceptions.AccessDenied'
    assert denied['error']['data']['message'] == 'Access Denied'
    private = jcall(jsonrpc, 'object', 'execute_kw', rpc_db, uid, PASSWORD, 'res.partner', '_read', [[]], {})
    assert private['error']['data']['name'] == 'odoo.exceptions.AccessError'
    unknown = jcall(jsonrpc, 'nosuch', 'method')
    assert unknown['error']['data']['name'] == 'builtins.AttributeError'


def test_malformed_request_is_a_jsonrpc_error(jsonrpc):
    answer = jsonrpc.post('/jsonrpc', raw=b'{not json')
    assert answer['error']['code'] == 200 and 'not JSON' in answer['error']['data']['message']


def test_web_session_and_call_kw(rpc_db, jsonrpc):
    info = jsonrpc.call('/web/session/authenticate', {'db': rpc_db, 'login': 'admin', 'password': PASSWORD})
    assert info['uid'] > 1 and info['db'] == rpc_db and info['username'] == 'admin'
    assert info['user_context']['uid'] == info['uid']
    assert any(cookie.name == 'session_id' for cookie in jsonrpc.cookies)

    assert jsonrpc.call('/web/session/get_session_info')['uid'] == info['uid']
    pid = jsonrpc.call('/web/dataset/call_kw/res.partner/create', {
        'model': 'res.partner', 'method': 'create', 'args': [{'name': 'Webby'}], 'kwargs': {}})
    rows = jsonrpc.call('/web/dataset/call_kw', {
        'model': 'res.partner', 'method': 'search_read', 'args': [[('id', '=', pid)]],
        'kwargs': {'fields': ['name'], 'context': {'active_test': False}}})
    assert rows == [{'id': pid, 'name': 'Webby'}]
    assert jsonrpc.call('/web/dataset/call_kw', {
        'model': 'res.partner', 'method': 'write', 'args': [[pid], {'name': 'Webbier'}], 'kwargs': {}}) is True
    assert jsonrpc.call('/web/dataset/call_kw', {
        'model': 'res.partner', 'method': 'name_search', 'args': ['Webbier'], 'kwargs': {'limit': 1}}) \
        == [[pid, 'Webbier']]
    assert jsonrpc.call('/web/dataset/call_kw', {
        'model': 'test.rpc.item', 'method': 'greet', 'args': [], 'kwargs': {'name': 'Web'}}) == 'Hello Web!'
    error = jsonrpc.post('/web/dataset/call_kw', {
        'model': 'res.partner', 'method': 'write', 'args': [[987654321], {'name': 'x'}], 'kwargs': {}})
    assert error['error']['data']['name'] == 'odoo.exceptions.MissingError'

    jsonrpc.call('/web/session/destroy')
    expired = jsonrpc.post('/web/session/get_session_info')
    assert expired['error']['code'] == 100
    assert expired['error']['data']['name'] == 'odoo.http.SessionExpiredException'


def test_web_authenticate_wrong_password(rpc_db, jsonrpc):
    answer = jsonrpc.post('/web/session/authenticate', {'db': rpc_db, 'login': 'admin', 'password': 'nope'})
    assert answer['error']['data']['name'] == 'odoo.exceptions.AccessDenied'
    assert not any(cookie.name == 'session_id' for cookie in jsonrpc.cookies)


def test_call_kw_without_session_is_session_expired(jsonrpc):
    answer = jsonrpc.post('/web/dataset/call_kw', {'model': 'res.partner', 'method': 'search',
                                                   'args': [[]], 'kwargs': {}})
    assert answer['error']['code'] == 100


def test_session_is_seen_by_another_client_with_the_cookie(rpc_db, server, jsonrpc):
    """Sessions live in the database: any process (here a second client) finds them by cookie."""
    from .conftest import JsonRpc
    jsonrpc.call('/web/session/authenticate', {'db': rpc_db, 'login': 'admin', 'password': PASSWORD})
    other = JsonRpc(server)
    for cookie in jsonrpc.cookies:
        other.cookies.set_cookie(cookie)
    assert other.call('/web/session/get_session_info')['db'] == rpc_db


def test_version_info_and_database_list(rpc_db, jsonrpc):
    assert jsonrpc.call('/web/webclient/version_info')['server_serie'] == '1.0'
    assert rpc_db in jsonrpc.call('/web/database/list')
