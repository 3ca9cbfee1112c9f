"""The screens of the 5.0 module list: its 17 views, its 18 menus, and what a CRM user sees."""
import pytest

from framework.data.safe_eval import safe_eval

#: (view name, type) exactly as the 5.0 module list gives them
SEED_VIEWS = [
    ('res.partner.events.form', 'tree'),
    ('crm.case.section.form', 'form'),
    ('crm.case.section.tree', 'tree'),
    ('crm.case.categ.form', 'form'),
    ('crm.case.categ.tree', 'tree'),
    ('crm.case.rule.form', 'form'),
    ('crm.case.rule.tree', 'tree'),
    ('crm.case.log.tree', 'tree'),
    ('crm.case.history.tree', 'tree'),
    ('crm.case.calendar', 'calendar'),
    ('crm.case.tree', 'tree'),
    ('crm.case.form', 'form'),
    ('crm.case.history.form', 'form'),
    ('crm.segmentation.line.tree', 'tree'),
    ('crm.segmentation.line.form', 'form'),
    ('crm.segmentation.form', 'form'),
    ('crm.segmentation.tree', 'tree'),
]

#: the 18 menu paths of the 5.0 module list
SEED_MENUS = [
    'CRM & SRM',
    'CRM & SRM/Configuration',
    'CRM & SRM/Configuration/Cases',
    'CRM & SRM/Configuration/Cases/Sections',
    'CRM & SRM/All Cases',
    'CRM & SRM/All Cases/Cases by section',
    'CRM & SRM/Configuration/Cases/Categories',
    'CRM & SRM/Configuration/Cases/Rules',
    'CRM & SRM/All Cases/All Cases',
    'CRM & SRM/All Cases/All Cases/Open Cases',
    'CRM & SRM/All Cases/My cases',
    'CRM & SRM/All Cases/My cases/My Open Cases',
    'CRM & SRM/All Cases/Cases Histories',
    'CRM & SRM/All Cases/Cases Histories/All Histories',
    'CRM & SRM/All Cases/Cases Histories/My Histories',
    'CRM & SRM/Configuration/Segmentations',
    'CRM & SRM/Configuration/Segmentations/Segmentations',
    'CRM & SRM/Configuration/Create menus for a case section',
]


def crm_records(env, model):
    """The records of `model` created by the crm addon's data files."""
    data = env['ir.model.data'].search([('module', '=', 'crm'), ('model', '=', model)])
    return env[model].browse(data.mapped('res_id'))


def crm_menu_paths(env):
    return sorted(crm_records(env, 'ir.ui.menu').mapped('complete_name'))


def test_the_17_views_of_the_module_list_exist_with_their_types(env):
    views = crm_records(env, 'ir.ui.view')
    found = {(view.name, view.type) for view in views}
    assert sorted(set(SEED_VIEWS) - found) == []
    # beyond the seed list: the Business Opportunities graph and the wizard's two steps
    assert ('crm.case.graph', 'graph') in found
    for name, _type in SEED_VIEWS:
        assert len(views.filtered(lambda v: v.name == name)) == 1, name


def test_every_crm_view_validates_against_its_model(env):
    for view in crm_records(env, 'ir.ui.view'):
        view._validate_combined()        # raises ValidationError naming the first problem
        description = env[view.model].fields_view_get(view.id, view.type)
        assert description['name'] == view.name


def test_the_partner_history_list_describes_partner_events(env):
    view = env.ref('crm.res_partner_events-wopartner-view')
    assert view.model == 'res.partner.event'
    description = env['res.partner.event'].fields_view_get(view_type='tree')
    assert description['name'] == 'res.partner.events.form'
    from lxml import etree
    columns = [node.get('name') for node in etree.fromstring(description['arch']).iter('field')]
    assert columns == ['date', 'name', 'som', 'type', 'partner_type']
    assert 'partner_id' not in description['fields']


def test_case_views_through_get_views(env):
    result = env['crm.case'].get_views([(False, 'form'), (False, 'tree'), (False, 'calendar'),
                                         (False, 'graph')])
    views = result['views']
    assert views['form']['name'] == 'crm.case.form'
    assert views['tree']['name'] == 'crm.case.tree'
    assert views['calendar']['name'] == 'crm.case.calendar'
    assert views['graph']['name'] == 'crm.case.graph'
    assert 'date_start="date"' in views['calendar']['arch']
    assert 'date_stop="date_deadline"' in views['calendar']['arch']
    case_fields = result['models']['crm.case']
    for name in ('name', 'section_id', 'priority', 'state', 'history_line', 'log_ids',
                 'planned_revenue', 'planned_cost', 'date_deadline'):
        assert name in case_fields, name
    assert case_fields['section_id']['required']
    assert 'note' in result['models']['crm.case.history']


