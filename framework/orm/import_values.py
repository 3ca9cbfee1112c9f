"""Reading the cells of an import: the header, scalar values and references.

`framework.orm.import_export.load` uses these to turn a table of strings into
ORM values before writing anything; every problem is an `ImportValueError`
whose message is meant for the person who wrote the file.
"""
import datetime
import logging

import psycopg2

from ..exceptions import UserError

_logger = logging.getLogger(__name__)

BOOLEANS = {'1': True, 'true': True, 'yes': True, 'y': True, 't': True,
            '0': False, 'false': False, 'no': False, 'n': False, 'f': False, '': False}
DATE_FORMAT = '%Y-%m-%d'
DATETIME_FORMATS = ('%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M')


class ImportValueError(ValueError):
    """One cell cannot be converted; the message is for the person who wrote the file."""

# ----------------------------------------------------------------------
# messages
# ----------------------------------------------------------------------

def _message(text, index=None, field=None, kind='error'):
    """A load() message dict; `index` is the row (None: about the whole file)."""
    message = {'type': kind, 'message': text, 'record': index, 'field': field}
    if index is not None:
        message['rows'] = {'from': index, 'to': index}
    return message


def _describe(exc):
    """One sentence for an exception raised while writing the rows."""
    if isinstance(exc, UserError):
        return str(exc.message)
    if isinstance(exc, psycopg2.Error):
        diag = getattr(exc, 'diag', None)
        return (diag and diag.message_primary) or str(exc).strip().splitlines()[0]
    return str(exc) or type(exc).__name__


# ----------------------------------------------------------------------
# header
# ----------------------------------------------------------------------

class Column:
    """One header cell: `name` is the field ('id' / '.id' for the record itself), `ref` how
    relations are written: None (names or plain value), 'id' (external ids) or '.id' (database ids)."""

    __slots__ = ('index', 'header', 'name', 'field', 'ref')

    def __init__(self, index, header, name, field, ref):
        self.index, self.header, self.name, self.field, self.ref = index, header, name, field, ref


def parse_header(model, headers):
    """Return ``(columns, messages)`` for the header cells `headers` of an import into `model`."""
    columns, messages = [], []
    for index, header in enumerate(headers):
        header = (header or '').strip()
        if header in ('id', '.id'):
            columns.append(Column(index, header, header, None, None))
            continue
        path = header.replace(':', '/').split('/')
        name, rest = path[0], path[1:]
        field = model._fields.get(name)
        if field is None:
            messages.append(_message("Unknown field '%s' on model '%s' (column %d)"
                                     % (header, model._name, index + 1), field=header))
            continue
        if field.type == 'one2many':
            messages.append(_message("Column '%s' is skipped: one2many sub-rows are not imported"
                                     % header, field=name, kind='warning'))
            continue
        ref = None
        if rest:
            if not field.relational or len(rest) > 1 or rest[0] not in ('id', '.id'):
                messages.append(_message("Column '%s': only 'field/id' and 'field/.id' are understood "
                                         "after a relational field" % header, field=name))
                continue
            ref = rest[0]
        if name == 'id':
            messages.append(_message("Column 'id' is the external id; write '.id' for the database id",
                                     field=name))
            continue
        columns.append(Column(index, header, name, field, ref))
    seen = set()
    for column in columns:
        if column.name in seen:
            messages.append(_message("Field '%s' appears twice in the header" % column.name, field=column.name))
        seen.add(column.name)
    return columns, messages


# ----------------------------------------------------------------------
# cell conversion
# ----------------------------------------------------------------------

def _label(field):
    return field.string or field.name


def _selection_values(model, field):
    selection = field.selection
    if isinstance(selection, str):
        selection = getattr(model, selection)()
    elif callable(selection):
        selection = selection(model)
    return list(selection or ())


def convert_scalar(model, field, value):
    """Return the ORM value for the non-relational cell `value` of `field`; raise ImportValueError."""
    kind = field.type
    if kind == 'boolean':
        key = value.strip().lower()
        if key not in BOOLEANS:
            raise ImportValueError("'%s' is not a boolean for field '%s' (use 1/0, true/false, yes/no)"
                                   % (value, _label(field)))
        return BOOLEANS[key]
    if not value.strip():
        return False
    if kind == 'integer':
        try:
            return int(value.strip())
        except ValueError:
            raise ImportValueError("'%s' is not an integer for field '%s'" % (value, _label(field))) from None
    if kind in ('float', 'monetary'):
        try:
            return float(value.strip())
        except ValueError:
            raise ImportValueError("'%s' is not a number for field '%s'" % (value, _label(field))) from None
    if kind == 'date':
        try:
            return datetime.datetime.strptime(value.strip(), DATE_FORMAT).date().isoformat()
        except ValueError:
            raise ImportValueError("'%s' is not a date (YYYY-MM-DD) for field '%s'"
                                   % (value, _label(field))) from None
    if kind == 'datetime':
        for fmt in DATETIME_FORMATS:
            try:
                return datetime.datetime.strptime(value.strip(), fmt).strftime('%Y-%m-%d %H:%M:%S')
            except ValueError:
                continue
        raise ImportValueError("'%s' is not a date and time (YYYY-MM-DD HH:MM:SS) for field '%s'"
                               % (value, _label(field)))
    if kind == 'selection':
        options = _selection_values(model, field)
        for key, _text in options:
            if str(key) == value:
                return key
        for key, text in options:
            if str(text).strip().lower() == value.strip().lower():
                return key
        raise ImportValueError("'%s' is not a value of field '%s' (possible values: %s)"
                               % (value, _label(field), ', '.join(str(key) for key, _t in options)))
    return value


