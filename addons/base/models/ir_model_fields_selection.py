"""Selection values described as records, so that their labels translate.

The module loader (`framework.modules.reflection`) writes one row per
``(value, label)`` pair of every selection field with a static list, with
the external id ``base.selection__res_partner__type__contact``; the label
is a translated field, so ``fields_get`` in French reads French labels.
"""
from framework import fields, models


class IrModelFieldsSelection(models.Model):
    """One value of a selection field and its (translatable) label."""

    _name = 'ir.model.fields.selection'
    _description = 'Fields Selection'
    _order = 'sequence, id'

    field_id = fields.Many2one('ir.model.fields', string='Field', required=True,
                               ondelete='cascade', index=True)
    value = fields.Char(string='Value', required=True)
    name = fields.Char(string='Name', translate=True, required=True)
    sequence = fields.Integer(string='Sequence', default=1000)

    _sql_constraints = [
        ('selection_field_uniq', 'UNIQUE (field_id, value)',
         'Selections values must be unique per field.'),
    ]
