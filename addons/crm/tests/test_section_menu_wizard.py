"""Scenario 33: "Create menus for a case section" builds a section's menu tree of case lists."""
import time

import pytest

from framework.data.safe_eval import safe_eval
from framework.exceptions import AccessError


@pytest.fixture
def support(env):
    return env.ref('crm.section_support')


@pytest.fixture
def parent_menu(env):
    return env['ir.ui.menu'].create({'name': 'Helpdesk Menus', 'parent_id': env.ref('crm.menu_crm').id})


def run_wizard(env, support, parent_menu, **step2):
    wizard = env['crm.case.section.menu'].create(
        {'menu_name': 'Helpdesk', 'menu_parent_id': parent_menu.id, 'section_id': support.id})
    proposal = wizard.action_propose()
    assert proposal['res_id'] == wizard.id
    assert proposal['view_id'] == env.ref('crm.crm_case_section_menu_view_menus').id
    if step2:
        wizard.write(step2)
    assert wizard.action_create_menus() == {'type': 'ir.actions.act_window_close'}
    return wizard


def tree_of(env, menu):
    """``{name: tree of children}`` below `menu`."""
    children = env['ir.ui.menu'].search([('parent_id', '=', menu.id)])
    return {child.name: tree_of(env, child) for child in children}


def open_menu(env, menu, user=None):
    """The cases the menu's action lists for `user` (its domain evaluated as the client does)."""
    action = menu.action
    uid = (user or env.user).id
    domain = safe_eval(action.domain or '[]', {'uid': uid, 'time': time})
    return env['crm.case'].search(domain)


def test_the_step_2_proposal_defaults(env, support, parent_menu):
    wizard = env['crm.case.section.menu'].create(
        {'menu_name': 'Helpdesk', 'menu_parent_id': parent_menu.id, 'section_id': support.id})
    wizard.action_propose()
    assert wizard.state == 'menus'
    assert wizard.menu1 == 'My Helpdesk' and wizard.menu1_option == 'tree,form,calendar'
    assert wizard.menu4 == 'My Canceled Helpdesk' and wizard.menu4_option == 'no'
    assert wizard.menu16 == 'All Unclosed and Unassigned Helpdesk' and wizard.menu16_option == 'no'
    assert wizard.menu17 == 'New Helpdesk' and wizard.menu17_option == 'form,tree,calendar'


def test_default_menus_make_the_5_0_tree(env, support, parent_menu):
    run_wizard(env, support, parent_menu)
    assert tree_of(env, parent_menu) == {
        'My Helpdesk': {
            'My Unclosed Helpdesk': {'My Open Helpdesk': {}, 'My Pending Helpdesk': {}, 'My Draft Helpdesk': {}},
            'My Late Helpdesk': {},
        },
        'All Helpdesk': {
            'All Unclosed Helpdesk': {'All Open Helpdesk': {}, 'All Pending Helpdesk': {},
                                      'All Draft Helpdesk': {}},
        },
        'New Helpdesk': {},
    }
    assert not env['ir.ui.menu'].search([('name', '=', 'My Canceled Helpdesk')])


def test_new_opens_a_form_and_lists_have_their_views(env, support, parent_menu):
    run_wizard(env, support, parent_menu)
    new = env['ir.ui.menu'].search([('name', '=', 'New Helpdesk')])
    assert new.action.view_mode == 'form,tree,calendar'
    assert new.icon == 'STOCK_NEW'
    assert [v.view_mode for v in new.action.view_ids.sorted(lambda v: v.sequence)] == ['form', 'tree', 'calendar']
    assert safe_eval(new.action.context)['default_section_id'] == support.id
    my_open = env['ir.ui.menu'].search([('name', '=', 'My Open Helpdesk')])
    assert my_open.icon == 'STOCK_JUSTIFY_FILL'
    binding = env['ir.values'].search([('model', '=', 'ir.ui.menu'), ('res_id', '=', my_open.id),
                                       ('key2', '=', 'tree_but_open')])
    assert binding.value == 'ir.actions.act_window,%d' % my_open.action.id


