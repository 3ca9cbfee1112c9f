"""`Binary`: file contents, base64-encoded on the way in and out."""
import base64

from .field import Field


class Binary(Field):
    """Bytes, read and written base64-encoded as Odoo clients expect."""

    type = 'binary'
    column_type = 'bytea'
    sql_type = 'bytea'
    _attributes = {'attachment': False, 'prefetch': False}

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        if isinstance(value, str):
            value = value.encode('ascii')
        if isinstance(value, memoryview):
            value = bytes(value)
        return value

    def convert_to_column(self, value):
        if value is None:
            return None
        return base64.b64decode(value)

    def convert_to_record(self, value, record):
        if isinstance(value, memoryview):
            value = base64.b64encode(bytes(value))
        return value if value is not None else False

    def convert_from_column(self, value):
        """Database bytes → base64 cache value."""
        if value is None:
            return None
        return base64.b64encode(bytes(value))
