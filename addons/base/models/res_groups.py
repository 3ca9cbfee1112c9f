"""Groups of users: the unit access rights, rules and menus are granted to."""
from framework import _, api, fields, models
from framework.exceptions import ValidationError
from framework.security.cache import InvalidatesSecurityCache


class Groups(InvalidatesSecurityCache, models.Model):
    """A set of users sharing access rights; a group may imply other groups."""

    _name = 'res.groups'
    _description = 'Access Groups'
    _order = 'name, id'

    name = fields.Char(string='Name', size=64, required=True, translate=True,
                       help='Name of the group within its application, e.g. Settings.')
    category = fields.Char(string='Application', size=64, translate=True,
                           help='Application the group belongs to, e.g. Administration.')
    full_name = fields.Char(string='Group Name', compute='_compute_full_name',
                            help="'Application / Name', or the name alone.")
    comment = fields.Text(string='Comment', translate=True)
    implied_ids = fields.Many2many('res.groups', 'res_groups_implied_rel', 'gid', 'hid',
                                   string='Inherits',
                                   help='Users of this group automatically belong to these groups too.')
    users = fields.Many2many('res.users', 'res_groups_users_rel', 'gid', 'uid', string='Users')

    _sql_constraints = [
        ('name_uniq', 'unique (category, name)', 'The name of the group must be unique within an application!'),
    ]

    @api.depends('name', 'category')
    def _compute_full_name(self):
        """Compute 'Application / Name'."""
        for group in self:
            group.full_name = ' / '.join(part for part in (group.category, group.name) if part)


    def _implied_closure(self):
        """Return these groups and every group they imply, directly or not."""
        closure = self.browse()
        todo = self
        while todo:
            closure |= todo
            todo = todo.mapped('implied_ids') - closure
        return closure

    @api.constrains('implied_ids')
    def _check_implied_recursion(self):
        """Refuse a group that implies itself through a chain of implied groups."""
        for group in self:
            if group in group.implied_ids._implied_closure():
                raise ValidationError(_('A group cannot imply itself: "%s".') % group.full_name)
