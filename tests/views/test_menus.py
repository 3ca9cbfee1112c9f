"""Menus as a user sees them: only what their groups allow, no empty folders."""


def user_with(env, *group_xmlids):
    groups = [env.ref(x).id for x in ('base.group_user',) + group_xmlids]
    return env['res.users'].create({'name': 'Menu user', 'login': 'menu_user_' + '_'.join(group_xmlids),
                                    'groups_id': [(6, 0, groups)]})


def menu_names(menus, parent_xmlid, env):
    parent = env.ref(parent_xmlid).id
    return [menus[child]['name'] for child in menus[parent]['children']]


def test_load_menus_shape(env):
    menus = env['ir.ui.menu'].load_menus()
    root = env.ref('test_views.menu_orders_root').id
    assert root in menus['root']['children']
    entry = menus[env.ref('test_views.menu_orders').id]
    assert entry['name'] == 'Orders' and entry['parent_id'] == root
    assert entry['action'] == 'ir.actions.act_window,%d' % env.ref('test_views.action_orders').id
    assert entry['xmlid'] == 'test_views.menu_orders' and entry['sequence'] == 1
    assert set(entry) >= {'id', 'name', 'children', 'action', 'parent_id', 'web_icon', 'xmlid', 'sequence'}


def test_menus_follow_groups_implied_groups_and_hide_empty_folders(env):
    plain = env['ir.ui.menu'].with_user(user_with(env)).load_menus()
    assert menu_names(plain, 'test_views.menu_orders_root', env) == ['Dashboard']
    assert env.ref('base.menu_administration').id not in plain['root']['children']

    member = env['ir.ui.menu'].with_user(user_with(env, 'test_views.group_orders')).load_menus()
    assert menu_names(member, 'test_views.menu_orders_root', env) == ['Orders', 'Dashboard']

    # the manager group implies the orders group; "Configuration" has no action and no child
    manager = env['ir.ui.menu'].with_user(user_with(env, 'test_views.group_orders_manager')).load_menus()
    assert menu_names(manager, 'test_views.menu_orders_root', env) == ['Orders', 'Dashboard']
    assert env.ref('test_views.menu_orders_empty').id not in manager


def test_get_user_roots_and_visible_ids(env):
    Menu = env['ir.ui.menu'].with_user(user_with(env))
    roots = Menu.get_user_roots()
    assert env.ref('test_views.menu_orders_root') in roots
    assert env.ref('base.menu_administration') not in roots
    assert env.ref('test_views.menu_orders').id not in Menu._visible_menu_ids()


def test_name_get_is_the_full_path(env):
    menu = env.ref('test_views.menu_orders')
    assert menu.name_get() == [(menu.id, 'Orders/Orders')]
    assert env.ref('base.menu_action_res_users').complete_name == 'Administration/Users/Users'
