"""`Many2one`: a reference to one record of another model (a foreign key)."""
from .field import Field


class Many2one(Field):
    """A foreign key to `comodel_name`; reads as a recordset of size 0 or 1.

    `ondelete` is what happens to this record when the target is deleted:
    ``set null`` (the default), ``restrict`` or ``cascade``. A required
    many2one defaults to ``restrict``, so that no record loses its target
    silently.
    """

    type = 'many2one'
    column_type = 'int4'
    sql_type = 'int4'
    relational = True
    _attributes = {'comodel_name': None, 'ondelete': None, 'domain': None,
                   'auto_join': False, 'delegate': False, 'check_company': False,
                   'group_operator': None}

    def __init__(self, comodel_name=None, string=None, **kwargs):
        if comodel_name is not None:
            kwargs['comodel_name'] = comodel_name
        super().__init__(string=string, **kwargs)

    def setup(self, model_class, name):
        super().setup(model_class, name)
        if self.ondelete is None:
            self.ondelete = 'restrict' if self.required else 'set null'
        self.ondelete = self.ondelete.lower()
        if self.ondelete not in ('set null', 'restrict', 'cascade'):
            raise ValueError("Field %s: ondelete must be 'set null', 'restrict' "
                             "or 'cascade', not %r" % (self, self.ondelete))

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        if isinstance(value, int):
            return value
        if hasattr(value, '_ids'):
            if len(value._ids) > 1:
                raise ValueError('Field %s takes one record, got %s' % (self, value))
            return value._ids[0] if value._ids else None
        if isinstance(value, (tuple, list)) and value:
            return int(value[0])
        if isinstance(value, str) and value.isdigit():
            return int(value)
        raise ValueError('Wrong value for %s: %r' % (self, value))

    def convert_to_record(self, value, record):
        comodel = record.env[self.comodel_name]
        ids = () if value is None else (value,)
        return comodel._browse(ids, _RelatedPrefetch(record, self))

    def convert_to_read(self, value, record):
        # value is a record; read() batches the display names.
        return (value.id, value.sudo().display_name) if value else False

    def convert_to_write(self, value, record):
        return value.id if value else False

    def convert_to_export(self, value, record):
        return value.display_name if value else ''

    def get_description(self, env):
        desc = super().get_description(env)
        desc['relation'] = self.comodel_name
        desc['domain'] = self.domain if not callable(self.domain) else []
        desc['context'] = self.context or {}
        desc['sortable'] = True
        return desc


class _RelatedPrefetch:
    """The ids of a relation's targets across a record's prefetch batch.

    Evaluated lazily, when a target misses the cache: then every target of
    the batch is fetched at once, which is what makes ``for p in partners:
    p.country_id.name`` cost one query per model instead of one per record.
    """

    __slots__ = ('record', 'field')

    def __init__(self, record, field):
        self.record = record
        self.field = field

    def __iter__(self):
        cache = self.record.env.cache
        field = self.field
        seen = set()
        for record_id in self.record._prefetch_ids:
            value = cache.peek(record_id, field)
            if value is None:
                continue
            for target in (value if isinstance(value, tuple) else (value,)):
                if target not in seen and isinstance(target, int):
                    seen.add(target)
                    yield target
