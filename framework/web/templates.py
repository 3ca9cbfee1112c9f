"""The server-rendered pages (login, shell, errors): ``views/templates/NAME.html`` filled in.

A template is plain HTML with ``$name`` placeholders (``string.Template``).
Every value is HTML-escaped, so a login or a message typed by someone can
never become markup, unless it is wrapped in :class:`Safe`, which says the
caller built that markup itself from escaped parts.
"""
import html
import json
import os
import re
import string
import threading

#: the folder of the page templates
TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         'views', 'templates')
_NAME = re.compile(r'[a-z][a-z0-9_]*\Z')
_cache = {}          # name -> (mtime, Template)
_lock = threading.Lock()


class Safe(str):
    """Markup that goes into a page as it is (its maker escaped what needed it)."""


def escape(value):
    """``value`` as text safe inside HTML content and quoted attributes (``Safe`` kept as is)."""
    if isinstance(value, Safe):
        return value
    if value is None or value is False:
        return ''
    return html.escape(str(value), quote=True)


def json_script(value):
    """``value`` as JSON that may sit inside a ``<script>`` element without ending it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace('<', '\\u003c').replace('>', '\\u003e').replace('&', '\\u0026')
    return Safe(text.replace('\u2028', '\\u2028').replace('\u2029', '\\u2029'))


def _template(name):
    if not _NAME.match(name):
        raise ValueError("Template name %r is not a plain name" % (name,))
    path = os.path.join(TEMPLATES, name + '.html')
    mtime = os.stat(path).st_mtime_ns
    with _lock:
        cached = _cache.get(name)
        if cached and cached[0] == mtime:
            return cached[1]
    with open(path, encoding='utf-8') as handle:
        template = string.Template(handle.read())
    with _lock:
        _cache[name] = (mtime, template)
    return template


def render(name, **values):
    """Return template ``name`` filled with ``values`` (escaped unless ``Safe``); a missing one is an error."""
    return _template(name).substitute({key: escape(value) for key, value in values.items()})
