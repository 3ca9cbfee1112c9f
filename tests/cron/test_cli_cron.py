"""``odoo-bin cron -d DB`` and ``--max-cron-threads``, as a system administrator uses them."""
import os
import subprocess
import sys
from datetime import timedelta

import pytest

from framework.config import ROOT, config

ODOO_BIN = os.path.join(ROOT, 'odoo-bin')


@pytest.fixture
def odoo_bin(pg_server):
    """Run ``./odoo-bin args`` against the test server and the test addons; return the CompletedProcess."""
    flags = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432),
             '--addons-path', os.path.join(ROOT, 'tests', 'addons')]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))

    def run(*args):
        return subprocess.run([sys.executable, ODOO_BIN, *args, *flags], capture_output=True, text=True,
                              env=environ, cwd=ROOT, timeout=120)
    return run


def test_cron_command_runs_the_due_jobs_once_and_says_how_it_went(odoo_bin, jobs, cron_db):
    jobs.create('one')
    jobs.create('two', function='increment_then_fail')
    jobs.create('not yet', nextcall=jobs.now() + timedelta(hours=1))
    result = odoo_bin('cron', '-d', cron_db)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2 jobs ran, 1 failed\n"
    assert (jobs.counter('one'), jobs.counter('two'), jobs.counter('not yet')) == (1, 0, 0)
    assert odoo_bin('cron', '-d', cron_db).stdout == "0 jobs ran, 0 failed\n"


def test_cron_command_on_a_missing_database_is_one_sentence(odoo_bin):
    result = odoo_bin('cron', '-d', 'test_no_such_cron_db')
    assert result.returncode == 2
    assert result.stderr == ("odoo-bin: database 'test_no_such_cron_db' does not exist; "
                             "create it with: ./odoo-bin db create test_no_such_cron_db\n")


def test_cron_command_on_a_database_without_base_is_one_sentence(odoo_bin, fresh_db):
    name = fresh_db(empty=True)
    result = odoo_bin('cron', '-d', name)
    assert result.returncode == 1
    assert result.stderr == (f"odoo-bin: database {name} has no scheduler; install base first with: "
                             f"./odoo-bin -d {name} -i base --stop-after-init\n")


def test_max_cron_threads_defaults_to_one_and_zero_disables(monkeypatch):
    monkeypatch.setenv('ODOO_RC', os.path.join(ROOT, '.testdata', 'no-such.rc'))
    saved = dict(config.options)
    try:
        config.parse_args([])
        assert config['max_cron_threads'] == 1
        config.parse_args(['--max-cron-threads', '0'])
        assert config['max_cron_threads'] == 0
    finally:
        config.options = saved
