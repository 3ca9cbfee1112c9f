"""Collecting the translatable terms of modules, and writing them as ``.po``/``.pot``.

Terms come from three places (see the package docstring): translated
fields of the records the modules' external ids name (labels of models,
fields and selection values, menus, groups, countries...), the arch of
their views, and ``_()`` calls in their Python files (the base module also
owns those of ``framework/``).
"""
import os

from babel.messages.extract import extract_from_file

from ..config import ROOT
from ..modules.manifest import get_module_path
from ..orm.sql import SQL
from . import SOURCE_LANG
from .arch import ARCH_TERMS_FIELD, arch_terms
from .po import Entry, write_po

#: the ``_()``-like functions whose first argument is a message
KEYWORDS = {'_': None, '_lt': None}
_SKIPPED_DIRS = ('tests', '__pycache__', 'static', 'node_modules')


def installed_modules(env):
    """The names of the installed modules, sorted."""
    env.cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' ORDER BY name")
    return [row[0] for row in env.cr.fetchall()]


def collect_entries(env, modules, lang=None):
    """The `Entry` list of `modules`' terms, with their translation in `lang` when given."""
    entries = {}

    def add(module, source, occurrence, translation=None):
        source = source.strip() if isinstance(source, str) else source
        if not source:
            return
        entry = entries.setdefault(source, Entry(source))
        if module not in entry.modules:
            entry.modules.append(module)
        if occurrence not in entry.occurrences:
            entry.occurrences.append(occurrence)
        if translation and translation != source and not entry.translation:
            entry.translation = translation

    for module, source, occurrence, translation in _model_terms(env, modules, lang):
        add(module, source, occurrence, translation)
    for module, source, occurrence, translation in _view_terms(env, modules, lang):
        add(module, source, occurrence, translation)
    code = _code_translations(lang, modules)
    for module, source, occurrence in _code_terms(modules):
        add(module, source, occurrence, code.get(source))
    return list(entries.values())


def _xmlids(env, modules):
    """``{model: [(module, name, res_id)]}`` of the external ids of `modules`."""
    env.cr.execute('SELECT model, module, name, res_id FROM ir_model_data WHERE module IN %s '
                   'ORDER BY module, model, id', (tuple(modules),))
    result = {}
    for model, module, name, res_id in env.cr.fetchall():
        result.setdefault(model, []).append((module, name, res_id))
    return result


def _model_terms(env, modules, lang):
    """Yield (module, source, occurrence, translation) of translated fields of records."""
    order = ('ir.model', 'ir.model.fields', 'ir.model.fields.selection')
    by_model = _xmlids(env, modules)
    for model_name in sorted(by_model, key=lambda m: (m not in order, order.index(m) if m in order else 0, m)):
        if model_name not in env.registry:
            continue
        model = env[model_name]
        fields = [f for f in model._fields.values()
                  if getattr(f, 'translated', False) and f.column and not f.compute]
        if not fields:
            continue
        ids = {res_id: (module, name) for module, name, res_id in by_model[model_name]}
        query = SQL('SELECT id, %s FROM %s WHERE id IN %s ORDER BY id',
                    SQL.join(', ', [SQL.identifier(f.name) for f in fields]),
                    SQL.identifier(model._table), tuple(ids))
        env.cr.execute(*query.as_args())
        for row in env.cr.fetchall():
            module, name = ids[row[0]]
            for field, value in zip(fields, row[1:]):
                if not isinstance(value, dict) or not value.get(SOURCE_LANG):
                    continue
                occurrence = ('model:%s,%s:%s.%s' % (model_name, field.name, module, name), None)
                yield module, value[SOURCE_LANG], occurrence, value.get(lang) if lang else None


def _view_terms(env, modules, lang):
    """Yield (module, source, occurrence, translation) of the terms of the modules' views."""
    by_model = _xmlids(env, modules)
    if 'ir.ui.view' not in env.registry or 'ir.ui.view' not in by_model:
        return
    views = {res_id: (module, name) for module, name, res_id in by_model['ir.ui.view']}
    records = env['ir.ui.view'].sudo().with_context(active_test=False).browse(sorted(views)).exists()
    arch_field = 'arch_db' if 'arch_db' in records._fields else 'arch'
    for view in records:
        module, name = views[view.id]
        arch = view[arch_field]
        if not arch:
            continue
        translations = {}
        if lang:
            translations = env['ir.model.terms'].get_terms('ir.ui.view', [view.id],
                                                          ARCH_TERMS_FIELD, lang)
        occurrence = ('model_terms:ir.ui.view,%s:%s.%s' % (ARCH_TERMS_FIELD, module, name), None)
        for term in arch_terms(arch):
            yield module, term, occurrence, translations.get(term)


def module_python_files(module):
    """The Python files whose ``_()`` messages belong to `module` (relative to the repository)."""
    folders = [get_module_path(module)]
    if module == 'base':
        folders.append(os.path.join(ROOT, 'framework'))
    files = []
    for folder in filter(None, folders):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d not in _SKIPPED_DIRS)
            files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith('.py'))
    return files


def _relative(path):
    path = os.path.abspath(path)
    if path.startswith(ROOT + os.sep):
        return os.path.relpath(path, ROOT).replace(os.sep, '/')
    return path.replace(os.sep, '/')


def _code_terms(modules):
    """Yield (module, message, occurrence) for every ``_()`` call in the modules' code."""
    for module in modules:
        for path in module_python_files(module):
            for lineno, message, _comments, _context in extract_from_file(
                    'python', path, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True):
                if isinstance(message, (list, tuple)):
                    message = message[0]
                if message:
                    yield module, message, ('code:%s' % _relative(path), lineno)


def _code_translations(lang, modules):
    """``{source: translation}`` of the code terms the modules' ``.po`` files hold for `lang`."""
    if not lang or lang == SOURCE_LANG:
        return {}
    from .files import lang_files
    from .po import read_po
    result = {}
    for module in modules:
        for path in lang_files(module, lang):
            with open(path, 'rb') as handle:
                for entry in read_po(handle, path):
                    if entry.translation and any(loc.startswith('code:') for loc, _l in entry.occurrences):
                        result[entry.source] = entry.translation
    return result


def export_file(env, path, modules=None, lang=None):
    """Write the terms of `modules` (default: every installed one) to `path`.

    With `lang` the file is a ``.po`` holding the current translations;
    without, a ``.pot`` template with empty translations. Returns the number
    of entries written.
    """
    modules = list(modules or installed_modules(env))
    entries = collect_entries(env, modules, lang if lang != SOURCE_LANG else None)
    with open(path, 'wb') as handle:
        write_po(handle, entries, lang=lang if lang != SOURCE_LANG else None)
    return len(entries)
