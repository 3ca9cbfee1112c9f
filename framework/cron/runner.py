"""The cron runner: a loop that runs due jobs, then sleeps until the next one or a wake-up.

One runner serves the databases it is given (``-d``) or, without any,
every database of the server that has the scheduler. It runs inside the
server as ``--max-cron-threads`` threads (threaded mode) or in a cron
process of its own (``--workers``); ``odoo-bin cron`` runs one pass and
exits. Runners need no coordination: the row locks of ``jobs.py`` keep
them from running a job twice.
"""
import logging
import threading

import psycopg2

from framework.db import close_db
from framework.db.errors import DatabaseError

from .jobs import agenda, process_jobs
from .wakeup import Alarm

_logger = logging.getLogger(__name__)

#: seconds a runner sleeps at most between two passes (it wakes earlier for a due job or a trigger)
POLL_INTERVAL = 60.0


class Runner:
    """Runs the due jobs of ``dbnames`` (all databases when empty) until :meth:`stop`."""

    def __init__(self, dbnames=(), poll_interval=POLL_INTERVAL):
        self.dbnames = [name for name in dbnames if name]
        self.poll_interval = poll_interval
        self._stopping = threading.Event()
        self._alarm = None

    def databases(self):
        """The databases this runner looks at on each pass."""
        if self.dbnames:
            return list(self.dbnames)
        from framework.db import admin
        return admin.list_dbs()

    def run_pass(self):
        """Run what is due in every database; return (databases with a scheduler, seconds to sleep)."""
        from framework.tools.log import set_dbname
        served, sleep = [], self.poll_interval
        for dbname in self.databases():
            if self._stopping.is_set():
                break
            set_dbname(dbname)
            try:
                schedule = agenda(dbname)
                if schedule.due_now:
                    outcome = process_jobs(dbname)
                    if outcome.ran:
                        _logger.info("ran %d jobs, %d failed", outcome.ran, outcome.failed)
                    schedule = agenda(dbname)
            except (DatabaseError, psycopg2.Error) as exc:
                # dropped, being copied, or the server restarts: try again on the next pass
                _logger.warning("cron: database %s is unavailable: %s", dbname, str(exc).strip())
                continue
            except Exception:
                if self._stopping.is_set():
                    break
                _logger.exception("cron: a pass over database %s failed", dbname)
                continue
            finally:
                if not self.dbnames:
                    close_db(dbname)   # serving every database must not keep a connection to each
                set_dbname(None)
            if schedule.scheduler:
                served.append(dbname)
                sleep = schedule.sleep_for(sleep)
        return served, sleep

    def run_forever(self):
        """Pass over the databases, then sleep until a job is due, a wake-up or the poll interval; until stopped."""
        self._alarm = Alarm()
        try:
            while not self._stopping.is_set():
                served, sleep = self.run_pass()
                if self._stopping.is_set():
                    break
                self._alarm.listen(served)
                self._alarm.sleep(sleep)
        finally:
            self._alarm.close()

    def stop(self):
        """Ask :meth:`run_forever` to return after the job it is running (at once when asleep)."""
        self._stopping.set()
        if self._alarm is not None:
            self._alarm.ring()


class CronThread(threading.Thread):
    """A daemon thread running a :class:`Runner`."""

    def __init__(self, runner, number):
        super().__init__(name=f'odoo.cron{number}', daemon=True)
        self.runner = runner

    def run(self):
        try:
            self.runner.run_forever()
        except Exception:
            _logger.exception("cron thread %s stopped on an error", self.name)


def start_threads(count, dbnames=()):
    """Start ``count`` cron threads serving ``dbnames`` (all databases when empty); return them."""
    threads = [CronThread(Runner(dbnames), number) for number in range(count)]
    for thread in threads:
        thread.start()
    if threads:
        _logger.info("started %d cron threads", len(threads))
    return threads


def stop_threads(threads, timeout=10.0):
    """Stop ``threads`` (from :func:`start_threads`), waiting up to ``timeout`` seconds for running jobs."""
    for thread in threads:
        thread.runner.stop()
    for thread in threads:
        thread.join(timeout)

