"""Cases in the partner's History tab: the partner events a case action records (§9.3).

The partner form's History page lists ``res.partner.events`` (base). Each
case action of the life cycle (create = ``draft``, ``open``, ``pending``,
``done``, ``cancel``, reset = ``draft``) adds an event "Case <keyword>:
<case name>" to the case's partner, pointing back to the case, while the
partner event type ``crm_case_<keyword>`` is active.
"""
from framework import _, api, fields, models

#: the longest event name; longer ones are cut to 61 characters + '...'
EVENT_NAME_SIZE = 64


def event_name(keyword, case_name):
    """Return ``"Case <keyword>: <case name>"`` cut to 64 characters."""
    name = _('Case %s: %s') % (keyword, case_name or '')
    if len(name) > EVENT_NAME_SIZE:
        name = name[:EVENT_NAME_SIZE - 3] + '...'
    return name


class PartnerEvent(models.Model):
    """Partner events learn to record case actions."""

    _inherit = 'res.partner.event'

    @api.model
    def _log_cases(self, cases, keyword):
        """Record ``keyword`` ('draft', 'open'…) for the cases that have a partner; return the events.

        Nothing is recorded unless the event type ``crm_case_<keyword>`` is
        active. The event carries the case's state of mind, description and
        channel, the acting user and now.
        """
        if not cases or not self.env['res.partner.event.type'].check('crm_case_' + keyword):
            return self.browse()
        now = fields.Datetime.now()
        return self.create([{
            'name': event_name(keyword, case.name),
            'som': case.som.id or False,
            'description': case.description or False,
            'partner_id': case.partner_id.id,
            'date': now,
            'canal_id': case.canal_id.id or False,
            'user_id': self.env.uid,
            'document': 'crm.case,%d' % case.id,
        } for case in cases if case.partner_id])


class Case(models.Model):
    """Cases tell their partner's history what happened to them."""

    _inherit = 'crm.case'

    def _partner_event(self, keyword):
        """Add the partner event of action ``keyword`` for these cases (see ``_log_cases``)."""
        return self.env['res.partner.event'].sudo()._log_cases(self, keyword)
