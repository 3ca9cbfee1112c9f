"""The runner loop: it sleeps until a job is due and wakes when a job is triggered, here or in another process."""
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest

from framework.config import ROOT
from framework.cron import Runner, start_threads, stop_threads

ODOO_BIN = os.path.join(ROOT, 'odoo-bin')


def wait_for(condition, timeout=30):
    """Poll ``condition()`` until it is true; fail after ``timeout`` seconds (the effect, not the clock, is awaited)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, 'the job did not run within %ss' % timeout
        time.sleep(0.05)


def test_runner_thread_wakes_when_a_job_is_triggered_in_this_process(jobs, cron_db):
    job = jobs.create('woken', nextcall=jobs.now() + timedelta(days=1))
    threads = start_threads(1, [cron_db])
    threads[0].runner.poll_interval = 3600   # only a wake-up can make it run the job now
    try:
        jobs.transaction(lambda env: env['ir.cron'].browse(job)._trigger())
        wait_for(lambda: jobs.counter('woken') == 1)
    finally:
        stop_threads(threads)
    assert not threads[0].is_alive()


def test_runner_wakes_on_a_notification_from_another_process(jobs, cron_db, monkeypatch):
    job = jobs.create('notified', nextcall=jobs.now() + timedelta(days=1))
    runner = Runner([cron_db], poll_interval=3600)
    thread = threading.Thread(target=runner.run_forever, daemon=True)
    thread.start()
    try:
        # as another process would: only the NOTIFY sent at commit can reach this runner
        monkeypatch.setattr('addons.base.models.ir_cron.wake', lambda: None)
        wait_for(lambda: runner._alarm is not None and runner._alarm._listeners)
        jobs.transaction(lambda env: env['ir.cron'].browse(job)._trigger())
        wait_for(lambda: jobs.counter('notified') == 1)
    finally:
        runner.stop()
        thread.join(30)


def test_runner_sleeps_until_the_next_job_is_due(jobs, cron_db):
    jobs.create('soon', nextcall=jobs.now() + timedelta(minutes=5))
    served, sleep = Runner([cron_db], poll_interval=3600).run_pass()
    assert served == [cron_db]
    assert 240 < sleep <= 300
    assert Runner([cron_db], poll_interval=60).run_pass()[1] == 60


def test_runner_ignores_a_database_without_the_scheduler(fresh_db):
    empty = fresh_db(empty=True)
    assert Runner([empty], poll_interval=60).run_pass() == ([], 60)


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize('mode', [[], ['--workers', '1']], ids=['threaded', 'prefork'])
def test_server_runs_due_jobs(jobs, cron_db, pg_server, mode):
    jobs.create('served')
    flags = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432),
             '--addons-path', os.path.join(ROOT, 'tests', 'addons')]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))
    server = subprocess.Popen([sys.executable, ODOO_BIN, '-d', cron_db, '--http-port', str(_free_port()),
                               *mode, *flags], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=environ, cwd=ROOT)
    try:
        wait_for(lambda: server.poll() is not None or jobs.counter('served') == 1, timeout=60)
        assert server.poll() is None
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert 'Traceback' not in output
