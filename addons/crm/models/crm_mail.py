"""The crm mail tool (§6.1): one plain-text mail about a case, queued in the framework's mail queue.

Everything crm sends (Send Partner & Historize, reminders, rule mails, the
gateway's forwards) goes through :meth:`Case._email_send`, so every mail
about a case carries the ``-tinycrm-<case id>@`` Message-Id that lets the
gateway thread replies back onto the case (§7.3). Mails are queued
(``mail.mail``) and sent by the queue job once the transaction commits;
delivery failures are recorded on the queued mail, never raised here.
"""
import random
import socket
import time

from framework import api, models


def tinycrm_message_id(case_id):
    """Return a new Message-Id ``<{unix time}.{random}-tinycrm-{case id}@{host}>``."""
    return '<%.6f.%06d-tinycrm-%s@%s>' % (time.time(), random.SystemRandom().randrange(10 ** 6),
                                        case_id, socket.gethostname())


def split_emails(*lists):
    """Return the non-empty addresses of comma-separated lists (strings, lists or False), in order, once."""
    result = []
    for value in lists:
        if not value:
            continue
        items = value.split(',') if isinstance(value, str) else value
        for item in items:
            item = (item or '').strip()
            if item and item not in result:
                result.append(item)
    return result


class Case(models.Model):
    """Cases send mail through the queue with the case's Message-Id tag."""

    _inherit = 'crm.case'

    @api.model
    def _email_send(self, email_from, emails_to, subject, body, reply_to=False, case=None,
                    attach=None, email_cc=None):
        """Queue one plain-text mail and return its ``mail.mail`` record (empty when no recipient).

        ``emails_to`` and ``email_cc`` are address lists or comma-separated
        strings (empties and repeats dropped). ``reply_to`` given → the
        Reply-To is ``"<email_from>, <reply_to>"`` (5.0's form). ``case`` (a
        record or id) → Message-Id ``<…-tinycrm-<id>@host>`` and the mail is
        linked to the case. ``attach`` is an ``ir.attachment`` recordset
        (linked as is) or a list of ``(file name, bytes)`` (stored as new
        attachments of the mail).
        """
        recipients = split_emails(emails_to)
        if not recipients:
            return self.env['mail.mail']
        case_id = getattr(case, 'id', case) or False
        values = {
            'email_from': email_from,
            'email_to': ', '.join(recipients),
            'email_cc': ', '.join(split_emails(email_cc)) or False,
            'reply_to': ('%s, %s' % (email_from, reply_to)) if reply_to else False,
            'subject': subject,
            'body': body or '',
        }
        if case_id:
            values.update(message_id=tinycrm_message_id(case_id), model='crm.case', res_id=case_id)
        mail = self.env['mail.mail'].sudo().create(values)
        attachments = self._mail_attachments(attach, mail)
        if attachments:
            mail.write({'attachment_ids': [(6, 0, attachments.ids)]})
        return mail

    @api.model
    def _mail_attachments(self, attach, mail):
        """Return ``attach`` as ``ir.attachment`` records, storing ``(name, bytes)`` pairs on ``mail``."""
        attachments = self.env['ir.attachment'].sudo()
        if not attach:
            return attachments
        if hasattr(attach, '_ids'):
            return attach.sudo()
        return attachments.create([{
            'name': name, 'datas_fname': name, 'raw': content,
            'res_model': 'mail.mail', 'res_id': mail.id,
        } for name, content in attach])
