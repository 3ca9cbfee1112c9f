"""Creating a thousand orders of twenty lines in one call: right totals, a bounded number of queries."""
from framework.orm.model_storage import INSERT_BATCH

from .sale_world import build_customer, order_values

ORDERS, LINES = 1000, 20
#: numbering, the orders' insert, totals and workflow cost a fixed number of queries; the
#: lines go in batches of INSERT_BATCH rows: nothing is paid per order or per line
FIXED_QUERIES = 12
MAX_QUERIES = FIXED_QUERIES + -(-ORDERS * LINES // INSERT_BATCH)


def test_thousand_orders_of_twenty_lines_in_one_create(env, queries):
    customer = build_customer(env)
    products = env['product.product'].search([('sale_ok', '=', True)], limit=LINES)
    items = [(products[i % len(products)], 1 + i % 3, 10.0 + i) for i in range(LINES)]
    expected = round(sum(qty * price for _product, qty, price in items), 2)
    env['sale.order'].create(order_values(env, customer, items))        # warm up the caches

    vals_list = [order_values(env, customer, items) for _index in range(ORDERS)]
    with queries(MAX_QUERIES) as counter:
        orders = env['sale.order'].create(vals_list)
    print('\n%d orders x %d lines created in %d queries' % (ORDERS, LINES, counter.count))

    assert len(orders) == ORDERS and len(set(orders.mapped('name'))) == ORDERS
    env.invalidate_all()
    orders = env['sale.order'].browse(orders.ids)
    assert set(orders.mapped('amount_untaxed')) == {expected}
    assert set(orders.mapped('amount_total')) == {expected}
    assert len(orders.mapped('order_line')) == ORDERS * LINES
    assert set(orders.mapped('state')) == {'draft'}
    # each order has its workflow: one confirms like any other
    orders[:2].signal_workflow('order_confirm')
    assert set(orders[:2].mapped('state')) == {'manual'}
