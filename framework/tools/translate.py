"""Marking strings for translation: ``_('Text %s', value)``.

Messages are looked up in the active translation catalog when one is
installed (issue of i18n); until then the source text is used.
"""

_catalog_lookup = None


def set_catalog_lookup(func):
    """Install the function `func(source) -> translated text`."""
    global _catalog_lookup
    _catalog_lookup = func


def _(source, *args, **kwargs):
    """Translate `source` and interpolate `args` / `kwargs` into it."""
    text = _catalog_lookup(source) if _catalog_lookup else source
    if args:
        return text % (args if len(args) > 1 else args[0])
    if kwargs:
        return text % kwargs
    return text
