"""The WSGI application: a small route table mapping URLs to handler functions.

Other layers (XML-RPC, JSON-RPC, the web client) add their URLs with
:func:`route`; a handler takes a werkzeug ``Request`` and the URL's values
and returns a ``Response``. Request bodies larger than
``config['limit_request_body']`` bytes (default 128 MiB, room for a
database backup sent to ``db.restore``) are refused with 413.
"""
import html
import json
import logging

from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from framework.config import config

_logger = logging.getLogger(__name__)

from .version import PROTOCOL_VERSION, SERVER_SERIE, SERVER_VERSION_INFO, version_info  # noqa: F401

#: the default largest request body accepted, in bytes
LIMIT_REQUEST_BODY = 128 * 1024 * 1024

url_map = Map()
_handlers = {}


def route(path, methods=('GET',)):
    """Register the decorated function as the handler of ``path`` for ``methods``."""
    def decorate(func):
        endpoint = f'{func.__module__}.{func.__qualname__}'
        url_map.add(Rule(path, endpoint=endpoint, methods=list(methods)))
        _handlers[endpoint] = func
        return func
    return decorate


def installed_modules(dbname):
    """Return the names of the modules installed in ``dbname`` ([] before base is installed)."""
    from framework.db import db_connect
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module')")
        if cr.fetchone()[0] is None:
            return []
        cr.execute("SELECT name FROM ir_module_module WHERE state = %s ORDER BY name", ['installed'])
        return [row[0] for row in cr.fetchall()]


@route('/')
def index(request):
    """A page saying the server runs, which database it serves and what is installed there."""
    dbname = config['db_name']
    if dbname:
        try:
            modules = installed_modules(dbname)
            detail = (f"<p>Installed modules: {html.escape(', '.join(modules)) or 'none yet'}.</p>")
        except Exception as exc:  # the page must render even when the database is gone
            detail = f"<p>Database unavailable: {html.escape(str(exc))}</p>"
        title = f"Database <b>{html.escape(dbname)}</b>"
    else:
        title, detail = "No database selected (start with -d NAME)", ""
    body = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>odoo-crm</title></head>"
            f"<body><h1>odoo-crm: server is running</h1><p>{title}</p>{detail}"
            f"<p><a href='/web'>Open the web client</a></p></body></html>")
    return Response(body, content_type='text/html; charset=utf-8')


@route('/web/webclient/version_info', methods=('GET',))
def web_version_info(request):
    """The version as plain JSON (a POST gets it as a JSON-RPC result, see ``web``)."""
    return Response(json.dumps(version_info()), content_type='application/json')


class LimitedRequest(Request):
    """A request whose body may not exceed the configured size."""

    @property
    def max_content_length(self):
        return config.get('limit_request_body') or LIMIT_REQUEST_BODY


def application(environ, start_response):
    """The WSGI entry point: dispatch through the route table, errors as HTTP responses.

    With ``proxy_mode`` (``--proxy-mode``) the reverse proxy's
    ``X-Forwarded-For``, ``-Proto`` and ``-Host`` headers are believed
    (one proxy): the client's address, https for the cookies' ``Secure``
    flag, the host of the links. Without it they are ignored, since any
    client can send them.
    """
    if config.get('proxy_mode'):
        return _behind_proxy(environ, start_response)
    return _dispatch(environ, start_response)


def _dispatch(environ, start_response):
    request = LimitedRequest(environ)
    adapter = url_map.bind_to_environ(environ)
    try:
        endpoint, values = adapter.match()
        response = _handlers[endpoint](request, **values)
    except HTTPException as exc:
        response = exc
    except Exception:
        _logger.exception("error while serving %s", request.path)
        response = Response("internal server error", status=500, content_type='text/plain')
    return response(environ, start_response)


_behind_proxy = ProxyFix(_dispatch, x_for=1, x_proto=1, x_host=1)

# the transports register their routes on import
from . import jsonrpc, web, xmlrpc  # noqa: E402,F401
import framework.web  # noqa: E402,F401  the web client's pages
