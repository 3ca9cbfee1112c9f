"""Storing records: create, read, write, unlink, copy, exists.

Every method works on the whole recordset with a constant number of
queries: `create` inserts all rows in multi-row INSERTs, `write` is one
UPDATE for all records, `read` fetches batches of up to 1,000 rows and the
display names of related records once per related model.
"""
import contextlib
import datetime
import logging

import psycopg2
import psycopg2.errorcodes

from ..exceptions import AccessError, MissingError, UserError, ValidationError
from ..security.messages import field_access_message, record_rule_message
from ..tools.translate import _
from . import decorators as api
from .domain import shown
from .model_compute import ComputeMixin
from .sql import SQL

_logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
# types whose read() value is the cached value, with null read as False
PLAIN_READ_TYPES = ('char', 'text', 'html', 'selection', 'date', 'datetime')


def _null_is_false(value):
    return False if value is None else value

X2MANY = ('one2many', 'many2many')


class InvalidField(UserError, ValueError):
    """A list of fields to read names something the model does not have."""


class StorageMixin(ComputeMixin):
    """Create, read, write and delete records (part of `BaseModel`)."""

    __slots__ = ()

    # ------------------------------------------------------------------
    # create
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Create one record per dict of `vals_list`; return them in order.

        Missing values take their defaults; one2many and many2many values
        are command lists; values of fields inherited through ``_inherits``
        go to the parent records, which are created first.
        """
        if not vals_list:
            return self.browse()
        self._check_access('create')
        self._check_field_groups('write', {name for vals in vals_list for name in vals})
        vals_list = [self._add_missing_default_values(dict(vals)) for vals in vals_list]
        self._create_parents(vals_list)
        rows, others = [], []
        for vals in vals_list:
            row, other = self._split_values(vals)
            self._check_required(row, creating=True)
            rows.append(row)
            others.append(other)
        ids = self._insert_rows(rows)
        records = self.browse(ids)
        self._cache_created(ids, rows)
        for name in sorted({n for other in others for n in other}):
            field = self._fields[name]
            values = {i: other[name] for i, other in zip(ids, others) if name in other}
            if field.type in X2MANY:
                field.write_commands(records, values, create=True)
            else:
                self._write_inverse(field, records.browse(list(values)), values)
        if self._parent_store:
            records._parent_store_update()
        records._mark_created()
        records._validate_fields({n for vals in vals_list for n in vals})
        records._check_access('create')     # the new records must pass the record rules
        records._workflow_on_create()
        return records

    def _add_missing_default_values(self, vals):
        missing = [name for name, field in self._fields.items()
                   if name not in vals and not getattr(field, 'inherited', False)
                   and (field.default is not None or 'default_' + name in self.env.context)]
        if missing:
            for name, value in self.default_get(missing).items():
                vals.setdefault(name, value)
        return vals

    def _create_parents(self, vals_list):
        """Create the ``_inherits`` parent records and link them."""
        for parent_model, link in self._inherits.items():
            parent_names = {name for name, field in self._fields.items()
                            if getattr(field, 'inherited_link', None) == link}
            todo, positions = [], []
            for index, vals in enumerate(vals_list):
                parent_vals = {name: vals.pop(name) for name in list(vals) if name in parent_names}
                if vals.get(link):
                    if parent_vals:
                        self.env[parent_model].browse(vals[link]).write(parent_vals)
                    continue
                todo.append(parent_vals)
                positions.append(index)
            if todo:
                parents = self.env[parent_model].create(todo)
                for index, parent_id in zip(positions, parents._ids):
                    vals_list[index][link] = parent_id

    def _split_values(self, vals):
        """Column values (cache shape) apart from the other written values."""
        row, other = {}, {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise ValueError("Invalid field '%s' on model '%s'" % (name, self._name))
            if field.column and name != 'id':
                row[name] = field.convert_to_cache(value, self)
            elif field.type in X2MANY and field.store:
                other[name] = value
            elif field.inverse and not getattr(field, 'inherited', False):
                other[name] = value
        return row, other

    def _check_required(self, row, creating):
        for name, field in self._fields.items():
            if not (field.required and field.column) or field.type == 'boolean':
                continue
            if (creating and not field.compute and row.get(name) is None) or \
                    (not creating and name in row and row[name] is None):
                raise ValidationError(_('The field "%s" (%s) is required on %s; give it a value.',
                                        field.string, name, self._description or self._name))

    def _insert_rows(self, rows):
        """INSERT the rows (dicts of cache values) and return the new ids."""
        now = datetime.datetime.utcnow().replace(microsecond=0)
        log = self._log_access
        names = sorted({name for row in rows for name in row})
        fields = [self._fields[name] for name in names]
        columns = list(names)
        if log:
            columns += ['create_uid', 'create_date', 'write_uid', 'write_date']
        ids = []
        table = SQL.identifier(self._table).code
        column_list = ', '.join(SQL.identifier(c).code for c in columns)
        placeholder = '(%s)' % ', '.join(['%s'] * len(columns)) if columns else '(DEFAULT)'
        for start in range(0, len(rows), INSERT_BATCH):
            chunk = rows[start:start + INSERT_BATCH]
            params = []
            for row in chunk:
                for field in fields:
                    params.append(field.convert_to_column(row.get(field.name)))
                if log:
                    params.extend((self.env.uid, now, self.env.uid, now))
            if columns:
                query = 'INSERT INTO %s (%s) VALUES %s RETURNING id' % (
                    table, column_list, ', '.join([placeholder] * len(chunk)))
            else:
                query = 'INSERT INTO %s (id) SELECT nextval(pg_get_serial_sequence(%%s, %%s)) ' \
                        'FROM generate_series(1, %%s) RETURNING id' % table
                params = [self._table, 'id', len(chunk)]
            with self._sql_errors():
                self.env.cr.execute(query, params)
            ids.extend(row[0] for row in self.env.cr.fetchall())
        return ids

    def _cache_created(self, ids, rows):
        """Put what was inserted in the cache: reading it back costs nothing."""
        cache = self.env.cache
        for name, field in self._fields.items():
            if field.column and not field.compute and field.name not in (
                    'create_uid', 'create_date', 'write_uid', 'write_date', 'parent_path'):
                cache.update(ids, field, [row.get(name) for row in rows])
            elif field.type in X2MANY and field.store:
                cache.update(ids, field, [() for _ in ids])

    @contextlib.contextmanager
    def _sql_errors(self):
        """Turn constraint violations into sentences for the user."""
        try:
            yield
        except psycopg2.IntegrityError as error:
            code = error.pgcode
            constraint = getattr(error.diag, 'constraint_name', None)
            message = self.pool.sql_constraint_messages.get(constraint)
            if message:
                raise ValidationError(message) from None
            if code == psycopg2.errorcodes.NOT_NULL_VIOLATION:
                column = error.diag.column_name
                field = self._fields.get(column)
                label = field.string if field else column
                raise ValidationError(_('The field "%s" (%s) is required on %s; give it a value.',
                                        label, column, self._description or self._name)) from None
            if code == psycopg2.errorcodes.FOREIGN_KEY_VIOLATION:
                raise ValidationError(
                    'The operation cannot be completed: a record refers to another that does not '
                    'exist or is still in use (%s).' % (error.diag.message_detail or constraint)) from None
            if code == psycopg2.errorcodes.UNIQUE_VIOLATION:
                raise ValidationError('The operation cannot be completed: a value must be unique '
                                      '(%s).' % (error.diag.message_detail or constraint)) from None
            raise

    # ------------------------------------------------------------------
    # read
    # ------------------------------------------------------------------
    def read(self, fields=None, load='_classic_read'):
        """Return a list of dicts, one per existing record, with `fields`.

        Many2one values are ``(id, display name)`` pairs (ids only when
        `load` is not ``'_classic_read'``); x2many values are id lists.
        """
        self._check_access('read')
        if fields:
            if not isinstance(fields, (list, tuple)):
                raise InvalidField("Invalid list of fields %s for model '%s': give a list of field "
                                   "names" % (shown(fields), self._name))
            for name in fields:
                if not isinstance(name, str) or name not in self._fields:
                    raise InvalidField("Invalid field %s on model '%s'" % (shown(name), self._name))
            names = [name for name in dict.fromkeys(fields)]
            self._check_field_groups('read', names)
        else:
            names = [name for name, field in self._fields.items()
                     if not field.groups or self.env.su or self._user_in_groups(field.groups)]
        records = self._browse(self._ids)
        column_fields = [self._fields[n] for n in names if self._fields[n].column]
        existing = set(records._fetch_columns(column_fields, force=True, only=True))
        ids = [i for i in dict.fromkeys(self._ids) if i in existing]
        if len(ids) < len(set(self._ids)):
            self._browse([i for i in self._ids if i not in existing])._check_forbidden('read')
        # Plain columns are read straight from the cache; many2one names are
        # fetched once per comodel; the other fields go through the records.
        data = self.env.cache._data
        plain, display = [], {}
        for name in names:
            field = self._fields[name]
            if name == 'id':
                continue
            if field.column and field.type not in ('many2one', 'reference', 'binary'):
                plain.append((name, self._read_converter(field), data.get(field, {})))
            elif field.type == 'many2one' and field.column:
                values = data.get(field, {})
                if load == '_classic_read':
                    targets = {values.get(i) for i in ids} - {None}
                    comodel = self.env[field.comodel_name].sudo().browse(sorted(targets))
                    display[name] = (field, values, dict(comodel.name_get()))
                else:
                    display[name] = (field, values, None)
        others = [n for n in names if n != 'id' and n not in display
                  and not any(n == p[0] for p in plain)]
        result = []
        for record_id in ids:
            vals = {'id': record_id}
            for name, convert, values in plain:
                vals[name] = convert(values.get(record_id))
            for name, (field, values, labels) in display.items():
                target = values.get(record_id)
                if labels is None:
                    vals[name] = target or False
                else:
                    vals[name] = (target, labels.get(target, '')) if target else False
            if others:
                record = self._browse_new(self.env, (record_id,), records._prefetch_ids)
                for name in others:
                    field = self._fields[name]
                    vals[name] = field.convert_to_read(record[name], record)
            result.append(vals)
        return result

    def _read_converter(self, field):
        """A function from a cached column value to its `read()` value."""
        if field.type in PLAIN_READ_TYPES and not getattr(field, 'translated', False):
            return _null_is_false
        return lambda value: field.convert_to_read(field.convert_to_record(value, self), self)

    def _fetch_columns(self, fields, force=False, only=False):
        """Load column values for these records; return the ids found.

        Unless `only`, every prefetchable column of the model is loaded
        along with `fields`, so that the next field access hits the cache.
        """
        cache = self.env.cache
        wanted = {f for f in fields}
        if not only:
            wanted.update(f for f in self._fields.values() if f.column and f.prefetch)
        ids = [i for i in dict.fromkeys(self._ids) if isinstance(i, int)]
        if not force:
            ids = [i for i in ids if any(not cache.contains(i, f) for f in wanted)] or ids
        wanted = sorted(wanted, key=lambda f: f.name)
        found = []
        table = SQL.identifier(self._table)
        columns = [SQL.identifier(self._table, f.name) for f in wanted]
        dirty = self.env.transaction.dirty
        for start in range(0, len(ids), INSERT_BATCH):
            chunk = tuple(ids[start:start + INSERT_BATCH])
            query = self._fetch_query(table, columns, chunk)
            self.env.cr.execute(*query.as_args())
            rows = self.env.cr.fetchall()
            if not rows:
                continue
            columns_values = list(zip(*rows))
            fetched_ids = columns_values[0]
            found.extend(fetched_ids)
            for field, values in zip(wanted, columns_values[1:]):
                if field.converts_from_column:
                    values = [field.convert_from_column(v) for v in values]
                pending = dirty.get(field)
                if pending:
                    # newer computed values wait in the cache to be written
                    pairs = [(i, v) for i, v in zip(fetched_ids, values) if i not in pending]
                    cache._data.setdefault(field, {}).update(pairs)
                else:
                    cache._data.setdefault(field, {}).update(zip(fetched_ids, values))
        return found

    def _fetch_query(self, table, columns, ids):
        query = SQL('SELECT %s, %s FROM %s WHERE %s IN %s', SQL.identifier(self._table, 'id'),
                    SQL.join(', ', columns), table, SQL.identifier(self._table, 'id'), ids) \
            if columns else SQL('SELECT %s FROM %s WHERE %s IN %s', SQL.identifier(self._table, 'id'),
                                table, SQL.identifier(self._table, 'id'), ids)
        rule = self._record_rule_condition('read')
        if rule:
            query = SQL('%s AND %s', query, rule)
        return query

    def exists(self):
        """The records of self that still exist in the database."""
        ids = [i for i in self._ids if isinstance(i, int)]
        if not ids:
            return self.browse()
        self.env.cr.execute(*SQL('SELECT id FROM %s WHERE id IN %s', SQL.identifier(self._table),
                                 tuple(ids)).as_args())
        found = {row[0] for row in self.env.cr.fetchall()}
        return self._browse([i for i in self._ids if i in found], self._prefetch_ids)

    # ------------------------------------------------------------------
    # write
    # ------------------------------------------------------------------
    def write(self, vals):
        """Write `vals` on every record of self (one UPDATE for the columns)."""
        if not self:
            return True
        self._check_access('write')
        self._check_field_groups('write', vals)
        columns, inherited, others = {}, {}, {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise ValueError("Invalid field '%s' on model '%s'" % (name, self._name))
            if getattr(field, 'inherited', False):
                inherited.setdefault(field.inherited_link, {})[name] = value
            elif field.column and name != 'id':
                columns[name] = field.convert_to_cache(value, self)
            elif (field.type in X2MANY and field.store) or field.inverse:
                others[name] = value
        relational = [n for n in columns if self._fields[n].type == 'many2one']
        if relational:
            self.modified(relational, before=True)
        if columns:
            self._check_required(columns, creating=False)
            self._update_columns(columns)
        for link, parent_vals in inherited.items():
            self.mapped(link).write(parent_vals)
            for name in parent_vals:
                self.env.cache.invalidate(self._fields[name], self._ids)
        for name, value in others.items():
            field = self._fields[name]
            if field.type in X2MANY:
                field.write_commands(self, {i: value for i in self._ids})
            else:
                self._write_inverse(field, self, {i: value for i in self._ids})
        if columns and self._parent_store and self._parent_name in columns:
            self._parent_store_update()
        self.modified(list(columns) + list(others))
        self._validate_fields(set(vals))
        self._workflow_on_write()
        return True

    def _update_columns(self, columns):
        fields = [self._fields[name] for name in sorted(columns)]
        assignments = [f.column_assignment(columns[f.name], self.env) for f in fields]
        if self._log_access:
            now = datetime.datetime.utcnow().replace(microsecond=0)
            assignments += [SQL('"write_uid" = %s', self.env.uid), SQL('"write_date" = %s', now)]
        ids = tuple(dict.fromkeys(self._ids))
        query = SQL('UPDATE %s SET %s WHERE id IN %s', SQL.identifier(self._table),
                    SQL.join(', ', assignments), ids)
        with self._sql_errors():
            self.env.cr.execute(*query.as_args())
        if self.env.cr.rowcount != len(ids):
            raise MissingError('Record does not exist or has been deleted: %s; '
                               'reload and try again.' % (self._browse(ids),))
        cache = self.env.cache
        for field in fields:
            if getattr(field, 'translated', False):
                # the column merged one language into values the cache may not hold
                cache.invalidate(field, ids)
            else:
                cache.update(ids, field, [columns[field.name]] * len(ids))
        if self._log_access:
            for name in ('write_uid', 'write_date'):
                cache.invalidate(self._fields[name], ids)

    def _write_inverse(self, field, records, values_by_id):
        """Write non-stored fields that have an inverse method."""
        if not records:
            return
        transaction = self.env.transaction
        protected = transaction.protected.setdefault(field, set())
        protected.update(records._ids)
        try:
            for record in records:
                self.env.cache.set(record.id, field,
                                   field.convert_to_cache(values_by_id[record.id], record))
            inverse = field.inverse
            if isinstance(inverse, str):
                getattr(records, inverse)()
            else:
                inverse(records)
        finally:
            protected.difference_update(records._ids)

    # ------------------------------------------------------------------
    # unlink and copy
    # ------------------------------------------------------------------
    def unlink(self):
        """Delete the records (lines with ``ondelete='cascade'`` go too)."""
        if not self:
            return True
        self._check_access('unlink')
        for method in self._ondelete_methods():
            method(self)
        self._workflow_on_unlink()
        self.env.transaction.flush()
        self.modified([n for n, f in self._fields.items() if f.store], before=True)
        ids = tuple(dict.fromkeys(self._ids))
        with self._sql_errors():
            self.env.cr.execute(*SQL('DELETE FROM %s WHERE id IN %s',
                                     SQL.identifier(self._table), ids).as_args())
        if self._name != 'ir.model.data' and 'ir.model.data' in self.env.registry:
            self.env.cr.execute('DELETE FROM ir_model_data WHERE model = %s AND res_id IN %s',
                                (self._name, ids))
        for field, field_ids in self.env.transaction.tocompute.items():
            if field.model_name == self._name:
                field_ids.difference_update(ids)
        self.env.cache.invalidate()
        return True

    def _ondelete_methods(self):
        cls = type(self)
        return [getattr(cls, name) for name in dir(cls)
                if name.startswith('_unlink_') and hasattr(getattr(cls, name), '_ondelete')]

    def copy_data(self, default=None):
        """The values `copy` would create, as a one-element list."""
        self.ensure_one()
        default = dict(default or {})
        vals = {}
        skip = {'id', 'create_uid', 'create_date', 'write_uid', 'write_date', 'display_name',
                'parent_path'}
        skip.update(self._inherits.values())
        for name, field in self._fields.items():
            if name in skip or name in default or not field.copy:
                continue
            if field.compute and not field.store and not getattr(field, 'inherited', False):
                continue
            value = self[name]
            if field.type == 'one2many':
                vals[name] = [(0, 0, line.copy_data()[0]) for line in value]
            elif field.type == 'many2many':
                vals[name] = [(6, 0, value.ids)]
            else:
                vals[name] = field.convert_to_write(value, self)
        vals.update(default)
        return [vals]

    @api.returns('self', lambda value: value.id)
    def copy(self, default=None):
        """Duplicate the record, with `default` values overriding the copy."""
        self.ensure_one()
        return self.create(self.copy_data(default))

    # ------------------------------------------------------------------
    # access control hooks (rights arrive with the security layer)
    # ------------------------------------------------------------------
    def _check_access(self, operation):
        """Raise AccessError when the user may not do `operation` here."""
        checker = self.pool.access_checker
        if checker is not None and not self.env.su:
            checker(self, operation)

    def _check_field_groups(self, operation, names):
        """Raise AccessError naming the fields of `names` restricted to groups the user lacks."""
        if self.env.su:
            return
        refused = [self._fields[name] for name in names
                   if name in self._fields and self._fields[name].groups
                   and not self._user_in_groups(self._fields[name].groups)]
        if refused:
            raise AccessError(field_access_message(self, operation, refused))

    def _check_forbidden(self, operation):
        """Raise AccessError if some of these records, which a read did not return, exist.

        A record a rule hides is forbidden, not missing: one query tells
        them apart. Called only when some ids were not returned.
        """
        if self.env.su or self.pool.rule_provider is None:
            return
        if self.exists():
            raise AccessError(record_rule_message(self, operation))

    def _record_rule_condition(self, operation):
        """An SQL condition restricting rows to those the user may see."""
        rules = self.pool.rule_provider
        if rules is None or self.env.su:
            return None
        return rules(self, operation)

