"""``mail.thread``: the mixin through which incoming mail becomes records.

A model that inherits ``mail.thread`` receives mail: a new conversation
calls its ``message_new`` (default: a record named after the subject), a
reply calls ``message_update`` on the record the conversation belongs to.
``message_process`` is the gateway's entry point, public over RPC (what
``odoo-bin mailgate``, the fetch job and the LMTP listener call):

    execute_kw(db, uid, pw, 'mail.thread', 'message_process', [model, raw_message])

It returns the id of the record the message went to. A message that
cannot be read or routed is kept as a ``mail.gateway.failure`` and the
caller gets a ``DeliveryError`` saying why; nothing of the delivery is
written. The same Message-Id delivered twice is processed once.
"""
import base64
import binascii
import logging
import re

from framework import _, api, models
from framework.db.retry import _conflict_code
from framework.exceptions import UserError
from framework.mailgate import DeliveryError, MessageParseError, parse_message
from framework.mailgate.routing import reference_tags, reply_ids, subject_tag

_logger = logging.getLogger(__name__)

_BASE64_TEXT = re.compile(r'^[A-Za-z0-9+/=\s]+$')


def raw_message_bytes(message):
    """Return the raw message given over RPC as bytes.

    XML-RPC clients send text (str), Binary values (bytes) or base64 text;
    a str made only of base64 characters, without a single ``Name:``
    header, is base64.
    """
    if isinstance(message, (bytes, bytearray, memoryview)):
        return bytes(message)
    if hasattr(message, 'data'):  # xmlrpc.client.Binary
        return bytes(message.data)
    if not isinstance(message, str):
        raise MessageParseError("expected the raw message as text, bytes or base64, got %s"
                                % type(message).__name__)
    if message.strip() and ':' not in message and _BASE64_TEXT.match(message):
        try:
            return base64.b64decode(message, validate=False)
        except (binascii.Error, ValueError):
            pass
    return message.encode('utf-8', 'surrogateescape')


