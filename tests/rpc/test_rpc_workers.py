"""``--workers 2``: two server processes; a module installed by a third is seen by both."""
import os
import signal
import subprocess
import xmlrpc.client

import pytest

from tests.processes import flags, free_port, odoo_bin, stop, wait_until_serving  # noqa: F401 (flags is a fixture)


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
