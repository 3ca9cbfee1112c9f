"""``--workers 2``: two server processes; a module installed by a third is seen by both."""
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


def test_two_workers_see_a_module_installed_by_another_process(fresh_db, flags):
    name = fresh_db()
    port = free_port()
    url = f'http://127.0.0.1:{port}'
    server = odoo_bin('--workers', '2', '--http-port', str(port), *flags)
    try:
        wait_until_serving(url, server)
        common = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/common')
        uid = common.login(name, 'admin', 'admin')
        # warm both workers' registries on the old module list
        for _ in range(6):
            models = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/object')
            assert models.execute_kw(name, uid, 'admin', 'res.partner', 'search_count', [[]]) > 0
        with pytest.raises(xmlrpc.client.Fault) as info:
            models.execute_kw(name, uid, 'admin', 'test.rpc.gadget', 'ping', [])
        assert "Object test.rpc.gadget doesn't exist" in info.value.faultString

        install = odoo_bin('-d', name, '-i', 'test_rpc_signal', '--stop-after-init', *flags)
        output, _ = install.communicate(timeout=120)
        assert install.returncode == 0, output

        for _ in range(10):  # new connections: the kernel spreads them over both workers
            models = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/object')
            assert models.execute_kw(name, uid, 'admin', 'test.rpc.gadget', 'ping', [],
                                     {'word': 'hello'}) == 'hello'
    finally:
        output = stop(server)
    assert server.returncode in (0, 130), output


def test_a_dead_worker_is_replaced(fresh_db, flags):
    port = free_port()
    url = f'http://127.0.0.1:{port}'
    server = odoo_bin('--workers', '1', '--http-port', str(port), *flags)
    try:
        wait_until_serving(url, server)
        children = subprocess.run(['pgrep', '-P', str(server.pid)], capture_output=True, text=True)
        [child] = [int(pid) for pid in children.stdout.split()]
        os.kill(child, signal.SIGKILL)
        assert wait_until_serving(url, server)['server_serie'] == '1.0'
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)