class MailThread(models.AbstractModel):
    """Mixin for models that receive mail: routing in, ``message_new``/``message_update`` hooks out."""

    _name = 'mail.thread'
    _description = 'Email Thread'

    # --- the gateway's entry point ---------------------------------------------------------
    @api.model
    def message_process(self, model, message, custom_values=None, save_original=False,
                        strip_attachments=False, thread_id=None):
        """Deliver one raw RFC 822 message to ``model``; return the id of the record it went to.

        ``message`` is the raw message (str, bytes or base64). A reply to a
        known thread updates that thread's record (which may belong to
        another model, the one its first message went to); anything else
        creates a record of ``model`` with ``custom_values``.
        ``thread_id`` forces the record of ``model`` to update.
        ``save_original`` attaches the raw message as ``original_email.eml``;
        ``strip_attachments`` drops the message's attachments.
        Raises ``DeliveryError`` (the message kept as a gateway failure)
        when the message is unreadable or no record can take it.
        """
        try:
            raw = raw_message_bytes(message)
        except MessageParseError as exc:
            raise DeliveryError(str(exc)) from None
        try:
            msg = parse_message(raw)
        except MessageParseError as exc:
            failure_id = self.env['mail.gateway.failure']._keep(raw, model, str(exc))
            raise DeliveryError(str(exc), failure_id) from None
        try:
            with self.env.cr.savepoint():
                return self._message_deliver(model, msg, raw, custom_values, save_original,
                                             strip_attachments, thread_id)
        except Exception as exc:
            if _conflict_code(exc):
                raise  # a concurrent delivery: the service layer runs the whole call again
            reason = self._message_failure_reason(model, msg, exc)
            _logger.info("mail gateway: %s", reason)
            failure_id = self.env['mail.gateway.failure']._keep(raw, model, reason, msg)
            raise DeliveryError(reason, failure_id) from None

    @api.model
    def _message_failure_reason(self, model, msg, exc):
        """One sentence naming the message, its destination and what went wrong."""
        if isinstance(exc, DeliveryError):
            return str(exc)
        cause = str(exc) if isinstance(exc, UserError) else '%s: %s' % (type(exc).__name__, exc)
        return _('The message %(id)s from %(sender)s could not be delivered to %(model)s: %(cause)s') % {
            'id': msg['message_id'], 'sender': msg['email_from'] or msg['from'],
            'model': model, 'cause': cause.strip().splitlines()[0] if cause.strip() else type(exc).__name__,
        }

    @api.model
    def _message_deliver(self, model, msg, raw, custom_values, save_original, strip_attachments,
                         thread_id):
        """Route ``msg`` and call the hooks; return the record id (the work inside the savepoint)."""
        if model not in self.env.registry:
            raise DeliveryError(_('The message %(id)s cannot be delivered: there is no model '
                                  '"%(model)s" in this database.') % {'id': msg['message_id'], 'model': model})
        if not self._accepts_mail(model):
            raise DeliveryError(_('The message %(id)s cannot be delivered: the model "%(model)s" '
                                  'does not receive mail (it does not inherit mail.thread).')
                                % {'id': msg['message_id'], 'model': model})
        processed = self.env['mail.gateway.message'].sudo()
        claim = processed._claim(msg['message_id'])
        if not claim:
            done = processed.search([('message_id', '=', msg['message_id'])], limit=1)
            _logger.info("mail gateway: message %s already delivered to %s,%s",
                         msg['message_id'], done.model, done.res_id)
            return done.res_id
        target_model, res_id = (model, thread_id) if thread_id else self._message_route(model, msg)
        if res_id:
            record = self.env[target_model].browse(res_id)
            record.message_update(msg, update_vals=None)
        else:
            created = self.env[model].message_new(msg, custom_values)
            res_id = created.id if isinstance(created, models.BaseModel) else created
            if not res_id:
                raise DeliveryError(_('The message %(id)s cannot be delivered: %(model)s.message_new '
                                      'returned no record.') % {'id': msg['message_id'], 'model': model})
            record = self.env[model].browse(res_id)
        record._message_attach(msg, raw, save_original, strip_attachments)
        claim.write({'model': record._name, 'res_id': record.id,
                     'email_from': msg['from'][:256], 'subject': msg['subject'][:256]})
        return record.id

    def _accepts_mail(self, model):
        """Tell whether ``model`` has the ``mail.thread`` hooks."""
        thread = self.env[model]
        return hasattr(thread, 'message_new') and hasattr(thread, 'message_update')

    # --- routing ------------------------------------------------------------------------------
    @api.model
    def _message_route(self, model, msg):
        """Return ``(model, res_id)`` of the thread ``msg`` answers, or ``(model, None)`` for a new one.

        Clues, first that names an existing record of a mail model wins:
        the answered Message-Ids (``In-Reply-To``, then ``References``
        backwards) among messages sent from the database (``mail.mail``)
        and messages received; then ``-tinycrm-ID@`` / ``-openerp-ID-model@``
        Message-Ids; then a ``[ID]`` tag in the subject (a record of ``model``).
        """
        answered = reply_ids(msg)
        known = self._message_known_ids(answered)
        candidates = [known[mid] for mid in answered if mid in known]
        candidates += [(tag_model or model, res_id) for res_id, tag_model in reference_tags(msg)]
        tagged = subject_tag(msg.get('subject'))
        if tagged:
            candidates.append((model, tagged))
        for candidate_model, res_id in candidates:
            if candidate_model in self.env.registry and self._accepts_mail(candidate_model) \
                    and self.env[candidate_model].sudo().browse(res_id).exists():
                return candidate_model, res_id
        return model, None

    @api.model
    def _message_known_ids(self, message_ids):
        """Return ``{message_id: (model, res_id)}`` for sent (``mail.mail``) and received messages."""
        if not message_ids:
            return {}
        known = self.env['mail.gateway.message'].sudo()._find(message_ids)
        if 'mail.mail' in self.env.registry:
            outgoing = self.env['mail.mail'].sudo()
            if all(name in outgoing._fields for name in ('message_id', 'model', 'res_id')):
                for row in outgoing.search_read([('message_id', 'in', list(message_ids)),
                                                 ('model', '!=', False), ('res_id', '!=', False)],
                                                ['message_id', 'model', 'res_id']):
                    known.setdefault(row['message_id'], (row['model'], row['res_id']))
        return known

    # --- hooks the receiving models override --------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Create the record a new conversation starts; return its id.

        Default: ``name`` = the subject when the model has a ``name``
        field, updated with ``custom_values``. Overrides read ``msg_dict``
        (see ``framework.mailgate.parser``) and may return a record or an id.
        """
        values = {}
        if 'name' in self._fields:
            values['name'] = msg_dict.get('subject') or _('(no subject)')
        values.update(custom_values or {})
        return self.create(values).id

    def message_update(self, msg_dict, update_vals=None):
        """Take a reply into this record (one record); default: write ``update_vals`` if given."""
        if update_vals:
            self.write(update_vals)
        return True

    def _message_attach(self, msg, raw, save_original=False, strip_attachments=False):
        """Store the message's attachments (and the raw message when asked) as ``ir.attachment``."""
        self.ensure_one()
        files = [] if strip_attachments else list(msg['attachments'])
        if save_original:
            files.append(('original_email.eml', raw, 'message/rfc822'))
        if not files:
            return self.env['ir.attachment']
        return self.env['ir.attachment'].create([{
            'name': filename, 'datas_fname': filename, 'raw': content, 'mimetype': mimetype,
            'res_model': self._name, 'res_id': self.id, 'description': _('Mail attachment'),
        } for filename, content, mimetype in files])
