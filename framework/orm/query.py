"""`Query`: the state of one SELECT being built (tables, joins, conditions).

The domain compiler adds conditions and joins; `search` adds order and
limit; `select()` renders the SQL. Aliases are derived from the table and
the path of fields that led to a join, so the same join is never added
twice.
"""
from .sql import SQL, check_identifier


class Query:
    """A SELECT on one model's table, with its joins and conditions."""

    def __init__(self, table, alias=None):
        check_identifier(table)
        self.table = alias or table
        self._from = (table, self.table)
        self._joins = {}           # alias -> (kind, table, condition SQL)
        self._where = []           # SQL conditions, AND-ed
        self.order = None          # SQL or None
        self.limit = None
        self.offset = None
        self.group_by = None
        self._ids = None           # known result, when no SQL is needed

    # --- building ---
    def add_where(self, condition):
        """AND a condition (an `SQL`) to the query."""
        self._where.append(condition)

    def join(self, kind, table, condition, alias=None):
        """Add a join and return the alias of the joined table."""
        alias = alias or table
        check_identifier(alias)
        if alias not in self._joins:
            self._joins[alias] = (kind, table, condition)
        return alias

    def make_alias(self, alias, link):
        """An alias name for a join from `alias` through field `link`."""
        name = '%s__%s' % (alias, link)
        if len(name) > 63:
            import hashlib
            name = '%s__%s' % (name[:50], hashlib.sha1(name.encode()).hexdigest()[:8])
        return name

    def left_join(self, lhs_alias, lhs_column, rhs_table, rhs_column, link):
        """LEFT JOIN `rhs_table` on ``lhs.lhs_column = rhs.rhs_column``."""
        alias = self.make_alias(lhs_alias, link)
        condition = SQL('%s = %s', SQL.identifier(lhs_alias, lhs_column),
                        SQL.identifier(alias, rhs_column))
        return self.join('LEFT JOIN', rhs_table, condition, alias)

    # --- rendering ---
    @property
    def where_clause(self):
        """All conditions AND-ed, or an empty SQL."""
        if not self._where:
            return SQL()
        return SQL.join(' AND ', [SQL('(%s)', c) for c in self._where])

    @property
    def from_clause(self):
        table, alias = self._from
        parts = [SQL.identifier(table) if table == alias
                 else SQL('%s AS %s', SQL.identifier(table), SQL.identifier(alias))]
        for alias, (kind, table, condition) in self._joins.items():
            parts.append(SQL(kind + ' %s AS %s ON (%s)', SQL.identifier(table),
                             SQL.identifier(alias), condition))
        return SQL.join(' ', parts)

    def select(self, *columns):
        """The full SELECT with `columns` (default: the id)."""
        if not columns:
            columns = (SQL.identifier(self.table, 'id'),)
        parts = [SQL('SELECT %s FROM %s', SQL.join(', ', columns), self.from_clause)]
        where = self.where_clause
        if where:
            parts.append(SQL('WHERE %s', where))
        if self.group_by:
            parts.append(SQL('GROUP BY %s', self.group_by))
        if self.order:
            parts.append(SQL('ORDER BY %s', self.order))
        if self.limit:
            parts.append(SQL('LIMIT %s', int(self.limit)))
        if self.offset:
            parts.append(SQL('OFFSET %s', int(self.offset)))
        return SQL.join(' ', parts)

    def subselect(self, column=None):
        """The query as a sub-select of one column, for ``x IN (...)``."""
        column = column or SQL.identifier(self.table, 'id')
        if self.limit or self.offset:
            return SQL('(%s)', self.select(column))
        saved = self.order
        self.order = None
        try:
            return SQL('(%s)', self.select(column))
        finally:
            self.order = saved

    def count(self):
        """SELECT count(*) with the same conditions (no order, no limit)."""
        parts = [SQL('SELECT count(*) FROM %s', self.from_clause)]
        where = self.where_clause
        if where:
            parts.append(SQL('WHERE %s', where))
        inner = SQL.join(' ', parts)
        if self.limit or self.offset:
            inner = SQL('SELECT count(*) FROM (%s) AS counted',
                        self.select(SQL.identifier(self.table, 'id')))
        return inner

    def is_empty(self):
        """True when a condition is the constant FALSE (no query needed)."""
        return any(c.code == 'FALSE' for c in self._where)
