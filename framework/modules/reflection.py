"""Metadata is data: models and fields reflected into ``ir.model`` tables.

After the tables of a module exist, every model of the registry gets its
``ir.model`` row and every field its ``ir.model.fields`` row, each with an
external id (``base.model_res_partner``, ``base.field_res_partner__name``)
so that security files and views can refer to them. Three set-based
statements per table, whatever the number of models.

Labels are translated fields (jsonb, one value per language): reflection
writes the ``en_US`` value from the code and keeps the other languages'
values, so an upgrade never loses a loaded translation. Selection values
get ``ir.model.fields.selection`` rows so that their labels translate too.
"""
import datetime

from ..orm.sql import SQL

SOURCE_LANG = 'en_US'


def _source(text):
    """The jsonb value of a translated label given in the code (NULL when empty)."""
    if not text:
        return SQL('NULL::jsonb')
    return SQL('jsonb_build_object(%s, %s::text)', SOURCE_LANG, text)


def _keep_translations(table, column):
    """ON CONFLICT assignment: the code's source text over the stored translations."""
    return SQL('%s = CASE WHEN EXCLUDED.%s IS NULL THEN NULL ELSE COALESCE(%s.%s, %s::jsonb) '
               '|| EXCLUDED.%s END', SQL.identifier(column), SQL.identifier(column),
               SQL.identifier(table), SQL.identifier(column), '{}', SQL.identifier(column))


def reflect_models(cr, registry):
    """Insert or update the ``ir.model`` and ``ir.model.fields`` rows."""
    if 'ir.model' not in registry or 'ir.model.fields' not in registry:
        return
    models = [cls for cls in registry.models.values()]
    now = datetime.datetime.utcnow().replace(microsecond=0)
    rows = [SQL('(%s, %s, %s, %s, %s, 1, %s, 1, %s)', cls._name, _source(cls._description or cls._name),
                (cls.__doc__ or '').strip(), 'base', bool(cls._transient), now, now)
            for cls in models]
    cr.execute(*SQL('INSERT INTO ir_model (model, name, info, state, transient, create_uid, '
                    'create_date, write_uid, write_date) VALUES %s ON CONFLICT (model) DO UPDATE '
                    'SET %s, info = EXCLUDED.info, transient = EXCLUDED.transient, '
                    'write_date = EXCLUDED.write_date RETURNING model, id',
                    SQL.join(', ', rows), _keep_translations('ir_model', 'name')).as_args())
    model_ids = dict(cr.fetchall())
    field_rows, keys = [], []
    for cls in models:
        for name, field in cls._fields.items():
            selection = None
            if field.type in ('selection', 'reference') and isinstance(field.selection, list):
                selection = repr([tuple(p) for p in field.selection])
            field_rows.append(SQL(
                '(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s, 1, %s)',
                name, cls._name, model_ids[cls._name], _source(field.string or name), _source(field.help),
                field.type, getattr(field, 'comodel_name', None) or None,
                getattr(field, 'inverse_name', None) or None, bool(field.required),
                bool(field.readonly), bool(field.index), bool(field.store), bool(field.translate),
                field.size or None, selection, getattr(field, 'ondelete', None) if field.type == 'many2one' else None,
                field.related or None, now, now))
            keys.append('%s.%s' % (cls._name, name))
    cr.execute(*SQL(
        'INSERT INTO ir_model_fields (name, model, model_id, field_description, help, ttype, '
        'relation, relation_field, required, readonly, index, store, translate, size, selection, '
        'on_delete, related, create_uid, create_date, write_uid, write_date) VALUES %s '
        'ON CONFLICT (model, name) DO UPDATE SET model_id = EXCLUDED.model_id, %s, %s, '
        'ttype = EXCLUDED.ttype, relation = EXCLUDED.relation, '
        'relation_field = EXCLUDED.relation_field, required = EXCLUDED.required, '
        'readonly = EXCLUDED.readonly, index = EXCLUDED.index, store = EXCLUDED.store, '
        'translate = EXCLUDED.translate, size = EXCLUDED.size, selection = EXCLUDED.selection, '
        'on_delete = EXCLUDED.on_delete, related = EXCLUDED.related, '
        'write_date = EXCLUDED.write_date RETURNING model, name, id',
        SQL.join(', ', field_rows), _keep_translations('ir_model_fields', 'field_description'),
        _keep_translations('ir_model_fields', 'help')).as_args())
    field_ids = {(model, name): fid for model, name, fid in cr.fetchall()}
    selection_ids = _reflect_selections(cr, registry, models, field_ids, now)
    _reflect_xmlids(cr, registry, models, model_ids, field_ids, selection_ids, now)


