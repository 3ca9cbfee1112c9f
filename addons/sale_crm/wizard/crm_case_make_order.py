"""Convert to Quote (§11.1): a quotation for each selected case, the case pointing to it.

For each case, the customer is the case's partner or, for a case without
one, the wizard's customer; the quotation takes the customer's invoice,
shipping and ordering addresses, says where it comes from (Source document
``CRM:<case id>``) and has one line per chosen product (quantity 1, the
product's description, unit and price). The case's Reference becomes the
quotation. Then, when asked, the cases are closed exactly as their Close
button does. The wizard opens the new quotations.

A customer without addresses stops everything before anything is created.
"""
from framework import _, api, fields, models
from framework.exceptions import UserError

from addons.sale.models.sale_order import PICKING_POLICIES

ADDRESS_TYPES = ('invoice', 'delivery', 'contact')


class CaseMakeOrder(models.TransientModel):
    """The "Convert to Quote" dialog on one or several cases."""

    _name = 'crm.case.make_order'
    _description = 'Make sales'

    partner_id = fields.Many2one('res.partner', string='Customer', required=True,
                                 default=lambda self: self._default_partner(),
                                 help='Use this partner if there is no partner on the case')
    shop_id = fields.Many2one('sale.shop', string='Shop', required=True,
                              default=lambda self: self.env['sale.shop'].search([], limit=1).id or False)
    picking_policy = fields.Selection(PICKING_POLICIES, string='Packing Policy', required=True,
                                      default='direct')
    close = fields.Boolean(string='Close Case', default=True,
                           help='Check this to close the case after having created the sale order.')
    products = fields.Many2many('product.product', 'crm_case_make_order_product_rel', 'wizard_id',
                                'product_id', string='Products', domain=[('sale_ok', '=', True)])

    def _cases(self):
        """The cases the wizard was started on (context ``active_ids``)."""
        ids = self.env.context.get('active_ids') or []
        if not ids and self.env.context.get('active_id'):
            ids = [self.env.context['active_id']]
        if self.env.context.get('active_model', 'crm.case') != 'crm.case':
            return self.env['crm.case']
        return self.env['crm.case'].browse(ids).exists()

    def _default_partner(self):
        return self._cases()[:1].partner_id.id or False

    def makeOrder(self):  # noqa: N802  (the 5.0 button name)
        """Create Quote: the quotations of the selected cases; returns the window that lists them."""
        self.ensure_one()
        cases = self._cases()
        if not cases:
            raise UserError(_('Select the cases to convert to quotations first.'))
        orders = self._create_orders(cases)
        if self.close:
            cases.case_close()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Quotations'),
            'res_model': 'sale.order',
            'view_type': 'form',
            'view_mode': 'tree,form',
            'domain': [('id', 'in', orders.ids)],
            'views': [(False, 'tree'), (False, 'form')],
            'context': {},
        }

    # the current clients' name for the same button
    action_make_order = makeOrder

    def _create_orders(self, cases):
        """Create one quotation per case (all in one ``create``), link the cases; return the orders."""
        customers = {case.id: case.partner_id or self.partner_id for case in cases}
        addresses = {}
        for partner in set(customers.values()):
            found = partner.address_get(list(ADDRESS_TYPES))
            if not all(found.values()):
                raise UserError(_('Customer has no addresses defined! Add one to %s before '
                                  'converting the case.') % partner.name)
            addresses[partner.id] = found
        line_values = self._line_values()
        Order = self.env['sale.order']
        vals_list = []
        for case in cases:
            partner = customers[case.id]
            found = addresses[partner.id]
            vals_list.append({
                'origin': 'CRM:%d' % case.id,
                'picking_policy': self.picking_policy,
                'shop_id': self.shop_id.id,
                'partner_id': partner.id,
                'partner_invoice_id': found['invoice'],
                'partner_order_id': found['contact'],
                'partner_shipping_id': found['delivery'],
                'order_policy': 'manual',
                'date_order': fields.Date.today(),
                'user_id': partner.user_id.id or self.env.uid,
                'order_line': [(0, 0, dict(values)) for values in line_values],
            })
        orders = Order.create(vals_list)
        for case, order in zip(cases, orders):
            case.write({'ref': '%s,%d' % (order._name, order.id)})
        return orders

    def _line_values(self):
        """Values of one line per chosen product: quantity 1 and what the product on-change fills."""
        Line = self.env['sale.order.line']
        result = []
        for product in self.products:
            values = Line.product_id_change(False, product.id, 1, False, 0, False, '',
                                            self.partner_id.id)['value']
            values.update(product_id=product.id, product_uom_qty=1.0)
            result.append(values)
        return result
