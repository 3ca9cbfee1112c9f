"""Password hashing in passlib's ``pbkdf2_sha512`` format, with the standard library only.

A hash reads ``$pbkdf2-sha512$<rounds>$<salt>$<checksum>`` where salt and
checksum use passlib's "adapted base64": the standard alphabet with '.' in
place of '+', and no padding. Hashes made by passlib verify here and back.
"""
import base64
import binascii
import hashlib
import hmac
import os

PREFIX = '$pbkdf2-sha512$'
DEFAULT_ROUNDS = 600_000
SALT_BYTES = 16
_DIGEST = 'sha512'


def _ab64_encode(data):
    """Encode bytes in adapted base64 ('.' for '+', no padding)."""
    return base64.b64encode(data).decode('ascii').rstrip('=').replace('+', '.')


def _ab64_decode(text):
    """Decode adapted base64 text into bytes; raise ValueError on bad input."""
    text = text.replace('.', '+')
    text += '=' * (-len(text) % 4)
    try:
        return base64.b64decode(text.encode('ascii'), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError('bad base64 in password hash') from exc


def is_hash(value):
    """Tell whether ``value`` is a well-formed pbkdf2-sha512 hash (not a clear password)."""
    try:
        _parse(value)
    except ValueError:
        return False
    return True


def _parse(value):
    """Split a hash into (rounds, salt bytes, checksum bytes); raise ValueError if malformed."""
    if not isinstance(value, str) or not value.startswith(PREFIX):
        raise ValueError('not a pbkdf2-sha512 hash')
    parts = value[len(PREFIX):].split('$')
    if len(parts) != 3 or not parts[0].isdigit():
        raise ValueError('malformed pbkdf2-sha512 hash')
    rounds = int(parts[0])
    if rounds < 1:
        raise ValueError('pbkdf2-sha512 hash has no rounds')
    return rounds, _ab64_decode(parts[1]), _ab64_decode(parts[2])


def hash_password(password, rounds=None, salt=None):
    """Return the pbkdf2-sha512 hash of ``password`` with a fresh random salt."""
    rounds = rounds or DEFAULT_ROUNDS
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    checksum = hashlib.pbkdf2_hmac(_DIGEST, password.encode('utf-8'), salt, rounds)
    return f'{PREFIX}{rounds}${_ab64_encode(salt)}${_ab64_encode(checksum)}'


def verify_password(password, stored_hash):
    """Tell whether ``password`` matches ``stored_hash``, using the rounds the hash names."""
    if not password or not stored_hash:
        return False
    try:
        rounds, salt, checksum = _parse(stored_hash)
    except ValueError:
        return False
    candidate = hashlib.pbkdf2_hmac(_DIGEST, password.encode('utf-8'), salt, rounds)
    return hmac.compare_digest(candidate, checksum)
