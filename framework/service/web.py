"""The web endpoints Odoo's RPC client libraries use: session login, ``call_kw``, database list.

All are JSON-RPC requests (see ``jsonrpc.json_call``). A session is made
by ``/web/session/authenticate`` and travels in the ``session_id`` cookie
(see ``session``); ``call_kw`` runs as the session's user, in one
transaction, with the session's context under the call's own. A session
of the web client's login page must send its CSRF token in the
``X-CSRF-Token`` header with every POST that uses the session
(``call_kw``, ``get_session_info``, ``destroy``), else it is refused (403).
"""
from framework.api import Environment, SUPERUSER_ID, call_kw
from framework.exceptions import AccessDenied, AccessError, UserError

from . import auth, db_service, session as sessions
from .faults import SessionExpired
from .jsonrpc import WithResponse, json_call
from .marshal import to_wire
from .transaction import run_in_transaction
from .version import version_info
from .wsgi import route


#: the header carrying a web session's CSRF token on JSON requests
CSRF_HEADER = 'X-CSRF-Token'
_CSRF_REFUSED = 'framework.csrf_refused'


class CsrfRefused(AccessError):
    """A request of a web session came without that session's CSRF token."""

    def __init__(self, message="This request lacks the page's security token: reload the page and try again."):
        super().__init__(message)


def session_info(env, sid=None):
    """What Odoo's ``get_session_info`` answers for ``env``'s user."""
    user = env['res.users'].sudo().browse(env.uid)
    context = user_context(user)
    info = {
        'uid': env.uid,
        'db': env.cr.dbname,
        'username': user.login,
        'name': user.name,
        'partner_id': user.partner_id.id,
        'partner_display_name': user.partner_id.display_name,
        'company_id': user.company_id.id if 'company_id' in user._fields else False,
        'user_context': context,
        'is_system': _has_group(user, 'base.group_system'),
        'is_admin': _has_group(user, 'base.group_erp_manager'),
    }
    info.update(version_info())
    return to_wire(info)


def user_context(user):
    """The context of ``user``'s session: language, time zone, uid."""
    context = {'uid': user.id}
    for name in ('lang', 'tz'):
        if name in user._fields:
            context[name] = user[name] or (name == 'lang' and 'en_US') or False
    return context


def _has_group(user, xmlid):
    try:
        return bool(user.has_group(xmlid))
    except Exception:  # a group the installed modules do not define
        return False


def _session_cookie(request):
    parsed = sessions.parse_cookie(request.cookies.get(sessions.COOKIE))
    if parsed is None:
        raise SessionExpired("Session expired: log in again")
    return parsed


def _with_session(request, func, csrf=False):
    """Return ``func(env, session)`` in one transaction as the session's user; ``SessionExpired`` if none.

    With ``csrf``, a web session's request must carry its CSRF token in the
    ``X-CSRF-Token`` header (``CsrfRefused`` otherwise).
    """
    token, dbname = _session_cookie(request)
    header_ok = csrf and sessions.check_csrf(token, request.headers.get(CSRF_HEADER))
    from framework.db import admin
    if not admin.exists(dbname):
        raise SessionExpired("Session expired: log in again")

    def call(cr, registry):
        current = sessions.load(cr, token)
        if current is None:
            raise SessionExpired("Session expired: log in again")
        if csrf and current.web and not header_ok:
            request.environ[_CSRF_REFUSED] = True
            raise CsrfRefused()
        env = Environment(cr, current.uid, current.context, registry=registry)
        return func(env, current)
    return run_in_transaction(dbname, call)


@route('/web/webclient/version_info', methods=('POST',))
def web_version_info_json(request):
    """The server version as a JSON-RPC result."""
    return json_call(request, lambda params: version_info(), 'version_info')


@route('/web/session/authenticate', methods=('POST',))
def authenticate(request):
    """Log in with ``{db, login, password}``; answer the session info and set the session cookie."""
    def call(params):
        db, login, password = params.get('db'), params.get('login'), params.get('password')
        if not isinstance(db, str) or not db_service.exist_db(db):
            raise AccessDenied()

        def work(cr, registry):
            env = Environment(cr, SUPERUSER_ID, {}, registry=registry)
            uid = auth.login(env, login, password)
            user_env = Environment(cr, uid, {}, registry=registry)
            info = session_info(user_env)
            cookie = sessions.create(cr, uid, login, info['user_context'], replacing=replacing)
            return info, cookie
        previous = sessions.parse_cookie(request.cookies.get(sessions.COOKIE))
        replacing = previous[0] if previous and previous[1] == db else None
        info, cookie = run_in_transaction(db, work)

        def set_cookie(response):
            response.set_cookie(sessions.COOKIE, cookie, httponly=True, samesite='Lax',
                                secure=request.is_secure)
        return WithResponse(info, set_cookie)
    return json_call(request, call, 'session/authenticate')


def _json_call_with_session(request, func, what):
    """``json_call`` of ``func(params)``, answered with 403 when it was refused for its CSRF token."""
    response = json_call(request, func, what)
    if request.environ.get(_CSRF_REFUSED):
        response.status_code = 403
    return response


@route('/web/session/get_session_info', methods=('POST',))
def get_session_info(request):
    """The session info of the cookie's session (error ``SessionExpired`` without one)."""
    return _json_call_with_session(
        request, lambda params: _with_session(request, lambda env, s: session_info(env), csrf=True),
        'session/get_session_info')


@route('/web/session/destroy', methods=('POST',))
def destroy(request):
    """Log out: forget the cookie's session here and in the browser (a web session's CSRF token needed)."""
    def call(params):
        parsed = sessions.parse_cookie(request.cookies.get(sessions.COOKIE))
        if parsed:
            try:
                _with_session(request, lambda env, current: sessions.destroy(env.cr, parsed[0]), csrf=True)
            except SessionExpired:
                pass     # already gone: logging out again is no error
        return WithResponse(None, lambda response: response.delete_cookie(sessions.COOKIE))
    return _json_call_with_session(request, call, 'session/destroy')


@route('/web/dataset/call_kw', methods=('POST',))
@route('/web/dataset/call_kw/<path:path>', methods=('POST',))
def dataset_call_kw(request, path=None):
    """Call ``params.model``'s ``params.method`` with ``args``/``kwargs`` as the session's user."""
    def call(params):
        model, method = params.get('model'), params.get('method')
        args, kwargs = params.get('args') or [], dict(params.get('kwargs') or {})
        if not isinstance(args, list):
            raise UserError("The args of call_kw are a list")

        def work(env, current):
            if not isinstance(model, str) or model not in env.registry:
                raise UserError("Object %s doesn't exist" % (model,))
            context = dict(current.context)
            context.update(kwargs.get('context') or {})
            kwargs['context'] = context
            result = to_wire(call_kw(env[model], method, args, kwargs))
            if model == 'res.users' and method == 'change_password':
                # the other sessions of the user end; the one that changed the password goes on
                env.flush_all()
                sessions.follow_password(env.cr, _session_cookie(request)[0])
            return result
        return _with_session(request, work, csrf=True)
    return _json_call_with_session(request, call, 'call_kw')


@route('/web/database/list', methods=('POST',))
def database_list(request):
    """The databases on the server (``AccessDenied`` when ``list_db`` is off)."""
    return json_call(request, lambda params: db_service.list_dbs(), 'database/list')
