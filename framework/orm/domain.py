"""Domains: Odoo's prefix-notation filters, compiled to one SQL condition.

A domain is a list of *leaves* ``(path, operator, value)`` and the prefix
operators ``'&'``, ``'|'`` and ``'!'``; leaves side by side are AND-ed.
`normalize` checks the shape and makes the implicit ANDs explicit;
`DomainCompiler` turns the tree into an `SQL` condition on a `Query`,
following dotted paths through relations with sub-selects, so that a search
is always one query, never a loop in Python.
"""
import datetime
import reprlib

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


#: how deeply operators of different kinds may nest, and how many fields a path may cross
MAX_DEPTH = 100
MAX_PATH = 16


class DomainError(UserError, ValueError):
    """A domain is malformed or names something the model does not have."""


_repr = reprlib.Repr()
_repr.maxstring = _repr.maxother = 60
_repr.maxlist = _repr.maxtuple = _repr.maxset = 6
_repr.maxdict = 4
_repr.maxlevel = 3


def shown(value):
    """`value`'s repr cut to a readable size: a message names a huge or deep value, it does not hold it."""
    return _repr.repr(value)


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
        raise DomainError('Invalid domain %s: a domain is a list of conditions '
                          'such as [("name", "=", "x")]' % shown(domain))
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
            raise DomainError('Invalid domain element %s: use (field, operator, value) '
                              "with an operator among %s, or '&', '|', '!'"
                              % (shown(element), ', '.join(TERM_OPERATORS)))
        result.append(element)
    if expected > 0 and result:
        raise DomainError('Invalid domain %s: an operator lacks its operands' % shown(domain))
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
        """The SQL condition for `domain` (TRUE for an empty one).

        The prefix form is read from the end with a stack, never by
        recursion, and runs of the same operator become one flat list, so a
        long domain neither exhausts Python's stack nor PostgreSQL's.
        """
        domain = normalize(domain)
        if not domain:
            return SQL('TRUE')
        stack = []      # (glue, [parts], depth): glue is ' AND ', ' OR ' or None for a single condition
        for element in reversed(domain):
            if element == '!':
                glue, parts, depth = stack.pop()
                condition = parts[0] if glue is None else _glued(glue, parts)
                # a leaf on an unset value is not true: NULL must not make '!' false too
                stack.append((None, [SQL('(NOT COALESCE((%s), FALSE))', condition)], depth + 1))
            elif element in ('&', '|'):
                glue = ' AND ' if element == '&' else ' OR '
                first, second = stack.pop(), stack.pop()
                parts, depth = [], 0
                for operand_glue, operand_parts, operand_depth in (first, second):
                    if operand_glue in (None, glue):
                        parts.extend(operand_parts)
                        depth = max(depth, operand_depth)
                    else:
                        parts.append(_glued(operand_glue, operand_parts))
                        depth = max(depth, operand_depth + 1)
                stack.append((glue, parts, depth))
            else:
                stack.append((None, [self.leaf(element)], 0))
            if stack[-1][2] > MAX_DEPTH:
                raise DomainError('Invalid domain: its operators nest more than %d levels deep; '
                                  'write it with fewer alternating operators' % MAX_DEPTH)
        glue, parts, _depth = stack.pop()
        return parts[0] if glue is None else _glued(glue, parts)

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
        if not isinstance(path, str) or not path:
            raise DomainError('Invalid leaf %s: the left side must be a field name' % shown(leaf))
        names = path.split('.')
        if not all(names) or len(names) > MAX_PATH:
            raise DomainError('Invalid path %s in leaf %s: write field names joined by dots, '
                              'at most %d of them' % (shown(path), shown(leaf), MAX_PATH))
        name, _, rest = path.partition('.')
        field = model._fields.get(name)
        if field is None:
            raise DomainError("Invalid field %s in leaf %s: model '%s' has no such field"
                              % (shown(name), shown(leaf), model._name))
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
        if field.type in ('one2many', 'many2many') and not _is_names(value) \
                and operator not in ('=', '!=', 'in', 'not in'):
            raise DomainError("Invalid leaf %s: field '%s' compares record ids only with "
                              "=, !=, in or not in" % (shown(leaf), field.name))
        if field.type == 'one2many':
            return self._one2many_leaf(field, operator, value, leaf)
        if field.type == 'many2many':
            return self._many2many_leaf(field, operator, value, leaf)
        if field.type == 'binary' and not (operator in ('=', '!=') and value in (False, None)):
            raise DomainError("Invalid leaf %s: field '%s' holds binary data; search it only "
                              "with = False or != False" % (shown(leaf), field.name))
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
            raise DomainError("Invalid path %s in leaf %s: field '%s' of '%s' is not a relation"
                              % (shown(leaf[0]), shown(leaf), field.name, model._name))
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

    def _one2many_leaf(self, field, operator, value, leaf):
        alias = self.query.table
        comodel = self.model.env[field.comodel_name].with_context(active_test=False)
        inverse = SQL.identifier(comodel._table, field.inverse_name)
        if value is False or value is None:
            lines = SQL('(SELECT %s FROM %s WHERE %s IS NOT NULL)', inverse,
                        SQL.identifier(comodel._table), inverse)
            negate = operator in ('=', 'in')
            return SQL('%s ' + ('NOT IN' if negate else 'IN') + ' %s', SQL.identifier(alias, 'id'), lines)
        if _is_names(value):
            subquery = comodel._search([(comodel._rec_name_field(), operator, value)])
            negate = False
        else:
            ids = record_ids(value, leaf)
            negate = operator in ('!=', 'not in')
            subquery = comodel._search([('id', 'in', ids)])
        inverse = SQL.identifier(subquery.table, field.inverse_name)
        return SQL('%s ' + ('NOT IN' if negate else 'IN') + ' %s',
                   SQL.identifier(alias, 'id'), subquery.subselect(inverse))

    def _many2many_leaf(self, field, operator, value, leaf):
        alias = self.query.table
        rel, col1, col2 = (SQL.identifier(field.relation), SQL.identifier(field.column1),
                           SQL.identifier(field.column2))
        if value is False or value is None:
            negate = operator in ('=', 'in')
            targets = SQL('(SELECT %s FROM %s)', col1, rel)
        else:
            if _is_names(value):
                comodel = self.model.env[field.comodel_name].with_context(active_test=False)
                ids_sql = comodel._search([(comodel._rec_name_field(), operator, value)]).subselect()
                negate = False
            else:
                ids = record_ids(value, leaf)
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
            raise DomainError("Invalid leaf %s: operator %r needs a relational field, not '%s'"
                              % (shown(leaf), operator, field.name))
        comodel = model.env[comodel_name].with_context(active_test=False)
        parent = comodel._fields.get(comodel._parent_name)
        if parent is None or not parent.column or getattr(parent, 'inherited', False):
            raise DomainError("Invalid leaf %s: operator %r needs a hierarchy, and '%s' has "
                              "no parent field" % (shown(leaf), operator, comodel._name))
        if isinstance(value, str):
            ids = comodel._search([(comodel._rec_name_field(), 'ilike', value)])
            ids = [row[0] for row in model.env.execute(ids.select())]
        else:
            ids = record_ids(value, leaf)
        if operator == 'child_of':
            related = comodel._descendants(ids)
        else:
            related = comodel._ancestors(ids)
        if field.name == 'id':
            return column_condition(SQL.identifier(alias, 'id'), field, 'in', related, leaf)
        return self.leaf((field.name, 'in', related))


