"""The table of a model, created and altered from its fields.

`SchemaMixin._auto_init` makes the database match the model: the table
with one column per stored field, NOT NULL for required fields, foreign
keys with the declared ``ondelete``, relation tables for many2many fields,
indexes and ``_sql_constraints``. It reads the current state from a
`SchemaSnapshot` taken once per registry load, so a module whose tables are
already right costs no DDL at all.
"""
import logging

from .sql import SQL

_logger = logging.getLogger(__name__)

ONDELETE_SQL = {'set null': 'SET NULL', 'restrict': 'RESTRICT', 'cascade': 'CASCADE'}


class SchemaSnapshot:
    """Tables, columns, constraints and indexes of the database, read once."""

    def __init__(self, cr):
        self.cr = cr
        cr.execute("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.oid
             WHERE n.nspname = current_schema() AND c.relkind = 'r'
               AND a.attnum > 0 AND NOT a.attisdropped""")
        self.columns = {}
        for table, column, sql_type, notnull in cr.fetchall():
            self.columns.setdefault(table, {})[column] = (sql_type, notnull)
        cr.execute("""
            SELECT con.conname, pg_get_constraintdef(con.oid)
              FROM pg_constraint con
              JOIN pg_namespace n ON n.oid = con.connamespace
             WHERE n.nspname = current_schema()""")
        self.constraints = dict(cr.fetchall())
        cr.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        self.indexes = {row[0] for row in cr.fetchall()}

    def table_exists(self, table):
        return table in self.columns

    def execute(self, query):
        self.cr.execute(*query.as_args())


def _type_matches(existing, wanted):
    existing = existing.lower()
    aliases = {
        'int4': ('integer',), 'serial': ('integer',), 'float8': ('double precision',),
        'bool': ('boolean',), 'timestamp': ('timestamp without time zone',),
        'varchar': ('character varying',), 'text': ('text',), 'date': ('date',),
        'numeric': ('numeric',), 'bytea': ('bytea',),
    }
    if wanted.startswith('varchar('):
        return existing == 'character varying' + wanted[7:]
    return existing in aliases.get(wanted, (wanted,))


def constraint_name(table, name):
    """PostgreSQL keeps 63 characters of a name; keep ours unique within that."""
    full = '%s_%s' % (table, name)
    if len(full) > 63:
        import hashlib
        full = '%s_%s' % (full[:54], hashlib.sha1(full.encode()).hexdigest()[:8])
    return full


class SchemaMixin:
    """Table creation and migration (part of `BaseModel`)."""

    __slots__ = ()

    @classmethod
    def _column_fields(cls):
        return [f for name, f in cls._fields.items() if f.column and name != 'id']

    @classmethod
    def _auto_init(cls, snapshot):
        """Create or alter the model's table and columns (not foreign keys)."""
        if not cls._auto or cls._abstract:
            return
        table = cls._table
        if not snapshot.table_exists(table):
            columns = [SQL('"id" SERIAL PRIMARY KEY')]
            for field in cls._column_fields():
                notnull = ' NOT NULL' if cls._wants_not_null(field) else ''
                columns.append(SQL('%s ' + field.sql_type + notnull, SQL.identifier(field.name)))
            snapshot.execute(SQL('CREATE TABLE %s (%s)', SQL.identifier(table),
                                 SQL.join(', ', columns)))
            if cls._description:
                snapshot.execute(SQL('COMMENT ON TABLE %s IS %s', SQL.identifier(table),
                                     cls._description))
            snapshot.columns[table] = {f.name: (f.sql_type, cls._wants_not_null(f))
                                       for f in cls._column_fields()}
            snapshot.columns[table]['id'] = ('integer', True)
        else:
            existing = snapshot.columns[table]
            for field in cls._column_fields():
                current = existing.get(field.name)
                if current is None:
                    snapshot.execute(SQL('ALTER TABLE %s ADD COLUMN %s ' + field.sql_type,
                                         SQL.identifier(table), SQL.identifier(field.name)))
                    existing[field.name] = (field.sql_type, False)
                    cls._init_column(snapshot, field)
                elif not _type_matches(current[0], field.sql_type):
                    cls._convert_column(snapshot, field, current[0])
                cls._set_not_null(snapshot, field)
        for field in cls._column_fields():
            if field.index or field.name == 'parent_path':
                cls._create_index(snapshot, field)

    @classmethod
    def _wants_not_null(cls, field):
        return bool(field.required and not field.compute and field.type != 'boolean')

    @classmethod
    def _init_column(cls, snapshot, field):
        """Give existing rows the field's default when a column is added."""
        default = field.default
        if default is None or callable(default) or field.type in ('many2one', 'binary'):
            return
        value = field.convert_to_column(field.convert_to_cache(default, None, validate=False)) \
            if field.type not in ('reference', 'selection') else default
        snapshot.execute(SQL('UPDATE %s SET %s = %s WHERE %s IS NULL', SQL.identifier(cls._table),
                             SQL.identifier(field.name), value, SQL.identifier(field.name)))

    @classmethod
    def _convert_column(cls, snapshot, field, current_type):
        table = SQL.identifier(cls._table)
        column = SQL.identifier(field.name)
        cr = snapshot.cr
        cr.execute('SAVEPOINT convert_column')
        try:
            cr.execute(*SQL('ALTER TABLE %s ALTER COLUMN %s TYPE ' + field.sql_type + ' USING %s',
                            table, column, field.column_conversion(column, current_type)).as_args())
            cr.execute('RELEASE SAVEPOINT convert_column')
        except Exception:
            cr.execute('ROLLBACK TO SAVEPOINT convert_column')
            moved = '%s_moved0' % field.name
            _logger.warning('Column %s.%s cannot become %s; the old values are kept in %s',
                            cls._table, field.name, field.sql_type, moved)
            cr.execute(*SQL('ALTER TABLE %s RENAME COLUMN %s TO %s', table, column,
                            SQL.identifier(moved)).as_args())
            cr.execute(*SQL('ALTER TABLE %s ADD COLUMN %s ' + field.sql_type, table, column).as_args())
        snapshot.columns[cls._table][field.name] = (field.sql_type, False)

    @classmethod
    def _set_not_null(cls, snapshot, field):
        current = snapshot.columns[cls._table].get(field.name)
        wanted = cls._wants_not_null(field)
        if current is None or bool(current[1]) == wanted:
            return
        table, column = SQL.identifier(cls._table), SQL.identifier(field.name)
        if not wanted:
            snapshot.execute(SQL('ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL', table, column))
        else:
            cr = snapshot.cr
            cr.execute(*SQL('SELECT 1 FROM %s WHERE %s IS NULL LIMIT 1', table, column).as_args())
            if cr.fetchone():
                _logger.warning('Field %s is required but some rows have no value: '
                                'NOT NULL not set', field)
                return
            snapshot.execute(SQL('ALTER TABLE %s ALTER COLUMN %s SET NOT NULL', table, column))
        snapshot.columns[cls._table][field.name] = (current[0], wanted)

    @classmethod
    def _create_index(cls, snapshot, field):
        name = constraint_name(cls._table, '%s_index' % field.name)
        if name in snapshot.indexes:
            return
        method = ' text_pattern_ops' if field.name == 'parent_path' else ''
        snapshot.execute(SQL('CREATE INDEX %s ON %s (%s' + method + ')', SQL.identifier(name),
                             SQL.identifier(cls._table), SQL.identifier(field.name)))
        snapshot.indexes.add(name)

    @classmethod
    def _auto_init_relations(cls, snapshot, registry):
        """Foreign keys, relation tables and SQL constraints (second pass).

        Runs once every table of the loaded modules exists.
        """
        if not cls._auto or cls._abstract:
            return
        table = cls._table
        for field in cls._fields.values():
            if field.type == 'many2one' and field.column:
                comodel = registry.get(field.comodel_name)
                if comodel is not None and comodel._auto and not comodel._abstract:
                    cls._ensure_foreign_key(snapshot, table, field.name, comodel._table, field.ondelete)
            elif field.type == 'many2many' and field.store and field.relation:
                comodel = registry.get(field.comodel_name)
                if comodel is not None and not comodel._abstract:
                    cls._ensure_relation_table(snapshot, field, comodel)
        for name, definition, message in cls._sql_constraints:
            conname = constraint_name(table, name)
            registry.sql_constraint_messages[conname] = message
            current = snapshot.constraints.get(conname)
            if current is not None and _same_definition(current, definition):
                continue
            if current is not None:
                snapshot.execute(SQL('ALTER TABLE %s DROP CONSTRAINT %s', SQL.identifier(table),
                                     SQL.identifier(conname)))
            cr = snapshot.cr
            cr.execute('SAVEPOINT add_constraint')
            try:
                cr.execute('ALTER TABLE %s ADD CONSTRAINT %s %s' % (
                    SQL.identifier(table).code, SQL.identifier(conname).code, definition))
                cr.execute('RELEASE SAVEPOINT add_constraint')
                snapshot.constraints[conname] = definition
            except Exception as error:
                cr.execute('ROLLBACK TO SAVEPOINT add_constraint')
                _logger.warning('Constraint %s on %s cannot be added: %s', name, table, error)

    @staticmethod
    def _ensure_foreign_key(snapshot, table, column, target, ondelete):
        conname = constraint_name(table, '%s_fkey' % column)
        action = ONDELETE_SQL[ondelete]
        current = snapshot.constraints.get(conname)
        if current is not None:
            if ('ON DELETE %s' % action) in current or (action == 'RESTRICT' and 'ON DELETE' not in current
                                                         and target in current):
                return
            snapshot.execute(SQL('ALTER TABLE %s DROP CONSTRAINT %s', SQL.identifier(table),
                                 SQL.identifier(conname)))
        snapshot.execute(SQL('ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (id) '
                             'ON DELETE ' + action, SQL.identifier(table), SQL.identifier(conname),
                             SQL.identifier(column), SQL.identifier(target)))
        snapshot.constraints[conname] = 'FOREIGN KEY (%s) REFERENCES %s(id) ON DELETE %s' % (
            column, target, action)

    @classmethod
    def _ensure_relation_table(cls, snapshot, field, comodel):
        relation = field.relation
        if snapshot.table_exists(relation):
            return
        snapshot.execute(SQL(
            'CREATE TABLE %s (%s INTEGER NOT NULL REFERENCES %s (id) ON DELETE CASCADE, '
            '%s INTEGER NOT NULL REFERENCES %s (id) ON DELETE CASCADE, PRIMARY KEY (%s, %s))',
            SQL.identifier(relation), SQL.identifier(field.column1), SQL.identifier(cls._table),
            SQL.identifier(field.column2), SQL.identifier(comodel._table),
            SQL.identifier(field.column1), SQL.identifier(field.column2)))
        snapshot.execute(SQL('CREATE INDEX %s ON %s (%s, %s)',
                             SQL.identifier(constraint_name(relation, 'reverse_index')),
                             SQL.identifier(relation), SQL.identifier(field.column2),
                             SQL.identifier(field.column1)))
        snapshot.columns[relation] = {field.column1: ('integer', True), field.column2: ('integer', True)}


def _same_definition(current, definition):
    def squash(text):
        return ''.join(text.lower().replace('"', '').split())
    return squash(current) == squash(definition)
