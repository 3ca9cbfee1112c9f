"""Grouping: `read_group` counts and aggregates in one GROUP BY query.

Group-by specifications are field names, optionally with a date
granularity (``date:day``, ``:week``, ``:month``, ``:quarter``, ``:year``);
aggregates are ``field``, ``field:agg`` or ``alias:agg(field)``. Each
result row carries its values, the count, the domain selecting its records
and, when lazy, the context for the next level of grouping.
"""
import datetime
import decimal
import re

from . import decorators as api
from .domain import DomainError
from .sql import SQL

GRANULARITIES = ('day', 'week', 'month', 'quarter', 'year')
AGGREGATES = ('sum', 'avg', 'max', 'min', 'count', 'count_distinct', 'bool_and', 'bool_or',
              'array_agg')
_SPEC = re.compile(r'^(\w+)(?::(\w+))?(?:\((\w+)\))?$')


class GroupMixin:
    """`read_group` (part of `BaseModel`)."""

    __slots__ = ()

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Group the records matching `domain` and aggregate `fields`."""
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        groupby_now = groupby[:1] if lazy else groupby
        self.env.flush_all()        # aggregates may read stored computed fields
        query = self._search(domain)
        query.order = None
        select, group_terms, specs = [], [], []
        for spec in groupby_now:
            name, granularity = (spec.split(':') + [None])[:2]
            field = self._fields.get(name)
            if field is None or not (field.column or name == 'id'):
                raise DomainError("Cannot group '%s' by %r: it is not a stored field" % (self._name, spec))
            column = SQL.identifier(query.table, name)
            if field.type in ('date', 'datetime'):
                granularity = granularity or 'month'
                if granularity not in GRANULARITIES:
                    raise DomainError('Invalid granularity %r: use one of %s' % (granularity, ', '.join(GRANULARITIES)))
                term = SQL("date_trunc(%s, %s::timestamp)", granularity, column)
            else:
                granularity = None
                term = column
            alias = spec.replace(':', '_')
            select.append(SQL('%s AS %s', term, SQL.identifier(alias)))
            group_terms.append(term)
            specs.append((spec, name, field, granularity, alias))
        aggregates = self._read_group_aggregates(fields, groupby_now, query)
        count_alias = '__count' if not lazy or not groupby_now else '%s_count' % groupby_now[0].split(':')[0]
        select.append(SQL('count(*) AS %s', SQL.identifier('__count')))
        select.extend(agg for _, agg in aggregates)
        query.group_by = SQL.join(', ', group_terms) if group_terms else None
        query.order = self._read_group_order(orderby, specs, aggregates) if specs else None
        query.limit, query.offset = limit, offset
        self.env.cr.execute(*query.select(*select).as_args())
        columns = [d[0] for d in self.env.cr.description]
        rows = [dict(zip(columns, row)) for row in self.env.cr.fetchall()]
        return self._read_group_format(rows, specs, aggregates, count_alias, domain, groupby, lazy)

    def _read_group_aggregates(self, fields, groupby, query):
        result = []
        grouped = {g.split(':')[0] for g in groupby}
        for spec in fields or ():
            match = _SPEC.match(spec.strip())
            if not match:
                raise DomainError('Invalid aggregate %r: use "field", "field:sum" or "alias:sum(field)"' % spec)
            alias, func, source = match.groups()
            name = source or alias
            if name == '__count' or name in grouped or (name not in self._fields and name == 'id'):
                continue
            field = self._fields.get(name)
            if field is None:
                raise DomainError("Invalid aggregate %r: model '%s' has no field '%s'" % (spec, self._name, name))
            func = func or field.aggregator
            if not func or not field.column:
                continue
            if func not in AGGREGATES:
                raise DomainError('Invalid aggregate function %r: use one of %s' % (func, ', '.join(AGGREGATES)))
            column = SQL.identifier(query.table, name)
            expr = SQL('count(DISTINCT %s)', column) if func == 'count_distinct' else SQL(func + '(%s)', column)
            result.append((alias, SQL('%s AS %s', expr, SQL.identifier(alias))))
        return result

    def _read_group_order(self, orderby, specs, aggregates):
        aliases = {spec: alias for spec, _, _, _, alias in specs}
        aliases.update({name: alias for _, name, _, _, alias in specs})
        known = set(aliases.values()) | {alias for alias, _ in aggregates} | {'__count'}
        terms = []
        for term in (orderby or '').split(','):
            parts = term.split()
            if not parts:
                continue
            name = aliases.get(parts[0], parts[0])
            direction = parts[1].upper() if len(parts) > 1 else 'ASC'
            if name not in known or direction not in ('ASC', 'DESC'):
                raise DomainError('Invalid order %r for read_group: order by a grouped or '
                                  'aggregated field' % orderby)
            terms.append(SQL('%s ' + direction, SQL.identifier(name)))
        if not terms:
            terms = [SQL('%s ASC', SQL.identifier(alias)) for _, _, _, _, alias in specs]
        return SQL.join(', ', terms)

    def _read_group_format(self, rows, specs, aggregates, count_alias, domain, groupby, lazy):
        names = {}
        for spec, name, field, granularity, alias in specs:
            if field.type == 'many2one':
                ids = {row[alias] for row in rows if row[alias]}
                comodel = self.env[field.comodel_name].sudo().browse(sorted(ids))
                names[alias] = dict(comodel.name_get())
        result = []
        for row in rows:
            group = {count_alias: row['__count']}
            group_domain = list(domain or [])
            for spec, name, field, granularity, alias in specs:
                value = row[alias]
                if field.type == 'many2one':
                    group[spec] = (value, names[alias].get(value, '')) if value else False
                    group_domain += [(name, '=', value or False)]
                elif granularity:
                    group[spec] = _date_label(value, granularity) if value else False
                    if value:
                        start, end = _date_range(value, granularity)
                        if field.type == 'date':
                            start, end = start.date(), end.date()
                        group_domain += ['&', (name, '>=', start), (name, '<', end)]
                    else:
                        group_domain += [(name, '=', False)]
                else:
                    group[spec] = value if value is not None else False
                    group_domain += [(name, '=', value if value is not None else False)]
            for alias, _ in aggregates:
                value = row[alias]
                group[alias] = float(value) if isinstance(value, decimal.Decimal) else value
            group['__domain'] = group_domain
            if lazy and len(groupby) > 1:
                group['__context'] = {'group_by': groupby[1:]}
            result.append(group)
        return result


def _date_range(value, granularity):
    if granularity == 'day':
        return value, value + datetime.timedelta(days=1)
    if granularity == 'week':
        return value, value + datetime.timedelta(days=7)
    if granularity == 'month':
        nxt = value.replace(year=value.year + value.month // 12, month=value.month % 12 + 1)
        return value, nxt
    if granularity == 'quarter':
        month = value.month + 3
        return value, value.replace(year=value.year + (month - 1) // 12, month=(month - 1) % 12 + 1)
    return value, value.replace(year=value.year + 1)


def _date_label(value, granularity):
    """Labels as Odoo shows them: '24 Nov 2026', 'W47 2026', 'November 2026'."""
    if granularity == 'day':
        return value.strftime('%d %b %Y')
    if granularity == 'week':
        year, week, _ = value.isocalendar()
        return 'W%d %d' % (week, year)
    if granularity == 'month':
        return value.strftime('%B %Y')
    if granularity == 'quarter':
        return 'Q%d %d' % ((value.month - 1) // 3 + 1, value.year)
    return str(value.year)