class Pending:
    """A reference to the external id of an earlier row of the same import, not created yet."""

    __slots__ = ('xmlid',)

    def __init__(self, xmlid):
        self.xmlid = xmlid

    def __repr__(self):
        return 'Pending(%r)' % self.xmlid


class References:
    """Resolves the relational cells of an import in a few set-based queries.

    `prepare()` collects every distinct name / external id / database id per
    comodel and looks them up at once; `resolve()` then answers per cell.
    """

    def __init__(self, model, default_module):
        self.model = model
        self.default_module = default_module
        self.names = {}        # (comodel, name) -> [ids]
        self.xmlids = {}       # full xmlid -> (model, res_id, noupdate)
        self.db_ids = {}       # comodel -> set of existing ids
        self.earlier = set()   # new external ids of the rows converted so far

    def full_xmlid(self, xmlid):
        """'module.name' for a cell's external id (a bare name gets the import's module)."""
        return xmlid if '.' in xmlid else '%s.%s' % (self.default_module, xmlid)

    def prepare(self, columns, data):
        """Look up every reference of `data` for the relational `columns`, grouped by comodel."""
        wanted_names, wanted_xmlids, wanted_ids = {}, set(), {}
        for column in columns:
            if column.name == 'id':
                wanted_xmlids.update(self.full_xmlid(row[column.index].strip())
                                     for row in data if _cell(row, column).strip())
                continue
            if column.field is None or not column.field.relational:
                continue
            comodel = column.field.comodel_name
            for row in data:
                for item in _items(column, _cell(row, column)):
                    if column.ref == 'id':
                        wanted_xmlids.add(self.full_xmlid(item))
                    elif column.ref == '.id':
                        if item.isdigit():
                            wanted_ids.setdefault(comodel, set()).add(int(item))
                    else:
                        wanted_names.setdefault(comodel, set()).add(item)
        env = self.model.env
        if wanted_xmlids:
            self.xmlids = env['ir.model.data']._lookup_xmlids(wanted_xmlids)
        for comodel, ids in wanted_ids.items():
            self.db_ids[comodel] = set(env[comodel].browse(sorted(ids)).exists().ids)
        for comodel, names in wanted_names.items():
            self._prepare_names(env[comodel], names)

    def _prepare_names(self, Comodel, names):
        rec_name = Comodel._rec_name or ('name' if 'name' in Comodel._fields else None)
        field = Comodel._fields.get(rec_name) if rec_name else None
        if field is not None and field.store and field.type in ('char', 'text', 'selection'):
            # one query for every name of this comodel
            for record in Comodel.search([(rec_name, 'in', sorted(names))]):
                self.names.setdefault((Comodel._name, record[rec_name]), []).append(record.id)
            return
        for name in names:      # display name computed in Python: ask name_search
            found = Comodel.name_search(name=name, operator='=', limit=2)
            self.names[(Comodel._name, name)] = [res_id for res_id, _n in found]

    def resolve(self, column, item):
        """Return the database id of one reference `item` of the relational `column`."""
        field = column.field
        comodel = field.comodel_name
        if column.ref == 'id':
            found = self.xmlids.get(self.full_xmlid(item))
            if not found and comodel == self.model._name and self.full_xmlid(item) in self.earlier:
                return Pending(self.full_xmlid(item))
            if not found:
                raise ImportValueError("No record found for external id '%s' in field '%s'"
                                       % (item, _label(field)))
            if found[0] != comodel:
                raise ImportValueError("External id '%s' names a '%s' record, field '%s' needs a '%s'"
                                       % (item, found[0], _label(field), comodel))
            return found[1]
        if column.ref == '.id':
            if not item.isdigit() or int(item) not in self.db_ids.get(comodel, ()):
                raise ImportValueError("No '%s' record with database id '%s' for field '%s'"
                                       % (comodel, item, _label(field)))
            return int(item)
        ids = self.names.get((comodel, item), [])
        if not ids:
            raise ImportValueError("No '%s' record named '%s' for field '%s'"
                                   % (comodel, item, _label(field)))
        if len(ids) > 1:
            raise ImportValueError("Several '%s' records are named '%s' for field '%s': "
                                   "use the column '%s/id' with external ids"
                                   % (comodel, item, _label(field), field.name))
        return ids[0]


def _cell(row, column):
    return row[column.index] if column.index < len(row) and row[column.index] is not None else ''


def _items(column, value):
    """The references written in one cell: one for many2one, comma-separated for many2many."""
    value = str(value).strip()
    if not value:
        return []
    if column.field.type in ('many2many', 'one2many'):
        return [item.strip() for item in value.split(',') if item.strip()]
    return [value]


def convert_row(model, columns, refs, row):
    """Return ``(xmlid, db_id, values, errors)`` for one data `row`; errors are (field, text) pairs."""
    xmlid, db_id, values, errors = None, None, {}, []
    for column in columns:
        value = _cell(row, column)
        try:
            if column.name == 'id':
                xmlid = refs.full_xmlid(value.strip()) if value.strip() else None
            elif column.name == '.id':
                if value.strip():
                    if not value.strip().isdigit():
                        raise ImportValueError("'%s' is not a database id" % value)
                    db_id = int(value.strip())
            elif column.field.relational:
                ids = [refs.resolve(column, item) for item in _items(column, value)]
                if column.field.type == 'many2one':
                    values[column.name] = ids[0] if ids else False
                else:
                    values[column.name] = [(6, 0, ids)]
            else:
                values[column.name] = convert_scalar(model, column.field, str(value))
        except ImportValueError as exc:
            errors.append((column.name, str(exc)))
    return xmlid, db_id, values, errors
