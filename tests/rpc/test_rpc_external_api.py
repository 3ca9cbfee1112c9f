"""Odoo's External API over real HTTP with ``xmlrpc.client``: login, CRUD, ORM methods, faults."""
import xmlrpc.client

import pytest

PASSWORD = 'admin'


def fault(call, *args):
    """Return the ``xmlrpc.client.Fault`` that ``call(*args)`` raises."""
    with pytest.raises(xmlrpc.client.Fault) as info:
        call(*args)
    return info.value


def test_version_and_about(common):
    version = common.version()
    assert version['server_serie'] == '1.0' and version['protocol_version'] == 1
    assert 'odoo-crm' in common.about()


def test_login_right_and_wrong_password(rpc_db, common):
    uid = common.login(rpc_db, 'admin', PASSWORD)
    assert isinstance(uid, int) and uid > 1
    assert common.authenticate(rpc_db, 'admin', PASSWORD, {}) == uid
    assert common.login(rpc_db, 'admin', 'wrong') is False
    assert common.authenticate(rpc_db, 'nobody', PASSWORD, {}) is False


def test_wrong_password_on_a_call_is_access_denied(rpc_db, models, admin_uid):
    error = fault(models.execute_kw, rpc_db, admin_uid, 'wrong', 'res.partner', 'search', [[]])
    assert (error.faultCode, error.faultString) == (3, 'Access Denied')


def test_repeated_wrong_passwords_are_throttled(rpc_db, common, models, admin_uid):
    for _ in range(5):
        assert common.login(rpc_db, 'admin', 'wrong') is False
    error = fault(models.execute_kw, rpc_db, admin_uid, 'wrong again', 'res.partner', 'search', [[]])
    assert (error.faultCode, error.faultString) == (
        3, 'Too many login failures, please wait a minute before trying again.')


def test_crud_on_partner(rpc_db, models, admin_uid):
    def call(method, args, kwargs=None):
        return models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', method, args, kwargs or {})
    pid = call('create', [{'name': 'RPC Partner', 'website': 'rpc.example.com', 'date': '2024-02-29'}])
    assert isinstance(pid, int)
    [row] = call('read', [[pid]], {'fields': ['name', 'website', 'date', 'comment', 'user_id']})
    assert row == {'id': pid, 'name': 'RPC Partner', 'website': 'rpc.example.com', 'date': '2024-02-29',
                   'comment': False, 'user_id': False}
    assert call('write', [[pid], {'comment': 'updated', 'user_id': admin_uid}]) is True
    [row] = call('read', [[pid], ['comment', 'user_id']])
    assert row['comment'] == 'updated'
    assert row['user_id'][0] == admin_uid and isinstance(row['user_id'][1], str)  # [id, name]
    assert call('search', [[('name', '=', 'RPC Partner')]]) == [pid]
    assert call('search_count', [[('name', '=', 'RPC Partner')]]) == 1
    assert call('unlink', [[pid]]) is True
    assert call('search', [[('name', '=', 'RPC Partner')]]) == []


def test_create_many_returns_ids(rpc_db, models, admin_uid):
    ids = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create',
                            [[{'name': 'Many A'}, {'name': 'Many B'}]])
    assert isinstance(ids, list) and len(ids) == 2


def test_search_read_with_kwargs_and_datetimes(rpc_db, models, admin_uid):
    models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create', [{'name': 'SR Zulu'}])
    models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create', [{'name': 'SR Alpha'}])
    rows = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'search_read',
                             [[('name', 'like', 'SR %')]],
                             {'fields': ['name', 'create_date'], 'order': 'name desc', 'limit': 1})
    assert [r['name'] for r in rows] == ['SR Zulu']
    assert len(rows[0]['create_date']) == 19 and rows[0]['create_date'][10] == ' '  # 'YYYY-MM-DD HH:MM:SS'


def test_fields_get(rpc_db, models, admin_uid):
    fields = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'fields_get', [],
                               {'attributes': ['string', 'type', 'relation']})
    assert fields['name'] == {'string': 'Name', 'type': 'char'}
    assert fields['user_id']['relation'] == 'res.users'


def test_name_search_and_name_get(rpc_db, models, admin_uid):
    pid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create', [{'name': 'Quixotic Ltd'}])
    found = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'name_search', ['Quixotic'],
                              {'limit': 5})
    assert found == [[pid, 'Quixotic Ltd']]


def test_read_group(rpc_db, models, admin_uid):
    for name, supplier in (('RG one', True), ('RG two', True), ('RG three', False)):
        models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create',
                          [{'name': name, 'supplier': supplier}])
    groups = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'read_group',
                               [[('name', 'like', 'RG %')], ['supplier'], ['supplier']], {'lazy': True})
    counts = {g['supplier']: g['supplier_count'] for g in groups}
    assert counts == {True: 2, False: 1}


def test_copy_with_default(rpc_db, models, admin_uid):
    pid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create',
                            [{'name': 'Original', 'website': 'o.example.com'}])
    copy_id = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'copy', [pid],
                                {'default': {'name': 'The Copy'}})
    assert copy_id != pid
    [row] = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'read', [[copy_id], ['name', 'website']])
    assert (row['name'], row['website']) == ('The Copy', 'o.example.com')


