"""The outgoing mail queue: mails are queued in the business transaction, sent after it commits.

Business code only creates ``mail.mail`` records. The cron job
``base.ir_cron_mail_scheduler`` calls :meth:`MailMail.process_email_queue`,
which works on cursors of its own: a mail created by a transaction that
rolls back never exists for it, so it is never sent, and a retried RPC
call that created a mail once leaves one mail, sent once.

Each mail is claimed with ``FOR NO KEY UPDATE SKIP LOCKED`` and sent in a
transaction of its own, committed right after the SMTP server took it, so
several senders (cron threads, ``odoo-bin cron`` processes) never send the
same mail and one failure does not stop the others. The guarantee is
at-least-once: a process killed between the server's acceptance and the
commit sends that mail again on the next run.
"""
import datetime
import json
import logging

import psycopg2.errors

from framework import api, fields, models
from framework.api import Environment
from framework.config import config
from framework.db import db_connect
from framework.mail import SmtpSessions, build_message, deliver, make_message_id
from framework.mail.errors import MailDeliveryError, describe_refused

_logger = logging.getLogger(__name__)

QUEUE_CRON_XMLID = 'base.ir_cron_mail_scheduler'
#: minutes to wait before the n-th new attempt after a temporary failure (the last repeats)
RETRY_DELAYS = (1, 5, 15, 60)
#: give up claiming after this many conflicts with other senders in one run
MAX_CONFLICTS = 100

_CLAIM = """
    SELECT id FROM mail_mail
     WHERE state = 'outgoing'
       AND (scheduled_date IS NULL OR scheduled_date <= (now() AT TIME ZONE 'UTC'))
       AND NOT (id = ANY(%(attempted)s))
       AND (%(all)s OR id = ANY(%(ids)s))
     ORDER BY id
     LIMIT 1
       FOR NO KEY UPDATE SKIP LOCKED
"""


def retry_delay(attempt):
    """Return how long to wait after failed attempt number ``attempt`` (1 for the first)."""
    return datetime.timedelta(minutes=RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1])


