"""The master password that guards database management (``admin_passwd`` in the config file).

The config file keeps it hashed (pbkdf2-sha512, see ``Config.save``); a
clear value (the default ``admin`` or one typed into the file) is still
accepted, and replaced in memory by its hash at its first successful
check (as Odoo's ``verify_and_update``), so the process no longer holds
it in clear; the file gets the hash at its next save. A successful check
is remembered per process against the stored value, so that one slow
hash is computed once, not per call.
"""
import hashlib
import hmac
import os
import threading

from framework.config import config
from framework.exceptions import AccessDenied

_SECRET = os.urandom(32)
_verified = set()
_lock = threading.Lock()


def check_master_password(password):
    """Raise ``AccessDenied`` unless ``password`` is the configured master password."""
    from addons.base.password import is_hash, verify_password
    stored = config['admin_passwd']
    if not stored or not isinstance(password, str) or not password:
        raise AccessDenied()
    key = (stored, hmac.new(_SECRET, password.encode('utf-8'), hashlib.sha256).digest())
    if key in _verified:
        return
    if is_hash(stored):
        ok = verify_password(password, stored)
    else:
        ok = hmac.compare_digest(stored.encode('utf-8'), password.encode('utf-8'))
    if not ok:
        raise AccessDenied()
    if not is_hash(stored):
        from addons.base.password import hash_password
        stored = config['admin_passwd'] = hash_password(password)
        key = (stored, key[1])
    with _lock:
        _verified.add(key)


def set_master_password(password):
    """Make ``password`` the master password (hashed) and save the config file."""
    from addons.base.password import hash_password
    config['admin_passwd'] = hash_password(password)
    config.save()
