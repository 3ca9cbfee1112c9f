"""`Date` and `Datetime` fields.

Dates are ``datetime.date``; datetimes are naive ``datetime.datetime`` in
UTC, as Odoo stores them. Strings in the server formats
(``YYYY-MM-DD`` and ``YYYY-MM-DD HH:MM:SS``) are accepted on write.
"""
import datetime

from .field import Field

DATE_FORMAT = '%Y-%m-%d'
DATETIME_FORMAT = '%Y-%m-%d %H:%M:%S'


class Date(Field):
    """A calendar day."""

    type = 'date'
    column_type = 'date'
    sql_type = 'date'
    _attributes = {'group_operator': None}

    @staticmethod
    def today(*args):
        """Today's date in the server's time zone (UTC)."""
        return datetime.date.today()

    @staticmethod
    def context_today(record, timestamp=None):
        """Today's date; the user's time zone is applied by the web client."""
        return (timestamp or datetime.datetime.now()).date()

    @staticmethod
    def to_date(value):
        """Parse a date or string into a ``date`` (False stays False)."""
        if not value:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        value = str(value)
        try:
            return datetime.datetime.strptime(value[:10], DATE_FORMAT).date()
        except ValueError:
            raise ValueError("'%s' is not a date; use the format YYYY-MM-DD" % value)

    @staticmethod
    def to_string(value):
        """Format a date as ``YYYY-MM-DD`` (False stays False)."""
        return value.strftime(DATE_FORMAT) if value else False

    from_string = to_date

    def convert_to_cache(self, value, record, validate=True):
        return self.to_date(value)

    def convert_to_export(self, value, record):
        return self.to_string(value) if value else ''


class Datetime(Field):
    """A moment, stored as UTC without time zone."""

    type = 'datetime'
    column_type = 'timestamp'
    sql_type = 'timestamp'
    _attributes = {'group_operator': None}

    @staticmethod
    def now(*args):
        """The current moment in UTC, to the second."""
        return datetime.datetime.utcnow().replace(microsecond=0)

    @staticmethod
    def today(*args):
        """Today at midnight."""
        return datetime.datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)

    @staticmethod
    def to_datetime(value):
        """Parse a datetime, date or string into a naive ``datetime``."""
        if not value:
            return None
        if isinstance(value, datetime.datetime):
            if value.tzinfo:
                value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
            return value
        if isinstance(value, datetime.date):
            return datetime.datetime(value.year, value.month, value.day)
        value = str(value)
        for fmt, size in ((DATETIME_FORMAT, 19), (DATE_FORMAT, 10)):
            try:
                return datetime.datetime.strptime(value[:size], fmt)
            except ValueError:
                continue
        raise ValueError("'%s' is not a date and time; use the format "
                         "YYYY-MM-DD HH:MM:SS" % value)

    @staticmethod
    def to_string(value):
        """Format as ``YYYY-MM-DD HH:MM:SS`` (False stays False)."""
        return value.strftime(DATETIME_FORMAT) if value else False

    from_string = to_datetime

    def convert_to_cache(self, value, record, validate=True):
        value = self.to_datetime(value)
        return value.replace(microsecond=0) if value else value

    def convert_to_export(self, value, record):
        return self.to_string(value) if value else ''
