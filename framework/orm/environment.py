"""The environment: who calls (uid, context) on which transaction (cursor).

`Environment` is what ``self.env`` is on every recordset. All environments
on one cursor share a `Transaction`: the record cache, the computed fields
waiting to be recomputed, and the stored computed values waiting to be
written. The cache is cleared when the transaction ends, so a record never
shows a value another transaction might have changed.
"""
from collections.abc import Mapping

from ..exceptions import CacheMiss, MissingError
from .sql import SQL

SUPERUSER_ID = 1
PREFETCH_MAX = 1000


class Cache:
    """Field values by field and record id, in the cache shape.

    A computed field whose method depends on context keys
    (``api.depends_context``) has one value per value of those keys: each
    environment sees the transaction's cache through a `Cache` of its own
    that shares the storage (`for_context`) and files such a field's values
    under ``(field, the keys' values)``; every other field is filed under
    itself, shared by all the environments of the transaction.
    """

    __slots__ = ('_data', '_context')

    def __init__(self, data=None, context=None):
        self._data = {} if data is None else data
        self._context = context or {}

    def for_context(self, context):
        """This cache as an environment with ``context`` sees it (the same storage)."""
        return Cache(self._data, context)

    def _key(self, field):
        keys = field.depends_context
        if not keys:
            return field
        # repr: context values may be lists or dicts, which cannot be dict keys
        return (field, tuple(repr(self._context.get(key)) for key in keys))

    def get(self, record_id, field):
        """The cached value, or raise `CacheMiss`."""
        try:
            return self._data[self._key(field)][record_id]
        except KeyError:
            raise CacheMiss(record_id, field)

    def peek(self, record_id, field, default=None):
        """The cached value, or `default` when it is not cached."""
        return self._data.get(self._key(field), {}).get(record_id, default)

    def contains(self, record_id, field):
        return record_id in self._data.get(self._key(field), ())

    def set(self, record_id, field, value):
        self._data.setdefault(self._key(field), {})[record_id] = value

    def update(self, ids, field, values):
        """Cache `values` (an iterable matching `ids`) for `field`."""
        self._data.setdefault(self._key(field), {}).update(zip(ids, values))

    def missing_ids(self, field, ids):
        """The ids among `ids` whose value for `field` is not cached."""
        known = self._data.get(self._key(field), {})
        return [i for i in ids if i not in known]

    def invalidate(self, field=None, ids=None):
        """Forget values: of one field (in every context) or all, of some ids or all."""
        if field is None:
            if ids is None:
                self._data.clear()
            else:
                for values in self._data.values():
                    for record_id in ids:
                        values.pop(record_id, None)
            return
        keys = [field]
        if field.depends_context:
            keys = [key for key in list(self._data) if key is field or (type(key) is tuple and key[0] is field)]
        for key in keys:
            if ids is None:
                self._data.pop(key, None)
            else:
                values = self._data.get(key)
                if values:
                    for record_id in ids:
                        values.pop(record_id, None)


class _ClosedCursor:
    """Stands for the cursor of a detached transaction."""

    closed = True


