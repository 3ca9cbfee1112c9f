"""Hand one raw message to a database's ``mail.thread.message_process``: over XML-RPC or directly.

``odoo-bin mailgate``, the fetch job and the LMTP listener all deliver
through these two functions, so a message takes the same path (parse,
route, hooks, attachments, failure kept) whichever way it arrives.
"""
import socket
import xmlrpc.client

from framework.exceptions import UserError

SUPERUSER_ID = 1


def _wire_message(raw):
    """The message as XML-RPC carries it: text when it is clean UTF-8, else a Binary."""
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        return xmlrpc.client.Binary(raw)
    # XML 1.0 forbids most control characters: such a message travels as base64
    if any(ord(ch) < 32 and ch not in '\t\r\n' for ch in text):
        return xmlrpc.client.Binary(raw)
    return text


def deliver_over_xmlrpc(url, dbname, user, password, model, raw, custom_values=None,
                        save_original=False, strip_attachments=False, timeout=120):
    """Deliver ``raw`` (bytes) to ``model`` of ``dbname`` on the server at ``url``; return the record id.

    ``user`` is a login or a numeric user id. Raises ``UserError`` with one
    sentence: the server's refusal (the fault's message), a refused login,
    or a server that cannot be reached.
    """
    url = url.rstrip('/')
    try:
        uid = int(user)
    except (TypeError, ValueError):
        common = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common', allow_none=True)
        uid = _call(url, lambda: common.authenticate(dbname, user, password, {}))
        if not uid:
            raise UserError("The server at %s refused the login %r on database %s." % (url, user, dbname))
    kwargs = {'custom_values': custom_values or None, 'save_original': save_original,
              'strip_attachments': strip_attachments}
    proxy = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)
    return _call(url, lambda: proxy.execute_kw(dbname, uid, password, 'mail.thread', 'message_process',
                                                [model, _wire_message(raw)], kwargs))


def _call(url, func):
    try:
        return func()
    except xmlrpc.client.Fault as fault:
        raise UserError(str(fault.faultString).strip().splitlines()[0]) from None
    except xmlrpc.client.ProtocolError as exc:
        raise UserError("The server at %s answered %s %s." % (url, exc.errcode, exc.errmsg)) from None
    except (OSError, socket.timeout) as exc:
        raise UserError("Cannot reach the server at %s: %s." % (url, exc)) from None


def deliver_to_database(dbname, model, raw, uid=SUPERUSER_ID, custom_values=None,
                        save_original=False, strip_attachments=False):
    """Deliver ``raw`` to ``model`` in ``dbname`` in a transaction of its own; return the record id.

    Runs as ``uid`` (the superuser by default: a local MTA pipe is
    trusted). Raises ``DeliveryError`` as ``message_process`` does.
    """
    from framework.api import Environment
    from framework.service.transaction import run_in_transaction

    def process(cr, registry):
        env = Environment(cr, uid, {}, registry=registry)
        return env['mail.thread'].message_process(
            model, raw, custom_values=custom_values, save_original=save_original,
            strip_attachments=strip_attachments)
    return run_in_transaction(dbname, process)
