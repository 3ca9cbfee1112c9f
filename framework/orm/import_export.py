"""CSV-style import and export of records: Odoo's ``Model.load`` and ``Model.export_data``.

Import reads a table whose header names fields:

- ``id``: the record's external id ('module.name'; a bare name gets the
  context's ``module`` or ``__import__``). An existing one updates its
  record, a new one is created with the record. ``.id``: a database id to
  update.
- ``field``: a value in the field's type; a many2one/many2many takes names
  (exact match on the comodel's name field), ``field/id`` or ``field:id``
  takes external ids, ``field/.id`` database ids; many2many values are
  comma-separated.
- one2many columns (``lines/...``) are skipped with a warning: sub-rows are
  not imported.

Every row is converted first; any error (one message per bad cell) and
nothing is written. Then new rows are created with ONE ``create()`` call,
inside a savepoint; if the database refuses, each row is retried alone (and
rolled back) to report which rows are wrong, and nothing is kept.
Context keys: ``module`` (prefix of bare external ids), ``noupdate`` (flag
of the external ids created), ``mode`` ('update' leaves noupdate records
untouched).
"""
import datetime
import io
import logging
import uuid

from ..exceptions import UserError
from .import_values import (
    DATE_FORMAT, Pending, References, _cell, _describe, _message, convert_row, parse_header,
)

_logger = logging.getLogger(__name__)

COPY_TYPES = {'char', 'text', 'html', 'integer', 'float', 'monetary', 'boolean',
              'date', 'datetime', 'selection', 'many2one'}
LOG_FIELDS = ('create_uid', 'create_date', 'write_uid', 'write_date')


class _Rollback(Exception):
    """Internal: leave a savepoint by rolling it back."""


# ----------------------------------------------------------------------
# load
# ----------------------------------------------------------------------

COPY_THRESHOLD = 100        # rows from which COPY pays for its set-up


def load(records_model, fields, data):
    """Import the rows `data` (lists of strings) whose columns are named by `fields`.

    Large imports of new records go through PostgreSQL's COPY when nothing
    needs the rows one by one (see `copy_load`); otherwise through one
    `create()` for all new rows. Returns ``{'ids': [id per row] or False, 'messages': [...]}``; each
    message is ``{'type': 'error'|'warning', 'message', 'record': row index,
    'rows': {'from', 'to'}, 'field'}``. All rows are written or none.
    """
    model = records_model.browse()
    if len(data) >= COPY_THRESHOLD and _copy_refusal(model, fields) is None:
        return copy_load(model, fields, data)
    return _load_orm(model, fields, data)


def _load_orm(model, fields, data):
    """`load` through the ORM: one create() for the new rows, writes for the others."""
    env = model.env
    context = env.context
    mode = context.get('mode', 'init')
    noupdate = bool(context.get('noupdate'))
    columns, messages = parse_header(model, fields)
    if any(m['type'] == 'error' for m in messages):
        return {'ids': False, 'messages': messages}

    refs = References(model, context.get('module') or '__import__')
    refs.prepare(columns, data)
    existing_ids = {}
    db_ids = [int(row[c.index]) for c in columns if c.name == '.id'
              for row in data if _cell(row, c).strip().isdigit()]
    if db_ids:
        existing_ids = set(model.browse(sorted(set(db_ids))).exists().ids)

    plans = []              # (index, action, record id or None, xmlid, values)
    for index, row in enumerate(data):
        xmlid, db_id, values, errors = convert_row(model, columns, refs, row)
        for field, text in errors:
            messages.append(_message(text, index, field))
        if xmlid and xmlid not in refs.xmlids:
            refs.earlier.add(xmlid)       # later rows may refer to this one
        if errors:
            continue
        target = None
        if db_id is not None:
            if db_id not in existing_ids:
                messages.append(_message("No '%s' record with database id %d" % (model._name, db_id),
                                         index, '.id'))
                continue
            target = db_id
        elif xmlid and xmlid in refs.xmlids:
            found_model, res_id, row_noupdate = refs.xmlids[xmlid]
            if found_model != model._name:
                messages.append(_message("External id '%s' already names a '%s' record"
                                         % (xmlid, found_model), index, 'id'))
                continue
            target = res_id
            if mode == 'update' and row_noupdate:
                plans.append((index, 'keep', target, xmlid, None))
                continue
        plans.append((index, 'write' if target else 'create', target, xmlid, values))
    if any(m['type'] == 'error' for m in messages):
        return {'ids': False, 'messages': messages}

    try:
        with env.cr.savepoint():
            ids = _write_plans(model, plans, noupdate)
    except Exception as exc:
        messages.extend(_find_failing_rows(model, plans, exc))
        return {'ids': False, 'messages': messages}
    return {'ids': ids, 'messages': messages}


