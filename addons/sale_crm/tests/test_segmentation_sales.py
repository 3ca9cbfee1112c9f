"""SPEC-crm §14 scenarios 30–32 with sales: "Sale Amount" = the partner's confirmed sales orders.

The spec counts customer invoices minus refunds; there is no accounting
module, so the sales amount is the untaxed total of the partner's
confirmed orders (Manual in progress, In progress, Done). Quotations and
cancelled orders do not count; purchases are always 0.
"""
import datetime

import pytest

from framework import fields

from addons.sale.tests.sale_world import build_customer, order_values


@pytest.fixture
def prospect(env):
    return env['res.partner.category'].create({'name': 'Prospect'})


def segmentation(env, category, lines, **values):
    """A segmentation of ``category`` using its criteria ``lines`` = [(variable, op, value, and|or)]."""
    values.update(name='Test', categ_id=category.id, sales_purchase_active=True, segmentation_line=[
        (0, 0, {'name': 'line %d' % n, 'expr_name': name, 'expr_operator': op, 'expr_value': value,
                'operator': kind}) for n, (name, op, value, kind) in enumerate(lines)])
    return env['crm.segmentation'].create(values)


def customer_with_sales(env, name, *amounts, confirm=True):
    """A customer with one order per amount of ``amounts`` (confirmed unless told)."""
    customer = build_customer(env, name)
    laptop = env.ref('product.product_laptop')
    orders = env['sale.order'].create([order_values(env, customer, [(laptop, 1, amount)]) for amount in amounts])
    if confirm:
        orders.signal_workflow('order_confirm')
    return customer.partner


def members(category):
    category.env.invalidate_all()
    return category.partner_ids


def test_30_sales_criteria_reads_confirmed_orders(env, prospect):
    big = customer_with_sales(env, 'Big', 1500.0)
    small = customer_with_sales(env, 'Small', 800.0)
    quoted = customer_with_sales(env, 'Quoted', 5000.0, confirm=False)       # only a quotation
    two = customer_with_sales(env, 'Two', 600.0, 600.0)                     # 600 + 600
    seg = segmentation(env, prospect, [('sale', '>', 1000, 'and')])
    seg.process_start()
    matched = members(prospect)
    assert big in matched and two in matched
    assert small not in matched and quoted not in matched


def test_30_exclusive_removes_partners_that_no_longer_match(env, prospect):
    big = customer_with_sales(env, 'Big', 1500.0)
    former = customer_with_sales(env, 'Former', 1500.0)
    seg = segmentation(env, prospect, [('sale', '>', 1000, 'and')], exclusif=True)
    seg.process_start()
    assert {big, former} <= set(members(prospect))
    former.sale_order_ids.signal_workflow('cancel')                          # the sale is cancelled
    seg.process_start()
    matched = members(prospect)
    assert big in matched and former not in matched


def test_31_optional_line_short_circuits(env, prospect):
    seller = customer_with_sales(env, 'Seller', 2000.0)
    nobody = customer_with_sales(env, 'Nobody', 10.0)
    seg = segmentation(env, prospect, [('sale', '>', 1000, 'or'), ('purchase', '>', 500, 'and')])
    assert seg._segmentation_amounts([seller.id, nobody.id]) == ({seller.id: 2000.0, nobody.id: 10.0}, {})
    seg.process_start()
    matched = members(prospect)
    assert seller in matched and nobody not in matched


def test_32_state_of_mind_with_sales_installed(env, prospect):
    happy_som = env['res.partner.som'].create({'name': 'Very Happy (test)', 'factor': 1.0})
    happy = customer_with_sales(env, 'Happy', 10.0)
    calm = customer_with_sales(env, 'Calm', 10.0)
    env['res.partner.event'].create({'name': 'Visit', 'partner_id': happy.id, 'som': happy_som.id,
                                     'date': fields.Datetime.now() - datetime.timedelta(days=10)})
    seg = segmentation(env, prospect, [('som', '>', 0.8, 'and')], som_interval=30, som_interval_max=3,
                       som_interval_decrease=0.8, som_interval_default=0.5)
    assert seg._state_of_mind([happy.id, calm.id]) == {happy.id: pytest.approx(0.9)}
    seg.process_start()
    matched = members(prospect)
    assert happy in matched and calm not in matched
