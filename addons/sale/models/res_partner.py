"""Partners know their sales orders (shown on the partner form's "Sales Orders" page)."""
from framework import fields, models


class Partner(models.Model):
    """A customer's quotations and sales orders."""

    _inherit = 'res.partner'

    sale_order_ids = fields.One2many('sale.order', 'partner_id', string='Sales Orders', readonly=True,
                                     help='The quotations and sales orders of this customer.')
