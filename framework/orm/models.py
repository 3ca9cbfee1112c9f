"""Models and recordsets.

A model is declared as a Python class with a ``_name`` and fields::

    class Partner(models.Model):
        _name = 'res.partner'
        _description = 'Partner'
        name = fields.Char(required=True)

and extended from another addon with ``_inherit = 'res.partner'``. The
registry of a database builds one class per model name from every
definition of the installed addons (see `registry.py`).

An instance of that class is a *recordset*: an ordered set of record ids of
the model, in an environment (cursor, user, context). Everything works on
sets: ``partners.write({...})`` is one UPDATE, ``partners.mapped('name')``
reads all names with one query. This file holds what a recordset *is* (set
operations, iteration, environment switching, names and descriptions);
storage lives in `model_storage.py`, searching in `model_search.py`,
grouping in `model_group.py` and the table definition in `model_schema.py`.
"""
import collections
import logging

from . import decorators as api
from .fields import Field, Id, Char, Datetime, Many2one
from .model_storage import StorageMixin
from .model_search import SearchMixin
from .model_group import GroupMixin
from .model_schema import SchemaMixin
from .model_import import ImportExportMixin
from .model_views import ViewsMixin
from .model_onchange import OnchangeMixin
from ..workflow.recordset import WorkflowMixin

_logger = logging.getLogger(__name__)

LOG_ACCESS_FIELDS = ('create_uid', 'create_date', 'write_uid', 'write_date')


class MetaModel(type):
    """Remembers which addon defines which model classes.

    The registry asks `MetaModel.module_to_models[addon]` for the classes to
    build when it loads that addon.
    """

    module_to_models = collections.defaultdict(list)

    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        if not attrs.get('_register', True):
            return
        module = attrs.get('_module') or _addon_of(attrs.get('__module__', ''))
        cls._module = module
        if module:
            MetaModel.module_to_models[module].append(cls)


def _record_id(model, value):
    """One id given to `browse`: an int, a text of digits, or a new record's id; UserError otherwise."""
    from ..exceptions import UserError
    from .domain import shown
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if value is None or isinstance(value, (bool, str, bytes, float, list, tuple, dict, set)):
        raise UserError("Invalid record id %s for '%s': ids are whole numbers" % (shown(value), model._name))
    return value        # a new record's id (NewId)


def _addon_of(python_module):
    """'addons.crm.models.case' -> 'crm' (None outside addons)."""
    parts = python_module.split('.')
    if len(parts) >= 2 and parts[0] in ('addons', 'odoo', 'openerp'):
        return parts[2] if parts[1] == 'addons' and len(parts) > 2 else parts[1]
    return None


