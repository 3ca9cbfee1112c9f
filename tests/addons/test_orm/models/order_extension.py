"""An extension of test.orm.order in the same addon: its SQL constraint adds to the model's own."""
from framework import models


class Order(models.Model):
    _inherit = 'test.orm.order'

    _sql_constraints = [
        ('name_not_blank', "CHECK (btrim(name) <> '')", 'The reference of an order cannot be blank!'),
    ]
