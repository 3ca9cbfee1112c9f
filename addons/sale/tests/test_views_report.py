"""What the Sales menus, views and printed order show."""
from lxml import etree

from framework.service.report_service import render

from .sale_world import build_customer, order_values


def test_sales_menus_open_orders_and_quotations(env):
    menus = env['ir.ui.menu'].search([]).mapped('complete_name')
    assert 'Sales/Sales/Sales Orders' in menus and 'Sales/Sales/Quotations' in menus
    action = env.ref('sale.action_order_form')
    assert action.res_model == 'sale.order' and action.view_mode == 'tree,form,calendar,graph'
    assert "('state','=','draft')" in env.ref('sale.action_quotation_form').domain


def test_order_form_has_extra_info_with_the_source_document_and_the_buttons(env):
    view = env['sale.order'].fields_view_get(view_type='form')
    arch = etree.fromstring(view['arch'])
    [general] = arch.xpath("//page[@string='General']")
    assert {'partner_id', 'partner_invoice_id', 'partner_shipping_id', 'partner_order_id', 'order_line',
            'amount_total'} <= set(general.xpath('./field/@name') + general.xpath('./group/field/@name'))
    [extra] = arch.xpath("//page[@string='Extra Info']")
    assert {'origin', 'client_order_ref', 'picking_policy', 'order_policy', 'user_id'} <= \
        set(extra.xpath('.//field/@name'))
    buttons = {button.get('string'): (button.get('name'), button.get('type'))
               for button in arch.xpath('//button')}
    assert buttons['Confirm Order'] == ('order_confirm', 'workflow')
    assert buttons['Cancel Order'] == ('cancel', 'workflow')
    assert buttons['Set to Draft'] == ('action_cancel_draft', 'object')
    assert view['fields']['origin']['string'] == 'Source Document'


def test_every_view_type_of_the_order_loads(env):
    for view_type in ('tree', 'search', 'calendar', 'graph'):
        assert env['sale.order'].fields_view_get(view_type=view_type)['arch']
    calendar = etree.fromstring(env['sale.order'].fields_view_get(view_type='calendar')['arch'])
    assert calendar.get('date_start') == 'date_order'


def test_partner_form_has_a_sales_orders_page(env):
    arch = etree.fromstring(env['res.partner'].fields_view_get(view_type='form')['arch'])
    assert arch.xpath("//page[@string='Sales Orders']//field[@name='sale_order_ids']")


def test_printed_order_is_a_pdf(env):
    customer = build_customer(env)
    laptop = env.ref('product.product_laptop')
    orders = env['sale.order'].create([order_values(env, customer, [(laptop, 1, 1200.0)])
                                       for _index in range(2)])
    report = env.ref('sale.report_sale_order')
    assert (report.model, report.report_name) == ('sale.order', 'sale.order')
    document, fmt = render(env, 'sale.order', orders.ids)
    assert fmt == 'pdf' and document.startswith(b'%PDF')
    assert b'/Count 2' in document                      # one page per order


def test_demo_orders(env):
    assert env.ref('sale.order_agrolait').state == 'draft'
    confirmed = env.ref('sale.order_camptocamp')
    assert confirmed.state == 'manual' and confirmed.amount_total == 1000.0
