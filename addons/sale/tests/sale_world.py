"""Records the sale tests share: a customer with addresses, a shop, products."""
from types import SimpleNamespace


def build_customer(env, name='Agrolait', with_addresses=True):
    """A customer with an invoice, a delivery and a contact address (or none)."""
    partner = env['res.partner'].create({'name': name})
    addresses = {}
    if with_addresses:
        for kind in ('invoice', 'delivery', 'contact'):
            addresses[kind] = env['res.partner.address'].create(
                {'partner_id': partner.id, 'type': kind, 'name': '%s %s' % (name, kind),
                 'email': '%s@%s.com' % (kind, name.lower())})
    return SimpleNamespace(partner=partner, **addresses)


def order_values(env, customer, lines=(), **values):
    """Values of a quotation for ``customer`` with ``lines`` = [(product, qty, price)]."""
    values.setdefault('partner_id', customer.partner.id)
    values.setdefault('partner_invoice_id', customer.invoice.id)
    values.setdefault('partner_order_id', customer.contact.id)
    values.setdefault('partner_shipping_id', customer.delivery.id)
    values.setdefault('shop_id', env.ref('sale.shop').id)
    values['order_line'] = [(0, 0, {'name': product.name, 'product_id': product.id,
                                    'product_uom_qty': qty, 'price_unit': price})
                            for product, qty, price in lines]
    return values
