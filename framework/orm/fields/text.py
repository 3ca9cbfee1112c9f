"""Text fields: `Char` (one line, optional size), `Text`, `Html`."""
from .field import Field


class _String(Field):
    """Shared behaviour of the text types: null reads as False."""

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        return str(value)

    def convert_to_read(self, value, record):
        return value


class Char(_String):
    """A single line of text; `size` limits its length (``varchar(size)``)."""

    type = 'char'
    column_type = 'varchar'
    _attributes = {'trim': True}

    @property
    def sql_type(self):
        return 'varchar(%d)' % self.size if self.size else 'varchar'

    def convert_to_cache(self, value, record, validate=True):
        value = super().convert_to_cache(value, record, validate)
        if value is not None and self.size and validate:
            value = value[:self.size]
        return value


class Text(_String):
    """Multi-line text."""

    type = 'text'
    column_type = 'text'
    sql_type = 'text'


class Html(_String):
    """HTML content, stored as text."""

    type = 'html'
    column_type = 'text'
    sql_type = 'text'
    _attributes = {'sanitize': True}