class BaseModel(StorageMixin, SearchMixin, GroupMixin, SchemaMixin, ImportExportMixin,
                OnchangeMixin, ViewsMixin, WorkflowMixin, metaclass=MetaModel):
    """The recordset API shared by every model (see the module docstring)."""

    __slots__ = ('env', '_ids', '_prefetch_ids')
    _register = False

    _name = None                # the model's name, e.g. 'res.partner'
    _description = None         # its human name
    _inherit = ()               # models this class extends or copies
    _inherits = {}              # {parent model: many2one field} delegation
    _table = None               # SQL table (derived from _name)
    _order = 'id'               # default ORDER BY of searches
    _rec_name = None            # field giving the display name
    _sql_constraints = []       # [(name, sql definition, message)]
    _constraints = []           # OpenERP 5 style [(method, message, fields)]
    _auto = True                # create the table from the fields
    _abstract = True
    _transient = False
    _log_access = True          # create_uid/create_date/write_uid/write_date
    _parent_name = 'parent_id'
    _parent_store = False       # keep parent_path for fast child_of
    _active_name = None
    _date_name = 'date'
    _fold_name = 'fold'
    _module = None
    _constraint_methods = []    # [(method name, field names)], set by the registry
    _onchange_methods = {}      # field name -> [method names], set by the registry
    _fields = {}                # name -> Field, set by the registry
    pool = None                 # the Registry, set by the registry

    # fields every model has
    id = Id('ID', readonly=True)
    display_name = Char('Display Name', compute='_compute_display_name', store=False)

    # ------------------------------------------------------------------
    # construction
    # ------------------------------------------------------------------
    @classmethod
    def _browse_new(cls, env, ids, prefetch_ids):
        records = object.__new__(cls)
        records.env = env
        records._ids = ids
        records._prefetch_ids = prefetch_ids
        return records

    def _browse(self, ids, prefetch_ids=None):
        """A recordset of `ids` in this environment, prefetching with `prefetch_ids`."""
        ids = tuple(ids)
        return self._browse_new(self.env, ids, ids if prefetch_ids is None else prefetch_ids)

    def browse(self, ids=None):
        """The records of these ids (an int, a list of ints, or nothing).

        No query is made: use `exists()` to filter out deleted records.
        """
        if not ids:
            ids = ()
        elif isinstance(ids, int) and not isinstance(ids, bool):
            ids = (ids,)
        elif isinstance(ids, str) and ids.isdigit():
            ids = (int(ids),)
        elif hasattr(ids, '__iter__') and not isinstance(ids, (str, bytes)):
            ids = tuple(ids)
            if not all(type(i) is int for i in ids):
                ids = tuple(_record_id(self, i) for i in ids)
        else:
            ids = (_record_id(self, ids),)
        return self._browse(ids)

    # ------------------------------------------------------------------
    # set behaviour
    # ------------------------------------------------------------------
    @property
    def ids(self):
        """The record ids, as a list."""
        return list(self._ids)

    @property
    def _cr(self):
        return self.env.cr

    @property
    def _uid(self):
        return self.env.uid

    @property
    def _context(self):
        return self.env.context

    def __iter__(self):
        for record_id in self._ids:
            yield self._browse_new(self.env, (record_id,), self._prefetch_ids)

    def __reversed__(self):
        for record_id in reversed(self._ids):
            yield self._browse_new(self.env, (record_id,), self._prefetch_ids)

    def __len__(self):
        return len(self._ids)

    def __bool__(self):
        return bool(self._ids)

    def __contains__(self, item):
        if isinstance(item, BaseModel):
            if item._name != self._name:
                raise TypeError('Cannot test %s in %s' % (item._name, self._name))
            return len(item) == 1 and item._ids[0] in self._ids
        if isinstance(item, str):
            return item in self._fields
        raise TypeError('Cannot test %r in a recordset' % (item,))

    def _check_same_model(self, other):
        if not isinstance(other, BaseModel) or other._name != self._name:
            raise TypeError('Cannot combine %s with %r' % (self._name, other))

    def __add__(self, other):
        self._check_same_model(other)
        return self._browse(self._ids + other._ids)

    def concat(self, *others):
        """The records of self then of `others`, duplicates kept."""
        ids = list(self._ids)
        for other in others:
            self._check_same_model(other)
            ids.extend(other._ids)
        return self._browse(ids)

    def __or__(self, other):
        self._check_same_model(other)
        return self._browse(dict.fromkeys(self._ids + other._ids))

    def union(self, *others):
        """The records of self and `others`, each once, in order."""
        ids = list(self._ids)
        for other in others:
            self._check_same_model(other)
            ids.extend(other._ids)
        return self._browse(dict.fromkeys(ids))

    def __and__(self, other):
        self._check_same_model(other)
        other_ids = set(other._ids)
        return self._browse(dict.fromkeys(i for i in self._ids if i in other_ids))

    def __sub__(self, other):
        self._check_same_model(other)
        other_ids = set(other._ids)
        return self._browse(i for i in self._ids if i not in other_ids)

    def __eq__(self, other):
        if not isinstance(other, BaseModel):
            return NotImplemented
        return self._name == other._name and set(self._ids) == set(other._ids)

    def __lt__(self, other):
        self._check_same_model(other)
        return set(self._ids) < set(other._ids)

    def __le__(self, other):
        self._check_same_model(other)
        return set(self._ids) <= set(other._ids)

    def __hash__(self):
        return hash((self._name, frozenset(self._ids)))

    def __repr__(self):
        return '%s%r' % (self._name, tuple(self._ids))

    def __getitem__(self, key):
        """``records[i]`` / ``records[i:j]`` index; ``record['field']`` reads."""
        if isinstance(key, str):
            field = self._fields.get(key)
            if field is None:
                raise KeyError("Model '%s' has no field '%s'" % (self._name, key))
            return field.__get__(self, type(self))
        if isinstance(key, slice):
            return self._browse(self._ids[key], self._prefetch_ids)
        return self._browse_new(self.env, (self._ids[key],), self._prefetch_ids)

    def __setitem__(self, key, value):
        self._fields[key].__set__(self, value)

    def ensure_one(self):
        """Return self if it holds exactly one record, else raise ValueError."""
        if len(self._ids) != 1:
            raise ValueError('Expected singleton: %s' % (self,))
        return self

    # ------------------------------------------------------------------
    # environment switching
    # ------------------------------------------------------------------
    def with_env(self, env):
        """The same records in another environment."""
        return self._browse_new(env, self._ids, self._prefetch_ids)

    def sudo(self, flag=True):
        """The same records with superuser rights (internal code only)."""
        return self.with_env(self.env(su=flag))

    def with_user(self, user):
        """The same records, acting as `user` (an id or a res.users record)."""
        return self.with_env(self.env(user=user, su=False))

    def with_context(self, *args, **kwargs):
        """The same records with a context updated by `kwargs`.

        ``with_context(ctx)`` replaces the context by `ctx` first.
        """
        context = dict(args[0] if args else self.env.context, **kwargs)
        return self.with_env(self.env(context=context))

    def with_company(self, company):
        company_id = company if isinstance(company, int) else company.id
        return self.with_context(force_company=company_id)

    # ------------------------------------------------------------------
    # functional helpers
    # ------------------------------------------------------------------
    def mapped(self, func):
        """Apply `func` (a callable or a dotted field path) to every record.

        A path of relational fields returns the union of the targets as a
        recordset; other values come back as a list.
        """
        if not func:
            return self
        if callable(func):
            values = [func(record) for record in self]
            if values and all(isinstance(v, BaseModel) for v in values):
                return values[0].union(*values[1:])
            return values
        records = self
        for name in func.split('.'):
            field = records._fields.get(name)
            if field is None:
                raise KeyError("Model '%s' has no field '%s'" % (records._name, name))
            if field.relational:
                comodel = records.env[field.comodel_name]
                ids = []
                for record in records:
                    ids.extend(record[name]._ids)
                records = comodel._browse(dict.fromkeys(ids))
            else:
                return [record[name] for record in records]
        return records

    def filtered(self, func):
        """The records for which `func(record)` (or the field path) is true."""
        if isinstance(func, str):
            path = func

            def func(record):
                return any(record.mapped(path))
        return self._browse([r.id for r in self if func(r)], self._prefetch_ids)

    def filtered_domain(self, domain):
        """The records matching `domain`, evaluated in the database."""
        if not domain or not self:
            return self
        found = set(self.with_context(active_test=False).search(
            [('id', 'in', list(self._ids))] + list(domain))._ids)
        return self._browse([i for i in self._ids if i in found], self._prefetch_ids)

    def sorted(self, key=None, reverse=False):
        """The records sorted by `key` (a callable or a field name).

        Without `key`, records are ordered as the model's ``_order`` says.
        """
        if key is None:
            if not self:
                return self
            ordered = self.with_context(active_test=False).search(
                [('id', 'in', list(self._ids))])
            ids = ordered._ids[::-1] if reverse else ordered._ids
            return self._browse(ids, self._prefetch_ids)
        if isinstance(key, str):
            name = key
            key = lambda record: record[name] or ''  # noqa: E731
        return self._browse([r.id for r in sorted(self, key=key, reverse=reverse)],
                            self._prefetch_ids)

    def grouped(self, key):
        """A dict of recordsets grouped by `key` (a callable or a field name)."""
        if isinstance(key, str):
            name = key
            key = lambda record: record[name]  # noqa: E731
        groups = collections.defaultdict(list)
        for record in self:
            groups[key(record)].append(record.id)
        return {k: self._browse(v, self._prefetch_ids) for k, v in groups.items()}

    # ------------------------------------------------------------------
    # names
    # ------------------------------------------------------------------
    @classmethod
    def _rec_name_field(cls):
        """The name of the field that names a record."""
        if cls._rec_name:
            return cls._rec_name
        return 'name' if 'name' in cls._fields else 'id'

    def _hierarchy_path(self, separator=' / '):
        """The names from the root down to this record along ``_parent_name``.

        For trees of records named by their path, e.g. ``Support / Level 1``;
        stops at a cycle rather than looping.
        """
        self.ensure_one()
        rec_name = self._rec_name_field()
        names, node, seen = [], self, set()
        while node and node.id not in seen:
            seen.add(node.id)
            names.append(node[rec_name] or '')
            node = node[self._parent_name]
        return separator.join(reversed(names))

    def _compute_display_name(self):
        for record_id, name in self.name_get():
            self.env.cache.set(record_id, type(self).display_name, name)

    def name_get(self):
        """``[(id, display name)]`` for every record (override to change names)."""
        # names may come without reading a row (inherited or computed as superuser): ask first
        self._check_access('read')
        if type(self)._compute_display_name is not BaseModel._compute_display_name:
            return [(record.id, record.display_name) for record in self]
        rec_name = self._rec_name_field()
        if rec_name == 'id' or rec_name not in self._fields:
            return [(record.id, '%s,%s' % (self._name, record.id)) for record in self]
        field = self._fields[rec_name]
        result = []
        for record in self:
            value = record[rec_name]
            if field.relational:
                value = value.display_name if value else False
            result.append((record.id, value or ''))
        return result

    # ------------------------------------------------------------------
    # descriptions for clients
    # ------------------------------------------------------------------
    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The description of every field (or of `allfields`).

        With `attributes`, each description keeps only those keys. Labels,
        helps and selection labels are in the language of ``env.lang``.
        """
        result = {}
        for name, field in self._fields.items():
            if allfields and name not in allfields:
                continue
            if field.groups and not self.env.su and not self._user_in_groups(field.groups):
                continue
            description = field.get_description(self.env)
            description['name'] = name
            if attributes:
                description = {k: v for k, v in description.items() if k in attributes}
            result[name] = description
        if self.env.lang != 'en_US':
            from ..i18n.labels import translate_descriptions
            translate_descriptions(self.env, self._name, result)
        return result

    def _user_in_groups(self, groups):
        user = self.env.user
        if not hasattr(user, 'has_group'):
            return True
        return any(user.has_group(xmlid.strip()) for xmlid in groups.split(','))

    @api.model
    def default_get(self, fields_list):
        """Default values of `fields_list` for a new record.

        Context keys ``default_<field>`` win over the fields' defaults.
        Values are in the shape `write()` accepts.
        """
        result = {}
        context = self.env.context
        for name in fields_list:
            field = self._fields.get(name)
            if field is None:
                continue
            key = 'default_' + name
            if key in context:
                result[name] = context[key]
                continue
            try:
                value = field.default_value(self)
            except KeyError:
                continue
            if isinstance(value, BaseModel):
                value = value.id if field.type == 'many2one' else [(6, 0, value.ids)]
            result[name] = value
        return result

    def get_metadata(self):
        """Creation and last-change information of the records."""
        result = []
        for record in self:
            info = {'id': record.id, 'xmlid': False, 'noupdate': False}
            for name in LOG_ACCESS_FIELDS:
                if name in self._fields:
                    value = record[name]
                    info[name] = (value.id, value.display_name) if hasattr(value, '_ids') and value else value
            result.append(info)
        return result

    @classmethod
    def _inherits_model(cls, link):
        """The parent model that ``_inherits`` reaches through field `link`."""
        for parent, field_name in cls._inherits.items():
            if field_name == link:
                return parent
        raise KeyError(link)

    def _register_hook(self):
        """Called on every model once the registry is complete (override to
        install run-time hooks, e.g. the access checks of the security layer)."""

    @classmethod
    def _add_magic_fields(cls):
        """The log fields, defined on every model with ``_log_access``."""
        if cls._log_access:
            defaults = {
                'create_uid': Many2one('res.users', 'Created by', readonly=True, ondelete='set null'),
                'create_date': Datetime('Created on', readonly=True),
                'write_uid': Many2one('res.users', 'Last Updated by', readonly=True, ondelete='set null'),
                'write_date': Datetime('Last Updated on', readonly=True),
            }
            return defaults
        return {}


class AbstractModel(BaseModel):
    """A model without a table: methods and fields for others to inherit."""

    _register = False
    _abstract = True
    _auto = False


class Model(BaseModel):
    """A model stored in a table of its own."""

    _register = False
    _abstract = False
    _auto = True


class TransientModel(Model):
    """A model for wizards: stored, and cleaned up by the vacuum after use."""

    _register = False
    _transient = True
    _transient_max_hours = 1.0


__all__ = ['BaseModel', 'AbstractModel', 'Model', 'TransientModel', 'MetaModel', 'Field']
