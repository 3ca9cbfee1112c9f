"""Access rights: which group may read, write, create or delete records of a model."""
from framework import fields, models


class ModelAccess(models.Model):
    """One line of access rights: a model, a group (or everybody), four permissions."""

    _name = 'ir.model.access'
    _description = 'Model Access'
    _order = 'model_id, group_id, name, id'

    name = fields.Char(string='Name', size=64, required=True, index=True)
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to disable the line without deleting it.')
    model_id = fields.Many2one('ir.model', string='Object', required=True, ondelete='cascade',
                               index=True)
    group_id = fields.Many2one('res.groups', string='Group', ondelete='cascade', index=True,
                               help='Group granted these rights; empty grants them to everybody.')
    perm_read = fields.Boolean(string='Read Access')
    perm_write = fields.Boolean(string='Write Access')
    perm_create = fields.Boolean(string='Create Access')
    perm_unlink = fields.Boolean(string='Delete Access')
