"""Exceptions as RPC clients see them: XML-RPC faults and JSON-RPC errors in Odoo's shapes.

The client gets one sentence; the traceback of an unexpected error goes
to the server log only (the caller logs it, see :func:`log_unexpected`).
"""
import logging
import xmlrpc.client

from framework import exceptions
from framework.security.throttle import TOO_MANY as _THROTTLED

_logger = logging.getLogger(__name__)

# Odoo's integer fault codes (/xmlrpc/2/)
FAULT_APPLICATION_ERROR = 1
FAULT_WARNING = 2
FAULT_ACCESS_DENIED = 3
FAULT_ACCESS_ERROR = 4


class SessionExpired(Exception):
    """The web session is missing, expired or destroyed: the client must log in again."""


def is_expected(exc):
    """Tell whether ``exc`` is meant for the user (no traceback worth logging)."""
    from framework.db.errors import DatabaseError
    from .limits import TooDeep
    from .xmlsafe import UnsafeXML
    return isinstance(exc, (exceptions.UserError, SessionExpired, DatabaseError, TooDeep, UnsafeXML))


def message_of(exc):
    """The one-line sentence the client gets for ``exc``.

    A failed login says only "Access Denied" (never which of login or
    password was wrong), or that the login is throttled.
    """
    if isinstance(exc, exceptions.AccessDenied):
        return _THROTTLED if str(exc) == _THROTTLED else 'Access Denied'
    text = str(exc) if not isinstance(exc, KeyError) or not exc.args else str(exc.args[0])
    text = text.strip() or type(exc).__name__
    # an unexpected error tells its first line only, cut short: never a traceback or a dump
    return text.splitlines()[0][:500] if not is_expected(exc) else text


def qualified_name(exc):
    """Odoo's name of the exception class: ``odoo.exceptions.X`` for ours, ``module.Class`` else."""
    cls = type(exc)
    if cls.__module__ == exceptions.__name__:
        return 'odoo.exceptions.%s' % cls.__name__
    if isinstance(exc, SessionExpired):
        return 'odoo.http.SessionExpiredException'
    return '%s.%s' % (cls.__module__, cls.__name__)


def log_unexpected(exc, what):
    """Log ``exc`` with its traceback unless it is an error meant for the user."""
    if is_expected(exc):
        _logger.info("%s: %s: %s", what, type(exc).__name__, exc)
    else:
        _logger.error("%s failed", what, exc_info=exc)


def xmlrpc_fault_v2(exc):
    """The fault of ``/xmlrpc/2/``: integer code (Odoo's), one-line string."""
    if isinstance(exc, exceptions.AccessDenied):
        return xmlrpc.client.Fault(FAULT_ACCESS_DENIED, message_of(exc))
    if isinstance(exc, exceptions.AccessError):
        return xmlrpc.client.Fault(FAULT_ACCESS_ERROR, message_of(exc))
    if isinstance(exc, exceptions.UserError):
        return xmlrpc.client.Fault(FAULT_WARNING, message_of(exc))
    return xmlrpc.client.Fault(FAULT_APPLICATION_ERROR, message_of(exc))


def xmlrpc_fault_legacy(exc):
    """The fault of OpenERP 5.0's ``/xmlrpc/``: the code is a string clients parse.

    ``'warning -- <Kind>\\n\\n<message>'`` for errors meant for the user,
    ``'AccessDenied'`` for a failed login, the message itself otherwise.
    """
    if isinstance(exc, exceptions.AccessDenied):
        return xmlrpc.client.Fault('AccessDenied', message_of(exc))
    if isinstance(exc, exceptions.UserError):
        kind = type(exc).__name__ if isinstance(
            exc, (exceptions.MissingError, exceptions.AccessError, exceptions.ValidationError)) else 'UserError'
        return xmlrpc.client.Fault('warning -- %s\n\n%s' % (kind, message_of(exc)), '')
    return xmlrpc.client.Fault(message_of(exc), '')


def jsonrpc_error(exc):
    """The ``error`` member of a JSON-RPC response, as Odoo's web client expects it."""
    session = isinstance(exc, SessionExpired)
    message = message_of(exc)
    return {
        'code': 100 if session else 200,
        'message': 'Odoo Session Expired' if session else 'Odoo Server Error',
        'data': {
            'name': qualified_name(exc),
            'message': message,
            'arguments': [message],
            'debug': '',
            'context': {},
        },
    }
