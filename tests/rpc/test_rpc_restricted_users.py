"""A user of a restricted group over RPC: refused a model by access rights, limited by record rules."""
import uuid
import xmlrpc.client

import pytest

from addons.base.password import hash_password

ADMIN_PASSWORD = 'admin'
PASSWORD = 'employee pw'


@pytest.fixture
def employee(rpc_db, models, admin_uid):
    """``(uid, login)`` of a new user in the Employee group only (cheap hash, for speed)."""
    def admin(model, method, args, kwargs=None):
        return models.execute_kw(rpc_db, admin_uid, ADMIN_PASSWORD, model, method, args, kwargs or {})
    [group] = admin('ir.model.data', 'search_read', [[('module', '=', 'base'), ('name', '=', 'group_user')]],
                    {'fields': ['res_id']})
    login = 'emp_%s' % uuid.uuid4().hex[:6]
    uid = admin('res.users', 'create', [{'name': login, 'login': login,
                                         'password': hash_password(PASSWORD, rounds=1000),
                                         'groups_id': [(6, 0, [group['res_id']])]}])
    return uid


def test_employee_logs_in_and_is_refused_a_model(rpc_db, common, models, employee):
    assert common.login(rpc_db, models.execute_kw(rpc_db, employee, PASSWORD, 'res.users', 'read',
                                                  [[employee], ['login']])[0]['login'], PASSWORD) == employee
    with pytest.raises(xmlrpc.client.Fault) as info:
        models.execute_kw(rpc_db, employee, PASSWORD, 'test.rpc.secret', 'search_read', [[]])
    assert info.value.faultCode == 4
    assert "You are not allowed to read 'RPC Secret' (test.rpc.secret) records" in info.value.faultString


def test_employee_sees_only_own_items(rpc_db, models, admin_uid, employee):
    theirs = models.execute_kw(rpc_db, admin_uid, ADMIN_PASSWORD, 'test.rpc.item', 'create',
                               [{'name': 'Admin item'}])
    mine = models.execute_kw(rpc_db, employee, PASSWORD, 'test.rpc.item', 'create', [{'name': 'Employee item'}])
    assert models.execute_kw(rpc_db, employee, PASSWORD, 'test.rpc.item', 'search', [[]]) == [mine]
    assert theirs in models.execute_kw(rpc_db, admin_uid, ADMIN_PASSWORD, 'test.rpc.item', 'search', [[]])
    with pytest.raises(xmlrpc.client.Fault) as info:
        models.execute_kw(rpc_db, employee, PASSWORD, 'test.rpc.item', 'write', [[theirs], {'name': 'Mine now'}])
    assert info.value.faultCode == 4
