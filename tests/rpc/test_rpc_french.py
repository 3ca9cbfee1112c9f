"""A user whose language is French gets French labels and menus over RPC."""
import uuid

import pytest

from addons.base.password import hash_password

PASSWORD = 'admin'


@pytest.fixture
def french_user(rpc_db, models, admin_uid):
    """uid of an employee whose ``lang`` is fr_FR (French loaded in the database first)."""
    from framework.api import Environment, SUPERUSER_ID
    from framework.db import db_connect
    from framework.i18n.languages import load_language
    with db_connect(rpc_db).cursor() as cr:
        load_language(Environment(cr, SUPERUSER_ID, {}), 'fr_FR')
    [group] = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'ir.model.data', 'search_read',
                                [[('module', '=', 'base'), ('name', '=', 'group_user')]], {'fields': ['res_id']})
    login = 'fr_%s' % uuid.uuid4().hex[:6]
    return models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.users', 'create', [{
        'name': login, 'login': login, 'password': hash_password('pw', rounds=1000), 'lang': 'fr_FR',
        'groups_id': [(6, 0, [group['res_id']])]}])


def test_french_labels_through_the_web_session(rpc_db, models, jsonrpc, french_user):
    [user] = models.execute_kw(rpc_db, french_user, 'pw', 'res.users', 'read', [[french_user], ['login']])
    info = jsonrpc.call('/web/session/authenticate', {'db': rpc_db, 'login': user['login'], 'password': 'pw'})
    assert info['user_context']['lang'] == 'fr_FR'
    fields = jsonrpc.call('/web/dataset/call_kw', {'model': 'res.partner', 'method': 'fields_get',
                                                   'args': [['name']], 'kwargs': {'attributes': ['string']}})
    assert fields == {'name': {'string': 'Nom'}}


def test_french_labels_and_menus_with_context_over_xmlrpc(rpc_db, models, french_user):
    context = {'context': {'lang': 'fr_FR'}}
    fields = models.execute_kw(rpc_db, french_user, 'pw', 'res.partner', 'fields_get', [['name']],
                               dict(context, attributes=['string']))
    assert fields == {'name': {'string': 'Nom'}}
    menus = models.execute_kw(rpc_db, french_user, 'pw', 'ir.ui.menu', 'load_menus', [False], context)
    names = {menu['xmlid']: menu['name'] for menu in menus.values()}
    assert names.get('base.menu_base_partner') not in (None, 'Partners')