class Transaction:
    """The ORM state shared by every environment of one cursor."""

    def __init__(self, cr, registry):
        self.cr = cr
        self.registry = registry
        self.cache = Cache()
        self.tocompute = {}     # field -> set of ids to recompute
        self.dirty = {}         # stored computed field -> ids to write
        self.protected = {}     # field -> ids whose assignment goes to cache
        self._hooked = False

    @classmethod
    def of(cls, cr, registry=None):
        """The transaction of `cr`, created on first use."""
        transaction = getattr(cr, '_orm_transaction', None)
        if transaction is None or (registry is not None and transaction.registry is not registry):
            if registry is None:
                from .registry import Registry
                registry = Registry.open(cr.dbname)
            if transaction is not None:
                transaction.detach()
            transaction = cls(cr, registry)
            cr._orm_transaction = transaction
            cr.flush_hooks.append(transaction.flush)
            cr.rollback_hooks.append(transaction.reset)
            cr.postcommit.add(transaction.reset)
        return transaction

    def detach(self):
        """Stop following the cursor (another transaction object replaces this one)."""
        if self.cr is _ClosedCursor:
            return
        # the old transaction must have nothing left to write
        self.flush()
        for hooks, func in ((self.cr.flush_hooks, self.flush), (self.cr.rollback_hooks, self.reset)):
            if func in hooks:
                hooks.remove(func)
        self.cr = _ClosedCursor

    def reset(self):
        """Forget everything: the transaction (or a savepoint) ended.

        Values cached in a transaction may be stale in the next one, and
        values cached after a savepoint was rolled back are wrong.
        """
        self.cache.invalidate()
        self.tocompute.clear()
        self.dirty.clear()
        self._hooked = False
        if self.cr is not _ClosedCursor and not self.cr.closed:
            self.cr.postcommit.add(self.reset)

    def _hook_commit(self):
        # Pending work must reach the database before the commit.
        if not self._hooked:
            self._hooked = True
            self.cr.precommit.add(self.flush)

    def add_to_compute(self, field, ids):
        if ids:
            self.tocompute.setdefault(field, set()).update(ids)
            self._hook_commit()

    def mark_dirty(self, field, ids):
        self.dirty.setdefault(field, set()).update(ids)
        self._hook_commit()

    def flush(self, fields=None):
        """Recompute pending fields and write stored computed values.

        With `fields`, only those fields are flushed; that is what a search
        or a field access does before reading columns. A compute method may
        read other pending fields: they are flushed on the spot (each batch
        of ids is taken out of the pending set before computing, so this
        always ends).
        """
        if self.cr is _ClosedCursor:
            return      # detached: the transaction that replaced this one does the work
        if self.cr is _ClosedCursor:
            return      # detached: a newer transaction object follows the cursor
        env = Environment(self.cr, SUPERUSER_ID, {'active_test': False}, registry=self.registry)
        for _ in range(1000):
            pending = [f for f in self.tocompute if fields is None or f in fields]
            if not pending:
                break
            for field in pending:
                ids = self.tocompute.pop(field, set())
                if ids:
                    env[field.model_name]._recompute_field(field, ids)
        self._write_dirty(env, fields)

    def _write_dirty(self, env, fields):
        by_model = {}
        for field in list(self.dirty):
            if fields is None or field in fields:
                by_model.setdefault(field.model_name, {})[field] = self.dirty.pop(field)
        for model_name, field_ids in by_model.items():
            env[model_name]._write_cached_values(field_ids)


