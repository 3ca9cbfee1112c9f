"""Who is calling: the service layer's door to ``framework.security.credentials``.

XML-RPC clients send the password with every call; the security layer
verifies a (uid, password) pair once per process against the stored hash
and throttles repeated wrong passwords. This module only adapts it to the
services' calling conventions.
"""
from framework.exceptions import AccessDenied


def check_credentials(env, uid, password):
    """Raise ``AccessDenied`` unless ``uid`` is an active user of ``env``'s database with ``password``."""
    from framework.security import check_credentials as check
    if not isinstance(password, str):
        raise AccessDenied()
    check(env, uid, password)


def login(env, login, password):
    """Return the uid of ``login`` with ``password`` (recording the login); raise ``AccessDenied``."""
    from framework.security import authenticate
    if not isinstance(login, str) or not isinstance(password, str):
        raise AccessDenied()
    return authenticate(env, login, password)