def test_public_method_with_keyword_arguments(rpc_db, models, admin_uid):
    pid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create', [{'name': 'No Address'}])
    result = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'address_get', [[pid]],
                               {'adr_pref': ['invoice', 'delivery']})
    assert result == {'invoice': False, 'delivery': False}


def test_context_in_kwargs(rpc_db, models, admin_uid):
    pid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create',
                            [{'name': 'Archived One', 'active': False}])
    search = [[('name', '=', 'Archived One')]]
    assert models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'search', search) == []
    assert models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'search', search,
                             {'context': {'active_test': False}}) == [pid]


def test_binary_travels_as_base64_and_big_integers_as_strings(rpc_db, models, admin_uid):
    oid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'create',
                            [{'name': 'BIN', 'data': 'aGVsbG8=', 'amount': 2.5}])
    [row] = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'read',
                              [[oid], ['data', 'amount', 'day']])
    assert (row['data'], row['amount'], row['day']) == ('aGVsbG8=', 2.5, False)
    assert models.execute_kw(rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'big_number', []) == str(2 ** 40)


def test_model_method_with_keyword_arguments(rpc_db, models, admin_uid):
    assert models.execute_kw(rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'greet', ['Ada'],
                             {'punctuation': '?'}) == 'Hello Ada?'


@pytest.mark.parametrize('method, args, code, message', [
    ('write', [[987654321], {'name': 'x'}], 2, 'does not exist'),
    ('nonexistent_method', [[]], 1, "The method 'nonexistent_method' does not exist on the model 'res.partner'"),
    ('_check_credentials', [[1], 'x'], 4, 'Private methods (such as res.partner._check_credentials)'),
    ('search', [[('name', 'like')]], 2, 'Invalid domain'),
])
def test_faults(rpc_db, models, admin_uid, method, args, code, message):
    error = fault(models.execute_kw, rpc_db, admin_uid, PASSWORD, 'res.partner', method, args)
    assert error.faultCode == code
    assert message in error.faultString
    assert 'Traceback' not in error.faultString and '\n' not in error.faultString


def test_validation_error_is_a_warning_and_writes_nothing(rpc_db, models, admin_uid):
    error = fault(models.execute_kw, rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'create',
                  [{'name': 'HALF', 'priority': -1}])
    assert (error.faultCode, error.faultString) == (2, 'The priority of HALF cannot be negative.')
    assert models.execute_kw(rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'search',
                             [[('name', '=', 'HALF')]]) == []


def test_user_error_after_a_write_leaves_nothing_written(rpc_db, models, admin_uid):
    oid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'create', [{'name': 'Before'}])
    error = fault(models.execute_kw, rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'write_then_fail',
                  [[oid], 'After'])
    assert (error.faultCode, error.faultString) == (2, 'Failed after writing.')
    [row] = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'read', [[oid], ['name']])
    assert row['name'] == 'Before'


def test_unknown_model_is_a_fault(rpc_db, models, admin_uid):
    error = fault(models.execute_kw, rpc_db, admin_uid, PASSWORD, 'no.such.model', 'search', [[]])
    assert error.faultString == "Object no.such.model doesn't exist"


def test_unknown_database_is_a_one_line_fault(models):
    error = fault(models.execute_kw, 'test_no_such_db', 2, PASSWORD, 'res.partner', 'search', [[]])
    assert error.faultCode == 1 and "database 'test_no_such_db' does not exist" in error.faultString


def test_method_private_by_decorator_is_refused(rpc_db, models, admin_uid):
    error = fault(models.execute_kw, rpc_db, admin_uid, PASSWORD, 'test.rpc.item', 'internal_total', [[]])
    assert error.faultCode == 4 and 'Private methods (such as test.rpc.item.internal_total)' in error.faultString


def test_entity_tricks_are_refused(server):
    import urllib.request
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<methodCall><methodName>version</methodName><params><param><value>&lol2;</value></param>'
            b'</params></methodCall>')
    external = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                b'<methodCall><methodName>about</methodName><params><param><value>&xxe;</value>'
                b'</param></params></methodCall>')
    for body in (bomb, external):
        request = urllib.request.Request(f'{server}/xmlrpc/2/common', data=body,
                                         headers={'Content-Type': 'text/xml'})
        with urllib.request.urlopen(request) as response:
            text = response.read().decode()
        with pytest.raises(xmlrpc.client.Fault) as info:
            xmlrpc.client.loads(text)
        assert info.value.faultString == 'XML-RPC requests may not contain a DTD or entity declarations'


def test_oversized_body_is_refused(server, monkeypatch):
    import urllib.error
    import urllib.request
    from framework.config import config
    monkeypatch.setitem(config.options, 'limit_request_body', 1000)
    request = urllib.request.Request(f'{server}/xmlrpc/2/common', data=b'x' * 5000,
                                     headers={'Content-Type': 'text/xml'})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request)
    assert info.value.code == 413
