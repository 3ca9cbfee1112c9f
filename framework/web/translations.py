"""The web client's own words: the terms of ``_t('…')`` and their catalogs.

The client's modules (``views/static/js/**/*.js``) wrap every word they
show in ``_t('…')``; `extract_terms` finds those literals, `write_pot`
writes them to ``i18n/web.pot`` at the repository root, and translators
copy it to ``i18n/<lang>.po``. `catalog(lang)` is what the shell page
hands to the client: ``{source: translation}`` of ``i18n/<lang>.po``, read
once per language per process. Regenerate the template after changing the
client's words::

    python -m framework.web.translations
"""
import functools
import os
import re
import sys

from framework.i18n.po import Entry, read_po, write_po

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = os.path.join(ROOT, 'views', 'static', 'js')
I18N = os.path.join(ROOT, 'i18n')
POT = os.path.join(I18N, 'web.pot')
MODULE = 'web'

# _t('…') or _t("…"): the literal is the first argument (backslash escapes allowed)
_CALL = re.compile(r"""\b_t\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")""")
_ESCAPES = {'n': '\n', 't': '\t', "'": "'", '"': '"', '\\': '\\'}
_LANG = re.compile(r'^[A-Za-z]{2,3}(_[A-Za-z0-9]{2,8})*$')


def _unescape(text):
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def extract_terms(root=ROOT):
    """The terms of the ``_t('…')`` calls under ``<root>/views/static/js``: ``{term: [(path, line)]}``.

    Paths are relative to `root`, in file then line order.
    """
    terms = {}
    folder = os.path.join(root, 'views', 'static', 'js')
    for directory, subdirs, files in os.walk(folder):
        subdirs.sort()
        for name in sorted(files):
            if not name.endswith('.js'):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding='utf-8') as handle:
                text = handle.read()
            relative = os.path.relpath(path, root).replace(os.sep, '/')
            for match in _CALL.finditer(text):
                literal = match.group(1) if match.group(1) is not None else match.group(2)
                term = _unescape(literal)
                if term:
                    line = text.count('\n', 0, match.start()) + 1
                    terms.setdefault(term, []).append((relative, line))
    return terms


def write_pot(path=POT, root=ROOT):
    """Write the template of the client's terms (found under `root`) to `path`; return their number."""
    terms = extract_terms(root)
    entries = [Entry(term, '', [MODULE], [('code:%s' % where, line) for where, line in places])
               for term, places in terms.items()]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as handle:
        write_po(handle, entries, project='Odoo CRM web client')
    return len(entries)


@functools.lru_cache(maxsize=None)
def catalog(lang):
    """``{source: translation}`` of ``i18n/<lang>.po`` (empty for English or a missing file).

    Read once per language and process; untranslated terms are left out,
    so the client shows them in English.
    """
    if not lang or lang == 'en_US' or not _LANG.match(lang):
        return {}
    path = os.path.join(I18N, '%s.po' % lang)
    if not os.path.exists(path):
        # fr_BE falls back to fr.po, as Odoo's language files do
        path = os.path.join(I18N, '%s.po' % lang.split('_')[0])
        if not os.path.exists(path):
            return {}
    with open(path, 'rb') as handle:
        entries = read_po(handle, path)
    return {entry.source: entry.translation for entry in entries if entry.translation}


def main(argv=None):
    """Regenerate ``i18n/web.pot`` from the client's sources."""
    count = write_pot()
    print('%s: %d terms' % (os.path.relpath(POT), count))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
