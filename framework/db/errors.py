"""Errors of the database layer, each a sentence a person can act on."""


class DatabaseError(Exception):
    """Base class of the database layer's own errors; ``str()`` is the sentence to show."""


class DatabaseNotFound(DatabaseError):
    """The named database does not exist on the server."""

    def __init__(self, dbname):
        self.dbname = dbname
        super().__init__(f"database '{dbname}' does not exist; "
                         f"create it with: ./odoo-bin db create {dbname}")


class DatabaseExists(DatabaseError):
    """A database of that name already exists."""

    def __init__(self, dbname):
        self.dbname = dbname
        super().__init__(f"database '{dbname}' already exists; pick another name or drop it first")


class ConnectionFailed(DatabaseError):
    """The server refused or could not be reached."""

    def __init__(self, dbname, reason):
        self.dbname = dbname
        # psycopg2's first line is the reason; the next ones are a hint we replace with ours
        lines = [line for line in str(reason).splitlines() if line.strip()]
        reason = ' '.join((lines[0] if lines else type(reason).__name__).split())
        super().__init__(f"could not connect to database {dbname}: {reason}; check that PostgreSQL "
                         f"is running and reachable, then try again")


class ConnectionLost(DatabaseError):
    """The server went away in the middle of a transaction (stopped, restarted, crashed).

    The server rolled the transaction back: nothing of it was saved, unless
    the connection broke during the commit itself (``committing``).
    """

    def __init__(self, dbname, committing=False):
        self.dbname = dbname
        self.committing = committing
        if committing:  # the commit may have reached the server before the connection broke
            outcome = "while committing: check whether the change was saved before trying again"
        else:
            outcome = "and nothing of this operation was saved; try again"
        super().__init__(f"the connection to database {dbname} was lost (PostgreSQL stopped or "
                         f"restarted) {outcome}")


class ServerStartFailed(DatabaseError):
    """The embedded PostgreSQL server could not be started."""
