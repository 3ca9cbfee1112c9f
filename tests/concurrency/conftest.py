"""Two transactions, interleaved step by step: the places where concurrent work meets.

``concurrency_db`` is one committed copy of the template for this folder
(scheduled jobs switched off: the tests run them by hand). ``Session``
is one user's transaction on it, as ``framework/db/connection.py`` opens
it (REPEATABLE READ). ``Blocked`` runs a step in a thread when that step
must wait for a row lock, and proves the wait from PostgreSQL itself
(``pg_blocking_pids``): no sleep, no luck.
"""
import threading

import pytest

from framework.api import Environment
from framework.db import db_connect
from tests.installed import copy, drop

#: how long a guard waits before calling a step hung (never reached when the code is right)
HANG = 30


@pytest.fixture(scope='session')
def concurrency_db(template_db):
    """Name of a database copied from the template that the tests commit into (dropped at the end)."""
    name = copy(template_db, 'conc')
    with db_connect(name).cursor() as cr:
        Environment(cr, 1, {})['ir.cron'].search([]).write({'active': False})
    yield name
    drop(name)


class Session:
    """One user's open transaction on ``dbname``: ``env``, ``pid`` (its backend), commit/rollback/close."""

    def __init__(self, dbname, uid=1):
        self.cr = db_connect(dbname).cursor()
        self.env = Environment(self.cr, uid, {})
        self.cr.execute("SELECT pg_backend_pid()")
        self.pid = self.cr.fetchone()[0]

    def commit(self):
        self.cr.commit()

    def rollback(self):
        self.cr.rollback()

    def close(self):
        self.cr.close()


@pytest.fixture
def session(concurrency_db):
    """Factory ``session(uid=1) -> Session`` on ``concurrency_db``; every session is closed after the test."""
    sessions = []

    def make(uid=1):
        sessions.append(Session(concurrency_db, uid))
        return sessions[-1]
    yield make
    for opened in sessions:
        opened.close()


def run(dbname, func, uid=1):
    """Return ``func(env)`` run as ``uid`` in a committed transaction of its own."""
    with db_connect(dbname).cursor() as cr:
        return func(Environment(cr, uid, {}))


class Blocked:
    """A step run in a thread because it must wait for another transaction's lock.

    ``wait_behind(holder_pid)`` returns once PostgreSQL shows the step's
    backend waiting for a lock ``holder_pid`` holds; ``result()`` joins
    the thread and returns the step's value (or raises its error).
    """

    def __init__(self, dbname, func):
        self.dbname = dbname
        self._value = self._error = None
        self._thread = threading.Thread(target=self._run, args=(func,), daemon=True)
        self._thread.start()

    def _run(self, func):
        try:
            self._value = func()
        except BaseException as exc:  # handed to result()
            self._error = exc

    def wait_behind(self, holder_pid):
        """Return the pid of the backend that waits for ``holder_pid``'s lock; fail if the step ends first."""
        watcher = db_connect(self.dbname).cursor()
        try:
            while self._thread.is_alive():
                watcher.execute("""
                    SELECT pid FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock'
                       AND %s = ANY(pg_blocking_pids(pid))
                """, [holder_pid])
                row = watcher.fetchone()
                watcher.rollback()  # a fresh snapshot of the activity on each look
                if row:
                    return row[0]
            raise AssertionError("the step finished without waiting for the other transaction: %r"
                                 % (self._error or self._value,))
        finally:
            watcher.close()

    def result(self, hung="the blocked step still waits after the lock was released"):
        """Join the step (failing with ``hung`` if it does not end) and return its value."""
        self._thread.join(HANG)
        assert not self._thread.is_alive(), hung
        if self._error is not None:
            raise self._error
        return self._value


@pytest.fixture
def blocked(concurrency_db):
    """Factory ``blocked(func) -> Blocked``: run ``func()`` in a thread to wait behind a lock."""
    return lambda func: Blocked(concurrency_db, func)
