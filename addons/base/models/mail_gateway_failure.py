"""Incoming messages the gateway could not deliver, kept with the reason (never silently lost).

A failure is written in a transaction of its own, so it survives the
rollback of the delivery that failed. An administrator reads the reason,
fixes the cause and re-delivers with :meth:`action_retry`.
"""
import logging

from framework import api, fields, models

_logger = logging.getLogger(__name__)


class MailGatewayFailure(models.Model):
    """One undeliverable incoming message: the raw bytes, where it was going, and why it failed."""

    _name = 'mail.gateway.failure'
    _description = 'Undelivered Incoming Message'
    _order = 'id desc'

    name = fields.Char('Subject', readonly=True)
    message_id = fields.Char('Message-Id', index=True, readonly=True)
    email_from = fields.Char('From', readonly=True)
    model = fields.Char('Target Model', size=64, readonly=True)
    reason = fields.Text('Reason', required=True, readonly=True)
    raw_message = fields.Binary('Original Message', attachment=False, readonly=True)
    date = fields.Datetime('Received', default=fields.Datetime.now, readonly=True)
    state = fields.Selection([('failed', 'Failed'), ('retried', 'Delivered on retry')],
                             string='Status', default='failed', required=True, readonly=True)

    @api.model
    def _keep(self, raw, model, reason, msg=None):
        """Store ``raw`` (bytes) with ``reason`` in a transaction of its own; return the new id or None.

        Never raises: a failure to record a failure is logged (with the
        reason) and None is returned.
        """
        import base64
        from framework.api import Environment
        from framework.db import db_connect
        msg = msg or {}
        values = {
            'name': (msg.get('subject') or '')[:256],
            'message_id': msg.get('message_id') or False,
            'email_from': msg.get('from') or False,
            'model': model or False,
            'reason': reason,
            'raw_message': base64.b64encode(raw),
        }
        try:
            with db_connect(self.env.cr.dbname).cursor() as cr:
                env = Environment(cr, 1, {}, registry=self.env.registry)
                failure = env[self._name].create(values)
                env.flush_all()
                return failure.id
        except Exception:
            _logger.exception("could not keep the undelivered message %s (%s)",
                              values['message_id'], reason)
            return None

    def action_retry(self):
        """Deliver each kept message again to its model; the delivered ones are marked retried."""
        import base64
        for failure in self:
            thread = self.env['mail.thread']
            thread.message_process(failure.model, base64.b64decode(failure.raw_message or b''))
            failure.state = 'retried'
        return True
