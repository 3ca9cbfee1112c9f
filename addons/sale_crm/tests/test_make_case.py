"""SPEC-crm §14 scenario 39: Make Case from partners."""
from addons.crm.tests.case_world import build_world


def test_39_make_case_from_two_partners(env):
    world = build_world(env)
    camptocamp = env['res.partner'].create({'name': 'Camptocamp'})
    sales = env['crm.case.section'].create({'name': 'Sales', 'user_id': world.bob.id})
    partners = world.agrolait | camptocamp
    wizard = env['sale_crm.make_case'].with_user(world.alice).with_context(
        active_model='res.partner', active_ids=partners.ids).create(
        {'name': 'Follow-up', 'section': sales.id, 'description': 'Call them back'})
    assert wizard.user == world.alice
    action = wizard.makeCase()
    cases = env['crm.case'].search(action['domain'])
    assert len(cases) == 2 and set(cases.mapped('partner_id')) == set(partners)
    assert set(cases.mapped('state')) == {'draft'} and set(cases.mapped('name')) == {'Follow-up'}
    assert set(cases.mapped('section_id')) == {sales}
    assert cases.filtered(lambda c: c.partner_id == world.agrolait).partner_address_id == world.contact
    assert action['res_model'] == 'crm.case' and action['name'] == 'All Cases'


def test_make_case_is_in_the_partners_action_menu(env):
    action = env.ref('sale_crm.action_partner_make_case')
    assert env['ir.values'].search([('model', '=', 'res.partner'), ('key2', '=', 'client_action_multi'),
                                    ('value', '=', 'ir.actions.act_window,%d' % action.id)])
