"""Metadata is data: models and fields reflected into ``ir.model`` tables.

After the tables of a module exist, every model of the registry gets its
``ir.model`` row and every field its ``ir.model.fields`` row, each with an
external id (``base.model_res_partner``, ``base.field_res_partner__name``)
so that security files and views can refer to them. Three set-based
statements per table, whatever the number of models.
"""
import datetime

from ..orm.sql import SQL


def reflect_models(cr, registry):
    """Insert or update the ``ir.model`` and ``ir.model.fields`` rows."""
    if 'ir.model' not in registry or 'ir.model.fields' not in registry:
        return
    models = [cls for cls in registry.models.values()]
    now = datetime.datetime.utcnow().replace(microsecond=0)
    rows = [SQL('(%s, %s, %s, %s, %s, 1, %s, 1, %s)', cls._name, cls._description or cls._name,
                (cls.__doc__ or '').strip(), 'base', bool(cls._transient), now, now)
            for cls in models]
    cr.execute(*SQL('INSERT INTO ir_model (model, name, info, state, transient, create_uid, '
                    'create_date, write_uid, write_date) VALUES %s ON CONFLICT (model) DO UPDATE '
                    'SET name = EXCLUDED.name, info = EXCLUDED.info, transient = EXCLUDED.transient, '
                    'write_date = EXCLUDED.write_date RETURNING model, id',
                    SQL.join(', ', rows)).as_args())
    model_ids = dict(cr.fetchall())
    field_rows, keys = [], []
    for cls in models:
        for name, field in cls._fields.items():
            selection = None
            if field.type in ('selection', 'reference') and isinstance(field.selection, list):
                selection = repr([tuple(p) for p in field.selection])
            field_rows.append(SQL(
                '(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s, 1, %s)',
                name, cls._name, model_ids[cls._name], field.string or name, field.help or None,
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
        'ON CONFLICT (model, name) DO UPDATE SET model_id = EXCLUDED.model_id, '
        'field_description = EXCLUDED.field_description, help = EXCLUDED.help, '
        'ttype = EXCLUDED.ttype, relation = EXCLUDED.relation, '
        'relation_field = EXCLUDED.relation_field, required = EXCLUDED.required, '
        'readonly = EXCLUDED.readonly, index = EXCLUDED.index, store = EXCLUDED.store, '
        'translate = EXCLUDED.translate, size = EXCLUDED.size, selection = EXCLUDED.selection, '
        'on_delete = EXCLUDED.on_delete, related = EXCLUDED.related, '
        'write_date = EXCLUDED.write_date RETURNING model, name, id',
        SQL.join(', ', field_rows)).as_args())
    field_ids = {(model, name): fid for model, name, fid in cr.fetchall()}
    cr.execute("DELETE FROM ir_model_fields WHERE model IN %s AND (model || '.' || name) NOT IN %s",
               (tuple(model_ids), tuple(keys)))
    _reflect_xmlids(cr, registry, models, model_ids, field_ids, now)


def _reflect_xmlids(cr, registry, models, model_ids, field_ids, now):
    rows = []
    for cls in models:
        table = cls._name.replace('.', '_')
        module = cls._original_module or 'base'
        rows.append((module, 'model_%s' % table, 'ir.model', model_ids[cls._name]))
        for name, field in cls._fields.items():
            field_module = getattr(field, '_module', None) or module
            rows.append((field_module, 'field_%s__%s' % (table, name), 'ir.model.fields',
                         field_ids[(cls._name, name)]))
    values = SQL.join(', ', [SQL('(%s, %s, %s, %s, TRUE, %s, %s)', *row, now, now) for row in rows])
    cr.execute(*SQL('INSERT INTO ir_model_data (module, name, model, res_id, noupdate, date_init, '
                    'date_update) VALUES %s ON CONFLICT (module, name) DO UPDATE SET '
                    'res_id = EXCLUDED.res_id, model = EXCLUDED.model, date_update = EXCLUDED.date_update',
                    values).as_args())
    registry.loaded_xmlids.update('%s.%s' % (row[0], row[1]) for row in rows)
