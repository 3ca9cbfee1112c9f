"""CSRF protection of the web client's state-changing requests.

A logged-in request carries its session's token (an HMAC of the session
token, see ``framework.service.session.csrf_token``) as the form field
``csrf_token`` or the header ``X-CSRF-Token``. The login form, which has no
session yet, uses a double-submit cookie instead: a random ``csrf_login``
cookie whose value the form repeats in its hidden field; another site can
make a browser send the cookie but cannot read it to fill the field.
"""
import hmac
import secrets

from framework.service import session as sessions
from framework.service.web import CSRF_HEADER, CsrfRefused

FIELD = 'csrf_token'
LOGIN_COOKIE = 'csrf_login'
LOGIN_PATH = '/web/login'


def token(session_token):
    """The CSRF token of the session whose cookie token is ``session_token``."""
    return sessions.csrf_token(session_token)


def submitted(request):
    """The CSRF token a request carries (form field first, then header), or None."""
    return request.form.get(FIELD) or request.headers.get(CSRF_HEADER)


def require(request, session_token):
    """Raise ``CsrfRefused`` unless ``request`` carries the CSRF token of ``session_token``."""
    if not sessions.check_csrf(session_token, submitted(request)):
        raise CsrfRefused()


def new_login_token():
    """A fresh random value for the login form's double-submit cookie."""
    return secrets.token_urlsafe(32)


def set_login_cookie(response, value, request):
    """Give the browser the login form's CSRF cookie (HttpOnly, SameSite=Lax, login page only)."""
    response.set_cookie(LOGIN_COOKIE, value, httponly=True, samesite='Lax', path=LOGIN_PATH,
                        secure=request.is_secure)


def login_token_ok(request):
    """Tell whether the login form's hidden field repeats its CSRF cookie."""
    cookie, field = request.cookies.get(LOGIN_COOKIE), request.form.get(FIELD)
    if not cookie or not field:
        return False
    return hmac.compare_digest(cookie.encode('utf-8'), field.encode('utf-8'))
