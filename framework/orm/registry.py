"""The registry: the models of one database, built from its installed addons.

Addons define model *definitions* (Python classes). For each model name the
registry builds one class whose bases are all the definitions of that name
(newest first) and the classes of the models it ``_inherit``s from, so
Python's method resolution order is the override order of the addons. Then
`setup_models` merges the field definitions, binds them to the class, and
derives what the ORM needs at run time: which computed fields depend on
which fields (the *triggers*), which one2many fields a many2one feeds,
constraint methods, and SQL constraint messages.
"""
import logging
import threading

from .fields import Field, Char, Many2one
from .models import MetaModel, BaseModel
from .model_schema import constraint_name

_logger = logging.getLogger(__name__)


class SetupError(Exception):
    """A model or field definition is inconsistent (names the culprit)."""


class Registry:
    """Model classes of one database, by model name."""

    _registries = {}
    _lock = threading.RLock()

    def __init__(self, dbname):
        self.db_name = dbname
        self.models = {}
        self.loaded_modules = []
        self.loaded_xmlids = set()
        self.field_triggers = {}
        self.field_computed = {}
        self.inverse_x2many = {}
        self.sql_constraint_messages = {}
        self.access_checker = None
        self.rule_provider = None
        self.ready = False

    # --- the cache of registries, one per database ---
    @classmethod
    def open(cls, dbname):
        """The registry of `dbname`, loading the installed addons if needed."""
        with cls._lock:
            registry = cls._registries.get(dbname)
            if registry is None:
                from ..modules.loading import load_registry
                registry = load_registry(dbname)
                cls._registries[dbname] = registry
            return registry

    @classmethod
    def publish(cls, registry):
        """Make `registry` the one `open` returns for its database."""
        with cls._lock:
            cls._registries[registry.db_name] = registry

    @classmethod
    def delete(cls, dbname):
        """Forget the registry of `dbname` (after a drop or a failed load)."""
        with cls._lock:
            cls._registries.pop(dbname, None)

    @classmethod
    def delete_all(cls):
        with cls._lock:
            cls._registries.clear()

    # --- mapping ---
    def __getitem__(self, model_name):
        return self.models[model_name]

    def __contains__(self, model_name):
        return model_name in self.models

    def __iter__(self):
        return iter(self.models)

    def __len__(self):
        return len(self.models)

    def get(self, model_name, default=None):
        return self.models.get(model_name, default)

    def run_register_hooks(self, cr):
        """Let every model install its run-time hooks (`_register_hook`)."""
        from .environment import Environment, SUPERUSER_ID
        env = Environment(cr, SUPERUSER_ID, {}, registry=self)
        for name in self.models:
            env[name]._register_hook()

    # ------------------------------------------------------------------
    # building model classes
    # ------------------------------------------------------------------
    def load(self, module):
        """Add the model definitions of addon `module`; return the model names."""
        names = []
        for definition in MetaModel.module_to_models.get(module, ()):
            names.append(self._build_model(definition))
        self.loaded_modules.append(module)
        return list(dict.fromkeys(names))

    def _build_model(self, definition):
        parents = definition._inherit
        parents = [parents] if isinstance(parents, str) else list(parents or ())
        name = definition._name or (parents[0] if len(parents) == 1 else None)
        if not name:
            raise SetupError('Model class %s.%s has no _name' % (definition.__module__,
                                                                 definition.__name__))
        if name in parents:
            if name not in self.models:
                raise SetupError("Model '%s' extended by addon '%s' does not exist; add the addon "
                                 "that defines it to the depends of '%s'"
                                 % (name, definition._module, definition._module))
            model_class = self.models[name]
        else:
            model_class = type(name, (definition,), {
                '_name': name, '_register': False, '_original_module': definition._module,
                '_inherit_children': [], '__slots__': (),
            })
            self.models[name] = model_class
        model_class._definitions = [definition] + list(model_class.__dict__.get('_definitions', ()))
        bases = [definition]
        for parent in parents:
            if parent not in self.models:
                raise SetupError("Model '%s' inherits from unknown model '%s'" % (name, parent))
            parent_class = self.models[parent]
            if parent == name:
                bases.extend(b for b in parent_class.__bases__ if b not in bases)
            else:
                bases.append(parent_class)
                parent_class._inherit_children.append(name)
        if tuple(bases) != model_class.__bases__:
            model_class.__bases__ = tuple(bases)
        return name

    # ------------------------------------------------------------------
    # setting models up
    # ------------------------------------------------------------------
    def setup_models(self):
        """Bind fields to every model class and derive the run-time tables."""
        for model_class in self.models.values():
            model_class.pool = self
            model_class._table = _table_of(model_class)
        for model_class in self.models.values():
            self._setup_fields(model_class)
        for model_class in self.models.values():
            self._setup_inherited_fields(model_class, set())
        for model_class in self.models.values():
            for field in model_class._fields.values():
                if field.type == 'many2many':
                    comodel = self.models.get(field.comodel_name)
                    if comodel is None:
                        raise SetupError("Field %s relates to unknown model '%s'"
                                         % (field, field.comodel_name))
                    field.setup_relation(model_class, comodel)
        self._setup_triggers()
        for model_class in self.models.values():
            model_class._sql_constraints = _merged_sql_constraints(model_class)
            model_class._constraint_methods = _constraint_methods(model_class)
            model_class._onchange_methods = _onchange_methods(model_class)
            for name, _definition, message in model_class._sql_constraints:
                self.sql_constraint_messages[constraint_name(model_class._table, name)] = message
        self.ready = True

    def _setup_fields(self, cls):
        cls._inherited_done = None  # the fields are rebuilt: the inherited ones must be redone too
        for name in cls.__dict__.get('_setup_field_names', ()):
            if name in cls.__dict__:
                delattr(cls, name)
        definitions = {}
        magic = BaseModel._add_magic_fields.__func__(cls)
        for name, field in magic.items():
            field.name = name
            definitions[name] = [field]
        modules = {}
        for klass in reversed(cls.__mro__):
            for name, value in klass.__dict__.items():
                if isinstance(value, Field):
                    definitions.setdefault(name, []).append(value)
                    modules.setdefault(name, klass.__dict__.get('_module') or getattr(klass, '_module', None))
        for parent_model, link in cls._inherits.items():
            if link not in definitions:
                definitions[link] = [Many2one(parent_model, required=True, ondelete='cascade')]
            else:
                definitions[link].append(Many2one(parent_model, required=True, ondelete='cascade'))
        if cls._parent_store and 'parent_path' not in definitions:
            definitions['parent_path'] = [Char('Parent Path', index=True)]
        fields = {}
        for name, defs in sorted(definitions.items(), key=lambda item: item[1][0]._sequence):
            field = defs[0].merged(defs)
            field.setup(cls, name)
            field.inherited = False
            field._module = modules.get(name) or cls._original_module
            fields[name] = field
        cls._fields = fields
        cls._setup_field_names = list(fields)
        for name, field in fields.items():
            setattr(cls, name, field)
        for field in fields.values():
            if field.relational and field.comodel_name not in self.models:
                raise SetupError("Field %s relates to unknown model '%s'; add the addon that "
                                 "defines it to the depends" % (field, field.comodel_name))

    def _setup_inherited_fields(self, cls, visiting):
        """Give ``_inherits`` children a related field for each parent field."""
        if not cls._inherits or getattr(cls, '_inherited_done', None) is self:
            return
        visiting.add(cls._name)
        for parent_model, link in cls._inherits.items():
            parent = self.models[parent_model]
            if parent_model not in visiting:
                self._setup_inherited_fields(parent, visiting)
            for name, parent_field in parent._fields.items():
                if name in cls._fields or name in ('id', 'display_name') or name.startswith('create_') \
                        or name.startswith('write_'):
                    continue
                args = dict(parent_field._args)
                for key in ('compute', 'inverse', 'search', 'default', 'store', 'index'):
                    args.pop(key, None)
                args.update(related='%s.%s' % (link, name), store=False, readonly=parent_field.readonly,
                            required=False, copy=parent_field.copy)
                field = type(parent_field).__new__(type(parent_field))
                Field.__init__(field)
                field._args = args
                field.setup(cls, name)
                field.inherited = True
                field.inherited_link = link
                field.required = parent_field.required
                field.compute_sudo = True
                cls._fields[name] = field
                setattr(cls, name, field)
                cls._setup_field_names.append(name)
        cls._inherited_done = self

    def _setup_triggers(self):
        triggers, computed, inverses = {}, {}, {}
        for model_class in self.models.values():
            by_method = {}
            for field in model_class._fields.values():
                if field.type == 'one2many':
                    comodel = self.models[field.comodel_name]
                    inverse = comodel._fields.get(field.inverse_name)
                    if inverse is None:
                        raise SetupError("Field %s: inverse field '%s' does not exist on '%s'"
                                         % (field, field.inverse_name, field.comodel_name))
                    inverses.setdefault(inverse, []).append(field)
                    if getattr(inverse, 'inherited', False):
                        # the value lives on the _inherits parent: writes happen there
                        parent = self.models[comodel._inherits_model(inverse.inherited_link)]
                        inverses.setdefault(parent._fields[field.inverse_name], []).append(field)
                if not field.compute:
                    continue
                by_method.setdefault(field.compute if isinstance(field.compute, str)
                                     else id(field.compute), []).append(field)
                for path in self._dependencies(model_class, field):
                    self._add_triggers(triggers, model_class, field, path)
            for fields in by_method.values():
                if fields[0].compute == '_compute_related':
                    for field in fields:
                        computed[field] = [field]
                else:
                    for field in fields:
                        computed[field] = fields
        self.field_triggers = triggers
        self.field_computed = computed
        self.inverse_x2many = inverses
        by_relation = {}
        for model_class in self.models.values():
            for field in model_class._fields.values():
                if field.type == 'many2many' and field.store:
                    by_relation.setdefault(field.relation, []).append(field)
        self.many2many_by_relation = by_relation

    def _dependencies(self, model_class, field):
        if field.related:
            field._depends = (field.related,)
            return [field.related]
        method = field.compute if callable(field.compute) else getattr(model_class, field.compute, None)
        if method is None:
            raise SetupError("Field %s: compute method '%s' does not exist" % (field, field.compute))
        depends = getattr(method, '_depends', None) or field.depends or ()
        if callable(depends):
            depends = depends(model_class)
        field._depends = tuple(depends)
        field.depends_context = tuple(getattr(method, '_depends_context', ()))
        return list(depends)

    def _add_triggers(self, triggers, model_class, dependent, path):
        names = path.split('.')
        model = model_class
        for index, name in enumerate(names):
            field = model._fields.get(name)
            if field is None:
                raise SetupError("Field %s depends on '%s', but '%s' has no field '%s'"
                                 % (dependent, path, model._name, name))
            triggers.setdefault(field, []).append((dependent, names[:index]))
            if not field.relational:
                break
            comodel = self.models[field.comodel_name]
            if field.type == 'one2many':
                inverse = comodel._fields[field.inverse_name]
                triggers.setdefault(inverse, []).append((dependent, names[:index + 1]))
            model = comodel