def test_my_open_lists_only_open_section_cases_of_the_current_user(env, support, parent_menu):
    run_wizard(env, support, parent_menu)
    Case = env['crm.case']
    me, other = env.user, env.ref('base.user_demo')
    sales = env.ref('crm.section_sales')
    mine_open = Case.create({'name': 'mine open', 'section_id': support.id, 'user_id': me.id})
    mine_open.case_open()
    mine_draft = Case.create({'name': 'mine draft', 'section_id': support.id, 'user_id': me.id})
    theirs_open = Case.create({'name': 'theirs open', 'section_id': support.id, 'user_id': other.id})
    theirs_open.case_open()
    other_section = Case.create({'name': 'sales open', 'section_id': sales.id, 'user_id': me.id})
    other_section.case_open()

    my_open = env['ir.ui.menu'].search([('name', '=', 'My Open Helpdesk')])
    listed = open_menu(env, my_open)
    assert mine_open in listed
    assert not listed & (mine_draft | theirs_open | other_section)
    assert all(case.section_id == support and case.user_id == me and case.state == 'open' for case in listed)

    all_open = open_menu(env, env['ir.ui.menu'].search([('name', '=', 'All Open Helpdesk')]))
    assert mine_open | theirs_open <= all_open and other_section not in all_open
    assert open_menu(env, my_open, other) & theirs_open == theirs_open


def test_late_menus_compare_the_deadline_with_today(env, support, parent_menu):
    run_wizard(env, support, parent_menu, menu3_option='tree,form')
    Case = env['crm.case']
    late = Case.create({'name': 'late', 'section_id': support.id, 'date_deadline': '2000-01-01 00:00:00'})
    later = Case.create({'name': 'later', 'section_id': support.id, 'date_deadline': '2999-01-01 00:00:00'})
    listed = open_menu(env, env['ir.ui.menu'].search([('name', '=', 'My Late Helpdesk')]))
    assert late in listed and later not in listed


def test_an_entry_not_created_leaves_its_children_to_the_parent(env, support, parent_menu):
    run_wizard(env, support, parent_menu, menu1_option='no', menu8_option='no', menu12_option='no',
               menu17_option='no', menu4_option='tree,form')
    names = set(tree_of(env, parent_menu))
    # "My" gone: its children hang directly under the chosen menu
    assert {'My Unclosed Helpdesk', 'My Late Helpdesk', 'My Canceled Helpdesk',
            'All Open Helpdesk', 'All Pending Helpdesk', 'All Draft Helpdesk'} == names


def test_renamed_entries_keep_the_given_names(env, support, parent_menu):
    run_wizard(env, support, parent_menu, menu1='Mine', menu5='Mine, open')
    assert env['ir.ui.menu'].search([('name', '=', 'Mine, open')]).parent_id.parent_id.name == 'Mine'


def test_the_wizard_is_a_configuration_entry_for_managers(env, support, parent_menu):
    menu = env.ref('crm.menu_wizard_case_section_menu')
    assert menu.complete_name == 'CRM & SRM/Configuration/Create menus for a case section'
    assert menu.action.res_model == 'crm.case.section.menu' and menu.action.target == 'new'
    user = env.ref('base.user_demo')                           # a CRM user, not a manager
    with pytest.raises(AccessError):
        env['crm.case.section.menu'].with_user(user).create(
            {'menu_name': 'X', 'menu_parent_id': parent_menu.id, 'section_id': support.id})
    # a CRM manager who is no administrator still gets the menus created
    user.write({'groups_id': [(4, env.ref('crm.group_crm_manager').id)]})
    env_user = env(user=user)
    run_wizard(env_user, support.with_env(env_user), parent_menu.with_env(env_user))
    assert 'My Helpdesk' in tree_of(env, parent_menu)


def test_section_menu_create_builds_the_fixed_set(env, support, parent_menu):
    support.menu_create('Support Desk', parent_menu.id)
    root = env['ir.ui.menu'].search([('parent_id', '=', parent_menu.id)])
    assert root.name == 'Support Desk' and root.action.view_mode == 'form,tree'
    children = env['ir.ui.menu'].search([('parent_id', '=', root.id)])
    assert len(children) == 16
    assert 'My Open Support Desk Cases' in children.mapped('name')
