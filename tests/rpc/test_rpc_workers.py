"""``--workers N``: a module installed by another process, and access data changed through one
worker, are seen by every worker; a dead worker is replaced."""
import os
import signal
import subprocess
import xmlrpc.client

import pytest

from tests.processes import flags, odoo_bin, serving_process, wait_until_serving  # noqa: F401 (flags is a fixture)


def test_two_workers_see_a_module_installed_by_another_process(fresh_db, flags):
    name = fresh_db()
    with serving_process('--workers', '2', *flags) as (url, server):
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


def test_a_dead_worker_is_replaced(fresh_db, flags):
    with serving_process('--workers', '1', *flags) as (url, server):
        children = subprocess.run(['pgrep', '-P', str(server.pid)], capture_output=True, text=True)
        [child] = [int(pid) for pid in children.stdout.split()]
        os.kill(child, signal.SIGKILL)
        assert wait_until_serving(url, server)['server_serie'] == '1.0'


def test_every_worker_forgets_access_decisions_changed_through_another(fresh_db, flags):
    # each worker caches who may do what; a group taken away through one worker
    # must hold in all of them from the next request on (the cache signal)
    name = fresh_db()
    with serving_process('--workers', '2', *flags) as (url, server):
        common = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/common')
        demo = common.login(name, 'demo', 'demo')
        admin = common.login(name, 'admin', 'admin')

        def models():  # a new connection each time: the kernel spreads them over both workers
            return xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/object')

        for _ in range(8):  # both workers decide (and cache) that demo may read cases
            assert models().execute_kw(name, demo, 'demo', 'crm.case', 'search_count', [[]]) >= 0
        [group] = models().execute_kw(name, admin, 'admin', 'ir.model.data', 'search_read',
                                      [[('module', '=', 'crm'), ('name', '=', 'group_crm_user')]],
                                      {'fields': ['res_id']})
        models().execute_kw(name, admin, 'admin', 'res.users', 'write',
                            [[demo], {'groups_id': [(3, group['res_id'])]}])
        for _ in range(8):  # every one refused, whichever worker answers
            with pytest.raises(xmlrpc.client.Fault) as info:
                models().execute_kw(name, demo, 'demo', 'crm.case', 'search_count', [[]])
            assert 'Case' in info.value.faultString