def _write_plans(model, plans, noupdate, created=None):
    """Write the converted rows and return their ids in row order.

    New rows go to ONE create() call, unless a row refers to the external id
    of a new row before it: then the rows are created in consecutive waves,
    each wave ending before such a row. `created` ({xmlid: id}) collects
    the external ids created so far.
    """
    created = {} if created is None else created
    ids = {}
    wave, wave_xmlids = [], set()
    for plan in plans:
        if _pending_xmlids(plan[4]) & wave_xmlids:
            _create_wave(model, wave, noupdate, created, ids)
            wave, wave_xmlids = [], set()
        if plan[1] == 'create':
            wave.append(plan)
            if plan[3]:
                wave_xmlids.add(plan[3])
    _create_wave(model, wave, noupdate, created, ids)
    for index, action, target, xmlid, values in plans:
        if action == 'write':
            values = _resolve_pending(values, created)
            record = model.browse(target).exists()
            if record:
                record.write(values)
            else:                  # the external id outlived its record
                record = model.create(values)
            ids[index] = record.id
            if xmlid:
                created[xmlid] = record.id
        elif action == 'keep':
            ids[index] = target
    xmlids = [{'xml_id': plan[3], 'record': model.browse(ids[plan[0]]), 'noupdate': noupdate}
              for plan in plans if plan[3] and plan[1] == 'write']
    if xmlids:
        model.env['ir.model.data']._update_xmlids(xmlids)
    kept = [plan[3] for plan in plans if plan[1] == 'keep' and plan[3]]
    if kept:
        model.env['ir.model.data']._loaded_xmlids().update(kept)
    return [ids[plan[0]] for plan in plans]


def _create_wave(model, wave, noupdate, created, ids):
    """Create the rows of `wave` with one create() call and register their external ids."""
    if not wave:
        return
    records = model.create([_resolve_pending(plan[4], created) for plan in wave])
    xmlids = []
    for plan, record_id in zip(wave, records.ids):
        ids[plan[0]] = record_id
        if plan[3]:
            created[plan[3]] = record_id
            xmlids.append({'xml_id': plan[3], 'record': model.browse(record_id), 'noupdate': noupdate})
    if xmlids:
        model.env['ir.model.data']._update_xmlids(xmlids)


def _pending_xmlids(values):
    """The external ids of earlier new rows that `values` refers to."""
    found = set()
    for value in (values or {}).values():
        if isinstance(value, Pending):
            found.add(value.xmlid)
        elif isinstance(value, list):
            for command in value:
                found.update(item.xmlid for item in command[2] if isinstance(item, Pending))
    return found


def _resolve_pending(values, created):
    """`values` with each Pending reference replaced by the id created for it."""
    def resolve(item):
        if not isinstance(item, Pending):
            return item
        if item.xmlid not in created:
            raise UserError("External id '%s' is not created yet" % item.xmlid)
        return created[item.xmlid]
    result = {}
    for name, value in values.items():
        if isinstance(value, list):
            value = [(command[0], command[1], [resolve(item) for item in command[2]]) for command in value]
        result[name] = resolve(value)
    return result


def _find_failing_rows(model, plans, batch_error):
    """Replay the rows one by one in a rolled-back savepoint and return one message per failing row."""
    messages = []
    created = {}
    cr = model.env.cr
    try:
        with cr.savepoint():
            for plan in plans:
                try:
                    with cr.savepoint():
                        _write_plans(model, [plan], False, created)
                except Exception as exc:
                    messages.append(_message(_describe(exc), plan[0]))
            raise _Rollback()
    except _Rollback:
        pass
    if not messages:
        messages.append(_message(_describe(batch_error)))
    return messages


# ----------------------------------------------------------------------
# COPY fast path
# ----------------------------------------------------------------------