def _static_selection(field):
    if field.type != 'selection' or not isinstance(field.selection, list):
        return []
    return [(str(value), label) for value, label in field.selection]


def _reflect_selections(cr, registry, models, field_ids, now):
    """Insert or update ``ir.model.fields.selection``; return {(model, field, value): id}."""
    if 'ir.model.fields.selection' not in registry:
        return {}
    rows, keep = [], []
    for cls in models:
        for name, field in cls._fields.items():
            for sequence, (value, label) in enumerate(_static_selection(field)):
                field_id = field_ids[(cls._name, name)]
                rows.append(SQL('(%s, %s, %s, %s, 1, %s, 1, %s)', field_id, value,
                                _source(label or value), sequence, now, now))
                keep.append('%s,%s' % (field_id, value))
    if not rows:
        return {}
    cr.execute(*SQL(
        'INSERT INTO ir_model_fields_selection (field_id, value, name, sequence, create_uid, '
        'create_date, write_uid, write_date) VALUES %s ON CONFLICT (field_id, value) DO UPDATE '
        'SET %s, sequence = EXCLUDED.sequence, write_date = EXCLUDED.write_date '
        'RETURNING field_id, value, id',
        SQL.join(', ', rows), _keep_translations('ir_model_fields_selection', 'name')).as_args())
    by_field = {fid: key for key, fid in field_ids.items()}
    result = {(*by_field[field_id], value): sid for field_id, value, sid in cr.fetchall()}
    cr.execute("DELETE FROM ir_model_fields_selection WHERE field_id IN %s "
               "AND (field_id || ',' || value) NOT IN %s",
               (tuple(field_ids.values()), tuple(keep)))
    return result


def selection_xmlid_name(model, field, value):
    """Odoo's external id name of a selection value: ``selection__res_partner__type__contact``."""
    value = str(value).replace('.', '_').replace(' ', '_').lower()
    return 'selection__%s__%s__%s' % (model.replace('.', '_'), field, value)


def _reflect_xmlids(cr, registry, models, model_ids, field_ids, selection_ids, now):
    rows = []
    for cls in models:
        table = cls._name.replace('.', '_')
        module = cls._original_module or 'base'
        rows.append((module, 'model_%s' % table, 'ir.model', model_ids[cls._name]))
        for name, field in cls._fields.items():
            field_module = getattr(field, '_module', None) or module
            rows.append((field_module, 'field_%s__%s' % (table, name), 'ir.model.fields',
                         field_ids[(cls._name, name)]))
            for value, _label in _static_selection(field):
                selection_id = selection_ids.get((cls._name, name, value))
                if selection_id:
                    rows.append((field_module, selection_xmlid_name(cls._name, name, value),
                                 'ir.model.fields.selection', selection_id))
    values = SQL.join(', ', [SQL('(%s, %s, %s, %s, TRUE, %s, %s)', *row, now, now) for row in rows])
    cr.execute(*SQL('INSERT INTO ir_model_data (module, name, model, res_id, noupdate, date_init, '
                    'date_update) VALUES %s ON CONFLICT (module, name) DO UPDATE SET '
                    'res_id = EXCLUDED.res_id, model = EXCLUDED.model, date_update = EXCLUDED.date_update',
                    values).as_args())
    registry.loaded_xmlids.update('%s.%s' % (row[0], row[1]) for row in rows)


def remove_vanished_fields(cr, registry):
    """Delete the ``ir.model.fields`` rows of fields no model has any more.

    Run once every addon is loaded: while addons load one by one, a field
    an addon further down the list adds is not there yet.
    """
    keys = ['%s.%s' % (cls._name, name) for cls in registry.models.values() for name in cls._fields]
    cr.execute("DELETE FROM ir_model_fields WHERE model IN %s AND (model || '.' || name) NOT IN %s",
               (tuple(registry.models), tuple(keys)))
