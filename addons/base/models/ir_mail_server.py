"""Outgoing mail servers: SMTP connections kept as records, with the config file as fallback.

The server a mail goes through is, in Odoo's order: the one the mail
names, else the active ``ir.mail_server`` with the lowest sequence, else
the ``smtp_*`` options (``--smtp``, ``--smtp-port``, ``--smtp-user``,
``--smtp-password``, ``--smtp-ssl``).
"""
import logging

from framework import api, fields, models
from framework.config import config
from framework.mail import SmtpSessions, SmtpSettings, build_message, deliver
from framework.mail.errors import MailDeliveryError, describe_refused

_logger = logging.getLogger(__name__)

#: Odoo's name for the error ``send_email`` raises
MailDeliveryException = MailDeliveryError


class IrMailServer(models.Model):
    """An SMTP server outgoing mails may go through."""

    _name = 'ir.mail_server'
    _description = 'Mail Server'
    _order = 'sequence, id'

    name = fields.Char(string='Description', size=64, required=True, index=True)
    smtp_host = fields.Char(string='SMTP Server', size=128, required=True,
                            help='Host name or IP address of the SMTP server.')
    smtp_port = fields.Integer(string='SMTP Port', required=True, default=25,
                               help='25 for plain SMTP or STARTTLS on a relay, 587 for submission, '
                                    '465 for SSL.')
    smtp_user = fields.Char(string='Username', size=64, help='Login, when the server asks for one.')
    smtp_pass = fields.Char(string='Password', size=64, help='Password of the login.')
    smtp_encryption = fields.Selection(
        [('none', 'None'), ('starttls', 'TLS (STARTTLS)'), ('ssl', 'SSL/TLS')],
        string='Connection Security', required=True, default='none',
        help='None: clear text; TLS (STARTTLS): upgrade a plain connection (port 25 or 587); '
             'SSL/TLS: encrypted from the start (port 465).')
    sequence = fields.Integer(string='Priority', default=10,
                              help='Mails that name no server go through the active one with the '
                                   'lowest priority number.')
    active = fields.Boolean(string='Active', default=True)

    # --- which server ---------------------------------------------------------------------
    def _settings(self):
        """Return the :class:`SmtpSettings` of this one server record."""
        self.ensure_one()
        return SmtpSettings(host=self.smtp_host, port=self.smtp_port or 25,
                            user=self.smtp_user or '', password=self.smtp_pass or '',
                            encryption=self.smtp_encryption or 'none')

    @api.model
    def _smtp_settings(self, mail_server_id=None, smtp_server=None, smtp_port=None, smtp_user=None,
                       smtp_password=None, smtp_encryption=None):
        """Return the settings to send with: the named server, explicit values, the first server, the config."""
        servers = self.sudo()
        if mail_server_id:
            return servers.browse(mail_server_id)._settings()
        if smtp_server:
            return SmtpSettings(host=smtp_server, port=smtp_port or 25, user=smtp_user or '',
                                password=smtp_password or '', encryption=smtp_encryption or 'none')
        first = servers.search([('active', '=', True)], order='sequence, id', limit=1)
        if first:
            return first._settings()
        return SmtpSettings.from_config(config)

    # --- Odoo's API -----------------------------------------------------------------------
    @api.model
    def build_email(self, email_from, email_to, subject, body, email_cc=None, email_bcc=None,
                    reply_to=False, attachments=None, message_id=None, references=None,
                    in_reply_to=None, subtype='plain', headers=None, body_alternative=None):
        """Return an ``EmailMessage`` (see ``framework.mail.build_message``), as Odoo's.

        ``subtype`` says whether ``body`` is 'plain' or 'html'; ``body_alternative``
        is the other version. ``email_from`` defaults to ``--email-from``.
        """
        text, html = (body_alternative, body) if subtype == 'html' else (body, body_alternative)
        return build_message(email_from or config.get('email_from'), email_to, subject,
                             body=text, body_html=html, email_cc=email_cc, email_bcc=email_bcc,
                             reply_to=reply_to, message_id=message_id, references=references,
                             in_reply_to=in_reply_to, attachments=attachments, headers=headers)

    @api.model
    def send_email(self, message, mail_server_id=None, smtp_server=None, smtp_port=None,
                   smtp_user=None, smtp_password=None, smtp_encryption=None, smtp_session=None):
        """Send ``message`` now and return its Message-Id, as Odoo's.

        Raises :class:`MailDeliveryException` when it cannot be delivered to
        anyone; recipients refused while others were accepted are logged.
        This sends at once, whatever becomes of the current transaction:
        business code queues a ``mail.mail`` instead.
        """
        settings = self._smtp_settings(mail_server_id, smtp_server, smtp_port, smtp_user,
                                       smtp_password, smtp_encryption)
        if smtp_session is not None:
            refused = deliver(smtp_session, message, settings)
        else:
            with SmtpSessions() as sessions:
                refused = deliver(sessions.get(settings), message, settings)
        if refused:
            _logger.warning('Mail %s: recipients refused by %s: %s', message['Message-Id'], settings,
                            describe_refused(refused))
        return message['Message-Id']

    def test_smtp_connection(self):
        """Connect to each server and log in; raise a ``UserError`` naming the first failure."""
        from framework.exceptions import UserError
        for server in self:
            try:
                with SmtpSessions() as sessions:
                    sessions.get(server._settings())
            except MailDeliveryError as exc:
                raise UserError(str(exc)) from exc
        return True
