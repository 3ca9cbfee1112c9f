"""`Boolean`: true or false (null reads as false)."""
from .field import Field


class Boolean(Field):
    """A true/false value."""

    type = 'boolean'
    column_type = 'bool'
    sql_type = 'bool'

    def convert_to_cache(self, value, record, validate=True):
        return bool(value)

    def convert_to_record(self, value, record):
        return bool(value)

    def convert_to_export(self, value, record):
        return bool(value)
