"""Checking who is who: a login and password, or a (uid, password) pair.

`check_credentials` is what an RPC service calls on every XML-RPC call,
where each call carries the password: a pair verified once is remembered
by this process against the stored hash (and a keyed digest of the
password, never the password itself), so a 600,000-round PBKDF2 costs one
verification per process, and changing the password (a new hash) forgets
it. Wrong passwords go through the login throttle.
"""
import hashlib
import hmac
import os
import threading

from ..exceptions import AccessDenied
from ..orm.sql import SQL
from .throttle import throttle

WRONG = 'Wrong login/password'

_SECRET = os.urandom(32)      # keys the digests of this process's cache
_verified = {}                # (dbname, uid) -> (stored hash, password digest)
_lock = threading.Lock()


def _digest(password):
    return hmac.new(_SECRET, password.encode('utf-8'), hashlib.sha256).digest()


def _user_row(env, where):
    """(id, login, password hash, active) of the user matching `where` (an SQL), or None."""
    env.flush_all()
    table = SQL.identifier(env.registry['res.users']._table)
    rows = env.execute(SQL('SELECT id, login, COALESCE(password, %s), active FROM %s WHERE %s',
                           '', table, where))
    return rows[0] if rows else None


def _verify(env, row, password):
    """Raise AccessDenied unless `password` matches the user `row`; remember a match."""
    from addons.base.password import verify_password
    uid, login, stored, active = row
    key = (env.cr.dbname, uid)
    token = _digest(password or '')
    if not active:
        raise AccessDenied(WRONG)
    cached = _verified.get(key)
    if cached is not None and cached[0] == stored and hmac.compare_digest(cached[1], token):
        return
    failures = throttle.check(env, login)
    if not verify_password(password, stored):
        throttle.failed(env, login)
        raise AccessDenied(WRONG)
    throttle.succeeded(env, login, failures)
    with _lock:
        _verified[key] = (stored, token)


def check_credentials(env, uid, password):
    """Raise AccessDenied unless `uid` is an active user whose password is `password`.

    One query when the pair was verified before by this process with the
    same stored hash; otherwise a full PBKDF2 verification, throttled per
    login (AccessDenied "Too many login failures, ..." after repeated
    failures).
    """
    if not isinstance(uid, int) or isinstance(uid, bool) or not password:
        raise AccessDenied(WRONG)
    row = _user_row(env, SQL('id = %s', uid))
    if row is None:
        raise AccessDenied(WRONG)
    _verify(env, row, password)


def authenticate(env, login, password):
    """Return the uid of the active user `login` whose password is `password`.

    Raises AccessDenied without telling an unknown login from a wrong
    password; records the connection time in ``login_date``.
    """
    if not login or not password:
        raise AccessDenied(WRONG)
    row = _user_row(env, SQL('login = %s', login))
    if row is None:
        throttle.check(env, login)
        throttle.failed(env, login)
        raise AccessDenied(WRONG)
    _verify(env, row, password)
    user = env['res.users'].sudo().browse(row[0])
    user._update_last_login()
    return row[0]


def check(dbname, uid, password):
    """`check_credentials` on a cursor of its own (for callers without an environment)."""
    from ..db import db_connect
    from ..orm.environment import Environment
    from ..orm.registry import Registry
    registry = Registry.open(dbname)
    with db_connect(dbname).cursor() as cr:
        check_credentials(Environment(cr, uid, {}, registry=registry), uid, password)


def forget():
    """Forget every verified pair of this process (tests, or after a mass password reset)."""
    with _lock:
        _verified.clear()
