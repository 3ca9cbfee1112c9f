"""What a client needs to draw screens, over RPC: views (Odoo and 5.0) and the user's menus."""
import uuid

from addons.base.password import hash_password

PASSWORD = 'admin'


def test_get_views(rpc_db, models, admin_uid):
    result = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'get_views',
                               [[[False, 'form'], [False, 'tree'], [False, 'search']]], {})
    assert set(result['views']) == {'form', 'tree', 'search'}
    form = result['views']['form']
    assert form['arch'].startswith('<form') and 'name' in form['fields']
    assert 'res.partner' in result['models']


def test_fields_view_get_of_openerp_5(rpc_db, server, admin_uid):
    import xmlrpc.client
    obj = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/object', allow_none=True)
    view = obj.execute(rpc_db, admin_uid, PASSWORD, 'res.partner', 'fields_view_get', False, 'tree')
    assert view['type'] == 'tree' and view['model'] == 'res.partner'
    assert view['arch'].startswith('<tree') and view['fields']['name']['type'] == 'char'


def test_load_menus_depend_on_the_user_groups(rpc_db, models, admin_uid):
    admin_menus = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'ir.ui.menu', 'load_menus', [False])
    assert all(isinstance(key, str) for key in admin_menus)  # XML-RPC struct keys are strings
    admin_xmlids = {menu['xmlid'] for menu in admin_menus.values()}
    assert 'base.menu_administration' in admin_xmlids

    [group] = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'ir.model.data', 'search_read',
                                [[('module', '=', 'base'), ('name', '=', 'group_user')]], {'fields': ['res_id']})
    login = 'menu_%s' % uuid.uuid4().hex[:6]
    uid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.users', 'create', [{
        'name': login, 'login': login, 'password': hash_password('pw', rounds=1000),
        'groups_id': [(6, 0, [group['res_id']])]}])
    menus = models.execute_kw(rpc_db, uid, 'pw', 'ir.ui.menu', 'load_menus', [False])
    assert 'base.menu_administration' not in {menu['xmlid'] for menu in menus.values()}
