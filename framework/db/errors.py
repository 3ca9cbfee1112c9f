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
        reason = ' '.join(str(reason).split())  # psycopg2 messages span lines
        super().__init__(f"could not connect to database {dbname}: {reason}")


class ServerStartFailed(DatabaseError):
    """The embedded PostgreSQL server could not be started."""
