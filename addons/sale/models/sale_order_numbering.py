"""Order references from the "Sale Order" sequence: SO001, SO002…

Orders created without a reference (or with the placeholder '/') get the
next numbers of the ``ir.sequence`` coded ``sale.order``. A batch of N new
orders draws its N numbers in one query (standard sequences), so that
creating a thousand orders does not cost a thousand round trips.
"""
from framework import api, models

SEQUENCE_CODE = 'sale.order'
PLACEHOLDER = '/'


class SaleOrder(models.Model):
    """Orders are numbered by their sequence when they are created."""

    _inherit = 'sale.order'

    @api.model_create_multi
    def create(self, vals_list):
        """Create orders; those without a reference get the next "Sale Order" numbers."""
        unnamed = [index for index, vals in enumerate(vals_list)
                   if vals.get('name', PLACEHOLDER) in (PLACEHOLDER, False, None, '')]
        if unnamed:
            vals_list = [dict(vals) for vals in vals_list]
            numbers = self.env['ir.sequence'].next_many_by_code(SEQUENCE_CODE, len(unnamed))
            for index, number in zip(unnamed, numbers or [PLACEHOLDER] * len(unnamed)):
                vals_list[index]['name'] = number
        return super().create(vals_list)