def _glued(glue, parts):
    return SQL('(%s)', SQL.join(glue, parts))


def _is_names(value):
    """True when an x2many or hierarchy value names records rather than giving their ids."""
    return isinstance(value, str) or (isinstance(value, (list, tuple)) and bool(value)
                                      and isinstance(value[0], str))


def record_ids(value, leaf):
    """The record ids a leaf's value gives (an id, a list of ids, records); DomainError otherwise."""
    if value is None or value is False:
        return []
    if hasattr(value, '_ids'):
        return list(value._ids)
    values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
    ids = []
    for item in values:
        if item is False or item is None:
            continue
        if isinstance(item, bool) or not isinstance(item, int):
            raise DomainError('Invalid value %s in leaf %s: expected record ids (whole numbers)'
                              % (shown(item), shown(leaf)))
        ids.append(item)
    return ids


def _ids(query, model):
    return [row[0] for row in model.env.execute(query.select())]


def column_condition(column, field, operator, value, leaf):
    """The SQL condition comparing a column with a value.

    The value is checked against the field's type first (`column_value`),
    so that a value PostgreSQL would reject is refused here with a
    sentence naming the leaf, and the transaction goes on.
    """
    if hasattr(value, '_ids'):
        value = list(value._ids) if operator in ('in', 'not in') else (value._ids[0] if value._ids else False)
    if operator in ('in', 'not in'):
        if isinstance(value, (str, int, float)) or value is False or value is None:
            value = [value]
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise DomainError('Invalid value %s in leaf %s: operator %r takes a list'
                              % (shown(value), shown(leaf), operator))
        values = [column_value(field, v, leaf) for v in value if v is not False and v is not None]
        has_null = len(values) < len(value)
        boolean = field.type == 'boolean'     # False there means "not set": NULL or false
        if operator == 'in':
            parts = [SQL('%s IN %s', column, tuple(values))] if values else []
            if has_null:
                parts.append(SQL('(%s IS NULL OR %s = FALSE)', column, column) if boolean
                             else SQL('%s IS NULL', column))
            return SQL.join(' OR ', parts) if parts else SQL('FALSE')
        parts = [SQL('%s NOT IN %s', column, tuple(values))] if values else []
        if has_null:
            parts.append(SQL('%s = TRUE', column) if boolean else SQL('%s IS NOT NULL', column))
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
        value = column_value(field, value, leaf)
        if operator == '=':
            return SQL('%s = %s', column, value)
        return SQL('(%s != %s OR %s IS NULL)', column, value, column)
    if operator in ('<', '>', '<=', '>='):
        if value is False or value is None:
            return SQL('FALSE')
        return SQL('%s ' + operator + ' %s', column, column_value(field, value, leaf))
    if operator in ('like', 'ilike', 'not like', 'not ilike', '=like', '=ilike'):
        sql_operator = {'like': 'LIKE', 'ilike': 'ILIKE', 'not like': 'NOT LIKE',
                        'not ilike': 'NOT ILIKE', '=like': 'LIKE', '=ilike': 'ILIKE'}[operator]
        if value is False or value is None:
            return SQL('%s IS NULL' if operator.startswith('not') else '%s IS NOT NULL', column)
        text_value = _pattern_text(value, leaf)
        pattern = text_value if operator.startswith('=') else '%' + text_value + '%'
        text = SQL('%s::text', column) if field.type not in ('char', 'text', 'html', 'selection') else column
        condition = SQL('%s ' + sql_operator + ' %s', text, pattern)
        if operator.startswith('not'):
            return SQL('(%s OR %s IS NULL)', condition, column)
        return condition
    raise DomainError('Invalid operator %r in leaf %s: use it on a relational field'
                      % (operator, shown(leaf)))


