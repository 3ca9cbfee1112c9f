"""Real server processes for tests: free ports, ``odoo-bin`` subprocesses, waiting and stopping.

`flags` is a fixture: the command-line flags that point a subprocess at the
session's PostgreSQL, the test addons and a private data folder.
"""
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import xmlrpc.client

import pytest

from framework.config import ROOT

ODOO_BIN = os.path.join(ROOT, 'odoo-bin')
TEST_ADDONS = os.path.join(ROOT, 'tests', 'addons')


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@pytest.fixture
def flags(pg_server, tmp_path):
    """Flags pointing a subprocess at the session's PostgreSQL and the test addons."""
    result = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432),
              '--addons-path', TEST_ADDONS, '--data-dir', str(tmp_path / 'data'),
              '--max-cron-threads', '0']  # HTTP workers only: the scheduler has tests/cron/
    if pg_server.get('user'):
        result += ['--db_user', pg_server['user']]
    return result


def odoo_bin(*args, **kwargs):
    environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))
    return subprocess.Popen([sys.executable, ODOO_BIN, *args], env=environ, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError('server exited: %s' % process.stdout.read())
        try:
            return xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/common').version()
        except OSError:
            time.sleep(0.1)  # the workers are still starting: poll the socket, not the clock
    raise AssertionError('server did not answer within %ss' % timeout)


def stop(server):
    """Stop `server` as an administrator would (SIGTERM); return what it printed."""
    server.send_signal(signal.SIGTERM)
    try:
        output, _ = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        raise
    return output


@contextlib.contextmanager
def serving_process(*args):
    """Run ``odoo-bin ARGS --http-port PORT`` until it answers; yield ``(url, process)``.

    The server is stopped (SIGTERM) at the end, and must have exited cleanly.
    """
    port = free_port()
    url = f'http://127.0.0.1:{port}'
    server = odoo_bin(*args, '--http-port', str(port))
    try:
        wait_until_serving(url, server)
        yield url, server
    finally:
        output = stop(server)
    assert server.returncode in (0, 130), output
