"""`Field`: the base of every field type.

A field is declared as a class attribute of a model. When the registry
builds the model of a database, every definition of a field name along the
model's classes (the original and each ``_inherit`` extension) is merged into
one new field object, which is then *set up* for that model. The field is a
descriptor: ``record.name`` reads through the environment's cache, fetching
(for stored fields) or computing (for computed ones) on a miss, for the whole
prefetch batch at once; ``record.name = value`` writes.

Values live in three shapes, each with its conversion method:
- the *cache* shape (``None`` for null, ids for relations),
- the *record* shape that attribute access returns (``False`` for null
  strings, recordsets for relations),
- the *read* shape that ``read()`` and RPC return,
- the *column* shape sent to PostgreSQL.
"""
import itertools

from ...exceptions import CacheMiss
from ..sql import SQL

_creation_counter = itertools.count()

# Attributes every field understands; subclasses add their own.
COMMON_ATTRIBUTES = {
    'string': None, 'help': None, 'required': False, 'readonly': False,
    'default': None, 'index': False, 'copy': None, 'store': None,
    'compute': None, 'inverse': None, 'search': None, 'related': None,
    'depends': None, 'translate': False, 'groups': None, 'states': None,
    'context': None, 'prefetch': True, 'compute_sudo': None,
    'group_operator': None, 'aggregator': None, 'size': None,
    'recursive': False, 'default_export_compatible': False, 'tracking': None,
    'change_default': False, 'precompute': False, 'manual': False,
}


