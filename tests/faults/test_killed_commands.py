"""``odoo-bin`` killed (SIGKILL) in the middle of ``-i crm`` and of a large import (issue 10, "Faults").

Both commands work in one transaction (see ``framework.modules.loading``
and ``framework.cli.load_csv``), so a process killed before its commit
leaves the database exactly as it was, and the same command run again
succeeds. Each test kills the process at a moment it can see, never
after a guessed sleep: the install once it logs its second crm data file
(schema made, data being loaded), the import once its transaction has
written the partners and waits for the external-id table we hold.
"""
import contextlib
import time

import psycopg2
import pytest

from tests.processes import flags, odoo_bin  # noqa: F401 (flags is a fixture)

PARTNERS = 20000


@contextlib.contextmanager
def _autocommit(pg_server, dbname):
    """A psycopg2 connection outside any transaction (pg_stat_activity is read afresh each time)."""
    cnx = psycopg2.connect(dbname=dbname, **pg_server)
    cnx.autocommit = True
    try:
        yield cnx.cursor()
    finally:
        cnx.close()


def _snapshot(pg_server, dbname):
    """What the commands may change: module states, tables, external ids, partners."""
    with _autocommit(pg_server, dbname) as cr:
        cr.execute("SELECT name, state, demo FROM ir_module_module ORDER BY name")
        modules = cr.fetchall()
        cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT module, count(*) FROM ir_model_data GROUP BY module ORDER BY module")
        xmlids = cr.fetchall()
        cr.execute("SELECT count(*) FROM res_partner")
        partners = cr.fetchone()[0]
    return {'modules': modules, 'tables': tables, 'xmlids': xmlids, 'partners': partners}


def _wait_until_gone(pg_server, dbname, deadline=60):
    """Wait until the killed command's server backend has noticed and rolled back."""
    end = time.monotonic() + deadline
    with _autocommit(pg_server, 'postgres') as cr:
        while True:
            cr.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [dbname])
            if not cr.fetchone()[0]:
                return
            assert time.monotonic() < end, 'the backend of the killed command is still there'
            time.sleep(0.05)


def _kill(process):
    process.kill()
    process.communicate(timeout=30)
    assert process.returncode == -9


def test_an_install_killed_midway_changes_nothing_and_runs_again(base_copy, flags, pg_server):
    before = _snapshot(pg_server, base_copy)
    assert ('crm', 'uninstalled', False) in before['modules']
    # without demo data, as base was installed: crm's demo data needs base's
    command = ['-d', base_copy, '-i', 'crm', '--stop-after-init', '--without-demo', *flags]
    process = odoo_bin(*command, '--log-level', 'debug')
    seen = []
    for line in process.stdout:
        if 'Module crm: loading' in line:
            seen.append(line)
            if len(seen) == 2:
                break
    assert len(seen) == 2, 'the install ended before loading its data: %s' % process.communicate()[0]
    _kill(process)
    _wait_until_gone(pg_server, base_copy)

    after = _snapshot(pg_server, base_copy)
    assert after == before
    assert not [table for table in after['tables'] if table.startswith('crm_')]

    again = odoo_bin(*command)
    output, _ = again.communicate(timeout=300)
    assert again.returncode == 0, output
    installed = _snapshot(pg_server, base_copy)
    assert ('crm', 'installed', False) in installed['modules']
    assert 'crm_case' in installed['tables']


@pytest.fixture
def partners_csv(tmp_path):
    """A CSV file of PARTNERS new partners with external ids."""
    path = tmp_path / 'partners.csv'
    with open(path, 'w', encoding='utf-8') as f:
        f.write('id,name,ref,website\n')
        for n in range(PARTNERS):
            f.write(f'fault_partner_{n},Fault partner {n},FP{n},https://p{n}.example.com\n')
    return str(path)


def test_an_import_killed_midway_imports_nothing_and_runs_again(base_copy, flags, pg_server, partners_csv):
    before = _snapshot(pg_server, base_copy)
    command = ['import', '-d', base_copy, '--model', 'res.partner', partners_csv, *flags]
    # SHARE lets the import read external ids but not add any: it stops
    # once it has inserted the partners, before its commit
    holder = psycopg2.connect(dbname=base_copy, **pg_server)
    try:
        with holder.cursor() as cr:
            cr.execute("LOCK TABLE ir_model_data IN SHARE MODE")
        process = odoo_bin(*command)
        with _autocommit(pg_server, base_copy) as cr:
            end = time.monotonic() + 60
            while True:
                cr.execute("""SELECT count(*) FROM pg_stat_activity
                               WHERE datname = %s AND wait_event_type = 'Lock'
                                 AND backend_xid IS NOT NULL""", [base_copy])
                if cr.fetchone()[0]:
                    break
                assert process.poll() is None, process.communicate()[0]
                assert time.monotonic() < end, 'the import never reached the external ids'
                time.sleep(0.05)
        _kill(process)
    finally:
        holder.close()
    _wait_until_gone(pg_server, base_copy)
    assert _snapshot(pg_server, base_copy) == before

    again = odoo_bin(*command)
    output, _ = again.communicate(timeout=300)
    assert (again.returncode, output.splitlines()[-1]) == (0, f'imported {PARTNERS} records'), output
    after = _snapshot(pg_server, base_copy)
    assert after['partners'] == before['partners'] + PARTNERS
    assert ('__import__', PARTNERS) in after['xmlids']