def test_case_form_shows_state_buttons_by_state(env):
    from lxml import etree
    arch = etree.fromstring(env['crm.case'].fields_view_get(view_type='form')['arch'])
    buttons = {b.get('name'): b.get('states') for b in arch.iter('button') if b.get('type') == 'object'}
    assert buttons['case_close'] == 'open,draft,pending'
    assert buttons['case_open'] == 'draft,pending'
    assert buttons['case_cancel'] == 'draft,open,pending'
    assert buttons['case_pending'] == 'draft,open'
    assert buttons['case_escalate'] == 'open,draft,pending'
    assert buttons['case_reset'] == 'done,cancel'
    assert buttons['remind_partner'] == buttons['remind_user'] == 'open,pending'
    for name in ('case_log', 'case_log_reply', 'add_reply'):
        assert name in buttons
    # scenario 7: a cancelled case shows Reset to Draft only among the state buttons
    shown = sorted(name for name in ('case_close', 'case_open', 'case_cancel', 'case_pending',
                                     'case_escalate', 'case_reset')
                   if 'cancel' in buttons[name].split(','))
    assert shown == ['case_reset']
    pages = [page.get('string') for page in arch.iter('page')]
    assert pages == ['General', 'Extra Info', 'History']


def test_the_18_menus_of_the_module_list(env):
    assert crm_menu_paths(env) == sorted(SEED_MENUS)
    assert env.ref('crm.menu_crm').icon == 'terp-crm'


def _action(env, menu_xmlid):
    return env.ref(menu_xmlid).action


def test_case_menus_open_their_lists(env):
    uid = env.uid
    expectations = {
        'crm.menu_crm_case_categ0-act': ('crm.case', []),
        'crm.menu_crm_case_categ0-act_open': ('crm.case', [('state', 'not in', ('done', 'cancel', 'pending'))]),
        'crm.menu_crm_case_categ0-act_my': ('crm.case', [('user_id', '=', uid)]),
        'crm.menu_crm_case_categ0-act_my_open': (
            'crm.case', [('user_id', '=', uid), ('state', 'not in', ('done', 'cancel', 'pending'))]),
        'crm.menu_crm_case_history-act': ('crm.case.history', []),
        'crm.menu_crm_case_history_my-act': ('crm.case.history', [('user_id', '=', uid)]),
        'crm.menu_crm_case_section_act': ('crm.case.section', []),
        'crm.menu_crm_case_categ-act': ('crm.case.categ', []),
        'crm.menu_crm_case_rule-act': ('crm.case.rule', []),
        'crm.menu_crm_segmentation-act': ('crm.segmentation', []),
        'crm.menu_crm_case_section_act_tree': ('crm.case.section', [('parent_id', '=', False)]),
    }
    for menu_xmlid, (model, domain) in expectations.items():
        action = _action(env, menu_xmlid)
        assert action.res_model == model, menu_xmlid
        assert safe_eval(action.domain or '[]', {'uid': uid}) == domain, menu_xmlid
    assert _action(env, 'crm.menu_crm_case_categ0-act_my').view_mode == 'tree,form,calendar'
    assert _action(env, 'crm.menu_crm_case_categ0-act').view_id.name == 'crm.case.tree'


def test_cases_by_section_opens_the_cases_of_the_section_and_its_children(env):
    """Scenario 35: top-level sections expand to their children; opening one lists its subtree's cases."""
    action = _action(env, 'crm.menu_crm_case_section_act_tree')
    assert action.view_type == 'tree'
    tree = env['crm.case.section'].fields_view_get(action.view_id.id, 'tree')
    assert tree['field_parent'] == 'child_ids'
    support = env.ref('crm.section_support')
    level1 = env.ref('crm.section_support1')
    tops = env['crm.case.section'].search(safe_eval(action.domain))
    assert support in tops and level1 not in tops
    assert support.child_ids == level1

    binding = env['ir.values'].search([('key2', '=', 'tree_but_open'), ('model', '=', 'crm.case.section')])
    assert binding.value == 'ir.actions.act_window,%d' % env.ref('crm.crm_case_section_open_act').id
    open_action = env.ref('crm.crm_case_section_open_act')
    cases = env['crm.case'].search(safe_eval(open_action.domain, {'active_id': support.id}))
    assert env.ref('crm.case_printer') in cases           # in Support
    assert env.ref('crm.case_login') in cases             # in Support Level 1
    assert env.ref('crm.case_laptops') not in cases       # in Sales


