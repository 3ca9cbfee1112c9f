"""`Id`: the primary key every model has."""
from .field import Field


class Id(Field):
    """The record's database id; reading it never queries."""

    type = 'integer'
    column_type = 'int4'
    sql_type = 'serial'

    def __get__(self, record, owner=None):
        if record is None:
            return self
        if not record._ids:
            return False
        if len(record._ids) != 1:
            raise ValueError('Expected singleton: %s' % (record,))
        return record._ids[0]

    def __set__(self, record, value):
        raise TypeError('The id of a record cannot be changed')
