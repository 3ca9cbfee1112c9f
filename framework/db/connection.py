"""Connections, the per-process pool, and the Cursor every SQL query goes through.

A PostgreSQL restart must not need a server restart: the pool never lends
a connection the server has closed, and a transaction whose connection
is lost fails with :class:`~.errors.ConnectionLost` (one sentence) instead
of psycopg2's multi-line message; the next transaction connects again.
"""
import logging
import select
import threading
import uuid
from contextlib import contextmanager

import psycopg2
import psycopg2.extensions
from psycopg2 import sql

from .errors import ConnectionFailed, ConnectionLost, DatabaseNotFound
from .retry import concurrency_error

_logger = logging.getLogger(__name__)


class Callbacks:
    """An ordered list of callables run once: ``add(func)``, ``run()`` (then empty), ``clear()``."""

    def __init__(self):
        self._funcs = []

    def add(self, func):
        """Queue ``func`` (called without arguments) to run at the next :meth:`run`."""
        self._funcs.append(func)

    def run(self):
        """Call the queued functions in order; functions queued while running wait for the next run.

        (A hook that re-queues itself, as a cache reset does, must not loop.)
        """
        funcs, self._funcs = self._funcs, []
        for func in funcs:
            func()

    def clear(self):
        """Drop the queued functions without calling them."""
        self._funcs.clear()

    def __len__(self):
        return len(self._funcs)


class ConnectionPool:
    """Open psycopg2 connections of this process, reused by key (server keywords + database)."""

    def __init__(self, maxconn=64):
        self.maxconn = maxconn
        self._lock = threading.Lock()
        self._idle = {}      # key -> [psycopg2 connection]
        self._used = {}      # id(connection) -> key

    def borrow(self, key, keywords):
        """Return an open connection for ``key``, reusing an idle one when possible."""
        with self._lock:
            idle = self._idle.setdefault(key, [])
            while idle:
                cnx = idle.pop()
                if _usable(cnx):
                    self._used[id(cnx)] = key
                    return cnx
                cnx.close()
            if len(self._used) >= self.maxconn:
                self._close_idle()
        cnx = psycopg2.connect(**keywords)
        with self._lock:
            self._used[id(cnx)] = key
        return cnx

    def give_back(self, cnx, keep=True):
        """Return ``cnx`` to the pool (or close it when ``keep`` is false or it is broken)."""
        with self._lock:
            key = self._used.pop(id(cnx), None)
            if keep and key is not None and not cnx.closed and \
                    cnx.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_IDLE:
                self._idle.setdefault(key, []).append(cnx)
                return
        cnx.close()

    def _close_idle(self, dbname=None):
        for key, conns in self._idle.items():
            if dbname is None or key[-1] == dbname:
                for cnx in conns:
                    cnx.close()
                conns.clear()

    def close(self, dbname=None):
        """Close the idle connections to ``dbname`` (all databases when None)."""
        with self._lock:
            self._close_idle(dbname)


def _usable(cnx):
    """Tell whether idle connection ``cnx`` is still open at both ends.

    An idle pooled connection never listens, so anything the server sent
    since is its goodbye (shutdown, restart, terminated backend) followed
    by the end of the socket: such a connection would fail the next
    query. Looking at the socket costs no round trip. (A connection cut
    without a goodbye, by a network failure, fails at its first query.)
    """
    if cnx.closed:
        return False
    poller = select.poll()  # not select(): it refuses descriptors above 1023
    try:
        poller.register(cnx.fileno(), select.POLLIN)
        return not poller.poll(0)
    except (OSError, ValueError, psycopg2.InterfaceError):
        return False


_pool = ConnectionPool()


class Connection:
    """A handle on one database; :meth:`cursor` opens a transaction on a pooled connection."""

    def __init__(self, dbname, keywords):
        self.dbname = dbname
        self.keywords = dict(keywords, dbname=dbname)
        self.key = tuple(sorted((k, str(v)) for k, v in keywords.items())) + (dbname,)

    def cursor(self):
        """Return a new :class:`Cursor` in its own REPEATABLE READ transaction."""
        return Cursor(self)

    def _borrow(self):
        try:
            return _pool.borrow(self.key, self.keywords)
        except psycopg2.OperationalError as exc:
            if f'database "{self.dbname}" does not exist' in str(exc):
                raise DatabaseNotFound(self.dbname) from None
            raise ConnectionFailed(self.dbname, exc) from None


