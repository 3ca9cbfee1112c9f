"""Web sessions kept in the database, so that any server process can serve any request.

The cookie ``session_id`` reads ``<token>.<database>``: a random token
and the (base64) name of the database the session belongs to. The
``http_session`` table of that database keeps only the SHA-256 of the
token, the user and the user's context; a session lasts ``LIFETIME``.
"""
import base64
import binascii
import dataclasses
import hashlib
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
    create_date timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))"""


@dataclasses.dataclass
class Session:
    """An authenticated web session: its database, user and context."""

    db: str
    uid: int
    login: str
    context: dict


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


def create(cr, uid, login, context):
    """Store a new session for ``uid`` in ``cr``'s database; return the cookie value."""
    ensure_table(cr, 'http_session', _TABLE)
    token = secrets.token_urlsafe(32)
    cr.execute("DELETE FROM http_session WHERE create_date < (now() AT TIME ZONE 'UTC') - %s::interval",
               [LIFETIME])
    cr.execute("INSERT INTO http_session (token_hash, uid, login, context) VALUES (%s, %s, %s, %s)",
               [_hash(token), uid, login, json.dumps(context)])
    encoded = base64.urlsafe_b64encode(cr.dbname.encode('utf-8')).decode('ascii').rstrip('=')
    return '%s.%s' % (token, encoded)


def load(cr, token):
    """Return the live ``Session`` of ``token`` in ``cr``'s database, or None."""
    cr.execute("SELECT to_regclass('http_session') IS NOT NULL")
    if not cr.fetchone()[0]:
        return None
    cr.execute("SELECT s.uid, s.login, s.context FROM http_session s JOIN res_users u ON u.id = s.uid "
               "WHERE s.token_hash = %s AND u.active "
               "AND s.create_date >= (now() AT TIME ZONE 'UTC') - %s::interval", [_hash(token), LIFETIME])
    row = cr.fetchone()
    if row is None:
        return None
    context = row[2] if isinstance(row[2], dict) else json.loads(row[2] or '{}')
    return Session(cr.dbname, row[0], row[1], context)


def destroy(cr, token):
    """Forget the session of ``token`` (nothing happens when there is none)."""
    cr.execute("SELECT to_regclass('http_session') IS NOT NULL")
    if cr.fetchone()[0]:
        cr.execute("DELETE FROM http_session WHERE token_hash = %s", [_hash(token)])