def _table_of(model_class):
    """The `_table` one of the model's own definitions names, else from `_name`."""
    for definition in model_class.__dict__.get('_definitions', ()):
        if definition.__dict__.get('_table'):
            return definition.__dict__['_table']
    return model_class._name.replace('.', '_')


def _merged_sql_constraints(cls):
    """The ``_sql_constraints`` of every class `cls` is built from, by name (as Odoo does,
    an extension adds constraints to those of the model it extends; a same name replaces)."""
    merged = {}
    # cls itself only holds what an earlier setup merged: its definitions are in its bases
    for klass in reversed(cls.__mro__[1:]):
        for constraint in klass.__dict__.get('_sql_constraints', ()):
            merged.pop(constraint[0], None)
            merged[constraint[0]] = constraint
    return list(merged.values())


def _constraint_methods(cls):
    methods = []
    for name in dir(cls):
        if name.startswith('__'):
            continue
        value = getattr(cls, name, None)
        names = getattr(value, '_constrains', None)
        if names and callable(value):
            methods.append((name, set(names)))
    return methods


def _onchange_methods(cls):
    methods = {}
    for name in dir(cls):
        if name.startswith('__'):
            continue
        value = getattr(cls, name, None)
        for field_name in getattr(value, '_onchange', None) or ():
            methods.setdefault(field_name, []).append(name)
    return methods
