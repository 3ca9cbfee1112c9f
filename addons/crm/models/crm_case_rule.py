"""Case rules: conditions on a case and actions to run when a button is pressed or time passes.

A rule (``crm.case.rule``) matches a case when every non-empty condition
holds; the first matching and due rule, by sequence, runs its actions
(SPEC-crm §5). The matching and the actions live in
:mod:`.crm_rule_engine` and :mod:`.crm_rule_actions`; the mail template in
:mod:`.crm_rule_template`. This file holds the fields, the template
constraint and the two entry points: :meth:`CaseRule._run_rules` (called by
``crm.case._action``) and :meth:`CaseRule._check` (the scheduler job).
"""
from framework import _, api, fields, models
from framework.exceptions import ValidationError

from . import crm_rule_engine, crm_rule_template
from .crm_case import PRIORITIES, STATES, STATES_FROM_KEY

# The 5.0 lists start with ('', ''): here the empty choice is the field's empty value (False).
TRIGGER_STATES = [('escalate', 'Escalate')] + STATES


class CaseRule(models.Model):
    """One rule of the case rules engine: AND-ed conditions, then field changes, reminders, mails."""

    _name = 'crm.case.rule'
    _description = 'Case Rule'
    _order = 'sequence'

    name = fields.Char(string='Rule Name', size=64, required=True)
    active = fields.Boolean(string='Active', default=True)
    sequence = fields.Integer(string='Sequence')

    # --- conditions ---
    trg_state_from = fields.Selection(TRIGGER_STATES, string='Case State', size=16)
    trg_state_to = fields.Selection(TRIGGER_STATES, string='Button Pressed', size=16)
    trg_date_type = fields.Selection([('none', 'None'), ('create', 'Creation Date'),
                                      ('action_last', 'Last Action Date'), ('deadline', 'Deadline'),
                                      ('date', 'Date')],
                                     string='Trigger Date', size=16, default='none')
    trg_date_range = fields.Integer(string='Delay after trigger date')
    trg_date_range_type = fields.Selection([('minutes', 'Minutes'), ('hour', 'Hours'),
                                            ('day', 'Days'), ('month', 'Months')],
                                           string='Delay type', default='day')
    trg_section_id = fields.Many2one('crm.case.section', string='Section')
    trg_categ_id = fields.Many2one('crm.case.categ', string='Category',
                                   domain="[('section_id','=',trg_section_id)]")
    trg_user_id = fields.Many2one('res.users', string='Responsible')
    trg_partner_id = fields.Many2one('res.partner', string='Partner')
    trg_partner_categ_id = fields.Many2one('res.partner.category', string='Partner Category')
    trg_priority_from = fields.Selection(PRIORITIES, string='Minimum Priority')
    trg_priority_to = fields.Selection(PRIORITIES, string='Maximim Priority')
    trg_max_history = fields.Integer(string='Maximum Communication History')

    # --- actions ---
    act_method = fields.Char(string='Call Object Method', size=64)
    act_state = fields.Selection(STATES, string='Set state to', size=16)
    act_section_id = fields.Many2one('crm.case.section', string='Set section to')
    act_user_id = fields.Many2one('res.users', string='Set responsible to')
    act_priority = fields.Selection(PRIORITIES, string='Set priority to')
    act_email_cc = fields.Char(string='Add watchers (Cc)', size=250,
                               help="These people will receive a copy of the future communication "
                                    "between partner and users by email")
    act_remind_partner = fields.Boolean(string='Remind Partner', default=False,
                                        help="Check this if you want the rule to send a reminder by "
                                             "email to the partner.")
    act_remind_user = fields.Boolean(string='Remind responsible', default=False,
                                     help="Check this if you want the rule to send a reminder by "
                                          "email to the user.")
    act_remind_attach = fields.Boolean(string='Remind with attachment',
                                       help="Check this if you want that all documents attached to "
                                            "the case be attached to the reminder email sent.")
    act_mail_to_user = fields.Boolean(string='Mail to responsible', default=False)
    act_mail_to_partner = fields.Boolean(string='Mail to partner', default=False)
    act_mail_to_watchers = fields.Boolean(string='Mail to watchers (Cc)', default=False)
    act_mail_to_email = fields.Char(string='Mail to these emails', size=128)
    act_mail_body = fields.Text(string='Mail body')

    @api.constrains('act_mail_body')
    def _check_mail(self):
        """Refuse a body that does not render against an empty case (SPEC-crm §2.3)."""
        for rule in self:
            if rule.act_mail_body and not crm_rule_template.is_well_formed(rule.act_mail_body):
                raise ValidationError(_('Error: The mail is not well formated'))

    # --- entry points ---
    @api.model
    def _run_rules(self, cases, state_to, scrit=None, check_mail=True):
        """Run the rules on ``cases`` (a crm.case recordset) for the button ``state_to``.

        ``state_to`` is the pressed button ('draft', 'open', 'escalate', …),
        ``''`` for a new history line, ``False`` for the scheduler. ``scrit``
        is an extra domain on the rules. With ``check_mail`` false the rules'
        mails and reminders are not sent (field changes still happen). The
        state each case had before the button (``trg_state_from``) is read
        from the cases' context key ``crm_states_from`` (``{case id:
        state}``), else the case's current state. Rules are read as
        superuser (whoever presses a button must see them); the cases are
        written as the caller. Returns the number of rules fired.
        """
        if not cases:
            return 0
        domain = [('active', '=', True)] + list(scrit or [])
        rules = self.sudo().search(domain, order='sequence, id')
        return crm_rule_engine.run(cases, rules, state_to, check_mail=check_mail,
                                   states_before=cases.env.context.get(STATES_FROM_KEY))

    @api.model
    def _check(self, now=None):
        """Scheduler job: run the rules (``state_to=False``) on every due, unfinished case.

        Due: ``date_action_last`` before now or empty, and
        ``date_action_next`` at or before now or empty; done and cancelled
        cases are skipped; archived cases are included (SPEC-crm §5.3).
        ``now`` (a datetime or 'YYYY-MM-DD HH:MM:SS', default the current
        UTC time) lets tests and replays fix the moment. Returns the number
        of rules fired.
        """
        now = fields.Datetime.to_datetime(now) if now else fields.Datetime.now()
        rules = self.sudo().search([('active', '=', True)], order='sequence, id')
        return crm_rule_engine.check(self.env, rules, now)
