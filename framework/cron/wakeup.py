"""Waking sleeping cron runners: at once in this process, by ``NOTIFY cron_trigger`` in the others.

``ir.cron._trigger`` (and a new or rescheduled job) sends ``NOTIFY
cron_trigger, '<dbname>'`` inside its transaction, so PostgreSQL delivers
it only if that transaction commits, to every process listening on that
database; it also calls :func:`wake` after the commit for the runners of
its own process. A runner sleeps in :meth:`Alarm.sleep` on both.
"""
import logging
import os
import select
import threading

import psycopg2
import psycopg2.extensions

_logger = logging.getLogger(__name__)

#: the PostgreSQL notification channel; the payload is the database name
CHANNEL = 'cron_trigger'

_alarms = set()
_alarms_lock = threading.Lock()


def wake():
    """Wake every runner of this process now (they look for due jobs again)."""
    with _alarms_lock:
        alarms = list(_alarms)
    for alarm in alarms:
        alarm.ring()


class Alarm:
    """What one runner sleeps on: :func:`wake`, :meth:`ring`, and notifications of its databases.

    A self-pipe rather than a ``threading.Event``, so that one ``select()``
    waits for it and for the listening connections together. Call
    :meth:`close` when done.
    """

    def __init__(self, keywords_of=None):
        """``keywords_of(dbname)`` returns the psycopg2 keywords to listen on that database."""
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._keywords_of = keywords_of or _server_keywords
        self._listeners = {}    # dbname -> psycopg2 connection (autocommit, LISTEN CHANNEL)
        with _alarms_lock:
            _alarms.add(self)

    def ring(self):
        """End the current (or the next) :meth:`sleep` at once; callable from any thread."""
        try:
            os.write(self._write, b'!')
        except (BlockingIOError, OSError):
            pass  # the pipe is full (already rung) or closed

    def listen(self, dbnames):
        """Listen on exactly ``dbnames`` from now on; a database that cannot be reached is skipped."""
        for dbname in set(self._listeners) - set(dbnames):
            self._drop(dbname)
        for dbname in dbnames:
            if dbname in self._listeners:
                continue
            try:
                cnx = psycopg2.connect(**dict(self._keywords_of(), dbname=dbname))
                cnx.set_session(autocommit=True)
                with cnx.cursor() as cr:
                    cr.execute("LISTEN %s" % CHANNEL)
            except psycopg2.Error as exc:
                _logger.debug("cannot listen on database %s: %s", dbname, exc)
                continue
            self._listeners[dbname] = cnx

    def sleep(self, timeout):
        """Sleep at most ``timeout`` seconds; return the set of databases notified (empty on timeout or ring)."""
        waiting = {cnx.fileno(): dbname for dbname, cnx in self._listeners.items() if not cnx.closed}
        try:
            ready, _, _ = select.select([self._read, *waiting], [], [], max(timeout, 0))
        except (OSError, ValueError):
            ready = []          # a connection closed under us: poll again
        notified = set()
        for fd in ready:
            if fd == self._read:
                self._drain()
                continue
            dbname = waiting[fd]
            cnx = self._listeners[dbname]
            try:
                cnx.poll()
            except psycopg2.Error:
                self._drop(dbname)   # the database was dropped or the server restarted
                notified.add(dbname)
                continue
            while cnx.notifies:
                notified.add(cnx.notifies.pop().payload or dbname)
        return notified

    def _drain(self):
        try:
            while os.read(self._read, 512):
                pass
        except (BlockingIOError, OSError):
            pass

    def _drop(self, dbname):
        cnx = self._listeners.pop(dbname, None)
        if cnx is not None:
            try:
                cnx.close()
            except psycopg2.Error:
                pass

    def close(self):
        """Stop listening and release the pipe."""
        with _alarms_lock:
            _alarms.discard(self)
        for dbname in list(self._listeners):
            self._drop(dbname)
        for fd in (self._read, self._write):
            try:
                os.close(fd)
            except OSError:
                pass


def _server_keywords():
    from framework.db import ensure_server
    return ensure_server()
