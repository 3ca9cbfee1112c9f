"""Searching: domains and orders become one SELECT.

`_search` builds a `Query` (domain, active filter, record rules, order);
`search`, `search_count`, `search_read` and `name_search` run it. Order
specifications are parsed and checked against the model's fields, so an
order string never reaches SQL as text.
"""
import re

from . import decorators as api
from ..exceptions import UserError
from .domain import DomainCompiler, DomainError, normalize, shown
from .query import Query
from .sql import SQL

_ORDER_TERM = re.compile(r'^\s*([a-zA-Z_][a-zA-Z0-9_]*)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$',
                         re.IGNORECASE)


class SearchMixin:
    """Search methods (part of `BaseModel`)."""

    __slots__ = ()

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """A `Query` for the records matching `domain` (not run yet).

        The user needs read access to the model (AccessError otherwise);
        the record rules for reading restrict the result.
        """
        self._check_access('read')
        domain = normalize(domain)
        limit, offset = _count('limit', limit), _count('offset', offset)
        if order is not None and order is not False and not isinstance(order, str):
            raise DomainError('Invalid order %s: an order is a text such as "name desc, id"'
                              % shown(order))
        self._flush_search(domain, order)
        query = Query(self._table)
        if self._active_field() and self.env.context.get('active_test', True):
            if not any(isinstance(leaf, tuple) and leaf[0] == self._active_field() for leaf in domain):
                domain = ['&', (self._active_field(), '=', True)] + domain if domain \
                    else [(self._active_field(), '=', True)]
        if domain:
            query.add_where(DomainCompiler(self, query).compile(domain))
        rule = self._record_rule_condition('read')
        if rule:
            query.add_where(rule)
        query.order = self._order_to_sql(order or self._order, query)
        query.limit = limit
        query.offset = offset
        return query

    def _flush_search(self, domain, order):
        """Write pending computed values of the fields the search reads."""
        transaction = self.env.transaction
        if not transaction.tocompute and not transaction.dirty:
            return
        names = {leaf[0].split('.')[0] for leaf in domain if isinstance(leaf, tuple)
                 and isinstance(leaf[0], str)}
        names.update(re.findall(r'[a-zA-Z_][a-zA-Z0-9_]*', order or self._order or ''))
        fields = {self._fields[n] for n in names if n in self._fields}
        if any('.' in leaf[0] for leaf in domain if isinstance(leaf, tuple) and isinstance(leaf[0], str)):
            fields = None       # paths reach other models: flush everything
        transaction.flush(fields)

    @classmethod
    def _active_field(cls):
        if cls._active_name:
            return cls._active_name
        return 'active' if 'active' in cls._fields else None

    @api.model
    def search(self, domain, offset=0, limit=None, order=None, count=False):
        """The records matching `domain`, ordered by `order` or ``_order``."""
        if count:
            return self.search_count(domain, limit=limit)
        query = self._search(domain, offset, limit, order)
        if query.is_empty():
            return self.browse()
        self.env.cr.execute(*query.select().as_args())
        return self._browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def search_count(self, domain, limit=None):
        """How many records match `domain`."""
        query = self._search(domain, limit=limit)
        self.env.cr.execute(*query.count().as_args())
        return self.env.cr.fetchone()[0]

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        """`search` then `read`, keeping the search order."""
        records = self.search(domain or [], offset=offset, limit=limit, order=order)
        if not records:
            return []
        return records.read(fields, **kwargs)

    @api.model
    def web_search_read(self, domain=None, fields=None, offset=0, limit=80, order=None, count_limit=None):
        """One page of a list: ``{'length': matching records, 'records': read of the page}``.

        The count costs a query only when the page is full (otherwise the
        page itself tells how many match); `count_limit` caps that count so
        a huge table does not have to be counted to the end.
        """
        records = self.search(domain or [], offset=offset or 0, limit=limit, order=order)
        values = records.read(fields) if records else []
        if limit and len(records) == limit:
            length = self.search_count(domain or [], limit=count_limit)
        else:
            length = (offset or 0) + len(records)
        return {'length': length, 'records': values}

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        """``[(id, display name)]`` of records whose name matches `name`."""
        domain = list(args or [])
        if name:
            domain = ['&'] + normalize(domain) + [(self._rec_name_field(), operator, name)] \
                if domain else [(self._rec_name_field(), operator, name)]
        return self.search(domain, limit=limit).name_get()

    @api.model
    def name_create(self, name):
        """Create a record from its name only; return ``(id, display name)``."""
        rec_name = self._rec_name_field()
        if rec_name not in self._fields or rec_name == 'id':
            raise ValueError("Cannot create a '%s' from a name: it has no name field" % self._name)
        record = self.create({rec_name: name})
        return record.name_get()[0]

    # ------------------------------------------------------------------
    # order
    # ------------------------------------------------------------------
    def _order_to_sql(self, order, query, alias=None, depth=0):
        """The ORDER BY of `order` ("field [asc|desc] [nulls first|last], ...")."""
        if not order:
            return SQL.identifier(alias or query.table, 'id')
        alias = alias or query.table
        terms = []
        for term in order.split(','):
            if not term.strip():
                continue
            match = _ORDER_TERM.match(term)
            if not match:
                raise DomainError('Invalid order term %s: use "field [asc|desc] [nulls first|last]", '
                                  'separated by commas' % shown(term.strip()))
            name, direction, nulls = match.groups()
            direction = (direction or 'asc').upper()
            field = self._fields.get(name)
            if field is None:
                raise DomainError("Invalid order term %s: model '%s' has no field '%s'"
                                  % (shown(term.strip()), self._name, shown(name)[1:-1]))
            if field.type == 'many2one' and field.store and depth < 1:
                comodel = self.env[field.comodel_name]
                join_alias = query.left_join(alias, name, comodel._table, 'id', name)
                sub = comodel._order_to_sql(comodel._order, query, join_alias, depth + 1)
                if direction == 'DESC':
                    sub = SQL(_reverse_order(sub.code), *sub.params) if not sub.params else sub
                terms.append(sub)
                continue
            if not (field.column or name == 'id'):
                raise DomainError("Cannot order '%s' by field '%s': it is not stored"
                                  % (self._name, name))
            column = field.column_expression(SQL.identifier(alias, name), self.env)
            text = '%s ' + direction
            if nulls:
                text += ' NULLS ' + nulls.upper()
            terms.append(SQL(text, column))
        return SQL.join(', ', terms) if terms else SQL.identifier(alias, 'id')

    # ------------------------------------------------------------------
    # hierarchy
    # ------------------------------------------------------------------
    @api.model
    def _descendants(self, ids):
        """Ids of the records `ids` and all their children, recursively."""
        ids = [i for i in ids if i]
        if not ids:
            return []
        table = SQL.identifier(self._table)
        if self._parent_store and 'parent_path' in self._fields:
            self.env.transaction.flush()
            query = SQL('SELECT c.id FROM %s c JOIN %s p ON c.parent_path LIKE p.parent_path || %s '
                        'WHERE p.id IN %s', table, table, '%', tuple(ids))
            return [row[0] for row in self.env.execute(query)]
        parent = SQL.identifier(self._parent_name)
        query = SQL('WITH RECURSIVE tree(id) AS (SELECT id FROM %s WHERE id IN %s UNION '
                    'SELECT t.id FROM %s t JOIN tree ON t.%s = tree.id) SELECT id FROM tree',
                    table, tuple(ids), table, parent)
        return [row[0] for row in self.env.execute(query)]

    @api.model
    def _ancestors(self, ids):
        """Ids of the records `ids` and all their parents."""
        ids = [i for i in ids if i]
        if not ids:
            return []
        table = SQL.identifier(self._table)
        parent = SQL.identifier(self._parent_name)
        query = SQL('WITH RECURSIVE tree(id, parent) AS (SELECT id, %s FROM %s WHERE id IN %s '
                    'UNION SELECT t.id, t.%s FROM %s t JOIN tree ON t.id = tree.parent) '
                    'SELECT id FROM tree', parent, table, tuple(ids), parent, table)
        return [row[0] for row in self.env.execute(query)]


#: the largest LIMIT or OFFSET PostgreSQL takes (a bigint)
_MAX_COUNT = 2 ** 63 - 1


def _count(what, value):
    """A search's limit or offset as an int (None for no limit); UserError for anything else."""
    if value is None or value is False:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_COUNT:
        raise UserError('Invalid %s %s: use a whole number of records, 0 or more'
                        % (what, shown(value)))
    return value


def _reverse_order(code):
    """Flip ASC/DESC in an ORDER BY made of our own terms."""
    return code.replace(' ASC', ' \0').replace(' DESC', ' ASC').replace(' \0', ' DESC')
