"""Code terms: the ``_()`` messages of every addon, per language, per process.

A language's catalog is read from the ``code:`` entries of the addons'
``i18n/<lang>.po`` files the first time a message is asked in it, then kept
for the life of the process (the files only change with the code).
`install` hooks the catalogs into `framework.tools.translate._`.
"""
import logging
import threading

from ..modules.manifest import list_available
from ..tools import translate
from .files import lang_files
from .po import read_po

_logger = logging.getLogger(__name__)
_catalogs = {}
_lock = threading.Lock()


def _is_code(entry):
    return any(location.startswith('code:') for location, _line in entry.occurrences)


def load_catalog(lang):
    """Return ``{source: translation}`` of the code terms of every available addon in `lang`."""
    catalog = _catalogs.get(lang)
    if catalog is not None:
        return catalog
    with _lock:
        if lang in _catalogs:
            return _catalogs[lang]
        catalog = {}
        for module in sorted(list_available(), key=lambda name: (name != 'base', name)):
            for path in lang_files(module, lang):
                try:
                    with open(path, 'rb') as handle:
                        entries = read_po(handle, path)
                except Exception as exc:       # a broken file must not break every message
                    _logger.warning('%s', exc)
                    continue
                for entry in entries:
                    if entry.translation and _is_code(entry):
                        catalog.setdefault(entry.source, entry.translation)
        _catalogs[lang] = catalog
        return catalog


def translate_code(source, lang):
    """The translation of code term `source` in `lang` (the source itself when none)."""
    if not lang or lang == 'en_US':
        return source
    return load_catalog(lang).get(source, source)


def clear():
    """Forget the loaded catalogs (tests that write ``.po`` files)."""
    with _lock:
        _catalogs.clear()


def install():
    """Make ``_()`` translate with these catalogs."""
    translate.set_catalog_lookup(translate_code)
