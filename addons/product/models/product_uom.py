"""Units of measure: what a quantity of a product counts (Unit(s), kg, hours…)."""
from framework import fields, models


class ProductUom(models.Model):
    """A unit of measure; ``factor`` is how many of it make the reference unit of its kind."""

    _name = 'product.uom'
    _description = 'Product Unit of Measure'
    _order = 'name'

    name = fields.Char(string='Name', size=64, required=True, translate=True)
    factor = fields.Float(string='Factor', default=1.0, required=True,
                          help='How many of this unit make one reference unit (1 for the reference unit).')
    rounding = fields.Float(string='Rounding Precision', default=1.0, required=True,
                            help='Quantities in this unit are multiples of this number.')
    active = fields.Boolean(string='Active', default=True)

    _sql_constraints = [
        ('factor_gt_zero', 'CHECK (factor != 0)', 'The factor of a unit of measure may not be 0!'),
    ]
