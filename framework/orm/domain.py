"""Domains: Odoo's prefix-notation filters, compiled to one SQL condition.

A domain is a list of *leaves* ``(path, operator, value)`` and the prefix
operators ``'&'``, ``'|'`` and ``'!'``; leaves side by side are AND-ed.
`normalize` checks the shape and makes the implicit ANDs explicit;
`DomainCompiler` turns the tree into an `SQL` condition on a `Query`,
following dotted paths through relations with sub-selects, so that a search
is always one query, never a loop in Python.
"""
from ..exceptions import UserError
from .sql import SQL

TERM_OPERATORS = (
    '=', '!=', '<>', '<=', '<', '>', '>=', '=?', '=like', '=ilike', 'like',
    'not like', 'ilike', 'not ilike', 'in', 'not in', 'child_of', 'parent_of',
)
TRUE_LEAF = (1, '=', 1)
FALSE_LEAF = (0, '=', 1)
NEGATIONS = {
    '=': '!=', '!=': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>',
    'in': 'not in', 'not in': 'in', 'like': 'not like', 'not like': 'like',
    'ilike': 'not ilike', 'not ilike': 'ilike',
}


class DomainError(UserError, ValueError):
    """A domain is malformed or names something the model does not have."""


def is_leaf(element):
    """True for a ``(left, operator, right)`` term (or the constant leaves)."""
    return (isinstance(element, (list, tuple)) and len(element) == 3
            and isinstance(element[1], str)
            and (element[1].lower() in TERM_OPERATORS or tuple(element) in (TRUE_LEAF, FALSE_LEAF)))


def normalize(domain):
    """Return `domain` in explicit prefix form, checking its shape.

    Raises `DomainError` naming the first element that is not a leaf or an
    operator, or when operators and operands do not add up.
    """
    if domain is None or domain is False:
        return []
    if not isinstance(domain, (list, tuple)):
        raise DomainError('Invalid domain %r: a domain is a list of conditions '
                          'such as [("name", "=", "x")]' % (domain,))
    result = []
    expected = 1    # how many terms are still expected
    for element in domain:
        if expected == 0:
            result.insert(0, '&')
            expected = 1
        if element in ('&', '|'):
            expected += 1
        elif element == '!':
            pass
        elif is_leaf(element):
            element = tuple(element)
            expected -= 1
        else:
            raise DomainError('Invalid domain element %r: use (field, operator, value) '
                              "with an operator among %s, or '&', '|', '!'"
                              % (element, ', '.join(TERM_OPERATORS)))
        result.append(element)
    if expected > 0 and result:
        raise DomainError('Invalid domain %r: an operator lacks its operands' % (domain,))
    return result


def AND(domains):
    """The conjunction of several domains."""
    domains = [normalize(d) for d in domains if d]
    if not domains:
        return []
    return ['&'] * (len(domains) - 1) + [x for d in domains for x in d]


def OR(domains):
    """The disjunction of several domains."""
    domains = [normalize(d) or [TRUE_LEAF] for d in domains]
    if not domains:
        return [FALSE_LEAF]
    return ['|'] * (len(domains) - 1) + [x for d in domains for x in d]


