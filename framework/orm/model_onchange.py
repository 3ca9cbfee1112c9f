"""Form helpers: records that live only in memory, and onchange.

`new` makes a record with a `NewId`: its values stay in the cache and are
never written. `onchange` runs the ``@api.onchange`` methods and the
computed fields concerned by a change on such a record, and returns the
values that changed, as a form expects them.
"""
from . import decorators as api


class NewId:
    """The id of a record that exists only in memory (false in a boolean test)."""

    __slots__ = ('origin',)

    def __init__(self, origin=None):
        self.origin = origin

    def __bool__(self):
        return False

    def __repr__(self):
        return '<NewId origin=%r>' % (self.origin,)


class OnchangeMixin:
    """`new` and `onchange` (part of `BaseModel`)."""

    __slots__ = ()

    @api.model
    def new(self, values=None, origin=None):
        """A record in memory with `values`; fields not given read from
        `origin` (a record) or take their null value."""
        new_id = NewId(origin.id if origin else None)
        record = self._browse((new_id,))
        cache = self.env.cache
        for name, value in (values or {}).items():
            field = self._fields.get(name)
            if field is None or name == 'id':
                continue
            if field.type in ('one2many', 'many2many'):
                value = tuple(_x2many_ids(value))
            cache.set(new_id, field, field.convert_to_cache(value, record, validate=False))
        return record

    def _fetch_new(self, field):
        """Fill the cache of `field` for this new record (no database)."""
        record_id = self._ids[0]
        if field.compute:
            self._compute_field_values(field)
            return
        origin = record_id.origin
        if origin:
            value = self.browse(origin)[field.name]
            self.env.cache.set(record_id, field, field.convert_to_cache(value, self, validate=False))
        else:
            null = () if field.type in ('one2many', 'many2many') else None
            self.env.cache.set(record_id, field, null)

    @api.model
    def onchange(self, values, field_name, field_onchange):
        """Apply the consequences of changing `field_name` in a form.

        `values` are the form's current values, `field_name` the changed
        field (a list of names, or False for a new form), `field_onchange`
        the fields the form shows (a dict or list). Returns ``{'value':
        changed values, 'warning': False or {'title', 'message'}}``.
        """
        names = [field_name] if isinstance(field_name, str) else list(field_name or [])
        shown = [n for n in (field_onchange or values) if n in self._fields and n != 'id']
        origin = self.browse(values['id']) if values.get('id') else None
        record = self.new(values, origin=origin)
        warnings = []
        todo = names or [n for n in self._onchange_methods if n in values]
        for name in todo:
            for method_name in self._onchange_methods.get(name, ()):
                result = getattr(record, method_name)()
                if isinstance(result, dict) and result.get('warning'):
                    warnings.append(result['warning'])
            record._invalidate_dependents(name)
        changed = {}
        for name in shown:
            if name in names:
                continue
            value = record._onchange_value(name)
            if name not in values or not _same(self._fields[name], values[name], value):
                changed[name] = value
        warning = False
        if warnings:
            warning = {'title': warnings[0].get('title', ''),
                       'message': '\n\n'.join(w.get('message', '') for w in warnings)}
        return {'value': changed, 'warning': warning}

    def _onchange_value(self, name):
        field = self._fields[name]
        return field.convert_to_read(self[name], self)

    def _invalidate_dependents(self, name):
        """Forget, on this new record, the computed values depending on `name`."""
        todo, seen = [self._fields[name]], set()
        while todo:
            field = todo.pop()
            for dependent, path in self.pool.field_triggers.get(field, ()):
                if not path and dependent.model_name == self._name and dependent not in seen:
                    seen.add(dependent)
                    self.env.cache.invalidate(dependent, self._ids)
                    todo.append(dependent)


def _same(field, form_value, read_value):
    """Whether the form already shows `read_value` (form values are write-shaped)."""
    if field.type == 'many2one':
        form_id = form_value[0] if isinstance(form_value, (list, tuple)) else form_value
        return (form_id or False) == (read_value[0] if read_value else False)
    if field.type in ('one2many', 'many2many'):
        return _x2many_ids(form_value) == list(read_value or [])
    return (form_value if form_value is not None else False) == read_value


def _x2many_ids(value):
    """Ids kept from what a form sends for an x2many (ids or commands)."""
    ids = []
    for item in value or ():
        if isinstance(item, int):
            ids.append(item)
        elif isinstance(item, (list, tuple)) and item:
            if item[0] == 6:
                ids = list(item[2])
            elif item[0] in (1, 4) and item[1]:
                ids.append(item[1])
    return ids
