"""Error pages of ``/web/*``: a 404 or 403 page (or a JSON error) with one sentence, never a traceback.

Handlers are wrapped with :func:`page` (HTML answers) or :func:`json_endpoint`
(JSON answers); both turn the framework's exceptions into the right status
and sentence, and log only what was not meant for the user.
"""
import functools
import json
import logging
from urllib.parse import quote

from werkzeug.exceptions import HTTPException
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from framework import exceptions
from framework.service import faults
from framework.service.faults import SessionExpired
from framework.service.wsgi import route

from .templates import render

_logger = logging.getLogger(__name__)

TITLES = {400: 'Bad request', 403: 'Access refused', 404: 'Page not found', 500: 'Server error'}
NOT_FOUND = "The page you asked for does not exist: check the address, or go back to the home page."
FORBIDDEN = "You are not allowed to see this page."
SERVER_ERROR = "The server could not answer this request; the error was logged for the administrator."


class LoginRequired(Exception):
    """The page needs a logged-in user and the request has no live session."""


def error_page(status, message=None):
    """The HTML page of an error ``status`` (403, 404, …) saying ``message`` in one sentence."""
    title = TITLES.get(status, 'Error')
    message = message or {403: FORBIDDEN, 404: NOT_FOUND}.get(status, SERVER_ERROR)
    body = render('error', status=status, title=title, message=message)
    return Response(body, status=status, content_type='text/html; charset=utf-8')


def login_redirect(request):
    """Send the browser to the login page, coming back to this URL afterwards."""
    target = request.full_path.rstrip('?') if request.method == 'GET' else '/web'
    return redirect('/web/login?redirect=' + quote(target, safe='/'), code=303)


def status_of(exc):
    """The HTTP status of ``exc`` and the sentence the user may read."""
    if isinstance(exc, HTTPException):
        return exc.code, exc.description if exc.code not in (403, 404) else None
    if isinstance(exc, (exceptions.MissingError, KeyError)):
        return 404, None
    if isinstance(exc, exceptions.AccessDenied):
        return 403, faults.message_of(exc)
    if isinstance(exc, exceptions.AccessError):
        return 403, faults.message_of(exc)
    if faults.is_expected(exc):
        return 400, faults.message_of(exc)
    return 500, SERVER_ERROR


def page(func):
    """Wrap an HTML handler: errors become error pages, a missing session the login page."""
    @functools.wraps(func)
    def handler(request, **values):
        try:
            return func(request, **values)
        except (LoginRequired, SessionExpired):
            return login_redirect(request)
        except HTTPException as exc:
            if exc.code not in (400, 403, 404):
                raise
            return error_page(exc.code, exc.description if exc.code == 400 else None)
        except Exception as exc:
            faults.log_unexpected(exc, request.path)
            status, message = status_of(exc)
            return error_page(status, message)
    return handler


def json_error(exc, status):
    """A JSON answer ``{"error": {code, message, data: {name, message, debug}}}`` with ``status``."""
    payload = {'error': faults.jsonrpc_error(exc)}
    return Response(json.dumps(payload), status=status, content_type='application/json')


def json_endpoint(func):
    """Wrap a JSON handler: errors become JSON errors with their HTTP status (401 without a session)."""
    @functools.wraps(func)
    def handler(request, **values):
        try:
            return func(request, **values)
        except (LoginRequired, SessionExpired) as exc:
            return json_error(exc if isinstance(exc, SessionExpired) else SessionExpired(
                "Session expired: log in again"), 401)
        except HTTPException as exc:
            if exc.code == 413:
                raise
            return json_error(exceptions.UserError(exc.description or TITLES.get(exc.code, 'Error')), exc.code)
        except Exception as exc:
            faults.log_unexpected(exc, request.path)
            status, _message = status_of(exc)
            return json_error(exc, status)
    return handler


@route('/web/<path:path>', methods=('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH'))
def unknown_page(request, path):
    """Every ``/web/`` URL no other route claims: the 404 page."""
    return error_page(404)
