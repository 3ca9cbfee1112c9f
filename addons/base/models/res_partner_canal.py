"""Channels through which the business talks with partners (phone, e-mail…)."""
from framework import fields, models


class PartnerCanal(models.Model):
    """A communication channel, recorded on partner events and CRM cases."""

    _name = 'res.partner.canal'
    _description = 'Channels'
    _order = 'name, id'

    name = fields.Char(string='Channel Name', size=64, required=True, translate=True,
                       help='Name of the channel, e.g. Phone, E-mail.')
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to hide the channel without deleting it.')
