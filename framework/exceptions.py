"""Exceptions that reach people.

Every exception here carries one sentence meant for the user who caused it:
it names the thing that is wrong and, where possible, what to do. The
service layer turns them into RPC faults; the CLI prints them without a
traceback.
"""


class UserError(Exception):
    """A business rule refused the operation; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)

    @property
    def message(self):
        return self.args[0] if self.args else ''

    def __str__(self):
        return str(self.message)


class ValidationError(UserError):
    """A constraint on a record's values does not hold."""


class AccessError(UserError):
    """The user may not perform this operation on these records."""


class AccessDenied(UserError):
    """Authentication failed (wrong login or password)."""

    def __init__(self, message='Access Denied'):
        super().__init__(message)


class MissingError(UserError):
    """A record that the caller named does not exist (any more)."""


class RedirectWarning(UserError):
    """A user error that proposes an action to fix the situation."""

    def __init__(self, message, action=None, button_text=None):
        super().__init__(message)
        self.action = action
        self.button_text = button_text


class ModuleError(UserError):
    """Installing, upgrading or uninstalling a module failed.

    The message names the module and, for a data file, the file, line and
    reason; the database is left as it was before the operation.
    """


class DataError(UserError):
    """A data file (XML or CSV) is wrong at a given place.

    `str(error)` reads ``"<file>, line <n>: <message>"`` when the place is
    known, so that the person who wrote the file can go straight to it.
    """

    def __init__(self, message, filename=None, line=None):
        super().__init__(message)
        self.filename = filename
        self.line = line

    def __str__(self):
        where = self.filename or ''
        if self.line:
            where = '%s, line %s' % (where, self.line) if where else 'line %s' % self.line
        return '%s: %s' % (where, self.message) if where else str(self.message)


class ConcurrencyError(UserError):
    """Another transaction changed the same rows at the same time; nothing of this one was saved.

    Raised instead of PostgreSQL's serialization failure or deadlock (see
    ``framework.db.retry``); the service layer runs the whole call again
    before a user ever sees it. Whoever meets it must roll back and may
    simply run the operation again.
    """


class CacheMiss(KeyError):
    """Internal: a value is not in the record cache (never reaches users)."""
