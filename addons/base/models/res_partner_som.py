"""States of mind: how satisfied a partner seemed during an event."""
from framework import fields, models


class PartnerSom(models.Model):
    """A state of mind with its satisfaction factor, from 0 (worst) to 1 (best)."""

    _name = 'res.partner.som'
    _description = 'Partner State of Mind'
    _order = 'factor, id'

    name = fields.Char(string='State of Mind', size=64, required=True, translate=True,
                       help='Name of the state of mind, e.g. Happy.')
    factor = fields.Float(string='Factor', required=True, default=0.5,
                          help='Satisfaction from 0.0 (worst) to 1.0 (best); used by segmentation.')
