"""Numeric fields: `Integer`, `Float`, `Monetary`. Null reads as zero."""
from .field import Field


class Integer(Field):
    """A 32-bit integer; sums when grouped."""

    type = 'integer'
    column_type = 'int4'
    sql_type = 'int4'
    _attributes = {'group_operator': 'sum'}

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        return int(value)

    def convert_to_record(self, value, record):
        return value or 0

    def convert_to_read(self, value, record):
        return value


class Float(Field):
    """A floating point number; `digits` is ``(precision, scale)``."""

    type = 'float'
    column_type = 'numeric'
    _attributes = {'digits': None, 'group_operator': 'sum'}

    @property
    def sql_type(self):
        # Floats with declared digits are exact numerics, as in Odoo.
        return 'numeric' if self.digits else 'float8'

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        value = float(value)
        if self.digits and validate:
            value = round(value, self.digits[1])
        return value

    def convert_to_record(self, value, record):
        return float(value) if value else 0.0

    def convert_from_column(self, value):
        # numeric columns come back as Decimal; the ORM speaks float.
        return None if value is None else float(value)

    def convert_to_read(self, value, record):
        return value

    def get_description(self, env):
        desc = super().get_description(env)
        if self.digits:
            desc['digits'] = list(self.digits)
        return desc


class Monetary(Float):
    """An amount in the currency named by `currency_field`."""

    type = 'monetary'
    _attributes = {'currency_field': 'currency_id'}

    @property
    def sql_type(self):
        return 'numeric'

    def get_description(self, env):
        desc = super().get_description(env)
        desc['currency_field'] = self.currency_field
        return desc
