"""The shell page (``GET /web``): an empty page that loads the web client's modules.

It carries what the client needs before its first RPC: the session info of
``framework.service.web.session_info`` plus the CSRF token (in
``script#session-info``), the token again in ``meta[name=csrf-token]``, and
the user's language and time zone (``html[lang]``, ``body[data-lang]``,
``body[data-tz]``), and the client's own words in that language
(``translations``: ``{source: translation}`` of ``i18n/<lang>.po``, see
``translations``). Without a live session the browser goes to the login page.
"""
from werkzeug.wrappers import Response

from framework.service.web import session_info
from framework.service.wsgi import route

from . import csrf
from .errors import page
from .templates import json_script, render
from .user_session import run_as_user

TITLE = 'Odoo CRM'


@route('/web', methods=('GET',))
@route('/web/', methods=('GET',))
@page
def webclient(request):
    """The shell page of the logged-in user (the login page first when there is none)."""
    def work(env, current, token):
        info = dict(session_info(env))
        info['csrf_token'] = csrf.token(token)
        return info
    info = run_as_user(request, work)
    context = info.get('user_context') or {}
    lang = context.get('lang') or 'en_US'
    # imported here so that `python -m framework.web.translations` runs the module once
    from .translations import catalog
    info['translations'] = catalog(lang)
    body = render(
        'webclient',
        title=TITLE,
        csrf_token=info['csrf_token'],
        session_info=json_script(info),
        html_lang=lang.replace('_', '-'),
        lang=lang,
        tz=context.get('tz') or '',
    )
    response = Response(body, content_type='text/html; charset=utf-8')
    response.headers['Cache-Control'] = 'no-store'
    return response