def _pattern_text(value, leaf):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DomainError('Invalid value %s in leaf %s: a pattern is a text'
                          % (shown(value), shown(leaf)))
    return _no_nul(str(value), leaf)


def _no_nul(text, leaf):
    if '\x00' in text:
        raise DomainError('Invalid value in leaf %s: a text may not contain the NUL character'
                          % shown(leaf))
    return text


def column_value(field, value, leaf):
    """A domain value as the query parameter for `field`'s column.

    Raises DomainError naming the leaf when the value does not fit the
    field's type: a list where one value is expected, a text that is not a
    number or a date, a NUL character.
    """
    if field.type == 'many2one' and hasattr(value, '_ids'):
        return value._ids[0] if value._ids else None
    kind = field.type
    if isinstance(value, str):
        _no_nul(value, leaf)
    if kind in ('integer', 'many2one', 'float', 'monetary'):
        if isinstance(value, str):
            try:
                return int(value) if kind in ('integer', 'many2one') else float(value)
            except ValueError:
                pass
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        raise DomainError('Invalid value %s in leaf %s: field %s expects a number'
                          % (shown(value), shown(leaf), field.name))
    if kind == 'boolean':
        if isinstance(value, bool) or value in (0, 1) and isinstance(value, int):
            return bool(value)
        raise DomainError('Invalid value %s in leaf %s: field %s expects True or False'
                          % (shown(value), shown(leaf), field.name))
    if kind in ('date', 'datetime'):
        return _temporal_value(field, value, leaf)
    if isinstance(value, (datetime.date, int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value
    raise DomainError('Invalid value %s in leaf %s: field %s expects a text'
                      % (shown(value), shown(leaf), field.name))


def _temporal_value(field, value, leaf):
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return datetime.date.fromisoformat(text)
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            pass
    raise DomainError("Invalid value %s in leaf %s: field %s expects a date such as '2026-01-31'"
                      "%s" % (shown(value), shown(leaf), field.name,
                              " or a time such as '2026-01-31 13:45:00'" if field.type == 'datetime' else ''))
