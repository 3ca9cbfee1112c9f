"""Record rules: domains restricting which records of a model a group may touch."""
from framework import api, fields, models


class Rule(models.Model):
    """A domain applied to a model's records for some groups, or to everybody (global)."""

    _name = 'ir.rule'
    _description = 'Record Rule'
    _order = 'model_id, name, id'

    name = fields.Char(string='Name', size=128, index=True)
    active = fields.Boolean(string='Active', default=True)
    model_id = fields.Many2one('ir.model', string='Object', required=True, ondelete='cascade',
                               index=True)
    groups = fields.Many2many('res.groups', 'rule_group_rel', 'rule_group_id', 'group_id',
                              string='Groups', help='Groups the rule applies to; empty means everybody.')
    domain_force = fields.Text(string='Domain',
                               help='Domain the records must match, e.g. [("user_id", "=", user.id)].')
    global_ = fields.Boolean(string='Global', compute='_compute_global', store=True,
                             help='A rule without groups is global: it applies to everybody.')
    perm_read = fields.Boolean(string='Apply for Read', default=True)
    perm_write = fields.Boolean(string='Apply for Write', default=True)
    perm_create = fields.Boolean(string='Apply for Create', default=True)
    perm_unlink = fields.Boolean(string='Apply for Delete', default=True)

    _sql_constraints = [
        ('no_access_rights',
         'CHECK (perm_read OR perm_write OR perm_create OR perm_unlink)',
         'A rule must apply to at least one of read, write, create or delete.'),
    ]

    @api.depends('groups')
    def _compute_global(self):
        """A rule is global when it names no group."""
        for rule in self:
            rule.global_ = not rule.groups