class Cursor:
    """A transaction on one database (see docs/internals.md for the contract).

    ``with cr:`` commits on success, rolls back on error and closes.
    ``flush_hooks`` (persistent) are called by :meth:`flush`, before each
    savepoint and commit: the ORM writes its pending changes there.
    ``rollback_hooks`` (persistent) are called after each rollback, to a
    savepoint too: the ORM drops its cache there. A commit drops pending
    ``postrollback`` callbacks (as Odoo's does): they were about this
    transaction.
    """

    def __init__(self, connection):
        self.dbname = connection.dbname
        self._cnx = connection._borrow()
        self._cnx.set_session(isolation_level=psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ,
                              autocommit=False)
        self._obj = self._cnx.cursor()
        self._closed = False
        self._now = None
        self.sql_count = 0
        self.precommit = Callbacks()
        self.postcommit = Callbacks()
        self.postrollback = Callbacks()
        self.flush_hooks = []
        self.rollback_hooks = []

    # -- queries ---------------------------------------------------------
    def execute(self, query, params=None):
        """Run one query (``str`` or ``psycopg2.sql.Composable``) with values in ``params``."""
        if self._closed:
            raise psycopg2.InterfaceError(f"cursor on database {self.dbname} is already closed")
        self.sql_count += 1
        with self._losing_connection():
            return self._obj.execute(query, params)

    @contextmanager
    def _losing_connection(self, committing=False):
        """Turn the error of a connection the server closed into :class:`ConnectionLost`."""
        try:
            yield
        except psycopg2.extensions.TransactionRollbackError as exc:
            # a concurrent transaction won: one sentence, still retryable (framework.db.retry)
            conflict = concurrency_error(exc, self.dbname)
            if conflict is None:
                raise
            raise conflict from exc
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
            if not self._cnx.closed:
                raise  # a real error of the statement (lock timeout, ...): not a lost connection
            _logger.warning("connection to database %s lost: %s", self.dbname, ' '.join(str(exc).split()))
            raise ConnectionLost(self.dbname, committing) from exc

    def copy_from(self, file, table, columns, format='text'):
        """Bulk-load rows from ``file`` into ``table(columns)`` with ``COPY ... FROM STDIN``.

        ``format`` is ``'text'`` (tab-separated, ``\\N`` for NULL) or ``'csv'``.
        """
        if format not in ('text', 'csv'):
            raise ValueError(f"copy_from format must be 'text' or 'csv', not {format!r}")
        query = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT {})").format(
            sql.Identifier(table), sql.SQL(', ').join(map(sql.Identifier, columns)), sql.SQL(format))
        self.sql_count += 1
        with self._losing_connection():
            self._obj.copy_expert(query, file)

    def fetchone(self):
        """Return the next row as a tuple, or None."""
        return self._obj.fetchone()

    def fetchmany(self, size=None):
        """Return up to ``size`` next rows as tuples."""
        return self._obj.fetchmany(size) if size else self._obj.fetchmany()

    def fetchall(self):
        """Return the remaining rows as tuples."""
        return self._obj.fetchall()

    def dictfetchone(self):
        """Return the next row as a dict column name -> value, or None."""
        row = self._obj.fetchone()
        return row and dict(zip(self._columns(), row))

    def dictfetchall(self):
        """Return the remaining rows as dicts column name -> value."""
        names = self._columns()
        return [dict(zip(names, row)) for row in self._obj.fetchall()]

    def dictfetchmany(self, size):
        """Return up to ``size`` next rows as dicts."""
        names = self._columns()
        return [dict(zip(names, row)) for row in self._obj.fetchmany(size)]

    def _columns(self):
        return [d.name for d in self._obj.description]

    @property
    def rowcount(self):
        """Rows touched or returned by the last query."""
        return self._obj.rowcount

    @property
    def description(self):
        """Column descriptions of the last query (psycopg2's)."""
        return self._obj.description

    def now(self):
        """Return the transaction's start time in UTC (naive datetime), as stored in log fields."""
        if self._now is None:
            self.execute("SELECT (now() AT TIME ZONE 'UTC')")
            self._now = self.fetchone()[0]
        return self._now

    # -- transaction -----------------------------------------------------
    def flush(self):
        """Run the flush hooks so that pending ORM changes reach the database."""
        for hook in list(self.flush_hooks):
            hook()

    def commit(self):
        """Flush, run precommit callbacks, commit, then run postcommit callbacks."""
        self.flush()
        self.precommit.run()
        self.flush()
        with self._losing_connection(committing=True):
            self._cnx.commit()
        self._now = None
        self.postrollback.clear()
        self.postcommit.run()

    def rollback(self):
        """Roll back, drop precommit/postcommit callbacks, then run postrollback callbacks."""
        self.precommit.clear()
        self.postcommit.clear()
        if not self._cnx.closed:  # a lost connection: the server rolled back already
            with self._losing_connection():
                self._cnx.rollback()
        self._now = None
        for hook in list(self.rollback_hooks):
            hook()
        self.postrollback.run()

    @contextmanager
    def savepoint(self, flush=True):
        """Run the block inside a savepoint: an exception rolls back to it and propagates.

        The ORM is flushed before the savepoint and before it is released,
        so errors of the block's writes are raised inside the block.
        """
        name = sql.Identifier(f'sp_{uuid.uuid4().hex}')
        if flush:
            self.flush()
        self.execute(sql.SQL("SAVEPOINT {}").format(name))
        try:
            yield
            if flush:
                self.flush()
        except BaseException:
            self.execute(sql.SQL("ROLLBACK TO SAVEPOINT {}").format(name))
            for hook in list(self.rollback_hooks):
                hook()
            raise
        self.execute(sql.SQL("RELEASE SAVEPOINT {}").format(name))

    @property
    def closed(self):
        """True once :meth:`close` was called."""
        return self._closed

    def close(self):
        """Roll back what is not committed and give the connection back to the pool."""
        if self._closed:
            return
        self._closed = True
        self._obj.close()
        keep = True
        try:
            if not self._cnx.closed:
                self._cnx.rollback()
        except psycopg2.Error:
            keep = False  # a broken connection must not be reused
        _pool.give_back(self._cnx, keep=keep)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.commit()
            else:
                self.rollback()
        finally:
            self.close()

    def __del__(self):
        if not getattr(self, '_closed', True):
            _logger.warning("cursor on %s was not closed explicitly; closing it", self.dbname)
            self.close()


def db_connect(dbname):
    """Return a :class:`Connection` on ``dbname`` (starting the embedded server if needed)."""
    from .embedded import ensure_server
    return Connection(dbname, ensure_server())


def close_db(dbname):
    """Close this process's idle pooled connections to ``dbname``."""
    _pool.close(dbname)


def close_all():
    """Close every idle pooled connection of this process."""
    _pool.close()
