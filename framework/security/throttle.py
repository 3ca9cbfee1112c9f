"""Slowing down repeated wrong passwords for one login.

After `MAX_FAILURES` wrong passwords for a login within `WINDOW` seconds,
further attempts for that login are refused, without checking the password,
until the oldest failure leaves the window. Failures are remembered in
this process and in the database table of ``res.users.login.failure``
(written on a cursor of its own, committed at once, so that the caller's
rollback does not erase them and every worker on the database agrees).
"""
import datetime
import logging
import threading
import time
from collections import deque

from ..db import db_connect
from ..exceptions import AccessDenied
from ..orm.sql import SQL

_logger = logging.getLogger(__name__)

MAX_FAILURES = 5
WINDOW = 60
FAILURE_MODEL = 'res.users.login.failure'
TOO_MANY = 'Too many login failures, please wait a minute before trying again.'


class LoginThrottle:
    """Counts the recent failures of each (database, login); `clock` gives epoch seconds."""

    def __init__(self, clock=time.time, max_failures=MAX_FAILURES, window=WINDOW):
        self.clock = clock
        self.max_failures = max_failures
        self.window = window
        self._failures = {}        # (dbname, login) -> deque of failure times
        self._lock = threading.Lock()

    # --- this process ---
    def _recent(self, key, now):
        failures = self._failures.get(key)
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return len(failures) if failures else 0

    def check(self, env, login):
        """Raise AccessDenied (`TOO_MANY`) when `login` failed too often lately; else return the count.

        This process's memory answers first; the database (the other
        workers' failures) is asked only when this process alone is below
        the limit.
        """
        key = (env.cr.dbname, login)
        now = self.clock()
        with self._lock:
            count = self._recent(key, now)
        if count < self.max_failures:
            count = max(count, self._count_in_db(env, login, now))
        if count >= self.max_failures:
            _logger.warning('Login refused for %r: %d failures in %ds', login, count, self.window)
            raise AccessDenied(TOO_MANY)
        return count

    def failed(self, env, login):
        """Remember one wrong password for `login`, here and in the database."""
        now = self.clock()
        with self._lock:
            self._failures.setdefault((env.cr.dbname, login), deque()).append(now)
        table = self._table(env)
        if table is not None:
            with db_connect(env.cr.dbname).cursor() as cr:
                cr.execute(*SQL('INSERT INTO %s (login, failed_at) VALUES (%s, %s)',
                                table, login, _as_datetime(now)).as_args())

    def succeeded(self, env, login, count):
        """Forget the failures of `login` after a right password (`count` as `check` returned it)."""
        with self._lock:
            self._failures.pop((env.cr.dbname, login), None)
        table = self._table(env)
        if count and table is not None:
            with db_connect(env.cr.dbname).cursor() as cr:
                cr.execute(*SQL('DELETE FROM %s WHERE login = %s', table, login).as_args())

    # --- the database ---
    @staticmethod
    def _table(env):
        model = env.registry.get(FAILURE_MODEL)
        return SQL.identifier(model._table) if model is not None else None

    def _count_in_db(self, env, login, now):
        table = self._table(env)
        if table is None:
            return 0
        with db_connect(env.cr.dbname).cursor() as cr:
            cr.execute(*SQL('SELECT count(*) FROM %s WHERE login = %s AND failed_at > %s',
                            table, login, _as_datetime(now - self.window)).as_args())
            return cr.fetchone()[0]

    def reset(self):
        """Forget every failure of this process (the database keeps its own until they expire)."""
        with self._lock:
            self._failures.clear()


def _as_datetime(epoch):
    """A naive UTC datetime, as the ORM stores them."""
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).replace(tzinfo=None)


#: the throttle of this process
throttle = LoginThrottle()
