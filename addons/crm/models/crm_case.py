"""The case: one lead, request, issue or claim followed by a section (§2.4).

This file holds what a case *is*: its fields and defaults (portal mode
included), copy, delete protection, the form's on-change helpers,
``emails_get`` for the gateway and the hook ``_action`` into the rules
engine. What a case *does* (the state buttons, historize, send, remind)
lives in ``crm_case_actions.py``.
"""
from framework import _, api, fields, models
from framework.exceptions import UserError

STATES = [
    ('draft', 'Draft'),
    ('open', 'Open'),
    ('cancel', 'Cancel'),
    ('done', 'Close'),
    ('pending', 'Pending'),
]

PRIORITIES = [
    ('5', 'Lowest'),
    ('4', 'Low'),
    ('3', 'Normal'),
    ('2', 'High'),
    ('1', 'Highest'),
]

#: context key carrying ``{case id: state before the action}`` to the rules engine
STATES_FROM_KEY = 'crm_states_from'


class Case(models.Model):
    """A case of a section, with its partner, responsible, state, communication history and log.

    Creating a case records the partner event "draft" (when enabled) and
    runs the rules with Button Pressed = Draft.
    """

    _name = 'crm.case'
    _description = 'Case'
    _order = 'priority, date_deadline desc, date desc, id desc'

    name = fields.Char(string='Description', size=64, required=True)
    priority = fields.Selection(PRIORITIES, string='Priority', default='3')
    active = fields.Boolean(string='Active', default=True)
    description = fields.Text(string='Your action')
    section_id = fields.Many2one('crm.case.section', string='Section', required=True, index=True)
    categ_id = fields.Many2one('crm.case.categ', string='Category',
                               domain="[('section_id','=',section_id)]")
    planned_revenue = fields.Float(string='Planned Revenue')
    planned_cost = fields.Float(string='Planned Costs')
    probability = fields.Float(string='Probability (%)')
    email_from = fields.Char(string='Partner Email', size=128,
                             default=lambda self: self._default_email_from())
    email_cc = fields.Char(string='Watchers Emails', size=252)
    email_last = fields.Text(string='Latest E-Mail', compute='_compute_email_last')
    partner_id = fields.Many2one('res.partner', string='Partner', default=lambda self: self._default_partner())
    partner_address_id = fields.Many2one('res.partner.address', string='Partner Contact',
                                         domain="[('partner_id','=',partner_id)]",
                                         default=lambda self: self._default_partner_address())
    som = fields.Many2one('res.partner.som', string='State of Mind')
    date = fields.Datetime(string='Date', default=fields.Datetime.now)
    create_date = fields.Datetime(string='Created', readonly=True)
    date_deadline = fields.Datetime(string='Deadline')
    date_closed = fields.Datetime(string='Closed', readonly=True)
    canal_id = fields.Many2one('res.partner.canal', string='Channel')
    user_id = fields.Many2one('res.users', string='Responsible', default=lambda self: self._default_user())
    history_line = fields.One2many('crm.case.history', 'case_id', string='Communication', readonly=True)
    log_ids = fields.One2many('crm.case.log', 'case_id', string='Logs History', readonly=True)
    state = fields.Selection(STATES, string='Status', size=16, readonly=True, default='draft')
    ref = fields.Reference(selection='_referencable_models', string='Reference', size=128)
    ref2 = fields.Reference(selection='_referencable_models', string='Reference 2', size=128)
    date_action_last = fields.Datetime(string='Last Action', readonly=True)
    date_action_next = fields.Datetime(string='Next Action', readonly=True)

    # --- defaults ------------------------------------------------------------------------
    def _portal_address(self):
        """The current user's address in portal mode (context ``portal``), else an empty record."""
        if not self.env.context.get('portal'):
            return self.env['res.partner.address']
        return self.env.user.address_id

    def _default_user(self):
        """The current user, except in portal mode where cases start unassigned."""
        return False if self.env.context.get('portal') else self.env.uid

    def _default_partner(self):
        return self._portal_address().partner_id.id or False

    def _default_partner_address(self):
        return self._portal_address().id or False

    def _default_email_from(self):
        return self._portal_address().email or False

    @api.model
    def _referencable_models(self):
        """The models a case may reference: every ``res.request.link``."""
        links = self.env['res.request.link'].sudo().search([], order='priority, id')
        return [(link.object, link.name) for link in links]

    # --- computed --------------------------------------------------------------------------
    @api.depends('history_line.description')
    def _compute_email_last(self):
        """The text of the newest history line (highest id), or False."""
        for case in self:
            lines = case.history_line.sorted('id', reverse=True)
            case.email_last = lines[:1].description or False if lines else False

    # --- create, copy, delete --------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Create cases, then record the partner event "draft" and run the rules (Draft)."""
        cases = super().create(vals_list)
        cases._partner_event('draft')
        cases._action('draft')
        return cases

    def copy_data(self, default=None):
        """Copy a case as a new draft, without its communication history nor its log."""
        default = dict(default or {})
        default.update(state='draft', history_line=[], log_ids=[])
        return super().copy_data(default)

    def unlink(self):
        """Delete cases; a non-draft case of a section that does not allow it is refused."""
        # the right to delete first: a user without it is told so, not that reading the case is refused
        self._check_access('unlink')
        for case in self:
            if not case.section_id.allow_unlink and case.state != 'draft':
                raise UserError(_('You can not delete this case. You should better cancel it.'))
        return super().unlink()

    # --- form helpers --------------------------------------------------------------------
    def onchange_partner_id(self, part, email=False):
        """5.0 on-change: the partner's contact address, and its email when none is typed.

        Returns ``{'value': {...}}``; an empty partner empties the contact.
        """
        if not part:
            return {'value': {'partner_address_id': False}}
        partner = self.env['res.partner'].browse(part)
        address_id = partner.address_get(['contact'])['contact']
        value = {'partner_address_id': address_id}
        if address_id and not email:
            value['email_from'] = self.env['res.partner.address'].browse(address_id).email or False
        return {'value': value}

    def onchange_partner_address_id(self, add, email=False):
        """5.0 on-change: the contact's email, when no email is typed yet."""
        if not add:
            return {}
        if email:
            return {'value': {}}
        return {'value': {'email_from': self.env['res.partner.address'].browse(add).email or False}}

    def onchange_categ_id(self, categ):
        """5.0 on-change: the category's probability."""
        if not categ:
            return {'value': {}}
        return {'value': {'probability': self.env['crm.case.categ'].browse(categ).probability}}

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        self._apply_onchange(self.onchange_partner_id(self.partner_id.id, self.email_from))

    @api.onchange('partner_address_id')
    def _onchange_partner_address_id(self):
        self._apply_onchange(self.onchange_partner_address_id(self.partner_address_id.id,
                                                              self.email_from))

    @api.onchange('categ_id')
    def _onchange_categ_id(self):
        self._apply_onchange(self.onchange_categ_id(self.categ_id.id))

    def _apply_onchange(self, result):
        """Put the ``{'value': {...}}`` of a 5.0 on-change helper on this form record."""
        for name, value in (result or {}).get('value', {}).items():
            setattr(self, name, value)

    # --- gateway helper ------------------------------------------------------------------
    def emails_get(self):
        """Return ``(responsible's address email or False, email_from, email_cc, priority)``.

        Called by the mail gateway with one case id.
        """
        self.ensure_one()
        return (self.user_id.address_id.email or False, self.email_from or False,
                self.email_cc or False, self.priority)

    # --- rules -----------------------------------------------------------------------------
    def _action(self, state_to, scrit=None, check_mail=True):
        """Run the rules engine on these cases for the button ``state_to`` (§5).

        ``state_to`` is 'draft', 'open', 'pending', 'done', 'cancel',
        'escalate', '' (history created) or False (scheduler). The state each
        case had before the action, when it differs from its current one, is
        in the context under ``crm_states_from`` (``{case id: state}``), set
        by the life-cycle methods. Does nothing until the rules engine
        (``crm.case.rule._run_rules``) is installed.
        """
        if not self or 'crm.case.rule' not in self.env:
            return True
        rules = self.env['crm.case.rule']
        if not hasattr(rules, '_run_rules'):
            return True
        return rules._run_rules(self, state_to, scrit, check_mail)
