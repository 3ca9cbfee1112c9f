"""Notes belonging to users: the records the security tests restrict."""
from framework import fields, models


class Note(models.Model):
    """A note with an owner; Employees read, Managers manage, rules filter by owner."""

    _name = 'test.security.note'
    _description = 'Security Note'
    _order = 'id'

    name = fields.Char(string='Title', required=True)
    user_id = fields.Many2one('res.users', string='Owner')
    classified = fields.Boolean(string='Classified',
                                help='Classified notes are hidden from everybody by a global rule.')
    secret = fields.Char(string='Secret', groups='base.group_manager',
                         help='Only Managers may read or write it.')
