"""Storing the translations of a ``.po`` file into the database.

Each entry's occurrences say where its translation goes:

* ``model:ir.ui.menu,name:base.menu_partners`` — the `lang` value of that
  record's translated field, if its English value is still the entry's
  source (a term changed since the file was made is left alone);
* ``model_terms:ir.ui.view,arch_db:base.view_partner_form`` — a row of
  ``ir.model.terms`` for that view;
* ``code:...`` — nothing: ``_()`` reads code terms from the addons' files
  (`catalog`), so those only count when the file ships in an addon.

Without `overwrite`, existing translations are kept.
"""
import collections

from ..exceptions import UserError
from ..orm.sql import SQL
from . import SOURCE_LANG
from .po import read_po

ImportResult = collections.namedtuple('ImportResult', 'model terms code skipped')


def _parse(location):
    """``(kind, model, field, xmlid)`` of an occurrence, or None when it is not one of ours."""
    kind, _sep, rest = location.partition(':')
    if kind not in ('model', 'model_terms') or ':' not in rest:
        return None
    target, _sep, xmlid = rest.partition(':')
    model, _sep, field = target.partition(',')
    if not (model and field and '.' in xmlid):
        return None
    return kind, model, field, xmlid


def import_entries(env, entries, lang, overwrite=False):
    """Store the translations of `entries` (see `po.Entry`) in `lang`; return an `ImportResult`."""
    if not lang or lang == SOURCE_LANG:
        raise UserError('Translations are imported into a language other than en_US; '
                        'give one with -l, e.g. -l fr_FR.')
    fields_values = collections.defaultdict(list)  # (model, field) -> [(xmlid, source, translation)]
    terms, code, skipped = [], 0, 0
    for entry in entries:
        if not entry.translation:
            continue
        for location, _line in entry.occurrences:
            if location.startswith('code:'):
                code += 1
                continue
            parsed = _parse(location)
            if parsed is None:
                skipped += 1
                continue
            kind, model, field, xmlid = parsed
            if kind == 'model':
                fields_values[(model, field)].append((xmlid, entry.source, entry.translation))
            else:
                terms.append((model, field, xmlid, entry.source, entry.translation))
    xmlids = _resolve(env, {v[0] for values in fields_values.values() for v in values}
                      | {t[2] for t in terms})
    stored = 0
    for (model_name, field_name), values in sorted(fields_values.items()):
        stored += _store_field(env, model_name, field_name, values, xmlids, lang, overwrite)
    stored_terms = _store_terms(env, terms, xmlids, lang, overwrite)
    env.invalidate_all()
    return ImportResult(stored, stored_terms, code, skipped)


def _resolve(env, xmlids):
    """``{xmlid: (model, res_id)}`` of the external ids that exist."""
    pairs = [tuple(x.split('.', 1)) for x in xmlids]
    if not pairs:
        return {}
    env.cr.execute('SELECT module, name, model, res_id FROM ir_model_data '
                   'WHERE (module, name) IN %s', (tuple(pairs),))
    return {'%s.%s' % (module, name): (model, res_id) for module, name, model, res_id in env.cr.fetchall()}


def _store_field(env, model_name, field_name, values, xmlids, lang, overwrite):
    if model_name not in env.registry:
        return 0
    model = env[model_name]
    field = model._fields.get(field_name)
    if field is None or not getattr(field, 'translated', False) or not field.column:
        return 0
    rows = [SQL('(%s, %s, %s)', xmlids[x][1], source, translation)
            for x, source, translation in values if x in xmlids and xmlids[x][0] == model_name]
    if not rows:
        return 0
    column = SQL.identifier(field_name)
    keep = SQL('TRUE') if overwrite else SQL('(t.%s->>%s) IS NULL', column, lang)
    query = SQL('UPDATE %s t SET %s = COALESCE(t.%s, %s::jsonb) || jsonb_build_object(%s, v.value) '
                'FROM (VALUES %s) AS v(id, source, value) '
                'WHERE t.id = v.id AND t.%s->>%s = v.source AND %s',
                SQL.identifier(model._table), column, column, '{}', lang,
                SQL.join(', ', rows), column, SOURCE_LANG, keep)
    env.cr.execute(*query.as_args())
    return env.cr.rowcount


def _store_terms(env, terms, xmlids, lang, overwrite):
    if not terms or 'ir.model.terms' not in env.registry:
        return 0
    rows = [SQL('(%s, %s, %s, %s, %s, %s)', model, xmlids[x][1], field, lang, source, translation)
            for model, field, x, source, translation in terms
            if x in xmlids and xmlids[x][0] == model]
    if not rows:
        return 0
    conflict = 'DO UPDATE SET value = EXCLUDED.value' if overwrite else 'DO NOTHING'
    env.cr.execute(*SQL('INSERT INTO ir_model_terms (model, res_id, field, lang, src, value) '
                        'SELECT DISTINCT ON (model, res_id, field, lang, src) * FROM (VALUES %s) '
                        'AS v(model, res_id, field, lang, src, value) '
                        'ON CONFLICT (model, res_id, field, lang, src) ' + conflict,
                        SQL.join(', ', rows)).as_args())
    return env.cr.rowcount


def import_file(env, path, lang, overwrite=False):
    """Read the ``.po`` file `path` and store its translations in `lang`; return an `ImportResult`.

    A missing or malformed file raises `UserError` naming it.
    """
    try:
        handle = open(path, 'rb')
    except OSError as exc:
        raise UserError('Cannot read translation file %s: %s.' % (path, exc.strerror)) from None
    with handle:
        entries = read_po(handle, path)
    return import_entries(env, entries, lang, overwrite)