def copy_load(records_model, fields, data):
    """Import like `load` but insert the new rows with PostgreSQL's COPY; same result shape.

    The rule: COPY is used only when no per-row Python needs the rows: the
    model does not override ``create()`` and has no Python constraints
    (``@api.constrains`` or ``_constraints``), AND every column
    is ``id`` or a stored, non-computed field with a plain column
    (char, text, html, integer, float, monetary, boolean, date, datetime,
    selection, many2one), AND the model has no stored computed field,
    ``_inherits`` or ``_parent_store``, AND no row names an existing record.
    Otherwise it is exactly `load()`. Defaults of the missing columns are
    computed once (``default_get``) and shared by every row; the log columns
    are filled; external ids are registered in one statement.
    """
    model = records_model.browse()
    reason = _copy_refusal(model, fields)
    if reason:
        _logger.debug('copy_load(%s) uses the ORM: %s', model._name, reason)
        return _load_orm(model, fields, data)
    env = model.env
    columns, messages = parse_header(model, fields)
    if any(m['type'] == 'error' for m in messages):
        return {'ids': False, 'messages': messages}
    refs = References(model, env.context.get('module') or '__import__')
    refs.prepare(columns, data)
    converted = []
    for index, row in enumerate(data):
        xmlid, _db_id, values, errors = convert_row(model, columns, refs, row)
        if xmlid and xmlid in refs.xmlids or _pending_xmlids(values):
            # an update, or a row referring to an earlier one: the ORM path handles it
            return _load_orm(model, fields, data)
        if xmlid:
            refs.earlier.add(xmlid)
        for field, text in errors:
            messages.append(_message(text, index, field))
        converted.append((xmlid, values))
    if any(m['type'] == 'error' for m in messages):
        return {'ids': False, 'messages': messages}
    if not converted:
        return {'ids': [], 'messages': messages}

    value_names = [c.name for c in columns if c.name != 'id']
    defaults = _copy_defaults(model, value_names)
    log_values = _log_values(model)
    names = ['id'] + value_names + list(defaults) + list(log_values)
    cr = env.cr
    try:
        with cr.savepoint():
            # ids first, so that COPY can carry them and external ids can be written
            cr.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [model._table, len(converted)])
            ids = [row[0] for row in cr.fetchall()]
            types = [None] + [model._fields[name].type for name in names[1:]]
            constant = list(defaults.values()) + list(log_values.values())
            buffer = io.StringIO()
            for record_id, (_xmlid, values) in zip(ids, converted):
                cells = [record_id] + [values.get(name) for name in value_names] + constant
                buffer.write('\t'.join(_copy_cell(kind, cell) for kind, cell in zip(types, cells)) + '\n')
            buffer.seek(0)
            cr.copy_from(buffer, model._table, names)
            xmlids = [{'xml_id': xmlid, 'record': model.browse(record_id),
                       'noupdate': bool(env.context.get('noupdate'))}
                      for record_id, (xmlid, _v) in zip(ids, converted) if xmlid]
            if xmlids:
                env['ir.model.data']._update_xmlids(xmlids)
    except Exception as exc:
        messages.append(_message(_describe(exc)))
        return {'ids': False, 'messages': messages}
    _invalidate(model)
    # computed fields of other models may depend on the new rows
    model.browse(ids)._mark_created()
    model.browse(ids)._workflow_on_create()     # rows COPY'd in start their workflows too
    return {'ids': ids, 'messages': messages}


def _copy_refusal(model, fields):
    """Why `copy_load` cannot use COPY for `fields` of `model` (None when it can)."""
    from .model_storage import StorageMixin
    if type(model).create is not StorageMixin.create:
        return 'create() is overridden'
    if type(model)._constraint_methods or type(model)._constraints:
        return 'the model has Python constraints'
    if model._inherits or model._parent_store:
        return 'the model uses _inherits or _parent_store'
    for name, field in model._fields.items():
        if field.store and (field.compute or field.related):
            return 'stored computed field %s' % name
    for header in fields:
        name = header.replace(':', '/').split('/')[0]
        if header == 'id':
            continue
        field = model._fields.get(name)
        if field is None or not field.store or field.compute or field.related:
            return 'column %s is not a stored field' % header
        # a translated field stored as jsonb (Odoo 16 style) needs the ORM; a plain column does not
        if field.type not in COPY_TYPES or (field.translate and getattr(field, 'column_type', None) == 'jsonb'):
            return 'column %s needs the ORM' % header
    return None


def _copy_defaults(model, given):
    """Default values of the stored plain columns not given, computed once for all rows."""
    missing = [name for name, field in model._fields.items()
               if name not in given and name != 'id' and name not in LOG_FIELDS
               and field.store and field.type in COPY_TYPES and not field.compute]
    defaults = model.default_get(missing) if missing else {}
    return {name: value for name, value in defaults.items() if name in missing}