class DomainCompiler:
    """Compiles a normalized domain on `model` into an SQL condition."""

    def __init__(self, model, query):
        self.model = model
        self.query = query

    def compile(self, domain):
        """The SQL condition for `domain` (TRUE for an empty one)."""
        domain = normalize(domain)
        if not domain:
            return SQL('TRUE')
        condition, position = self._parse(domain, 0)
        return condition

    def _parse(self, domain, position):
        element = domain[position]
        if element == '!':
            inner, position = self._parse(domain, position + 1)
            return SQL('(NOT (%s))', inner), position
        if element in ('&', '|'):
            left, position = self._parse(domain, position + 1)
            right, position = self._parse(domain, position)
            glue = ' AND ' if element == '&' else ' OR '
            return SQL('(%s' + glue + '%s)', left, right), position
        return self.leaf(element), position + 1

    # ------------------------------------------------------------------
    def leaf(self, leaf):
        """The SQL condition of one leaf on the compiler's model."""
        if tuple(leaf) == TRUE_LEAF:
            return SQL('TRUE')
        if tuple(leaf) == FALSE_LEAF:
            return SQL('FALSE')
        path, operator, value = leaf
        operator = operator.lower()
        if operator == '<>':
            operator = '!='
        model, alias = self.model, self.query.table
        if not isinstance(path, str):
            raise DomainError('Invalid leaf %r: the left side must be a field name' % (leaf,))
        name, _, rest = path.partition('.')
        field = model._fields.get(name)
        if field is None:
            raise DomainError("Invalid field %r in leaf %r: model '%s' has no such field"
                              % (name, leaf, model._name))
        if operator == '=?':
            if value is None or value is False:
                return SQL('TRUE')
            operator = '='
        if rest:
            return self._path_leaf(field, rest, operator, value, leaf)
        if not field.store or (not field.column and field.type not in ('one2many', 'many2many')):
            return self._unstored_leaf(field, operator, value, leaf)
        if operator in ('child_of', 'parent_of'):
            return self._hierarchy_leaf(field, operator, value, leaf)
        if field.type == 'one2many':
            return self._one2many_leaf(field, operator, value)
        if field.type == 'many2many':
            return self._many2many_leaf(field, operator, value)
        if field.type == 'many2one' and self._is_name_value(operator, value):
            comodel = model.env[field.comodel_name].with_context(active_test=False)
            subquery = comodel._search([(comodel._rec_name_field(), operator, value)])
            return SQL('%s IN %s', SQL.identifier(alias, name), subquery.subselect())
        column = field.column_expression(SQL.identifier(alias, name), model.env)
        return column_condition(column, field, operator, value, leaf)

    @staticmethod
    def _is_name_value(operator, value):
        if operator in ('like', 'ilike', 'not like', 'not ilike', '=like', '=ilike'):
            return True
        if isinstance(value, str) and operator in ('=', '!='):
            return True
        return (operator in ('in', 'not in') and isinstance(value, (list, tuple))
                and value and all(isinstance(v, str) for v in value))

    def _path_leaf(self, field, rest, operator, value, leaf):
        model, alias = self.model, self.query.table
        if not field.relational:
            raise DomainError("Invalid path %r in leaf %r: field '%s' of '%s' is not a relation"
                              % (leaf[0], leaf, field.name, model._name))
        comodel = model.env[field.comodel_name].with_context(active_test=False)
        subquery = comodel._search([(rest, operator, value)])
        if field.type == 'many2one':
            if not field.store:
                return self._unstored_leaf(field, 'in', comodel.browse(_ids(subquery, comodel)).ids, leaf)
            return SQL('%s IN %s', SQL.identifier(alias, field.name), subquery.subselect())
        if field.type == 'one2many':
            inverse = SQL.identifier(subquery.table, field.inverse_name)
            return SQL('%s IN %s', SQL.identifier(alias, 'id'), subquery.subselect(inverse))
        return SQL('%s IN (SELECT %s FROM %s WHERE %s IN %s)', SQL.identifier(alias, 'id'),
                   SQL.identifier(field.column1), SQL.identifier(field.relation),
                   SQL.identifier(field.column2), subquery.subselect())

    def _unstored_leaf(self, field, operator, value, leaf):
        model = self.model
        if field.search:
            method = field.search if callable(field.search) else getattr(model, field.search)
            domain = method(operator, value) if not callable(field.search) else method(model, operator, value)
            return self.compile(domain)
        if field.related:
            return self.compile([(field.related, operator, value)])
        if field.name == 'display_name':
            return self.compile([(model._rec_name_field(), operator, value)])
        raise DomainError("Field '%s' of '%s' is not stored and cannot be searched; "
                          "search on a stored field instead" % (field.name, model._name))

    def _one2many_leaf(self, field, operator, value):
        alias = self.query.table
        comodel = self.model.env[field.comodel_name].with_context(active_test=False)
        inverse = SQL.identifier(comodel._table, field.inverse_name)
        if value is False or value is None:
            lines = SQL('(SELECT %s FROM %s WHERE %s IS NOT NULL)', inverse,
                        SQL.identifier(comodel._table), inverse)
            negate = operator in ('=', 'in')
            return SQL('%s ' + ('NOT IN' if negate else 'IN') + ' %s', SQL.identifier(alias, 'id'), lines)
        if isinstance(value, str) or (isinstance(value, (list, tuple)) and value
                                      and isinstance(value[0], str)):
            subquery = comodel._search([(comodel._rec_name_field(), operator, value)])
            negate = False
        else:
            ids = _as_ids(value)
            negate = operator in ('!=', 'not in')
            subquery = comodel._search([('id', 'in', ids)])
        inverse = SQL.identifier(subquery.table, field.inverse_name)
        return SQL('%s ' + ('NOT IN' if negate else 'IN') + ' %s',
                   SQL.identifier(alias, 'id'), subquery.subselect(inverse))

    def _many2many_leaf(self, field, operator, value):
        alias = self.query.table
        rel, col1, col2 = (SQL.identifier(field.relation), SQL.identifier(field.column1),
                           SQL.identifier(field.column2))
        if value is False or value is None:
            negate = operator in ('=', 'in')
            targets = SQL('(SELECT %s FROM %s)', col1, rel)
        else:
            if isinstance(value, str) or (isinstance(value, (list, tuple)) and value
                                          and isinstance(value[0], str)):
                comodel = self.model.env[field.comodel_name].with_context(active_test=False)
                ids_sql = comodel._search([(comodel._rec_name_field(), operator, value)]).subselect()
                negate = False
            else:
                ids = _as_ids(value)
                if not ids:
                    return SQL('TRUE') if operator in ('!=', 'not in') else SQL('FALSE')
                ids_sql = SQL('%s', tuple(ids))
                negate = operator in ('!=', 'not in')
            targets = SQL('(SELECT %s FROM %s WHERE %s IN %s)', col1, rel, col2, ids_sql)
        return SQL('%s ' + ('NOT IN' if negate else 'IN') + ' %s', SQL.identifier(alias, 'id'), targets)

    def _hierarchy_leaf(self, field, operator, value, leaf):
        model, alias = self.model, self.query.table
        comodel_name = model._name if field.name == 'id' else field.comodel_name
        if not comodel_name:
            raise DomainError("Operator %r needs a relational field, not '%s' in %r"
                              % (operator, field.name, leaf))
        comodel = model.env[comodel_name].with_context(active_test=False)
        if isinstance(value, str):
            ids = comodel._search([(comodel._rec_name_field(), 'ilike', value)])
            ids = [row[0] for row in model.env.execute(ids.select())]
        else:
            ids = _as_ids(value)
        if operator == 'child_of':
            related = comodel._descendants(ids)
        else:
            related = comodel._ancestors(ids)
        if field.name == 'id':
            return column_condition(SQL.identifier(alias, 'id'), field, 'in', related, leaf)
        return self.leaf((field.name, 'in', related))


