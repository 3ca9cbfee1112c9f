"""Products: what a company sells, with its code, sale price, unit of measure and category."""
from framework import api, fields, models


class ProductProduct(models.Model):
    """A product that sales order lines may sell (``sale_ok``) at its list price."""

    _name = 'product.product'
    _description = 'Product'
    _order = 'default_code, name, id'

    name = fields.Char(string='Name', size=128, required=True, translate=True, index=True)
    default_code = fields.Char(string='Code', size=64, index=True,
                               help='Internal reference of the product, shown in brackets before its name.')
    list_price = fields.Float(string='Sale Price', digits=(16, 2), default=1.0,
                              help='Base price for computing the customer price.')
    standard_price = fields.Float(string='Cost Price', digits=(16, 2), default=0.0)
    uom_id = fields.Many2one('product.uom', string='Default UoM', required=True,
                             default=lambda self: self._default_uom(),
                             help='Unit of measure for sales and stock.')
    categ_id = fields.Many2one('product.category', string='Category', required=True,
                               default=lambda self: self._default_category(), index=True)
    sale_ok = fields.Boolean(string='Can be sold', default=True,
                             help='Determines if the product can be chosen in a sales order line.')
    description_sale = fields.Text(string='Sale Description',
                                   help='Printed on quotations and sales orders after the product name.')
    active = fields.Boolean(string='Active', default=True)

    def _default_uom(self):
        return self.env.ref('product.product_uom_unit', raise_if_not_found=False).id or \
            self.env['product.uom'].search([], limit=1).id or False

    def _default_category(self):
        return self.env.ref('product.product_category_all', raise_if_not_found=False).id or \
            self.env['product.category'].search([], limit=1).id or False

    def _label(self):
        """"[CODE] Name" when the product has a code, as 5.0 shows it."""
        return '[%s] %s' % (self.default_code, self.name) if self.default_code else (self.name or '')

    @api.depends('name', 'default_code')
    def _compute_display_name(self):
        for product in self:
            product.display_name = product._label()

    def name_get(self):
        """``[(id, "[CODE] Name")]`` of these products."""
        return [(product.id, product._label()) for product in self]

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        """Typing a code finds its product as well as typing a name."""
        domain = list(args or [])
        if name:
            domain = ['|', ('default_code', operator, name), ('name', operator, name)] + domain
        return self.search(domain, limit=limit).name_get()
