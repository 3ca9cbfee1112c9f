"""The ``odoo-bin`` command line, run as a user runs it (a subprocess)."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from framework.config import ROOT

ODOO_BIN = os.path.join(ROOT, 'odoo-bin')


@pytest.fixture
def server_flags(pg_server):
    """Flags pointing a subprocess at the session's PostgreSQL."""
    flags = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432)]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    return flags


def odoo_bin(*args, stdin=None, drop_env=(), timeout=120):
    """Run ``./odoo-bin args`` (without the variables ``drop_env``) and return the CompletedProcess."""
    environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))
    for var in drop_env:
        environ.pop(var, None)
    return subprocess.run([sys.executable, ODOO_BIN, *args], input=stdin, capture_output=True,
                          text=True, env=environ, timeout=timeout, cwd=ROOT)


def test_bad_flag_is_one_line_and_exit_2():
    result = odoo_bin('--bogus')
    assert result.returncode == 2
    assert result.stderr == "odoo-bin: unrecognized arguments: --bogus (see odoo-bin --help)\n"


def test_unknown_command_is_one_line_and_exit_2():
    result = odoo_bin('frobnicate')
    assert result.returncode == 2
    assert result.stderr.count('\n') == 1 and "unknown command 'frobnicate'" in result.stderr


@pytest.mark.parametrize('command', [['shell'], ['import', '--model', 'res.partner', 'x.csv']])
def test_missing_database_is_one_sentence_and_exit_2(server_flags, command):
    result = odoo_bin(command[0], '-d', 'test_nonexistent', *server_flags, *command[1:])
    assert result.returncode == 2
    assert result.stderr == ("odoo-bin: database 'test_nonexistent' does not exist; "
                             "create it with: ./odoo-bin db create test_nonexistent\n")


def test_db_list_duplicate_drop(server_flags, fresh_db):
    name = fresh_db(empty=True)
    result = odoo_bin('db', 'list', *server_flags)
    assert result.returncode == 0, result.stderr
    assert name in result.stdout.split()
    copy = name + '_copy'
    result = odoo_bin('db', 'duplicate', name, copy, *server_flags)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"copied database {name} to {copy}\n"
    result = odoo_bin('db', 'drop', copy, *server_flags)
    assert result.returncode == 0, result.stderr
    assert copy not in odoo_bin('db', 'list', *server_flags).stdout.split()
    result = odoo_bin('db', 'drop', copy, *server_flags)
    assert result.returncode == 2
    assert result.stderr.startswith(f"odoo-bin: database '{copy}' does not exist")


def test_db_create_existing_is_one_sentence(server_flags, fresh_db):
    name = fresh_db(empty=True)
    result = odoo_bin('db', 'create', name, *server_flags)
    assert result.returncode == 1
    assert result.stderr == (f"odoo-bin: database '{name}' already exists; "
                             f"pick another name or drop it first\n")


@pytest.fixture
def new_data_dir():
    """An empty data folder outside pytest's tmp root.

    pytest keeps its tmp root at 0700, and a concurrent pytest run resets it:
    the embedded server's system user (when run as root) could not reach it.
    """
    base = os.path.join(ROOT, '.testdata')
    os.makedirs(base, exist_ok=True)
    path = tempfile.mkdtemp(prefix='data-', dir=base)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_embedded_server_in_a_new_data_dir(new_data_dir):
    """No database flags: an embedded PostgreSQL starts under --data-dir and stops at exit."""
    result = odoo_bin('db', 'list', '--data-dir', new_data_dir,
                      drop_env=('PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD'))
    assert result.returncode == 0, result.stderr
    pgdata = os.path.join(new_data_dir, 'postgresql')
    assert os.path.exists(os.path.join(pgdata, 'PG_VERSION'))
    assert not os.path.exists(os.path.join(pgdata, 'postmaster.pid'))


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_server_serves_and_stops_on_sigterm(server_flags, fresh_db):
    name = fresh_db(empty=True)
    port = _free_port()
    environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))
    proc = subprocess.Popen([sys.executable, ODOO_BIN, '-d', name, '--http-port', str(port), *server_flags],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environ, cwd=ROOT)
    try:
        assert proc.stdout.readline() == f"odoo-crm is running on http://127.0.0.1:{port}/ (database {name})\n"
        assert proc.stdout.readline() == "login admin / password admin\n"
        deadline = time.monotonic() + 30
        while True:  # the line is printed just before the socket is bound
            try:
                page = urllib.request.urlopen(f'http://127.0.0.1:{port}/', timeout=5).read().decode()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
        assert 'server is running' in page and name in page
        info = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/web/webclient/version_info'))
        assert set(info) == {'server_version', 'server_version_info', 'server_serie', 'protocol_version'}
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        assert 'Traceback' not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


