"""Several runners on one database never run a job twice: threads and ``odoo-bin cron`` processes racing."""
import os
import subprocess
import sys
import threading

from framework.config import ROOT
from framework.cron import process_jobs

ODOO_BIN = os.path.join(ROOT, 'odoo-bin')


def test_two_runner_threads_started_at_once_run_a_due_job_exactly_once(jobs, cron_db):
    # the job body sleeps 1 s so that the second runner comes while the first one holds the job
    job = jobs.create('race', function='increment_slowly', args="('race', 1.0)")
    start = threading.Barrier(2)
    outcomes = []

    def runner():
        start.wait()
        outcomes.append(process_jobs(cron_db))

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert jobs.counter('race') == 1
    assert sorted(outcome.ran for outcome in outcomes) == [0, 1]
    assert jobs.read(job, 'failure_count') == 0


def test_two_cron_commands_started_at_once_run_a_due_job_exactly_once(jobs, cron_db, pg_server):
    jobs.create('race', function='increment_slowly', args="('race', 1.0)")
    flags = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432),
             '--addons-path', os.path.join(ROOT, 'tests', 'addons')]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))
    processes = [subprocess.Popen([sys.executable, ODOO_BIN, 'cron', '-d', cron_db, *flags],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=environ, cwd=ROOT) for _ in range(2)]
    results = [process.communicate(timeout=120) + (process.returncode,) for process in processes]
    assert [code for _, _, code in results] == [0, 0], [err for _, err, _ in results]
    assert sorted(out for out, _, _ in results) == ["0 jobs ran, 0 failed\n", "1 job ran, 0 failed\n"], \
        [err for _, err, _ in results]
    assert jobs.counter('race') == 1
