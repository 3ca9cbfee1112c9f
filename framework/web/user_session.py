"""The logged-in user of a ``/web/*`` request: its session cookie, and work done as that user."""
from framework.api import Environment
from framework.db import admin
from framework.service import session as sessions
from framework.service.transaction import run_in_transaction

from . import csrf
from .errors import LoginRequired


def cookie(request):
    """``(token, dbname)`` of the request's session cookie, or None."""
    return sessions.parse_cookie(request.cookies.get(sessions.COOKIE))


def run_as_user(request, func, check_csrf=False):
    """Return ``func(env, session, token)`` in one transaction as the session's user.

    Raises ``LoginRequired`` without a live session; with ``check_csrf`` the
    request must carry the session's CSRF token (checked before any work).
    """
    parsed = cookie(request)
    if parsed is None:
        raise LoginRequired()
    token, dbname = parsed
    if check_csrf:
        csrf.require(request, token)
    if not admin.exists(dbname):
        raise LoginRequired()

    def call(cr, registry):
        current = sessions.load(cr, token)
        if current is None:
            raise LoginRequired()
        env = Environment(cr, current.uid, current.context, registry=registry)
        return func(env, current, token)
    return run_in_transaction(dbname, call)