# -- waiting for framework.modules.loading (the ORM engineer's part) ------------

def test_install_and_upgrade_base(server_flags, pg_server):
    from framework.db import admin
    name = f'test_{os.getpid()}_cli_install'
    try:
        result = odoo_bin('-d', name, '-i', 'base', '--stop-after-init', *server_flags)
        assert result.returncode == 0, result.stderr
        result = odoo_bin('-d', name, '-u', 'base', '--stop-after-init', *server_flags)
        assert result.returncode == 0, result.stderr
        result = odoo_bin('shell', '-d', name, *server_flags,
                          stdin="print(env['ir.module.module'].search([('name', '=', 'base')]).state)\n")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "installed\n"
    finally:
        if admin.exists(name):
            admin.drop_db(name)


def test_db_create_with_admin_password_then_shell_and_import(server_flags, pg_server, tmp_path):
    from framework.db import admin
    name = f'test_{os.getpid()}_cli_create'
    try:
        result = odoo_bin('db', 'create', name, '--admin-password', 's3cret', '--without-demo', *server_flags)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"created database {name}; log in as admin with the password you chose\n"
        # piped shell code runs and is committed
        result = odoo_bin('shell', '-d', name, *server_flags,
                          stdin="env['res.partner'].create([{'name': 'Piped'}])\n")
        assert result.returncode == 0, result.stderr
        count = "print(env['res.partner'].search_count([('name', 'in', ['Piped', 'Csv A', 'Csv B'])]))\n"
        assert odoo_bin('shell', '-d', name, *server_flags, stdin=count).stdout == "1\n"

        good = tmp_path / 'good.csv'
        good.write_text("name,ref\nCsv A,A1\nCsv B,B1\n")
        result = odoo_bin('import', '-d', name, '--model', 'res.partner', str(good), *server_flags)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "imported 2 records\n"
        assert odoo_bin('shell', '-d', name, *server_flags, stdin=count).stdout == "3\n"

        # one bad row: nothing is imported and the line is named
        bad = tmp_path / 'bad.csv'
        bad.write_text("name,ref\nCsv A,A1\n,B1\n")
        result = odoo_bin('import', '-d', name, '--model', 'res.partner', str(bad), *server_flags)
        assert result.returncode == 1
        assert result.stdout.startswith(f"{bad} line 3: ")
        assert odoo_bin('shell', '-d', name, *server_flags, stdin=count).stdout == "3\n"
    finally:
        if admin.exists(name):
            admin.drop_db(name)


def test_csv_rows_keep_their_file_line_numbers(tmp_path):
    from framework.cli.load_csv import _line, read_csv
    path = tmp_path / 'p.csv'
    path.write_text('name,comment\nA,"two\nlines"\nB,x\n')
    fields, rows, lines = read_csv(str(path))
    assert fields == ['name', 'comment'] and rows == [['A', 'two\nlines'], ['B', 'x']]
    assert lines == [2, 4]
    assert _line({'record': 1}, lines) == 4
    assert _line({'rows': {'from': 0, 'to': 0}}, lines) == 2
    assert _line({'field': 'nope'}, lines) == 1
