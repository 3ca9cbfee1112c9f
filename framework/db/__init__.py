"""PostgreSQL access: the embedded server, pooled connections, cursors, admin and retry."""
from .connection import Connection, Cursor, close_all, close_db, db_connect
from .embedded import ensure_server
from .errors import ConnectionFailed, DatabaseError, DatabaseExists, DatabaseNotFound, ServerStartFailed

__all__ = ['ensure_server', 'db_connect', 'close_db', 'close_all', 'Connection', 'Cursor',
           'DatabaseError', 'DatabaseNotFound', 'DatabaseExists', 'ConnectionFailed', 'ServerStartFailed']
