"""Cron job claims: a job one runner holds is skipped by another, and once run is not due again.

The first runner's claim is the ``framework.cron.jobs`` query itself, run
on a cursor of the test, so that the test decides when it commits; the
second runner is the real ``process_jobs``.
"""
import uuid
from datetime import datetime, timedelta

import psycopg2.extensions
import pytest

from framework.cron import process_jobs
from framework.cron import jobs as cron_jobs

from .conftest import Blocked, run


def _due_job(dbname):
    counter = 'claim-%s' % uuid.uuid4().hex[:8]
    planned = datetime.utcnow().replace(microsecond=0) - timedelta(minutes=1)
    job_id = run(dbname, lambda env: env['ir.cron'].create({
        'name': counter, 'model': 'test.cron.counter', 'function': 'increment', 'args': repr((counter,)),
        'nextcall': planned, 'interval_number': 1, 'interval_type': 'hours', 'numbercall': -1}).id)
    return job_id, counter, planned


def _claim(cr, job_id):
    """Take the due jobs as a runner does, until ``job_id``; return its row (others are left)."""
    cr.execute(cron_jobs._ACQUIRE, [[]])
    job = cr.dictfetchone()
    assert job is not None and job['id'] == job_id, "the test job should be the only one due"
    return job


def _counter(dbname, name):
    return run(dbname, lambda env: env['test.cron.counter'].value_of(name))


def _second_runner(dbname):
    """``process_jobs`` in a thread: a runner that waited for the claimed row would hang the guard."""
    return Blocked(dbname, lambda: process_jobs(dbname)).result(
        hung="the second runner waits for the job the first one holds")


def test_claimed_job_is_skipped_by_a_second_runner_and_not_run_again_once_committed(
        concurrency_db, session):
    job_id, counter, planned = _due_job(concurrency_db)
    first = session()
    job = _claim(first.cr, job_id)
    assert _second_runner(concurrency_db).ran == 0        # skipped, not waited for
    assert _counter(concurrency_db, counter) == 0

    assert cron_jobs._process_job(concurrency_db, first.cr, job).ran == 1
    first.commit()
    assert _counter(concurrency_db, counter) == 1
    assert process_jobs(concurrency_db).ran == 0          # its next run time has moved on
    assert _counter(concurrency_db, counter) == 1
    assert run(concurrency_db, lambda env: env['ir.cron'].browse(job_id).nextcall) == planned + timedelta(hours=1)


def test_runner_whose_snapshot_predates_the_commit_conflicts_instead_of_running_the_job_again(
        concurrency_db, session):
    job_id, counter, _planned = _due_job(concurrency_db)
    first, late = session(), session()
    late.cr.execute("SELECT count(*) FROM ir_cron")        # its snapshot still shows the job due
    job = _claim(first.cr, job_id)
    cron_jobs._process_job(concurrency_db, first.cr, job)
    first.commit()
    with pytest.raises(psycopg2.extensions.TransactionRollbackError):
        late.cr.execute(cron_jobs._ACQUIRE, [[]])          # what process_jobs catches and looks again after
    late.rollback()
    late.cr.execute(cron_jobs._ACQUIRE, [[]])
    assert late.cr.fetchone() is None                      # a fresh look finds nothing due
    assert _counter(concurrency_db, counter) == 1


def test_job_released_by_a_rollback_is_run_by_the_second_runner(concurrency_db, session):
    job_id, counter, planned = _due_job(concurrency_db)
    first = session()
    _claim(first.cr, job_id)
    first.rollback()                                        # the first runner died before running it
    assert _second_runner(concurrency_db).ran == 1
    assert _counter(concurrency_db, counter) == 1
    assert run(concurrency_db, lambda env: env['ir.cron'].browse(job_id).nextcall) == planned + timedelta(hours=1)
