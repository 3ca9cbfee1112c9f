"""What a case does: the state buttons, escalate, historize, send, reply, remind (§3, §6.3).

Every method takes the cases as a recordset (5.0 clients send ids over RPC;
the ORM browses them) and ignores the positional context dict those
clients add. None of them checks the current state: the form only hides
the buttons (§10.2). The state buttons follow §3's order of side effects:
(1) partner event, (2) log line, (3) write, (4) rules engine, which sees
the state each case had before the press (context ``crm_states_from``).
"""
from framework import _, fields, models
from framework.exceptions import UserError

from .crm_case import STATES_FROM_KEY


class Case(models.Model):
    """The life cycle of a case and its communication with the partner and the responsible."""

    _inherit = 'crm.case'

    # --- log and history lines ------------------------------------------------------------
    def _history(self, keyword, history=False, email=False):
        """Log action ``keyword`` on each case; with ``history``, a case with text gets a message.

        A case whose ``description`` is set gets a ``crm.case.history`` line
        (the text, and ``email`` or the responsible's address email) instead
        of a bare ``crm.case.log`` line. Both copy the case's state of mind,
        channel and section, and record the acting user and now.
        """
        now = fields.Datetime.now()
        logs, messages = [], []
        for case in self:
            values = {
                'name': keyword, 'som': case.som.id or False, 'canal_id': case.canal_id.id or False,
                'user_id': self.env.uid, 'date': now, 'case_id': case.id,
                'section_id': case.section_id.id or False,
            }
            if history and case.description:
                values['description'] = case.description
                values['email'] = email or case.user_id.address_id.email or False
                messages.append(values)
            else:
                logs.append(values)
        if logs:
            self.env['crm.case.log'].sudo().create(logs)
        if messages:
            self.env['crm.case.history'].sudo().create(messages)
        return True

    def _change_state(self, event, log_name, values, state_to):
        """Partner event ``event``, log ``log_name``, write ``values``, then the rules for ``state_to``."""
        states_from = {case.id: case.state for case in self}
        if event:
            self._partner_event(event)
        self._history(log_name)
        self.write(values)
        self.with_context(**{STATES_FROM_KEY: states_from})._action(state_to)
        return True

    # --- state buttons ------------------------------------------------------------------
    def case_open(self, *args):
        """Open: state Open, active; a case without responsible gets the current user."""
        states_from = {case.id: case.state for case in self}
        self._partner_event('open')
        self._history(_('Open'))
        unassigned = self.filtered(lambda case: not case.user_id)
        (self - unassigned).write({'state': 'open', 'active': True})
        unassigned.write({'state': 'open', 'active': True, 'user_id': self.env.uid})
        self.with_context(**{STATES_FROM_KEY: states_from})._action('open')
        return True

    def case_pending(self, *args):
        """Pending: state Pending, active (partner event "pending", §13.5)."""
        return self._change_state('pending', _('Pending'),
                                  {'state': 'pending', 'active': True}, 'pending')

    def case_close(self, *args):
        """Close: state Close, Closed date = now (kept by a later reset)."""
        return self._change_state('done', _('Close'),
                                  {'state': 'done', 'date_closed': fields.Datetime.now()}, 'done')

    def case_cancel(self, *args):
        """Cancel: state Cancel, active."""
        return self._change_state('cancel', _('Cancel'),
                                  {'state': 'cancel', 'active': True}, 'cancel')

    def case_reset(self, *args):
        """Reset to Draft: state Draft, active."""
        return self._change_state('draft', _('Draft'),
                                  {'state': 'draft', 'active': True}, 'draft')

    def case_escalate(self, *args):
        """Move each case to its section's parent, responsible = that section's responsible.

        The state is kept; no partner event. Refused, with nothing changed,
        when a case's section has no parent. The log line and the rules
        (Button Pressed = Escalate) see the new section and responsible.
        """
        for case in self:
            if not case.section_id.parent_id:
                raise UserError(_('You can not escalate this case.\nYou are already at the top level.'))
        states_from = {case.id: case.state for case in self}
        for case in self:
            parent = case.section_id.parent_id
            # per case, not the first case's parent for all (5.0 bug, §13.4)
            case.write({'section_id': parent.id, 'user_id': parent.user_id.id or False, 'active': True})
        self._history(_('Escalate'))
        self.with_context(**{STATES_FROM_KEY: states_from})._action('escalate')
        return True

    # --- communication ------------------------------------------------------------------
    def case_log(self, *args, email=False):
        """Historize: log "Historize" (a message when there is text), then clear the text, state of mind, channel."""
        self._history(_('Historize'), history=True, email=email)
        self.write({'description': False, 'som': False, 'canal_id': False})
        return True

    def case_log_reply(self, *args):
        """Send Partner & Historize: mail the text to the partner and watchers, historize it as "Send".

        Refused, before anything is written, for a case without partner
        email, responsible or text. The mail comes from the responsible's
        address email, signed with the responsible's signature, subject
        ``[<id>] <name>``, Reply-To the section's.
        """
        for case in self:
            if not case.email_from:
                raise UserError(_('You must put a Partner eMail to use this action!'))
            if not case.user_id:
                raise UserError(_('You must define a responsible user for this case in order to '
                                  'use this action!'))
            if not case.description:
                raise UserError(_('Can not send mail with empty body,you should have description '
                                  'in the body'))
        texts = {case.id: case.description for case in self}
        self._history(_('Send'), history=True)
        self.write({'description': False, 'som': False, 'canal_id': False})
        for case in self:
            sender = case.user_id.address_id.email
            if not sender:
                raise UserError(_('No E-Mail ID Found for your Company address!'))
            body = texts[case.id]
            if case.user_id.signature:
                body += '\n\n' + case.user_id.signature
            self._email_send(sender, [case.email_from] + (case.email_cc or '').split(','),
                             '[%d] %s' % (case.id, case.name), body,
                             reply_to=case.section_id.reply_to or False, case=case)
        return True

    def add_reply(self, *args):
        """Put the newest message, quoted with "> ", in Your action, ready to be answered."""
        for case in self:
            last = case.history_line.sorted('id', reverse=True)[:1]
            if last:
                text = last.description or ''
                case.write({'description': '> ' + text.replace('\n', '\n> ')})
        return True

    # --- reminders ----------------------------------------------------------------------
    def remind_partner(self, *args, attach=False):
        """Mail the partner the latest message (signed), from the section's Reply-To (§6.3)."""
        return self._remind(to_partner=True, attach=attach)

    def remind_user(self, *args, attach=False):
        """Mail the section's mailbox the latest message, from the partner's email (§6.3)."""
        return self._remind(to_partner=False, attach=attach)

    def _remind(self, to_partner, attach=False):
        """Send the reminders; a case without section Reply-To or partner email is skipped silently."""
        for case in self:
            reply_to = case.section_id.reply_to
            if not (reply_to and case.email_from):
                continue
            body = case.email_last or case.description or ''
            sender, recipient = case.email_from, reply_to
            if to_partner:
                sender, recipient = reply_to, case.email_from
                if case.user_id.signature:
                    body += '\n\n' + case.user_id.signature
            attachments = None
            if attach:
                attachments = self.env['ir.attachment'].sudo().search(
                    [('res_model', '=', 'crm.case'), ('res_id', '=', case.id)])
            self._email_send(sender, [recipient], _('Reminder: [%s] %s') % (case.id, case.name), body,
                             reply_to=reply_to, case=case, attach=attachments)
        return True