class MailMail(models.Model):
    """One outgoing mail, waiting in the queue, sent, failed or cancelled."""

    _name = 'mail.mail'
    _description = 'Outgoing Mail'
    _order = 'id desc'
    _rec_name = 'subject'

    email_from = fields.Char(string='From', size=256,
                             help='Sender address; --email-from when empty.')
    email_to = fields.Text(string='To', help='Comma-separated recipient addresses.')
    email_cc = fields.Text(string='Cc', help='Comma-separated carbon copy addresses.')
    email_bcc = fields.Text(string='Bcc', help='Comma-separated blind carbon copy addresses.')
    reply_to = fields.Char(string='Reply-To', size=256, help='Where replies should go.')
    subject = fields.Char(string='Subject', size=512)
    body = fields.Text(string='Body', help='Plain text body.')
    body_html = fields.Html(string='HTML Body', help='HTML body; sent as an alternative to the text.')
    attachment_ids = fields.Many2many('ir.attachment', 'mail_mail_attachment_rel', 'mail_id',
                                      'attachment_id', string='Attachments')
    message_id = fields.Char(string='Message-Id', size=256, index=True, readonly=True,
                             help='Unique id of the message; replies quote it in In-Reply-To.')
    references = fields.Text(string='References', help='Message-Ids of the thread, space-separated.')
    in_reply_to = fields.Char(string='In-Reply-To', size=256,
                              help='Message-Id of the message this one answers.')
    headers = fields.Text(string='Headers', help='Extra headers, as a JSON object.')
    state = fields.Selection([('outgoing', 'Outgoing'), ('sent', 'Sent'),
                              ('exception', 'Delivery Failed'), ('cancel', 'Cancelled')],
                             string='Status', required=True, default='outgoing', readonly=True,
                             index=True)
    failure_reason = fields.Text(string='Failure Reason', readonly=True,
                                 help="The mail server's answer when delivery failed.")
    retry_count = fields.Integer(string='Attempts Failed', default=0, readonly=True,
                                 help='Failed attempts so far because the server could not be reached.')
    max_retries = fields.Integer(string='Maximum Attempts', default=3,
                                 help='Failed attempts after which the mail is given up.')
    scheduled_date = fields.Datetime(string='Scheduled Send Date',
                                     help='Not sent before this moment (UTC); empty: as soon as possible.')
    sent_date = fields.Datetime(string='Sent On', readonly=True)
    model = fields.Char(string='Related Model', size=128, index=True,
                        help='Model of the record the mail is about.')
    res_id = fields.Integer(string='Related Record', index=True,
                            help='Id of the record the mail is about.')
    mail_server_id = fields.Many2one('ir.mail_server', string='Outgoing Mail Server',
                                     ondelete='set null',
                                     help='Empty: the first active server, else the config options.')
    auto_delete = fields.Boolean(string='Auto Delete', default=False,
                                 help='Delete the mail once sent (the incoming gateway then cannot '
                                      'match replies to it).')

    # --- queueing -------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Queue mails: each gets a Message-Id and a sender, and the queue job is woken up.

        Nothing is sent here: the queue job sends them once this
        transaction has committed.
        """
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            if not vals.get('message_id'):
                vals['message_id'] = make_message_id(vals.get('res_id'))
            if not vals.get('email_from'):
                vals['email_from'] = config.get('email_from') or False
            prepared.append(vals)
        mails = super().create(prepared)
        self._trigger_queue()
        return mails

    @api.model
    def _trigger_queue(self):
        """Ask the queue job to run soon (it runs after this transaction commits)."""
        if 'ir.cron' not in self.env:
            return
        cron = self.env.ref(QUEUE_CRON_XMLID, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

    def mark_outgoing(self):
        """Put failed or cancelled mails back in the queue, with their attempts reset."""
        self.filtered(lambda m: m.state in ('exception', 'cancel')).write(
            {'state': 'outgoing', 'retry_count': 0, 'failure_reason': False})
        self._trigger_queue()
        return True

    def cancel(self):
        """Take mails that are not sent yet out of the queue."""
        self.filtered(lambda m: m.state in ('outgoing', 'exception')).write({'state': 'cancel'})
        return True

    # --- sending ----------------------------------------------------------------------------
    @api.model
    def process_email_queue(self, ids=None, limit=10000):
        """Send the outgoing mails that are due (among ``ids`` if given); return how many were tried.

        The cron entry point. Works on cursors of its own (see the module
        docstring): it sees committed mails only and commits after each
        one. Mails a concurrent sender holds are skipped; each mail is tried
        at most once per run.
        """
        dbname, registry = self.env.cr.dbname, self.env.registry
        wanted = [int(i) for i in (ids or [])]
        attempted, conflicts = [], 0
        cr = db_connect(dbname).cursor()
        try:
            env = Environment(cr, self.env.uid, self.env.context, su=self.env.su, registry=registry)
            with SmtpSessions() as sessions:
                while len(attempted) < limit:
                    try:
                        cr.execute(_CLAIM, {'attempted': attempted, 'all': ids is None, 'ids': wanted})
                        row = cr.fetchone()
                        if row is None:
                            cr.rollback()
                            break
                        attempted.append(row[0])
                        env['mail.mail'].browse(row[0])._send_one(sessions)
                        cr.commit()
                    except psycopg2.errors.SerializationFailure:
                        # another sender sent it between our snapshot and our lock
                        cr.rollback()
                        conflicts += 1
                        if conflicts > MAX_CONFLICTS:
                            break
                    except Exception:
                        cr.rollback()
                        _logger.exception('Mail %s could not be processed; it stays in the queue',
                                          attempted[-1] if attempted else None)
        finally:
            cr.close()
        return len(attempted)

    def send(self, raise_exception=False):
        """Send these mails now, in the current transaction, and record the outcome on each.

        Low level: the outcome is written in the caller's transaction, so
        if that transaction rolls back a sent mail looks unsent and will go
        again. Business code creates mails and lets the queue send them.
        With ``raise_exception`` the first failure raises
        :class:`~framework.mail.MailDeliveryError` after being recorded.
        """
        with SmtpSessions() as sessions:
            for mail in self:
                mail._send_one(sessions, raise_exception=raise_exception)
        return True

    def _build_message(self):
        """Return this mail as an ``EmailMessage``; ``ValueError`` when it cannot be one."""
        self.ensure_one()
        try:
            headers = json.loads(self.headers) if self.headers else {}
        except ValueError as exc:
            raise ValueError('The headers of the mail are not valid JSON: %s' % exc) from exc
        if not isinstance(headers, dict):
            raise ValueError('The headers of the mail must be a JSON object {"Name": "value"}.')
        attachments = [(a.datas_fname or a.name, bytes(a.raw or b''), a.mimetype)
                       for a in self.attachment_ids.sudo()]
        return build_message(self.email_from or config.get('email_from'), self.email_to,
                             self.subject, body=self.body, body_html=self.body_html,
                             email_cc=self.email_cc, email_bcc=self.email_bcc,
                             reply_to=self.reply_to, message_id=self.message_id,
                             references=self.references, in_reply_to=self.in_reply_to,
                             attachments=attachments, headers=headers)

    def _send_one(self, sessions, raise_exception=False):
        """Send this outgoing mail through ``sessions`` (a ``SmtpSessions``) and record the outcome."""
        self.ensure_one()
        if self.state != 'outgoing':
            return
        refused, error = {}, None
        try:
            message = self._build_message()
        except ValueError as exc:
            error = MailDeliveryError(str(exc))
        else:
            settings = self.env['ir.mail_server'].sudo()._smtp_settings(self.mail_server_id.id)
            try:
                refused = deliver(sessions.get(settings), message, settings)
            except MailDeliveryError as exc:
                if exc.temporary:
                    sessions.discard(settings)
                error = exc
        if error is None:
            self._record_sent(refused)
        else:
            self._record_failure(error)
            if raise_exception:
                raise error

    def _record_sent(self, refused):
        _logger.info('Mail %s (%s) sent', self.id, self.message_id)
        reason = 'Refused by the server: %s' % describe_refused(refused) if refused else False
        self.write({'state': 'sent', 'sent_date': fields.Datetime.now(), 'failure_reason': reason})
        if self.auto_delete:
            self.unlink()

    def _record_failure(self, error):
        if not error.temporary:
            _logger.warning('Mail %s not delivered: %s', self.id, error)
            self.write({'state': 'exception', 'failure_reason': str(error)})
            return
        attempts = self.retry_count + 1
        values = {'retry_count': attempts, 'failure_reason': str(error)}
        if attempts >= self.max_retries:
            values.update(state='exception',
                          failure_reason='%s (given up after %d attempts)' % (error, attempts))
            _logger.warning('Mail %s given up after %d attempts: %s', self.id, attempts, error)
        else:
            values['scheduled_date'] = fields.Datetime.now() + retry_delay(attempts)
            _logger.info('Mail %s stays in the queue (attempt %d): %s', self.id, attempts, error)
        self.write(values)
