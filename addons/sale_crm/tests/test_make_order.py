"""SPEC-crm §14 scenarios 37 and 38: Convert to Quote, and its refusals."""
import pytest
from lxml import etree

from framework.exceptions import UserError

from addons.crm.tests.case_world import agrolait_case, build_world, new_case


@pytest.fixture
def world(env):
    world = build_world(env)
    Address = env['res.partner.address']
    world.invoice = Address.create({'partner_id': world.agrolait.id, 'type': 'invoice', 'name': 'Billing'})
    world.delivery = Address.create({'partner_id': world.agrolait.id, 'type': 'delivery', 'name': 'Dock'})
    world.shop = env['sale.shop'].create({'name': 'Main'})
    world.laptop = env.ref('product.product_laptop')
    return world


def convert(world, cases, user=None, **values):
    """Run Convert to Quote on ``cases`` as ``user`` (default Alice); return the wizard's action."""
    user = user or world.alice
    context = {'active_model': 'crm.case', 'active_ids': cases.ids, 'active_id': cases[:1].id}
    Wizard = world.env['crm.case.make_order'].with_user(user).with_context(**context)
    values.setdefault('shop_id', world.shop.id)
    wizard = Wizard.create(values)
    return wizard.makeOrder()


def test_37_convert_to_quote(world, env):
    case = agrolait_case(world)
    case.case_open()
    defaults = env['crm.case.make_order'].with_context(active_model='crm.case', active_ids=case.ids) \
        .default_get(['partner_id', 'close', 'picking_policy'])
    assert defaults == {'partner_id': world.agrolait.id, 'close': True, 'picking_policy': 'direct'}

    action = convert(world, case, products=[(6, 0, [world.laptop.id])], picking_policy='one')

    orders = env['sale.order'].search(action['domain'])
    assert action['res_model'] == 'sale.order' and action['view_mode'] == 'tree,form'
    [order] = orders
    assert order.state == 'draft' and order.origin == 'CRM:%d' % case.id
    assert order.partner_id == world.agrolait and order.shop_id == world.shop
    assert (order.partner_invoice_id, order.partner_shipping_id, order.partner_order_id) == \
        (world.invoice, world.delivery, world.contact)
    assert (order.picking_policy, order.order_policy, order.user_id) == ('one', 'manual', world.alice)
    [line] = order.order_line
    assert (line.product_id, line.product_uom_qty, line.price_unit, line.name) == \
        (world.laptop, 1.0, 1200.0, '[LAP] Laptop')
    assert order.amount_total == 1200.0
    # the case points to the quotation and is closed as its Close button does
    assert case.ref == order
    assert case.state == 'done' and case.date_closed
    assert [log.name for log in case.log_ids.sorted('id')] == ['Open', 'Close']
    assert world.agrolait.events.filtered(lambda e: e.name == 'Case done: Printer broken')
    # Sales → Sales Orders lists it
    assert order in env['sale.order'].search([])


def test_37_without_close_the_case_stays_open(world, env):
    case = agrolait_case(world)
    case.case_open()
    convert(world, case, close=False)
    assert case.state == 'open' and case.ref._name == 'sale.order'
    assert case.ref.order_line.ids == []


def test_37_several_cases_at_once(world, env):
    cases = agrolait_case(world) | agrolait_case(world, name='Second need')
    action = convert(world, cases, products=[(6, 0, [world.laptop.id, env.ref('product.product_mouse').id])])
    orders = env['sale.order'].search(action['domain'], order='id')
    assert sorted(orders.mapped('origin')) == sorted('CRM:%d' % case.id for case in cases)
    assert all(len(order.order_line) == 2 for order in orders)
    assert {case.ref for case in cases} == set(orders)
    assert set(cases.mapped('state')) == {'done'}


def test_38_customer_without_addresses_is_refused_and_nothing_is_created(world, env):
    bare = env['res.partner'].create({'name': 'No Address Ltd'})
    case = new_case(world, partner_id=bare.id)
    before = env['sale.order'].search_count([])
    with pytest.raises(UserError) as info:
        convert(world, case, products=[(6, 0, [world.laptop.id])])
    assert str(info.value.args[0]).startswith('Customer has no addresses defined!')
    assert env['sale.order'].search_count([]) == before
    assert case.state == 'draft' and not case.ref and not case.log_ids


def test_38_case_without_partner_uses_the_wizard_customer(world, env):
    case = new_case(world)
    assert not case.partner_id
    action = convert(world, case, partner_id=world.agrolait.id, products=[(6, 0, [world.laptop.id])])
    [order] = env['sale.order'].search(action['domain'])
    assert order.partner_id == world.agrolait and order.origin == 'CRM:%d' % case.id
    assert case.ref == order and case.state == 'done'


def test_convert_to_quote_is_a_real_button_of_the_case_form(env):
    view = env['crm.case'].fields_view_get(view_type='form')
    arch = etree.fromstring(view['arch'])
    [button] = arch.xpath("//button[@string='Convert to Quote']")
    action = env.ref('sale_crm.action_crm_make_order')
    assert button.get('type') == 'action' and button.get('name') == str(action.id)
    assert (action.res_model, action.target) == ('crm.case.make_order', 'new')
    # and in the Action menu of the case list, for several cases at once
    binding = env['ir.values'].search([('model', '=', 'crm.case'), ('key2', '=', 'client_action_multi'),
                                       ('value', '=', 'ir.actions.act_window,%d' % action.id)])
    assert binding
    wizard_form = env['crm.case.make_order'].fields_view_get(view_type='form')
    assert {'partner_id', 'shop_id', 'picking_policy', 'close', 'products'} <= set(wizard_form['fields'])
