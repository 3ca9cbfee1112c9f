"""Sales order lines: a product, a quantity in a unit, a unit price and a discount.

The subtotal is stored and computed (quantity × price × (1 − discount %)),
so that the order's totals are sums the ORM keeps up to date. Choosing a
product fills the description, unit and price (5.0 ``product_id_change``).
"""
from framework import api, fields, models

LINE_STATES = [('draft', 'Draft'), ('confirmed', 'Confirmed'), ('done', 'Done'),
               ('cancel', 'Cancelled')]


class SaleOrderLine(models.Model):
    """One line of a sales order."""

    _name = 'sale.order.line'
    _description = 'Sale Order Line'
    _order = 'sequence, id'

    order_id = fields.Many2one('sale.order', string='Order Ref', required=True, ondelete='cascade',
                               index=True)
    sequence = fields.Integer(string='Sequence', default=10)
    name = fields.Char(string='Description', size=256, required=True)
    product_id = fields.Many2one('product.product', string='Product', domain=[('sale_ok', '=', True)],
                                 ondelete='restrict', index=True)
    product_uom_qty = fields.Float(string='Quantity (UoM)', digits=(16, 2), required=True, default=1.0)
    product_uom = fields.Many2one('product.uom', string='Product UoM', required=True,
                                  default=lambda self: self._default_uom())
    price_unit = fields.Float(string='Unit Price', digits=(16, 2), required=True, default=0.0)
    discount = fields.Float(string='Discount (%)', digits=(16, 2), default=0.0)
    price_subtotal = fields.Float(string='Subtotal', digits=(16, 2), store=True,
                                  compute='_compute_price_subtotal')
    notes = fields.Text(string='Notes')
    state = fields.Selection(LINE_STATES, string='Status', required=True, readonly=True, default='draft',
                             copy=False)
    order_partner_id = fields.Many2one('res.partner', related='order_id.partner_id', string='Customer')
    salesman_id = fields.Many2one('res.users', related='order_id.user_id', string='Salesman')

    def _default_uom(self):
        return self.env.ref('product.product_uom_unit', raise_if_not_found=False).id or False

    @api.depends('product_uom_qty', 'price_unit', 'discount')
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = round(
                line.product_uom_qty * line.price_unit * (1 - (line.discount or 0.0) / 100.0), 2)

    # --- product on-change -----------------------------------------------------------------
    def product_id_change(self, pricelist, product, qty=0, uom=False, qty_uos=0, uos=False, name='',
                          partner_id=False, *args, **kwargs):
        """5.0 on-change of the product: ``{'value': {name, product_uom, price_unit}, 'domain': …}``.

        The price is the product's list price (there are no pricelists);
        the unit is kept when one is chosen, else the product's. Takes the
        5.0 client's arguments (pricelist, product, qty, uom, qty_uos,
        uos, name, partner_id, lang, update_tax, date_order, packaging,
        fiscal_position, flag); those without meaning here are ignored.
        """
        if not product:
            return {'value': {'price_unit': 0.0, 'product_uom': False},
                    'domain': {'product_uom': []}}
        product = self.env['product.product'].browse(product)
        value = {'price_unit': product.list_price, 'product_uom': uom or product.uom_id.id}
        if not kwargs.get('flag'):   # 5.0: flag means "only the price", the description is kept
            value['name'] = product.display_name
            if product.description_sale:
                value['notes'] = product.description_sale
        return {'value': value, 'domain': {'product_uom': []}}

    @api.onchange('product_id')
    def _onchange_product_id(self):
        result = self.product_id_change(False, self.product_id.id, self.product_uom_qty,
                                        False, name=self.name)
        for field_name, value in result['value'].items():
            self[field_name] = value

    @api.model_create_multi
    def create(self, vals_list):
        """Create lines; a line given a product but no unit takes the product's unit."""
        missing = {vals['product_id'] for vals in vals_list
                   if vals.get('product_id') and not vals.get('product_uom')}
        if missing:
            units = {product.id: product.uom_id.id
                     for product in self.env['product.product'].browse(sorted(missing))}
            vals_list = [dict(vals, product_uom=units[vals['product_id']])
                         if vals.get('product_id') and not vals.get('product_uom') else vals
                         for vals in vals_list]
        return super().create(vals_list)
