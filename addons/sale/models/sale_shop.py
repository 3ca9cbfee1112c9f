"""Shops: the sales points an order is taken in (5.0: warehouse and pricelist holder)."""
from framework import fields, models


class SaleShop(models.Model):
    """A sales point; every order belongs to one."""

    _name = 'sale.shop'
    _description = 'Sales Shop'
    _order = 'name'

    name = fields.Char(string='Shop Name', size=64, required=True)
    company_id = fields.Many2one('res.company', string='Company',
                                 default=lambda self: self.env.user.company_id.id or False)
