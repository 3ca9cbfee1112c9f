"""``crm.case`` receives mail: the 5.0 email gateway as ``mail.thread`` hooks.

A new message to a section's address becomes an open case of that section
(``message_new``); a reply, found by the ``[ID]`` subject tag or a
``-tinycrm-ID@`` reference, lands on its case (``message_update``): the
partner's reply reopens it, the responsible's reply sets it Pending unless
its ``Set-…`` command lines say otherwise (quirk 7). Either way the message
is then forwarded to the people on the case who did not already receive it.

These hooks serve ``odoo-bin mailgate --model crm.case``, the fetch job and
the LMTP listener (all through ``mail.thread.message_process``). The 5.0
script ``scripts/openerp-mailgate/openerp-mailgate.py`` reaches the same
result with the plain RPC calls of §7.3b and forwards by SMTP itself; both
read commands and recipients through ``addons/crm/gateway_commands.py``.
Here the forward is queued through the crm mail tool (``_email_send``).
"""
import json

from framework import _, api, models
from framework.config import config
from framework.exceptions import UserError

from ..gateway_commands import (PARTNER_ACTION, X_PRIORITY, command_values, first_address,
                                forward_recipients, split_commands)

#: the section a new message goes to when the caller names none (the script's default too)
DEFAULT_SECTION_CODE = 'support'


class CrmCaseGateway(models.Model):
    """Incoming mail on cases: new cases from new messages, replies on their case, forwards."""

    _name = 'crm.case'
    _inherit = ['crm.case', 'mail.thread']

    # --- new conversation ---------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Create an open case from a new message; return it.

        ``custom_values['section_id']`` names the section by id or by code
        (default: the section with code ``support``); other custom values
        are written on the case. Partner and contact are the first
        contact whose email is the sender's address; Partner Email is the
        whole From; Watchers are the Cc. The case is created (rules with
        Button Pressed Draft) then opened (rules Draft → Open: where the
        acknowledgement rule lives), which makes the gateway user
        responsible. Raises ``UserError`` when the section does not exist.
        """
        values = dict(custom_values or {})
        section = self._gateway_section(values.pop('section_id', None))
        address = self._gateway_sender_address(msg_dict)
        body = msg_dict.get('body') or ''
        sender = msg_dict.get('from') or msg_dict.get('email_from') or ''
        case_values = {
            'name': (msg_dict.get('subject') or _('(no subject)'))[:64],
            'section_id': section.id,
            'email_from': sender[:128],
            'email_cc': (msg_dict.get('cc') or '')[:252],
            'canal_id': False,
            'user_id': False,
            'description': body,
            'history_line': [(0, 0, {'description': body, 'email': sender[:84]})],
            'partner_id': address.partner_id.id or False,
            'partner_address_id': address.id or False,
        }
        case_values.update(values)
        case = self.create(case_values)
        case.case_open()
        return case

    @api.model
    def _gateway_section(self, section):
        """Return the section named by ``section`` (id, code, record or None for ``support``)."""
        sections = self.env['crm.case.section']
        if isinstance(section, models.BaseModel):
            return section
        if section in (None, False, ''):
            section = DEFAULT_SECTION_CODE
        if isinstance(section, int) or (isinstance(section, str) and section.isdigit()):
            found = sections.browse(int(section)).exists()
        else:
            found = sections.search([('code', '=', section)], limit=1)
        if not found:
            raise UserError(_('There is no case section %(section)r: give the id or the code of an existing '
                              'section (custom value "section_id").') % {'section': section})
        return found

    @api.model
    def _gateway_sender_address(self, msg_dict):
        """Return the partner contact whose email is the sender's address (empty when none)."""
        email = first_address(msg_dict.get('from') or '') or msg_dict.get('email_from') or ''
        if not email:
            return self.env['res.partner.address']
        return self.env['res.partner.address'].search([('email', '=', email)], limit=1)

    # --- reply on a case ----------------------------------------------------------------------
    def message_update(self, msg_dict, update_vals=None):
        """Take a reply into this case.

        From the responsible (the sender's address is the responsible's
        address email): the ``Set-…`` command lines are applied and
        removed from the text, then ``Set-State`` (default Pending) is
        pressed. From anyone else: Open is pressed. Then the text becomes
        the case's Your action and a new history line with the sender.
        """
        self.ensure_one()
        responsible_email = (self.emails_get() or [False])[0]
        sender = msg_dict.get('from') or msg_dict.get('email_from') or ''
        body = msg_dict.get('body') or ''
        values = dict(update_vals or {})
        sender_address = first_address(sender).lower()
        if responsible_email and sender_address \
                and sender_address == first_address(responsible_email).lower():
            body, commands = split_commands(body)
            action, command_vals, user_name = command_values(commands)
            if user_name:
                users = self.env['res.users'].name_search(user_name, limit=1)
                if users:
                    command_vals['user_id'] = users[0][0]
            values = dict(command_vals, **values)
        else:
            action = PARTNER_ACTION
        getattr(self, action)()
        values.update({
            'description': body,
            'history_line': [(0, 0, {'description': body, 'email': sender[:84]})],
        })
        self.write(values)
        return True

    # --- forward --------------------------------------------------------------------------------
    def _message_attach(self, msg, raw, save_original=False, strip_attachments=False):
        """Store the message's attachments on the case, then queue its forward (the last step of a delivery)."""
        attachments = super()._message_attach(msg, raw, save_original, strip_attachments)
        self._gateway_forward(msg, attachments)
        return attachments

    def _gateway_forward(self, msg, attachments=None):
        """Queue the message to the responsible, the partner and the watchers who did not receive it.

        Sent from the section's Reply-To (the gateway address), itself
        never a recipient; To the first recipient, Cc the others;
        subject tagged ``[ID]``; ``X-Priority`` from the case priority.
        Returns the queued ``mail.mail`` (empty when nobody is left).
        """
        self.ensure_one()
        gateway = self.section_id.reply_to or config.get('email_from') or ''
        recipients = forward_recipients(self.emails_get(),
                                        [msg.get('from'), msg.get('to'), msg.get('cc')],
                                        exclude=[gateway])
        if not recipients:
            return self.env['mail.mail']
        subject = msg.get('subject') or self.name
        tag = '[%d]' % self.id
        if tag not in subject:
            subject = '%s %s' % (tag, subject)
        # the stored text: a responsible's command lines are not for the partner
        body = self.description if self.description is not False else (msg.get('body') or '')
        mail = self._email_send(gateway or False, recipients[:1], subject, body or '',
                                case=self, attach=attachments, email_cc=recipients[1:])
        # 5.0's forward: Reply-To is the gateway alone, the priority travels as X-Priority
        mail.write({
            'reply_to': gateway or False,
            'in_reply_to': msg.get('message_id') or False,
            'references': msg.get('message_id') or False,
            'headers': json.dumps({'X-Priority': X_PRIORITY.get(self.priority or '3', '3 (Normal)')}),
        })
        return mail
