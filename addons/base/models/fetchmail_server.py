"""Incoming mail servers: POP3/IMAP mailboxes the fetch job reads into a ``mail.thread`` model.

``fetch_mail`` delivers each waiting message in a transaction of its own
(committed before the message leaves the mailbox), so a message is never
lost between the mailbox and the database; the scheduler calls
``_fetch_all`` every 5 minutes.
"""
import logging

from framework import _, api, fields, models
from framework.exceptions import UserError
from framework.mailgate import DeliveryError
from framework.mailgate.delivery import deliver_to_database
from framework.mailgate.fetch import DEFAULT_PORTS, fetch_messages

_logger = logging.getLogger(__name__)


class FetchmailServer(models.Model):
    """One mailbox to poll: where it is, how to log in, and which model receives its mail."""

    _name = 'fetchmail.server'
    _description = 'Incoming Mail Server'
    _order = 'priority, id'

    name = fields.Char('Name', required=True)
    active = fields.Boolean('Active', default=True)
    state = fields.Selection([('draft', 'Not Confirmed'), ('done', 'Confirmed')], string='Status',
                             default='draft', required=True, readonly=True,
                             help='Confirmed once a fetch reached the mailbox.')
    server_type = fields.Selection([('pop', 'POP Server'), ('imap', 'IMAP Server')],
                                   string='Server Type', required=True, default='pop')
    server = fields.Char('Server Name', required=True, help='Host name or IP address of the mail server.')
    port = fields.Integer('Port', help='Empty: 110 (POP3), 995 (POP3 over SSL), 143 (IMAP), 993 (IMAP over SSL).')
    is_ssl = fields.Boolean('SSL/TLS', default=False)
    user = fields.Char('Username', required=True)
    password = fields.Char('Password', required=True)
    object_id = fields.Many2one('ir.model', 'Create a New Record', required=True, ondelete='cascade',
                                help='Model whose records new messages create (it must inherit mail.thread).')
    priority = fields.Integer('Server Priority', default=5, help='Servers with a lower number are read first.')
    date = fields.Datetime('Last Fetch Date', readonly=True)
    last_error = fields.Text('Last Error', readonly=True)

    @api.model
    def _fetch_all(self):
        """Fetch every active server (the scheduler's job); errors are recorded per server, never raised."""
        for server in self.search([]):
            try:
                server.fetch_mail()
            except UserError as exc:
                _logger.warning("fetchmail %s: %s", server.name, exc)
                server.write({'last_error': str(exc)})
        return True

    def fetch_mail(self):
        """Read each server's waiting messages into its model; return True.

        Each message is delivered in a transaction of its own (as the
        current user), so it is kept in the database — as a record or as
        a gateway failure — before it leaves the mailbox. A server that
        cannot be reached raises ``UserError`` naming it.
        """
        dbname, uid = self.env.cr.dbname, self.env.uid
        for server in self:
            model = server.object_id.model

            def deliver(raw, model=model):
                try:
                    deliver_to_database(dbname, model, raw, uid=uid)
                except DeliveryError as exc:
                    return exc.failure_id is not None  # kept as a failure: safe to remove
                return True
            done, kept = fetch_messages(server.server_type, server.server,
                                        server.port or DEFAULT_PORTS[(server.server_type, bool(server.is_ssl))],
                                        server.is_ssl, server.user, server.password, deliver)
            _logger.info("fetchmail %s: %d message(s) delivered, %d left in the mailbox",
                         server.name, done, kept)
            server.write({'date': fields.Datetime.now(), 'state': 'done',
                          'last_error': _('%d message(s) could not be delivered and stay in the mailbox.') % kept
                          if kept else False})
        return True