def _log_values(model):
    """create_uid/create_date/write_uid/write_date for rows inserted by COPY."""
    if not getattr(model, '_log_access', False):
        return {}
    now = model.env.cr.now()
    values = {'create_uid': model.env.uid, 'create_date': now,
              'write_uid': model.env.uid, 'write_date': now}
    return {name: value for name, value in values.items() if name in model._fields}


def _copy_cell(kind, value):
    """One value of a field of type `kind` in COPY's text format (\\N for NULL)."""
    if kind == 'boolean':
        return 't' if value else 'f'
    if value is None or value is False:
        return '\\N'
    if hasattr(value, '_name'):                 # a many2one default given as a record
        value = value.id
    text = value.isoformat(' ') if isinstance(value, datetime.datetime) else str(value)
    return (text.replace('\\', '\\\\').replace('\t', '\\t')
                .replace('\n', '\\n').replace('\r', '\\r'))


def _invalidate(model):
    """Forget cached values of `model` after rows reached the table behind the ORM's back."""
    invalidate = getattr(model, 'invalidate_model', None)
    cache = getattr(model.env, 'cache', None)
    if invalidate:
        invalidate()
    elif cache is not None:
        for field in model._fields.values():
            cache.invalidate(field)
    else:
        model.env.invalidate_all()


# ----------------------------------------------------------------------
# export
# ----------------------------------------------------------------------

def export_data(records, fields_to_export):
    """Return ``{'datas': [[value per field] per record]}`` for `records`, importable by `load`.

    A field path is ``name``, ``name/sub`` (a field of the related record),
    ``id`` / ``name/id`` (external ids; records without one get
    ``__export__.<table>_<id>_<uuid>``) or ``.id`` / ``name/.id`` (database
    ids). Many2one values are display names, x2many ones comma-separated.
    """
    paths = [header.replace(':', '/').split('/') for header in fields_to_export]
    xmlid_maps = {}

    def xmlids_of(recordset):
        key = recordset._name
        known = xmlid_maps.setdefault(key, {})
        missing = [rid for rid in recordset.ids if rid not in known]
        if missing:
            known.update(_export_xmlids(recordset.browse(missing)))
        return known

    # set-based: external ids of every record and relation are fetched once per model
    for path in paths:
        if path[-1] == 'id':
            xmlids_of(_follow(records, path[:-1]))

    datas = []
    for record in records:
        datas.append([_export_value(record, path, xmlids_of) for path in paths])
    return {'datas': datas}


def _follow(records, path):
    """The records reached from `records` through the relational field names of `path`."""
    for name in path:
        records = records.mapped(name)
    return records


def _export_value(record, path, xmlids_of):
    if path == ['id']:
        return xmlids_of(record)[record.id]
    if path == ['.id']:
        return record.id
    name, rest = path[0], path[1:]
    field = record._fields.get(name)
    if field is None:
        raise UserError("Field '%s' does not exist on model '%s'" % (name, record._name))
    value = record[name]
    if field.relational:
        if rest == ['id']:
            known = xmlids_of(value)
            return ','.join(known[rid] for rid in value.ids)
        if rest == ['.id']:
            return ','.join(str(rid) for rid in value.ids)
        if rest:
            return ','.join(str(_export_value(sub, rest, xmlids_of)) for sub in value)
        return ','.join(value.mapped('display_name')) if value else ''
    if rest:
        raise UserError("Field '%s' of model '%s' has no sub-fields" % (name, record._name))
    return _export_scalar(field, value)


def _export_scalar(field, value):
    if field.type == 'boolean':
        return bool(value)
    if value is False or value is None:
        return '' if field.type not in ('integer', 'float', 'monetary') else 0
    if isinstance(value, datetime.datetime):
        return value.strftime('%Y-%m-%d %H:%M:%S')
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return value


def _export_xmlids(records):
    """{id: 'module.name'} for `records`, creating ``__export__`` ids for those without one."""
    if not records:
        return {}
    cr = records.env.cr
    records.env.flush_all()
    cr.execute("SELECT res_id, module, name FROM ir_model_data"
               " WHERE model = %s AND res_id = ANY(%s) ORDER BY id",
               [records._name, records.ids])
    result = {}
    for res_id, module, name in cr.fetchall():
        result.setdefault(res_id, '%s.%s' % (module, name))
    new = [{'xml_id': '__export__.%s_%s_%s' % (records._table, rid, uuid.uuid4().hex[:8]),
            'record': records.browse(rid), 'noupdate': False}
           for rid in records.ids if rid not in result]
    if new:
        records.env['ir.model.data']._update_xmlids(new)
        result.update((data['record'].id, data['xml_id']) for data in new)
    return result
