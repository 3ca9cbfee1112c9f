"""Run the due jobs of one database, each by one runner at a time, whatever the number of runners.

As Odoo's ``ir.cron._process_jobs``: a runner takes one due job with
``SELECT ... FOR NO KEY UPDATE SKIP LOCKED`` on a first cursor and keeps
that row lock while it calls the job in a transaction of its own (a second
cursor), so a failure rolls back only the job's work. It then writes the
new schedule on the first cursor and commits, which releases the job.
Another runner either skips the locked row or, once it is committed, no
longer finds the job due: a job never runs twice at the same time nor
twice for one due date.
"""
import logging
import traceback
from dataclasses import dataclass

import psycopg2
import psycopg2.extensions

from framework.db import db_connect
from framework.orm import signaling

from .schedule import plan

_logger = logging.getLogger(__name__)

SUPERUSER_ID = 1

#: a runner that loses this many lock races in a row on one pass gives up until its next pass
MAX_CONFLICTS = 20

# The jobs that may run: active, calls left, due by date or by trigger, and a
# user who may still act (the superuser, inactive by design, always may).
_RUNNABLE = """
    c.active AND c.numbercall != 0
    AND (c.user_id = 1 OR EXISTS (SELECT 1 FROM res_users u WHERE u.id = c.user_id AND u.active))
"""
_DUE = """
    (c.nextcall <= (now() AT TIME ZONE 'UTC')
     OR EXISTS (SELECT 1 FROM ir_cron_trigger t
                WHERE t.cron_id = c.id AND t.call_at <= (now() AT TIME ZONE 'UTC')))
"""
_ACQUIRE = f"""
    SELECT c.id, c.name, c.user_id, c.interval_number, c.interval_type, c.numbercall,
           c.doall, c.nextcall, c.lastcall, c.failure_count
      FROM ir_cron c
     WHERE {_RUNNABLE} AND {_DUE} AND c.id != ALL(%s)
  ORDER BY c.priority, c.nextcall, c.id
     LIMIT 1
       FOR NO KEY UPDATE OF c SKIP LOCKED
"""
# Whether a runnable job is due now, and in how many seconds the next one will be (NULL: none).
_AGENDA = f"""
    WITH clock AS (SELECT (now() AT TIME ZONE 'UTC') AS now),
         moments AS (
            SELECT c.nextcall AS due FROM ir_cron c WHERE {_RUNNABLE}
            UNION ALL
            SELECT t.call_at FROM ir_cron_trigger t JOIN ir_cron c ON c.id = t.cron_id WHERE {_RUNNABLE})
    SELECT COALESCE(bool_or(m.due <= k.now), false),
           EXTRACT(EPOCH FROM min(m.due) FILTER (WHERE m.due > k.now) - k.now)
      FROM clock k LEFT JOIN moments m ON true
  GROUP BY k.now
"""
_BLOCKED = f"""
    SELECT c.id, c.name, u.login FROM ir_cron c JOIN res_users u ON u.id = c.user_id
     WHERE c.active AND c.numbercall != 0 AND c.user_id != 1 AND NOT u.active AND {_DUE}
"""

_warned_blocked = set()     # (dbname, cron id): warn once per process about a job whose user is inactive


@dataclass
class Outcome:
    """What one pass over a database did: calls made, and how many of them failed."""

    ran: int = 0
    failed: int = 0

    def __iadd__(self, other):
        self.ran += other.ran
        self.failed += other.failed
        return self


def has_scheduler(cr):
    """True when ``cr``'s database has the ``ir_cron`` tables (base is installed)."""
    cr.execute("SELECT to_regclass('ir_cron') IS NOT NULL AND to_regclass('ir_cron_trigger') IS NOT NULL")
    return cr.fetchone()[0]


@dataclass(frozen=True)
class Agenda:
    """A database's schedule as the runner needs it: is a job due now, when is the next one."""

    scheduler: bool         # the database has the scheduler's tables
    due_now: bool = False
    next_in: float = None   # seconds until the next job that is not yet due; None: none

    def sleep_for(self, longest):
        """Seconds a runner may sleep before this database needs it, at most ``longest``."""
        return longest if self.next_in is None else min(longest, float(self.next_in))


