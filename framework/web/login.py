"""The login page (``GET/POST /web/login``) and logging out (``POST /web/logout``).

A successful login makes a *web* session (see ``framework.service.session``)
with a new id, ending the session the browser had before (no fixation),
and sends the browser to ``/web`` or to the page it came from. A wrong
password shows the form again with one sentence, the login kept and the
password not; the login throttle of ``framework.security`` applies as for
any other login.
"""
import logging
from urllib.parse import urlsplit

from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from framework.config import config
from framework.api import Environment, SUPERUSER_ID
from framework.exceptions import AccessDenied
from framework.security.throttle import TOO_MANY
from framework.service import auth, db_service, session as sessions
from framework.service.transaction import run_in_transaction
from framework.service.web import session_info
from framework.service.wsgi import route

from . import csrf
from .errors import page
from .templates import Safe, escape, render
from .user_session import cookie

_logger = logging.getLogger(__name__)

HOME = '/web'
WRONG_PASSWORD = "Wrong login or password: check them and try again."
EXPIRED_FORM = "The login form expired: please log in again."
NO_DATABASE = "No database exists yet: create one first (odoo-bin -d NAME -i base)."
UNKNOWN_DATABASE = "Database %s does not exist: choose one from the list."
UNUSABLE_DATABASE = "Database %s cannot be used to log in: ask your administrator to check it."


def databases():
    """The databases the login page offers: ``--database`` names if given, else the server's list."""
    if config['db_name']:
        names = [name.strip() for name in str(config['db_name']).split(',') if name.strip()]
        return [name for name in names if db_service.exist_db(name)]
    try:
        return db_service.list_dbs()
    except AccessDenied:  # list_db is off and no database was named
        return []


def safe_redirect(target):
    """``target`` when it is a path of this site, else ``/web`` (never another site)."""
    if not target or not isinstance(target, str) or any(ord(c) < 32 for c in target):
        return HOME
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith('/') or target.startswith(('//', '/\\')):
        return HOME
    return target


def _database_field(names, selected):
    if len(names) == 1:
        return Safe('<input type="hidden" name="db" value="%s">' % escape(names[0]))
    options = ''.join('<option value="%s"%s>%s</option>' % (escape(name), ' selected' if name == selected else '',
                                                            escape(name)) for name in names)
    return Safe('<label for="db">Database</label>\n<select id="db" name="db" required>%s</select>' % options)


def login_page(request, names, selected=None, login='', error=None, redirect_to=None, status=200):
    """The login form (with a fresh CSRF cookie), ``error`` shown above it."""
    if error is None and not names:
        error = NO_DATABASE
    if selected not in names:
        selected = config['db_name'] if config['db_name'] in names else (names[0] if names else '')
    value = csrf.new_login_token()
    body = render(
        'login',
        csrf_token=value,
        redirect=safe_redirect(redirect_to),
        database=_database_field(names, selected) if names else Safe(''),
        login=login,
        login_focus=Safe('' if login else 'autofocus'),
        password_focus=Safe('autofocus' if login else ''),
        error=Safe('<p class="o_login_error alert" role="alert">%s</p>' % escape(error)) if error else Safe(''),
    )
    response = Response(body, status=status, content_type='text/html; charset=utf-8')
    csrf.set_login_cookie(response, value, request)
    response.headers['Cache-Control'] = 'no-store'
    return response


@route('/web/login', methods=('GET',))
@page
def login_form(request):
    """The login page; ``?db=`` preselects a database, ``?redirect=`` is where to go afterwards."""
    return login_page(request, databases(), selected=request.args.get('db'),
                      redirect_to=request.args.get('redirect'))


def _authenticate(dbname, login, password, previous=None):
    """Check ``login``/``password`` on ``dbname``; return the new web session's cookie value.

    ``previous`` (``(token, dbname)`` of the browser's cookie) is the session the new one replaces.
    """
    replacing = previous[0] if previous and previous[1] == dbname else None

    def work(cr, registry):
        env = Environment(cr, SUPERUSER_ID, {}, registry=registry)
        uid = auth.login(env, login, password)
        info = session_info(Environment(cr, uid, {}, registry=registry))
        return sessions.create(cr, uid, login, info['user_context'], web=True, replacing=replacing)
    return run_in_transaction(dbname, work)


@route('/web/login', methods=('POST',))
@page
def login_submit(request):
    """Log in with the form's ``db, login, password``; the form again with an error when refused."""
    names = databases()
    form = request.form
    dbname, login, password = form.get('db', ''), form.get('login', ''), form.get('password', '')
    target = form.get('redirect')

    def again(error, status=200):
        return login_page(request, names, selected=dbname, login=login, error=error,
                          redirect_to=target, status=status)

    if not csrf.login_token_ok(request):
        return again(EXPIRED_FORM, 403)
    if dbname not in names:
        return again(UNKNOWN_DATABASE % dbname if dbname else NO_DATABASE)
    try:
        value = _authenticate(dbname, login, password, cookie(request))
    except AccessDenied as exc:
        return again(TOO_MANY if str(exc) == TOO_MANY else WRONG_PASSWORD)
    except Exception:
        _logger.exception("login on database %s failed", dbname)
        return again(UNUSABLE_DATABASE % dbname)
    response = redirect(safe_redirect(target), code=303)
    response.set_cookie(sessions.COOKIE, value, httponly=True, samesite='Lax', secure=request.is_secure)
    response.delete_cookie(csrf.LOGIN_COOKIE, path=csrf.LOGIN_PATH)
    return response


@route('/web/logout', methods=('POST',))
@page
def logout(request):
    """Forget the session (form field ``csrf_token`` required) and go back to the login page."""
    parsed = cookie(request)
    if parsed is not None:
        token, dbname = parsed
        csrf.require(request, token)
        if db_service.exist_db(dbname):
            run_in_transaction(dbname, lambda cr, registry: sessions.destroy(cr, token))
    response = redirect('/web/login', code=303)
    response.delete_cookie(sessions.COOKIE)
    return response