class Environment(Mapping):
    """A cursor, a user and a context; ``env[model]`` gives recordsets."""

    def __init__(self, cr, uid, context=None, su=False, registry=None):
        self.cr = cr
        self.uid = uid
        self.context = dict(context or {})
        self.su = bool(su or uid == SUPERUSER_ID)
        self.transaction = Transaction.of(cr, registry)
        self.registry = self.transaction.registry
        self.cache = self.transaction.cache.for_context(self.context)

    # --- mapping of model names to empty recordsets ---
    def __getitem__(self, model_name):
        try:
            model_class = self.registry[model_name]
        except KeyError:
            raise KeyError("Model '%s' does not exist; check the model name or "
                           "install the module that defines it" % model_name) from None
        return model_class._browse_new(self, (), ())

    def __contains__(self, model_name):
        return model_name in self.registry

    def __iter__(self):
        return iter(self.registry)

    def __len__(self):
        return len(self.registry)

    def __eq__(self, other):
        return (isinstance(other, Environment) and self.cr is other.cr and self.uid == other.uid
                and self.su == other.su and self.context == other.context)

    def __hash__(self):
        return hash((id(self.cr), self.uid, self.su))

    def __call__(self, cr=None, user=None, context=None, su=None):
        """A copy of this environment with some parts replaced."""
        uid = self.uid if user is None else (user if isinstance(user, int) else user.id)
        if su is None:
            su = self.su if user is None else False
        return Environment(cr or self.cr, uid, self.context if context is None else context,
                           su=su, registry=self.registry if cr is None else None)

    # --- who and where ---
    @property
    def user(self):
        """The current user as a ``res.users`` record (superuser rights)."""
        return self(su=True)['res.users'].browse(self.uid)

    @property
    def company(self):
        """The current user's company (the first company as a fallback)."""
        company_id = self.context.get('force_company')
        if not company_id and 'company_id' in self.registry['res.users']._fields:
            company_id = self.user.company_id.id
        return self(su=True)['res.company'].browse(company_id or 1)

    @property
    def lang(self):
        """The context's language code, or ``en_US`` when it gives none a query could use."""
        lang = self.context.get('lang')
        if not isinstance(lang, str) or not lang or '\x00' in lang:
            return 'en_US'
        return lang

    def ref(self, xmlid, raise_if_not_found=True):
        """The record that external id `xmlid` (``module.name``) names."""
        try:
            model, res_id = self['ir.model.data']._xmlid_to_res_model_res_id(
                xmlid, raise_if_not_found=True)
        except ValueError:
            if raise_if_not_found:
                raise
            return None
        record = self[model].browse(res_id)
        if not record.exists():
            if raise_if_not_found:
                raise MissingError("External ID %s points to a deleted record (%s, %s)"
                                   % (xmlid, model, res_id))
            return None
        return record

    def is_superuser(self):
        return self.su

    def is_admin(self):
        return self.su or self.user.has_group('base.group_erp_manager')

    def is_system(self):
        return self.su or self.user.has_group('base.group_system')

    # --- cache and pending work ---
    def flush_all(self):
        """Write everything pending to the database."""
        self.transaction.flush()

    def invalidate_all(self):
        """Forget every cached value (after raw SQL writes, for instance)."""
        self.transaction.flush()
        self.cache.invalidate()

    def execute(self, query):
        """Run an `SQL` and return all rows."""
        self.cr.execute(*query.as_args())
        return self.cr.fetchall()

    # --- fetching on cache miss ---
    def fetch_field(self, record, field):
        """Fill the cache for `field` of `record` and its prefetch batch."""
        model = record.browse()
        record_id = record._ids[0]
        if not isinstance(record_id, int):
            record._fetch_new(field)
            return
        pending = self.transaction.tocompute.get(field)
        if field.compute and (not field.store or (pending and record_id in pending)):
            if field.store:
                self.transaction.flush({field})
                if self.cache.contains(record_id, field):
                    return
            else:
                batch = self._batch(record, field)
                model.browse(batch)._compute_field_values(field)
                return
        batch = self._batch(record, field)
        records = model.browse(batch)
        if field.column:
            records._fetch_columns([field])
        elif field.type in ('one2many', 'many2many') and field.store:
            field.fetch(records)
        else:
            for other in batch:
                self.cache.set(other, field, None)
        if not self.cache.contains(record_id, field):
            if field.column:
                model.browse(record_id)._check_forbidden('read')   # hidden by a rule?
            raise MissingError("Record does not exist or has been deleted: %s(%s,) "
                               "(field %s)" % (model._name, record_id, field.name))

    def _batch(self, record, field):
        """The ids to fetch together with `record` for `field`."""
        record_id = record._ids[0]
        batch = [record_id]
        cache_values = self.cache._data.get(field, {})
        for other in record._prefetch_ids:
            if len(batch) >= PREFETCH_MAX:
                break
            if other != record_id and isinstance(other, int) and other not in cache_values:
                batch.append(other)
        return batch


__all__ = ['Environment', 'Transaction', 'Cache', 'SUPERUSER_ID', 'SQL']
