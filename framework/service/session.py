"""Web sessions kept in the database, so that any server process can serve any request.

The cookie ``session_id`` reads ``<token>.<database>``: a random token
and the (base64) name of the database the session belongs to. The
``http_session`` table of that database keeps only the SHA-256 of the
token, the user and the user's context; a session lasts ``LIFETIME``.

A session made by the web client's login page is a *web* session: a
browser sends its cookie with any request, even one another site made it
send, so such a session's state-changing requests must also carry its CSRF
token (:func:`csrf_token`), which only a page of ours can read. Sessions of
RPC client libraries (``/web/session/authenticate``) need none.

A session also keeps a fingerprint of its user's password hash: when the
password changes, every session made with the old one is refused, except
the one that changed it (:func:`follow_password`); sessions made before
the fingerprint existed end when their table gets it. Logging in replaces
the session the browser had (:func:`create` with ``replacing``), so that a
session id planted before the login is worth nothing after it.
"""
import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
import secrets

from .tables import ensure_table

COOKIE = 'session_id'
LIFETIME = '7 days'

_TABLE = """CREATE TABLE IF NOT EXISTS http_session (
    token_hash varchar(64) PRIMARY KEY,
    uid integer NOT NULL,
    login varchar NOT NULL,
    context jsonb NOT NULL DEFAULT '{}',
    web boolean NOT NULL DEFAULT false,
    password_fingerprint varchar NOT NULL DEFAULT '',
    create_date timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))"""
#: columns that tables of older versions lack: they get them on their next login
_LATER_COLUMNS = {
    'web': "boolean NOT NULL DEFAULT false",
    'password_fingerprint': "varchar NOT NULL DEFAULT ''",
}
_COLUMN_EXISTS = ("EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('http_session') "
                  "AND attname = '%s' AND NOT attisdropped)")
_WEB_COLUMN_EXISTS = _COLUMN_EXISTS % 'web'
_FINGERPRINT_COLUMN_EXISTS = _COLUMN_EXISTS % 'password_fingerprint'
#: the fingerprint of a user's stored password hash (changes whenever the password does)
_FINGERPRINT = "md5('http_session:' || COALESCE(u.password, ''))"
#: what the CSRF token's HMAC signs, under the session token as key
_CSRF_PURPOSE = b'framework.web.csrf'


@dataclasses.dataclass
class Session:
    """An authenticated web session: its database, user and context."""

    db: str
    uid: int
    login: str
    context: dict
    web: bool = False


def _hash(token):
    return hashlib.sha256(token.encode('ascii')).hexdigest()


def parse_cookie(value):
    """Return ``(token, dbname)`` of a session cookie, or None when it is malformed."""
    if not value or '.' not in value:
        return None
    token, _, encoded = value.partition('.')
    try:
        dbname = base64.urlsafe_b64decode(encoded + '=' * (-len(encoded) % 4)).decode('utf-8')
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return (token, dbname) if token and dbname else None


def csrf_token(token):
    """The CSRF token of session ``token``: an HMAC-SHA256 keyed by the token itself.

    Nobody can compute it without the (HttpOnly) cookie, and the database,
    which keeps only the token's SHA-256, cannot reveal it either.
    """
    return hmac.new(token.encode('utf-8'), _CSRF_PURPOSE, hashlib.sha256).hexdigest()


def check_csrf(token, candidate):
    """Tell whether ``candidate`` is the CSRF token of session ``token`` (constant-time)."""
    if not isinstance(candidate, str) or not candidate:
        return False
    return hmac.compare_digest(csrf_token(token).encode('ascii'), candidate.encode('utf-8', 'replace'))


def _ensure(cr):
    """Create ``http_session``, or give an older one the columns it lacks."""
    ensure_table(cr, 'http_session', _TABLE)
    cr.execute("SELECT " + ', '.join(_COLUMN_EXISTS % name for name in _LATER_COLUMNS))
    missing = [name for name, exists in zip(_LATER_COLUMNS, cr.fetchone()) if not exists]
    if missing:
        cr.execute("SELECT pg_advisory_xact_lock(hashtext('http_session.columns'))")
        for name in missing:
            cr.execute("ALTER TABLE http_session ADD COLUMN IF NOT EXISTS %s %s" % (name, _LATER_COLUMNS[name]))


def create(cr, uid, login, context, web=False, replacing=None):
    """Store a new session for ``uid`` in ``cr``'s database; return the cookie value.

    ``web`` marks a session of the web client's login page (see :func:`csrf_token`);
    ``replacing`` is the token of the session the browser had before, which ends here.
    """
    _ensure(cr)
    token = secrets.token_urlsafe(32)
    cr.execute("DELETE FROM http_session WHERE create_date < (now() AT TIME ZONE 'UTC') - %s::interval"
               " OR token_hash = %s", [LIFETIME, _hash(replacing) if replacing else None])
    cr.execute("INSERT INTO http_session (token_hash, uid, login, context, web, password_fingerprint) "
               "SELECT %s, %s, %s, %s, %s, " + _FINGERPRINT + " FROM res_users u WHERE u.id = %s",
               [_hash(token), uid, login, json.dumps(context), bool(web), uid])
    encoded = base64.urlsafe_b64encode(cr.dbname.encode('utf-8')).decode('ascii').rstrip('=')
    return '%s.%s' % (token, encoded)


def follow_password(cr, token):
    """Keep session ``token`` alive after its user changed their password (the others end)."""
    cr.execute("UPDATE http_session s SET password_fingerprint = " + _FINGERPRINT + " FROM res_users u "
               "WHERE u.id = s.uid AND s.token_hash = %s", [_hash(token)])


def load(cr, token):
    """Return the live ``Session`` of ``token`` in ``cr``'s database, or None.

    A session is live while it is younger than ``LIFETIME``, its user is
    active and the user's password is the one it was made with.
    """
    cr.execute("SELECT to_regclass('http_session') IS NOT NULL, %s, %s"
               % (_WEB_COLUMN_EXISTS, _FINGERPRINT_COLUMN_EXISTS))
    table, web_column, fingerprint_column = cr.fetchone()
    if not table:
        return None
    # a table older than web sessions holds none (the column comes with the next login)
    web = "s.web" if web_column else "false"
    same_password = (" AND s.password_fingerprint = " + _FINGERPRINT) if fingerprint_column else ""
    cr.execute("SELECT s.uid, s.login, s.context, " + web + " FROM http_session s "
               "JOIN res_users u ON u.id = s.uid WHERE s.token_hash = %s AND u.active "
               "AND s.create_date >= (now() AT TIME ZONE 'UTC') - %s::interval" + same_password,
               [_hash(token), LIFETIME])
    row = cr.fetchone()
    if row is None:
        return None
    context = row[2] if isinstance(row[2], dict) else json.loads(row[2] or '{}')
    return Session(cr.dbname, row[0], row[1], context, bool(row[3]))


def destroy(cr, token):
    """Forget the session of ``token`` (nothing happens when there is none)."""
    cr.execute("SELECT to_regclass('http_session') IS NOT NULL")
    if cr.fetchone()[0]:
        cr.execute("DELETE FROM http_session WHERE token_hash = %s", [_hash(token)])
