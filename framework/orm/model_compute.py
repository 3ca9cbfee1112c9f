"""Computed fields and constraints: what happens after values change.

When fields are written, `modified` finds the computed fields that depend
on them (through the triggers the registry derived from ``@api.depends``)
and marks them: stored ones are recomputed for all marked records at once
before the next search, read or commit and written back with one UPDATE;
non-stored ones are simply forgotten from the cache and computed again on
the next access. Then ``@api.constrains`` methods check the records.
"""
from ..exceptions import ValidationError
from .sql import SQL


class ComputeMixin:
    """Dependency tracking, recomputation and validation (part of `BaseModel`)."""

    __slots__ = ()

    # ------------------------------------------------------------------
    # computing
    # ------------------------------------------------------------------
    def _compute_field_values(self, field):
        """Compute `field` (and its siblings of the same method) on self."""
        fields = self.pool.field_computed.get(field, [field])
        records = self.sudo() if field.compute_sudo else self
        self._run_compute(records, fields)

    def _run_compute(self, records, fields):
        transaction = self.env.transaction
        ids = set(records._ids)
        for field in fields:
            transaction.protected.setdefault(field, set()).update(ids)
        try:
            compute = fields[0].compute
            if isinstance(compute, str):
                getattr(records, compute)()
            else:
                compute(records)
        finally:
            for field in fields:
                transaction.protected.get(field, set()).difference_update(ids)
        cache = self.env.cache
        for field in fields:
            missing = cache.missing_ids(field, records._ids)
            for record_id in missing:
                cache.set(record_id, field, field.convert_to_cache(False, records)
                          if field.type in ('one2many', 'many2many') else None)
            missing = [i for i in missing if isinstance(i, int)]
            if field.store and missing:
                transaction.mark_dirty(field, missing)

    def _recompute_field(self, field, ids):
        """Recompute the stored field `field` for `ids`; values go to cache."""
        fields = self.pool.field_computed.get(field, [field])
        for sibling in fields:
            pending = self.env.transaction.tocompute.get(sibling)
            if pending:
                pending.difference_update(ids)
        records = self.sudo().browse(sorted(ids))
        self._run_compute(records, fields)

    def _compute_related(self):
        """Compute every related field being computed on these records."""
        transaction = self.env.transaction
        for name, field in self._fields.items():
            if not field.related or not (transaction.protected.get(field, set()) & set(self._ids)):
                continue
            path = field.related.split('.')
            for record in self:
                value = record
                for step in path[:-1]:
                    value = value[step]
                    if len(value) > 1:
                        value = value[0]
                target = value[path[-1]] if value else value._fields[path[-1]].null(value)
                self.env.cache.set(record.id, field, field.convert_to_cache(target, record, validate=False))

    def _inverse_related(self):
        """Write related fields through to their targets."""
        for name, field in self._fields.items():
            protected = self.env.transaction.protected.get(field, set())
            if not field.related or not (protected & set(self._ids)):
                continue
            path = field.related.split('.')
            for record in self:
                target = record
                for step in path[:-1]:
                    target = target[step]
                if target:
                    value = self.env.cache.get(record.id, field)
                    target_field = target._fields[path[-1]]
                    if target_field.type == 'many2one':
                        value = value or False
                    elif target_field.type in ('one2many', 'many2many'):
                        value = [(6, 0, list(value or ()))]
                    target.write({path[-1]: value if value is not None else False})

    def _write_cached_values(self, field_ids):
        """Write computed values from the cache: one UPDATE per field set."""
        cache = self.env.cache
        by_fields = {}
        per_id = {}
        for field, ids in field_ids.items():
            for record_id in ids:
                per_id.setdefault(record_id, []).append(field)
        for record_id, fields in per_id.items():
            key = tuple(sorted(fields, key=lambda f: f.name))
            by_fields.setdefault(key, []).append(record_id)
        table = SQL.identifier(self._table)
        for fields, ids in by_fields.items():
            rows = []
            for record_id in sorted(ids):
                values = [SQL('%s::' + _cast(f), f.convert_to_column(cache.peek(record_id, f)))
                          for f in fields]
                rows.append(SQL('(%s, %s)', record_id, SQL.join(', ', values)))
            names = SQL.join(', ', [SQL.identifier(f.name) for f in fields])
            assignments = SQL.join(', ', [SQL('%s = "v".%s', SQL.identifier(f.name),
                                              SQL.identifier(f.name)) for f in fields])
            query = SQL('UPDATE %s SET %s FROM (VALUES %s) AS "v"("id", %s) WHERE %s = "v"."id"',
                        table, assignments, SQL.join(', ', rows), names,
                        SQL.identifier(self._table, 'id'))
            with self._sql_errors():
                self.env.cr.execute(*query.as_args())

    # ------------------------------------------------------------------
    # dependencies
    # ------------------------------------------------------------------
    def modified(self, names, before=False):
        """Mark what depends on fields `names` of these records.

        Marking is transitive: a stored field marked for recomputation marks
        in turn what depends on it, so that reading any of them recomputes
        in the right order. Called with ``before=True`` before a relation
        changes, so that the records depending on the *old* target are
        marked too.
        """
        if not self or not names:
            return
        registry = self.pool
        transaction = self.env.transaction
        cache = self.env.cache
        for name in names:
            field = self._fields.get(name)
            if field is None:
                continue
            for o2m in registry.inverse_x2many.get(field, ()):
                cache.invalidate(o2m)
            for dependent, path in registry.field_triggers.get(field, ()):
                if not dependent.store:
                    cache.invalidate(dependent)
                    continue
                targets = self._records_through(dependent.model_name, path)
                pending = transaction.tocompute.get(dependent, ())
                new = [i for i in targets if i not in pending]
                if new:
                    transaction.add_to_compute(dependent, new)
                    cache.invalidate(dependent, new)
                    self.env[dependent.model_name].browse(new).modified([dependent.name])

    def _records_through(self, model_name, path):
        """Ids of `model_name` records reaching self through field `path`."""
        if not path:
            return set(self._ids)
        model = self.env[model_name].sudo().with_context(active_test=False)
        if len(path) == 1:
            field = model._fields[path[0]]
            if field.type == 'one2many' and self._fields[field.inverse_name].store:
                return set(self.sudo().mapped(field.inverse_name)._ids)
        return set(model.search([('.'.join(path), 'in', list(self._ids))])._ids)

    def _mark_created(self):
        """After a create: compute stored fields and notify dependents."""
        transaction = self.env.transaction
        for field in self._fields.values():
            if field.compute and field.store:
                transaction.add_to_compute(field, self._ids)
        self.modified([name for name, f in self._fields.items() if f.store and not f.compute])

    # ------------------------------------------------------------------
    # validation
    # ------------------------------------------------------------------
    def _validate_fields(self, names):
        """Run the constraints concerned by fields `names` on self."""
        if not self:
            return
        names = set(names)
        for method_name, fields in type(self)._constraint_methods:
            if names & fields:
                getattr(self, method_name)()
        for check, message, fields in type(self)._constraints:
            if not fields or names & set(fields):
                method = getattr(self, check) if isinstance(check, str) else check.__get__(self)
                if not method():
                    raise ValidationError(message() if callable(message) else message)

    # ------------------------------------------------------------------
    # hierarchy
    # ------------------------------------------------------------------
    def _parent_store_update(self):
        """Recompute ``parent_path`` for self and every descendant."""
        table = SQL.identifier(self._table)
        parent = SQL.identifier(self._parent_name)
        cr = self.env.cr
        for record_id in sorted(self._ids):
            cr.execute(*SQL('SELECT parent_path FROM %s WHERE id = %s', table, record_id).as_args())
            old = (cr.fetchone() or [None])[0]
            cr.execute(*SQL('SELECT p.parent_path FROM %s t JOIN %s p ON p.id = t.%s WHERE t.id = %s',
                            table, table, parent, record_id).as_args())
            row = cr.fetchone()
            new = '%s%s/' % (row[0] if row else '', record_id)
            if row and row[0] and ('/%s/' % record_id in '/' + row[0]):
                raise ValidationError('Recursion detected: a record of %s cannot be its own '
                                      'ancestor.' % (self._description or self._name))
            if old:
                cr.execute(*SQL("UPDATE %s SET parent_path = %s || substr(parent_path, %s) "
                                "WHERE parent_path LIKE %s", table, new, len(old) + 1,
                                old + '%').as_args())
            cr.execute(*SQL('UPDATE %s SET parent_path = %s WHERE id = %s', table, new,
                            record_id).as_args())
        self.env.cache.invalidate(self._fields['parent_path'])


def _cast(field):
    sql_type = getattr(field, 'sql_type', None) or field.column_type
    return 'int4' if sql_type == 'serial' else sql_type