def test_open_cases_shortcuts_are_bound_to_related_records(env):
    for xmlid, model in (('act_crm_case_section_crm_case_opened', 'crm.case.section'),
                         ('act_crm_case_categ_crm_case_opened', 'crm.case.categ'),
                         ('act_res_partner_2_crm_case_opened', 'res.partner'),
                         ('act_res_partner_canal_2_crm_case_opened', 'res.partner.canal'),
                         ('act_res_users_2_crm_case_opened', 'res.users')):
        action = env.ref('crm.' + xmlid)
        assert action.res_model == 'crm.case' and action.src_model == model
        binding = env['ir.values'].search([('model', '=', model), ('key2', '=', 'client_action_relate'),
                                           ('value', '=', 'ir.actions.act_window,%d' % action.id)])
        assert binding, xmlid
    agrolait = env.ref('base.res_partner_agrolait')
    action = env.ref('crm.act_res_partner_2_crm_case_opened')
    cases = env['crm.case'].search(safe_eval(action.domain, {'active_id': agrolait.id}))
    assert env.ref('crm.case_printer') in cases
    assert all(case.state not in ('done', 'cancel', 'pending') for case in cases)


def _menu_names(env, result):
    return {result[key]['name'] for key in result if key != 'root'}


def _paths(env, result):
    menus = env['ir.ui.menu'].browse([key for key in result if key != 'root'])
    return {menu.complete_name for menu in menus}


@pytest.fixture
def crm_user(env):
    """The demo user, a CRM User (not a manager)."""
    user = env.ref('base.user_demo')
    assert env.ref('crm.group_crm_user') in user.groups_id
    assert env.ref('crm.group_crm_manager') not in user.groups_id
    return user


def test_a_crm_user_sees_the_cases_but_not_the_configuration(env, crm_user):
    menus = env['ir.ui.menu'].with_user(crm_user).load_menus()
    paths = _paths(env, menus)
    assert 'CRM & SRM/All Cases/My cases/My Open Cases' in paths
    assert 'CRM & SRM/All Cases/Cases Histories/My Histories' in paths
    assert not [path for path in paths if path.startswith('CRM & SRM/Configuration')]
    root = env.ref('crm.menu_crm').id
    assert root in menus['root']['children']
    children = [menus[child]['name'] for child in menus[root]['children']]
    assert children == ['All Cases']


def test_a_crm_manager_sees_all_18_menus(env, crm_user):
    crm_user.write({'groups_id': [(4, env.ref('crm.group_crm_manager').id)]})
    paths = _paths(env, env['ir.ui.menu'].with_user(crm_user).load_menus())
    assert sorted(path for path in paths if path.startswith('CRM & SRM')) == sorted(SEED_MENUS)


def test_a_user_without_crm_group_does_not_see_the_crm(env):
    user = env['res.users'].create({'name': 'Clerk', 'login': 'clerk',
                                    'groups_id': [(6, 0, [env.ref('base.group_user').id])]})
    paths = _paths(env, env['ir.ui.menu'].with_user(user).load_menus())
    assert not [path for path in paths if path.startswith('CRM & SRM')]


def test_crm_user_rights(env, crm_user):
    Access = env['ir.model.access'].with_user(crm_user)
    assert Access.check('crm.case', 'create', False)
    assert not Access.check('crm.case', 'unlink', False)
    assert Access.check('crm.case.section', 'read', False)
    assert not Access.check('crm.case.section', 'write', False)
    assert not Access.check('crm.case.section.menu', 'create', False)


def test_every_crm_model_has_access_lines(env):
    xmlids = env['ir.model.data'].search([('module', '=', 'crm'), ('model', '=', 'ir.model')])
    models = set(env['ir.model'].browse(xmlids.mapped('res_id')).mapped('model'))
    covered = set(env['ir.model.access'].search([]).mapped('model_id.model'))
    assert 'crm.case' in models
    assert sorted(name for name in models - covered if not env.registry[name]._abstract) == []
