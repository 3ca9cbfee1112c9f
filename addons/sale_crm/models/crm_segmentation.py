"""Segmentation reads the sales: "Sale Amount" = untaxed total of the partner's confirmed orders.

crm's ``_segmentation_amounts`` is the place meant to be overridden once
sales exist; with sale installed the sales amount of a partner is what
``sale.order._sales_by_partner`` says (Manual in progress, In progress and
Done orders), the purchase amount stays 0 (there is no purchase module).
"""
from framework import models


class CrmSegmentation(models.Model):
    """Segmentations whose sales criteria count confirmed sales orders."""

    _inherit = 'crm.segmentation'

    def _segmentation_amounts(self, partner_ids):
        """Return ``({partner id: confirmed sales}, {})`` for ``partner_ids`` (one grouped query)."""
        return self.env['sale.order']._sales_by_partner(partner_ids), {}
