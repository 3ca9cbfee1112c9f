"""Quotations and sales orders as a sales person uses them: numbering, on-changes, totals, life cycle."""
import re

import pytest

from framework.exceptions import UserError

from .sale_world import build_customer, order_values


@pytest.fixture
def customer(env):
    return build_customer(env)


@pytest.fixture
def laptop(env):
    return env.ref('product.product_laptop')


@pytest.fixture
def mouse(env):
    return env.ref('product.product_mouse')


def number(name):
    return int(re.fullmatch(r'SO(\d{3,})', name).group(1))


def test_new_orders_are_numbered_from_the_sequence(env, customer, laptop):
    first, second = env['sale.order'].create([order_values(env, customer), order_values(env, customer)])
    assert number(second.name) == number(first.name) + 1
    assert env['sale.order'].create(order_values(env, customer, name='MY-REF')).name == 'MY-REF'


def test_defaults_of_a_quotation(env, customer):
    order = env['sale.order'].create(order_values(env, customer))
    assert order.state == 'draft'
    assert dict(env['sale.order']._fields['state'].selection)[order.state] == 'Quotation'
    assert order.user_id == env.user and order.shop_id == env.ref('sale.shop')
    assert (order.picking_policy, order.order_policy) == ('direct', 'manual')
    assert order.date_order


def test_state_labels_are_those_of_5_0(env):
    labels = dict(env['sale.order']._fields['state'].selection)
    assert labels == {'draft': 'Quotation', 'manual': 'Manual in progress', 'progress': 'In progress',
                      'done': 'Done', 'cancel': 'Cancelled'}


def test_partner_onchange_fills_the_three_addresses(env, customer):
    env.user.partner_id  # noqa: B018  (the user exists)
    result = env['sale.order'].onchange_partner_id(customer.partner.id)
    assert result == {'value': {'partner_invoice_id': customer.invoice.id,
                                'partner_order_id': customer.contact.id,
                                'partner_shipping_id': customer.delivery.id}}
    customer.partner.user_id = env.ref('base.user_demo')
    assert env['sale.order'].onchange_partner_id(customer.partner.id)['value']['user_id'] == \
        env.ref('base.user_demo').id
    assert env['sale.order'].onchange_partner_id(False)['value']['partner_invoice_id'] is False


def test_product_onchange_fills_description_unit_and_price(env, laptop):
    result = env['sale.order.line'].product_id_change(False, laptop.id, 1)
    assert result['value'] == {'name': '[LAP] Laptop', 'product_uom': env.ref('product.product_uom_unit').id,
                               'price_unit': 1200.0}
    # the 5.0 client's full argument list is accepted
    legacy = env['sale.order.line'].product_id_change(False, laptop.id, 2, False, 0, False, '', False,
                                                      False, True, False, False, False)
    assert legacy['value']['price_unit'] == 1200.0
    assert env['sale.order.line'].product_id_change(False, False)['value']['price_unit'] == 0.0


def test_totals_follow_the_lines(env, customer, laptop, mouse):
    order = env['sale.order'].create(order_values(env, customer, [(laptop, 2, 1200.0), (mouse, 3, 15.0)]))
    assert [line.price_subtotal for line in order.order_line] == [2400.0, 45.0]
    assert (order.amount_untaxed, order.amount_tax, order.amount_total) == (2445.0, 0.0, 2445.0)
    order.order_line[1].write({'discount': 20.0})
    assert order.amount_untaxed == 2436.0
    order.order_line[0].unlink()
    assert order.amount_total == 36.0
    # stored: a search on the total finds it
    assert env['sale.order'].search([('amount_total', '=', 36.0), ('id', '=', order.id)]) == order


def test_line_with_a_product_takes_its_unit(env, customer, laptop):
    order = env['sale.order'].create(order_values(env, customer))
    line = env['sale.order.line'].create({'order_id': order.id, 'name': 'x', 'product_id': laptop.id})
    assert line.product_uom == laptop.uom_id and line.product_uom_qty == 1.0


def test_workflow_confirm_then_done(env, customer, laptop):
    order = env['sale.order'].create(order_values(env, customer, [(laptop, 1, 1200.0)]))
    order.signal_workflow('order_confirm')
    assert order.state == 'manual' and order.order_line.state == 'confirmed'
    order.signal_workflow('order_done')
    assert order.state == 'done' and order.order_line.state == 'done'
    order.signal_workflow('cancel')                       # a finished order is not cancelled
    assert order.state == 'done'


def test_confirm_with_another_policy_is_in_progress(env, customer, laptop):
    order = env['sale.order'].create(order_values(env, customer, [(laptop, 1, 1200.0)],
                                                  order_policy='prepaid'))
    order.signal_workflow('order_confirm')
    assert order.state == 'progress'


def test_an_order_without_lines_is_not_confirmed(env, customer):
    order = env['sale.order'].create(order_values(env, customer))
    with pytest.raises(UserError, match='has no line'):
        order.signal_workflow('order_confirm')


def test_cancel_then_set_to_draft_restarts_the_workflow(env, customer, laptop):
    order = env['sale.order'].create(order_values(env, customer, [(laptop, 1, 1200.0)]))
    order.signal_workflow('order_confirm')
    order.signal_workflow('cancel')
    assert order.state == 'cancel' and order.order_line.state == 'cancel'
    order.action_cancel_draft()
    assert order.state == 'draft'
    order.signal_workflow('order_confirm')
    assert order.state == 'manual'
    with pytest.raises(UserError, match='not cancelled'):
        order.action_cancel_draft()


def test_confirmed_orders_are_not_deleted(env, customer, laptop):
    order = env['sale.order'].create(order_values(env, customer, [(laptop, 1, 1200.0)]))
    order.signal_workflow('order_confirm')
    with pytest.raises(UserError, match='Cancel it first'):
        order.unlink()
    quotation = env['sale.order'].create(order_values(env, customer))
    quotation.unlink()
    assert not quotation.exists()


def test_confirming_adds_a_partner_event_while_sale_open_is_active(env, customer, laptop):
    order = env['sale.order'].create(order_values(env, customer, [(laptop, 1, 1200.0)]))
    order.signal_workflow('order_confirm')
    [event] = customer.partner.events
    assert event.name == 'Sale Order: %s' % order.name
    assert event.document == order and event.planned_revenue == 1200.0
    env.ref('sale.event_type_sale_open').active = False
    other = env['sale.order'].create(order_values(env, customer, [(laptop, 1, 1200.0)]))
    other.signal_workflow('order_confirm')
    assert len(customer.partner.events) == 1


def test_partner_lists_its_orders(env, customer):
    order = env['sale.order'].create(order_values(env, customer))
    assert customer.partner.sale_order_ids == order


def test_sales_by_partner_counts_confirmed_orders_only(env, customer, laptop):
    Order = env['sale.order']
    confirmed = Order.create(order_values(env, customer, [(laptop, 1, 1200.0)]))
    confirmed.signal_workflow('order_confirm')
    Order.create(order_values(env, customer, [(laptop, 5, 1200.0)]))          # a quotation
    cancelled = Order.create(order_values(env, customer, [(laptop, 1, 99.0)]))
    cancelled.signal_workflow('cancel')
    assert Order._sales_by_partner([customer.partner.id]) == {customer.partner.id: 1200.0}
