"""The language of the current request, for ``_()`` messages.

The RPC layer runs each call inside ``with request_lang(context.get('lang'))``;
code outside a request (scripts, tests) falls back on the ``env`` of the
caller of ``_()`` (see `framework.tools.translate`), then on ``en_US``.
"""
import contextlib
import contextvars

_current_lang = contextvars.ContextVar('framework_i18n_lang', default=None)


def current_lang():
    """The language set by the innermost `request_lang`, or None."""
    return _current_lang.get()


@contextlib.contextmanager
def request_lang(lang):
    """Make `lang` (e.g. ``'fr_FR'``; falsy: unchanged) the language of ``_()`` inside the block."""
    if not lang:
        yield
        return
    token = _current_lang.set(lang)
    try:
        yield
    finally:
        _current_lang.reset(token)