def _as_ids(value):
    if value is None or value is False:
        return []
    if hasattr(value, '_ids'):
        return list(value._ids)
    if isinstance(value, int):
        return [value]
    return [v for v in value if v is not False and v is not None]


def _ids(query, model):
    return [row[0] for row in model.env.execute(query.select())]


def column_condition(column, field, operator, value, leaf):
    """The SQL condition comparing a column with a value."""
    if hasattr(value, '_ids'):
        value = list(value._ids) if operator in ('in', 'not in') else (value._ids[0] if value._ids else False)
    if operator in ('in', 'not in'):
        if isinstance(value, (str, int, float)) or value is False or value is None:
            value = [value]
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise DomainError('Invalid value %r in leaf %r: operator %r takes a list'
                              % (value, leaf, operator))
        values = [_column_value(field, v) for v in value if v is not False and v is not None]
        has_null = len(values) < len(value)
        if field.type == 'boolean':
            has_null = has_null or False in values
        if operator == 'in':
            parts = [SQL('%s IN %s', column, tuple(values))] if values else []
            if has_null:
                parts.append(SQL('%s IS NULL', column))
            return SQL.join(' OR ', parts) if parts else SQL('FALSE')
        parts = [SQL('%s NOT IN %s', column, tuple(values))] if values else []
        if has_null:
            parts.append(SQL('%s IS NOT NULL', column))
        elif values:
            parts = [SQL('(%s OR %s IS NULL)', parts[0], column)]
        return SQL.join(' AND ', parts) if parts else SQL('TRUE')
    if operator in ('=', '!='):
        if value is False or value is None:
            if field.type == 'boolean':
                return SQL('(%s IS NULL OR %s = FALSE)' if operator == '=' else '%s = TRUE',
                           *((column, column) if operator == '=' else (column,)))
            return SQL('%s IS NULL' if operator == '=' else '%s IS NOT NULL', column)
        if field.type == 'boolean' and value is True:
            return SQL('%s = TRUE', column) if operator == '=' else SQL('(%s IS NULL OR %s = FALSE)', column, column)
        value = _column_value(field, value)
        if operator == '=':
            return SQL('%s = %s', column, value)
        return SQL('(%s != %s OR %s IS NULL)', column, value, column)
    if operator in ('<', '>', '<=', '>='):
        if value is False or value is None:
            return SQL('FALSE')
        return SQL('%s ' + operator + ' %s', column, _column_value(field, value))
    if operator in ('like', 'ilike', 'not like', 'not ilike', '=like', '=ilike'):
        sql_operator = {'like': 'LIKE', 'ilike': 'ILIKE', 'not like': 'NOT LIKE',
                        'not ilike': 'NOT ILIKE', '=like': 'LIKE', '=ilike': 'ILIKE'}[operator]
        if value is False or value is None:
            return SQL('%s IS NULL' if operator.startswith('not') else '%s IS NOT NULL', column)
        pattern = str(value) if operator.startswith('=') else '%%%s%%' % value
        text = SQL('%s::text', column) if field.type not in ('char', 'text', 'html', 'selection') else column
        condition = SQL('%s ' + sql_operator + ' %s', text, pattern)
        if operator.startswith('not'):
            return SQL('(%s OR %s IS NULL)', condition, column)
        return condition
    raise DomainError('Invalid operator %r in leaf %r' % (operator, leaf))


def _column_value(field, value):
    """A domain value as the query parameter for `field`'s column."""
    if field.type in ('integer', 'many2one') and isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            raise DomainError('Invalid value %r for field %s: expected a number' % (value, field))
    if field.type == 'many2one' and hasattr(value, '_ids'):
        return value._ids[0] if value._ids else None
    return value
