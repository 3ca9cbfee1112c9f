"""Marking strings for translation: ``_('Text %s', value)``.

``_()`` translates into the language of the current request (set by the
RPC layer with `framework.i18n.context.request_lang`) or else of the
``env`` of its caller (``self.env.lang`` of the model method calling it,
or a local ``env``), falling back on ``en_US``. The lookup itself is
installed by `framework.i18n.catalog` (``set_catalog_lookup``); until then
the source text is used.
"""
import sys

_catalog_lookup = None


def set_catalog_lookup(func):
    """Install the function ``func(source, lang) -> translated text``."""
    global _catalog_lookup
    _catalog_lookup = func


def caller_lang(depth=2):
    """The language of the request, else of the env seen `depth` frames up, or None."""
    from ..i18n.context import current_lang
    lang = current_lang()
    if lang:
        return lang
    try:
        frame = sys._getframe(depth)
    except ValueError:
        return None
    # a few frames up: `_` may be called from a helper of the model method
    for _level in range(4):
        if frame is None:
            break
        local = frame.f_locals
        env = getattr(local.get('self'), 'env', None)
        if env is None:
            env = local.get('env')
        lang = getattr(env, 'lang', None)
        if isinstance(lang, str):
            return lang
        frame = frame.f_back
    return None


def _(source, *args, **kwargs):
    """Translate `source` and interpolate `args` / `kwargs` into it."""
    text = source
    lang = caller_lang()
    if lang and lang != 'en_US':
        if _catalog_lookup is None:
            from ..i18n import catalog
            catalog.install()
        text = _catalog_lookup(source, lang)
    if args:
        return text % (args if len(args) > 1 else args[0])
    if kwargs:
        return text % kwargs
    return text