def agenda(dbname):
    """Return the :class:`Agenda` of ``dbname``, read with the database's clock.

    Cheap (two queries, no registry); a database without the scheduler has
    ``scheduler`` false.
    """
    with db_connect(dbname).cursor() as cr:
        if not has_scheduler(cr):
            return Agenda(False)
        cr.execute(_AGENDA)
        due_now, next_in = cr.fetchone()
        return Agenda(True, due_now, next_in)


def process_jobs(dbname):
    """Run every job of ``dbname`` due now, one after the other, and return an :class:`Outcome`.

    Each job is taken once per pass at most, so a job that is due again
    as soon as it ran (re-triggered by itself) waits for the next pass.
    """
    outcome = Outcome()
    done = []
    conflicts = 0
    _warn_blocked(dbname)
    while True:
        cr = db_connect(dbname).cursor()
        try:
            if not has_scheduler(cr):
                break
            try:
                cr.execute(_ACQUIRE, [done])
            except psycopg2.extensions.TransactionRollbackError:
                # another runner committed this job's new schedule after our snapshot began:
                # it already ran it; look again in a new transaction
                cr.rollback()
                conflicts += 1
                if conflicts >= MAX_CONFLICTS:
                    _logger.warning("giving up this pass after %d lock conflicts", conflicts)
                    break
                continue
            job = cr.dictfetchone()
            if job is None:
                cr.rollback()
                break
            done.append(job['id'])
            outcome += _process_job(dbname, cr, job)
            cr.commit()
        finally:
            cr.close()
    return outcome


def _process_job(dbname, cr, job):
    """Run ``job`` (locked by ``cr``) as many times as its plan says and store its new schedule."""
    registry = signaling.check(dbname, cr)
    now = cr.now()
    todo = plan(job['nextcall'], now, job['interval_type'], job['interval_number'],
                job['numbercall'], job['doall'])
    outcome, failure = Outcome(), None
    for _ in range(todo.runs):
        outcome.ran += 1
        failure = _call(dbname, registry, job)
        if failure is not None:
            outcome.failed += 1
            break           # the next replay would most likely fail the same way
    cr.execute("""
        UPDATE ir_cron
           SET nextcall = %s, numbercall = %s, active = %s, lastcall = %s,
               failure_count = %s, last_failure = COALESCE(%s, last_failure)
         WHERE id = %s
    """, [todo.nextcall, todo.numbercall, todo.active, now,
          (job['failure_count'] or 0) + 1 if failure else 0, failure, job['id']])
    # triggers that were due when the job was taken are served; later ones stay for the next run
    cr.execute("DELETE FROM ir_cron_trigger WHERE cron_id = %s AND call_at <= %s", [job['id'], now])
    return outcome


def _call(dbname, registry, job):
    """Call ``job`` once in a transaction of its own; return None, or the traceback text of its failure."""
    from framework.api import Environment
    cr = db_connect(dbname).cursor()
    try:
        env = Environment(cr, SUPERUSER_ID, {'lastcall': job['lastcall']}, registry=registry)
        env['ir.cron'].browse(job['id'])._execute()
        cr.commit()
        return None
    except Exception:
        cr.rollback()
        text = traceback.format_exc()
        _logger.error("job '%s' (%s) failed; its work is rolled back and it is rescheduled:\n%s",
                      job['name'], job['id'], text)
        return text
    finally:
        cr.close()


def _warn_blocked(dbname):
    """Log once per process each due job whose user is inactive: such jobs never run."""
    with db_connect(dbname).cursor() as cr:
        if not has_scheduler(cr):
            return
        cr.execute(_BLOCKED)
        for cron_id, name, login in cr.fetchall():
            if (dbname, cron_id) not in _warned_blocked:
                _warned_blocked.add((dbname, cron_id))
                _logger.warning("job '%s' (%s) is skipped: its user %s is inactive; "
                                "give it an active user", name, cron_id, login)
