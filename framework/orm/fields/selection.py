"""`Selection`: one value out of a list of ``(value, label)`` pairs.

The list is given directly, or as the name of a model method returning it
(so addons can compute it, e.g. from ``res.request.link``).
`selection_add` in an extension appends pairs to the original list.
"""
from .field import Field


class Selection(Field):
    """A choice among (value, label) pairs."""

    type = 'selection'
    column_type = 'varchar'
    sql_type = 'varchar'
    _attributes = {'selection': None, 'selection_add': None}

    def __init__(self, selection=None, string=None, **kwargs):
        if selection is not None:
            kwargs['selection'] = selection
        super().__init__(string=string, **kwargs)

    @classmethod
    def merged(cls, definitions):
        field = super().merged(definitions)
        # selection_add of every extension is appended, in loading order.
        pairs = None
        for definition in definitions:
            if not isinstance(definition, Selection):
                continue
            if 'selection' in definition._args:
                pairs = definition._args['selection']
            for pair in definition._args.get('selection_add') or ():
                if isinstance(pairs, list):
                    pairs = [p for p in pairs if p[0] != pair[0]] + [tuple(pair)]
        if pairs is not None:
            field._args['selection'] = pairs
        field._args.pop('selection_add', None)
        return field

    def setup(self, model_class, name):
        super().setup(model_class, name)
        if isinstance(self.selection, list) and self.selection and \
                all(isinstance(p[0], int) for p in self.selection):
            self.column_type = 'int4'
            self.sql_type = 'int4'

    def get_values(self, env):
        """Return the list of (value, label) pairs in this environment."""
        selection = self.selection
        if getattr(self, 'inherited', False):
            # an _inherits copy: the method naming the values lives on the parent model
            parent = env[self.model_name]._inherits_model(self.inherited_link)
            return env[parent]._fields[self.name].get_values(env)
        if isinstance(selection, str):
            selection = getattr(env[self.model_name], selection)()
        elif callable(selection):
            selection = selection(env[self.model_name])
        return list(selection or [])

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False or value == '':
            return None
        if validate and not isinstance(self.selection, (str,)) and not callable(self.selection):
            values = [pair[0] for pair in self.selection or ()]
            if value not in values:
                raise ValueError("Wrong value for %s: %r (expected one of %s)"
                                 % (self, value, ', '.join(repr(v) for v in values)))
        return value

    def convert_to_export(self, value, record):
        if not value:
            return ''
        return dict(self.get_values(record.env)).get(value, value)

    def get_description(self, env):
        desc = super().get_description(env)
        desc['selection'] = [list(pair) for pair in self.get_values(env)]
        return desc
