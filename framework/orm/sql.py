"""SQL fragments that carry their parameters.

`SQL` is how the ORM composes queries: code uses ``%s`` placeholders, and
each argument is either another `SQL` (inlined with its own parameters) or a
value (sent to PostgreSQL as a query parameter). Identifiers go through
`SQL.identifier`, which only accepts names that look like names, so no
user input can ever become SQL text.
"""
import re

_IDENTIFIER = re.compile(r'^[a-zA-Z_][a-zA-Z0-9_]*$')


def check_identifier(name):
    """Return `name` if it is a safe SQL identifier, else raise ValueError."""
    if not isinstance(name, str) or not _IDENTIFIER.match(name) or len(name) > 63:
        raise ValueError('%r is not a valid SQL identifier' % (name,))
    return name


class SQL:
    """An immutable piece of SQL text together with its parameters."""

    __slots__ = ('code', 'params')

    def __init__(self, code='', *args):
        if not args:
            self.code = code
            self.params = ()
            return
        parts = code.split('%s')
        if len(parts) - 1 != len(args):
            raise ValueError('SQL %r expects %d arguments, got %d'
                             % (code, len(parts) - 1, len(args)))
        text = [parts[0]]
        params = []
        for arg, part in zip(args, parts[1:]):
            if isinstance(arg, SQL):
                text.append(arg.code)
                params.extend(arg.params)
            else:
                text.append('%s')
                params.append(arg)
            text.append(part)
        self.code = ''.join(text)
        self.params = tuple(params)

    @classmethod
    def identifier(cls, name, column=None):
        """Quote a table or column name (optionally ``"table"."column"``)."""
        check_identifier(name)
        if column is None:
            return cls('"%s"' % name)
        check_identifier(column)
        return cls('"%s"."%s"' % (name, column))

    @classmethod
    def join(cls, separator, items):
        """Join SQL pieces with a separator (given as plain text)."""
        items = [item if isinstance(item, SQL) else SQL('%s', item) for item in items]
        code = separator.join(item.code for item in items)
        params = tuple(p for item in items for p in item.params)
        result = cls.__new__(cls)
        result.code = code
        result.params = params
        return result

    def as_args(self):
        """The ``(query, params)`` pair for ``cursor.execute``."""
        return (self.code, self.params or None)

    def __bool__(self):
        return bool(self.code)

    def __repr__(self):
        return 'SQL(%r, %r)' % (self.code, self.params)

    def __eq__(self, other):
        return isinstance(other, SQL) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self):
        return hash((self.code, self.params))