class Field:
    """Base class of the field types; see the module docstring."""

    type = None             # the field type's name, as in fields_get
    column_type = None      # PostgreSQL type, or None when not a column
    relational = False
    _attributes = {}        # subclass-specific attributes and defaults
    depends_context = ()    # context keys the compute method depends on (set up by the registry)

    def __init__(self, string=None, **kwargs):
        if string is not None:
            kwargs['string'] = string
        self._args = kwargs
        self._sequence = next(_creation_counter)
        self.name = None
        self.model_name = None
        self._setup_done = False

    # ------------------------------------------------------------------
    # definition merging and set-up
    # ------------------------------------------------------------------
    @classmethod
    def merged(cls, definitions):
        """Return a new field from the definitions of one name, oldest first.

        Later definitions override the attributes they give; a definition of
        another type replaces the earlier ones entirely.
        """
        last_type = type(definitions[-1])
        args = {}
        for definition in definitions:
            if type(definition) is not last_type:
                args = {}
            args.update(definition._args)
        field = last_type.__new__(last_type)
        Field.__init__(field)
        field._args = args
        field._sequence = definitions[0]._sequence
        return field

    def setup(self, model_class, name):
        """Bind the field to a model class of a registry under `name`."""
        self.name = name
        self.model_name = model_class._name
        attrs = dict(COMMON_ATTRIBUTES)
        for klass in reversed(type(self).__mro__):
            attrs.update(klass.__dict__.get('_attributes', {}))
        attrs.update(self._args)
        for key, value in attrs.items():
            setattr(self, key, value)
        self.args = attrs
        if self.related:
            self.compute = self.compute or '_compute_related'
            if self.store is None:
                self.store = False
        if self.store is None:
            self.store = not self.compute
        if self.compute and self.inverse is None and not self.related:
            self.readonly = True if 'readonly' not in self._args else self.readonly
        if self.copy is None:
            self.copy = not (self.compute and not self.store) and self.type != 'one2many'
        if not self.string:
            self.string = self._default_string(name)
        if self.aggregator is None:
            self.aggregator = self.group_operator
        self._depends = None       # resolved in setup_dependencies

    @staticmethod
    def _default_string(name):
        label = name[:-3] if name.endswith('_id') else name[:-4] if name.endswith('_ids') else name
        return label.replace('_', ' ').title()

    @property
    def column(self):
        """True when the field is a column of the model's table."""
        return bool(self.store and self.column_type)

    def __repr__(self):
        return '%s.%s' % (self.model_name, self.name)

    def __set_name__(self, owner, name):
        # A definition knows its name early so that error messages and
        # decorators can refer to it before the registry sets it up.
        if self.name is None:
            self.name = name

    # ------------------------------------------------------------------
    # descriptor protocol
    # ------------------------------------------------------------------
    def __get__(self, record, owner=None):
        if record is None:
            return self
        if not record._ids:
            return self.convert_to_record(None, record)
        if len(record._ids) != 1:
            raise ValueError('Expected singleton: %s' % (record,))
        cache = record.env.cache
        try:
            value = cache.get(record._ids[0], self)
        except CacheMiss:
            record.env.fetch_field(record, self)
            value = cache.get(record._ids[0], self)
        return self.convert_to_record(value, record)

    def __set__(self, records, value):
        env = records.env
        protected = env.transaction.protected.get(self)
        if protected is not None and set(records._ids) <= protected:
            # assignment inside a compute method: the value goes to cache,
            # and stored computed fields remember to write it.
            cache_value = self.convert_to_cache(value, records)
            for record_id in records._ids:
                env.cache.set(record_id, self, cache_value)
            if self.store:
                env.transaction.mark_dirty(self, [i for i in records._ids if isinstance(i, int)])
            return
        if records._ids and not isinstance(records._ids[0], int):
            # a record in memory (a form being edited): the value stays in cache
            cache_value = self.convert_to_cache(value, records, validate=False)
            for record_id in records._ids:
                env.cache.set(record_id, self, cache_value)
            return
        records.write({self.name: value})

    # ------------------------------------------------------------------
    # value conversions (overridden by the types)
    # ------------------------------------------------------------------
    def convert_to_cache(self, value, record, validate=True):
        """Turn a value given by a caller into the cache shape."""
        return None if value is False or value is None else value

    def convert_to_record(self, value, record):
        """Turn a cache value into what ``record.field`` returns."""
        return False if value is None else value

    def convert_to_read(self, value, record):
        """Turn a record value into the shape of ``read()`` output."""
        return value

    def convert_to_column(self, value):
        """Turn a cache value into a query parameter."""
        return value

    def convert_from_column(self, value):
        """Turn a value fetched from PostgreSQL into the cache shape."""
        return value

    @property
    def converts_from_column(self):
        """False when fetched values go to the cache as they are (the fast path)."""
        return type(self).convert_from_column is not Field.convert_from_column

    # ------------------------------------------------------------------
    # SQL of the column (translated text overrides these)
    # ------------------------------------------------------------------
    def column_expression(self, column, env):
        """The SQL value of column `column` that domains and ORDER BY use in `env`."""
        return column

    def column_assignment(self, value, env):
        """The ``"column" = value`` SQL of an UPDATE writing cache value `value` in `env`."""
        return SQL('%s = %s', SQL.identifier(self.name), self.convert_to_column(value))

    def column_conversion(self, column, current_type):
        """The USING expression turning `column` of type `current_type` into ``sql_type``."""
        sql_type = getattr(self, 'sql_type', None) or self.column_type
        return SQL('%s::' + sql_type.replace('serial', 'int4'), column)

    def convert_to_write(self, value, record):
        """Turn a record value into a value accepted by ``write()``."""
        return value

    def convert_to_export(self, value, record):
        """Turn a record value into a string (or number) for export."""
        if value is False or value is None:
            return ''
        return value

    def null(self, record):
        """The record value of a null field."""
        return self.convert_to_record(None, record)

    # ------------------------------------------------------------------
    # description for clients
    # ------------------------------------------------------------------
    def get_description(self, env):
        """The dict that ``fields_get`` returns for this field."""
        desc = {
            'type': self.type,
            'string': self.string,
            'help': self.help or False,
            'required': bool(self.required),
            'readonly': bool(self.readonly),
            'store': bool(self.store),
            'sortable': bool(self.column),
            'searchable': bool(self.column or self.search or self.related),
            'manual': False,
            'depends': list(self._depends or ()),
            'company_dependent': False,
            'groupable': bool(self.column),
            'exportable': True,
            'change_default': bool(self.change_default),
            'translate': bool(self.translate),
        }
        if self.states:
            desc['states'] = self.states
        if self.size:
            desc['size'] = self.size
        if self.related:
            desc['related'] = self.related
        if self.groups:
            desc['groups'] = self.groups
        if self.context:
            desc['context'] = self.context
        # a form asks `onchange` only for the fields that have an @api.onchange method
        if self.model_name in env and self.name in env[self.model_name]._onchange_methods:
            desc['onchange'] = True
        return desc

    # ------------------------------------------------------------------
    # defaults
    # ------------------------------------------------------------------
    def default_value(self, model):
        """The default for a new record of `model`, or raise KeyError."""
        if self.default is None:
            raise KeyError(self.name)
        if callable(self.default):
            return self.default(model)
        return self.default
