"""The ``db`` service: database management over XML-RPC, guarded by the master password."""
import base64
import io
import os
import uuid
import xmlrpc.client
import zipfile

import pytest

from framework.config import config

MASTER = 'admin'  # the default admin_passwd


@pytest.fixture
def db(server):
    return xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/db', allow_none=True)


@pytest.fixture
def new_name(pg_server):
    """Factory of database names for this test; whatever was created is dropped after it."""
    from framework.db import admin
    from framework.orm.registry import Registry
    names = []

    def make():
        names.append(f'test_{os.getpid()}_db_{uuid.uuid4().hex[:6]}')  # dropped by the session too
        return names[-1]
    yield make
    for name in names:
        Registry.delete(name)
        if admin.exists(name):
            admin.drop_db(name)


def test_list_exist_and_version(db, rpc_db):
    assert rpc_db in db.list()
    assert db.exist_db(rpc_db) is True and db.db_exist('test_no_such_db') is False
    assert db.server_version() == '1.0'
    assert ['fr_FR', 'French (France)'] in db.list_lang()


def test_list_refused_when_list_db_is_off(db, monkeypatch):
    monkeypatch.setitem(config.options, 'list_db', False)
    with pytest.raises(xmlrpc.client.Fault) as info:
        db.list()
    assert info.value.faultCode == 3


def test_wrong_master_password_is_access_denied(db, rpc_db, new_name):
    for call in (lambda: db.drop('wrong', rpc_db),
                 lambda: db.create_database('wrong', new_name(), False, 'en_US', 'pw'),
                 lambda: db.duplicate_database('wrong', rpc_db, new_name()),
                 lambda: db.dump('wrong', rpc_db)):
        with pytest.raises(xmlrpc.client.Fault) as info:
            call()
        assert (info.value.faultCode, info.value.faultString) == (3, 'Access Denied')
    assert db.exist_db(rpc_db)


def test_create_login_and_drop(server, db, new_name):
    name = new_name()
    assert db.create_database(MASTER, name, False, 'fr_FR', 'secret', 'boss') is True
    common = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/common')
    uid = common.authenticate(name, 'boss', 'secret', {})
    assert uid and common.authenticate(name, 'admin', 'admin', {}) is False
    models = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/object')
    [user] = models.execute_kw(name, uid, 'secret', 'res.users', 'read', [[uid], ['lang']])
    assert user['lang'] == 'fr_FR'
    assert db.drop(MASTER, name) is True
    assert db.exist_db(name) is False and db.drop(MASTER, name) is False


def test_bad_database_name_is_refused(db):
    with pytest.raises(xmlrpc.client.Fault) as info:
        db.create_database(MASTER, 'bad name; drop', False, 'en_US', 'pw')
    assert info.value.faultCode == 2 and 'Invalid database name' in info.value.faultString


def test_duplicate_dump_and_restore(server, db, rpc_db, new_name):
    copy = new_name()
    assert db.duplicate_database(MASTER, rpc_db, copy) is True
    common = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/common')
    assert common.login(copy, 'admin', 'admin')
    data = db.dump(MASTER, copy)
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(data))) as archive:
        assert {'dump.sql', 'manifest.json'} <= set(archive.namelist())
    restored = new_name()
    assert db.restore(MASTER, restored, data) is True
    assert common.login(restored, 'admin', 'admin')
    with pytest.raises(xmlrpc.client.Fault) as info:
        db.restore(MASTER, new_name(), base64.b64encode(b'not a zip').decode())
    assert 'not a zip file' in info.value.faultString


def test_change_admin_password_saves_a_hash(db, tmp_path, monkeypatch):
    from framework.service import master
    rc = tmp_path / 'odoo.rc'
    monkeypatch.setitem(config.options, 'config', str(rc))
    monkeypatch.setitem(config.options, 'admin_passwd', MASTER)
    assert db.change_admin_password(MASTER, 'n3w-master') is True
    assert 'admin_passwd = $pbkdf2-sha512$' in rc.read_text()
    with pytest.raises(xmlrpc.client.Fault):
        db.drop(MASTER, 'test_no_such_db')
    assert db.drop('n3w-master', 'test_no_such_db') is False
    master._verified.clear()
