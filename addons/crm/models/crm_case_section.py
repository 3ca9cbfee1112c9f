"""Case sections: the teams or queues cases belong to, as a tree ("Support / Level 1")."""
from framework import _, api, fields, models
from framework.exceptions import ValidationError

#: a section may have at most this many ancestors minus one (5.0 walks 100 levels up)
MAX_SECTION_DEPTH = 100


class CaseSection(models.Model):
    """A team or queue of cases; sections nest, and a case escalates to the parent section.

    The Reply-To of a section is the team mailbox: it is the Reply-To of every
    mail sent about its cases and the sender of partner reminders (§6.3).
    No ``_order``: sections list in id order (``sequence`` is informational).
    """

    _name = 'crm.case.section'
    _description = 'Case Section'

    name = fields.Char(string='Case Section', size=64, required=True, translate=True)
    code = fields.Char(string='Section Code', size=8)
    active = fields.Boolean(string='Active', default=True)
    allow_unlink = fields.Boolean(string='Allow Delete', default=True,
                                  help='Allows to delete non draft cases')
    sequence = fields.Integer(string='Sequence')
    user_id = fields.Many2one('res.users', string='Responsible User')
    reply_to = fields.Char(string='Reply-To', size=64,
                           help='The email address put in the \'Reply-To\' of all emails sent by '
                                'Open ERP about cases in this section')
    parent_id = fields.Many2one('crm.case.section', string='Parent Section')
    child_ids = fields.One2many('crm.case.section', 'parent_id', string='Child Sections')

    _sql_constraints = [
        ('code_uniq', 'unique (code)', 'The code of the section must be unique !'),
    ]

    @api.constrains('parent_id')
    def _check_recursion(self):
        """Refuse a section that is its own ancestor or has 100 ancestors or more (5.0's limit)."""
        for section in self:
            node, depth = section.parent_id, 0
            while node:
                depth += 1
                if node == section or depth >= MAX_SECTION_DEPTH:
                    raise ValidationError(_('Error ! You cannot create recursive sections.'))
                node = node.parent_id

    @api.depends('name', 'parent_id.name')
    def _compute_display_name(self):
        """Display a section as its full path, e.g. ``Support / Level 1 / Hardware``."""
        for section in self:
            section.display_name = section._hierarchy_path()

    def name_get(self):
        """Return [(id, 'Parent / Child')] for these sections."""
        return [(section.id, section._hierarchy_path()) for section in self]
