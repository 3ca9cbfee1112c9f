"""The load run in short: three ``odoo-bin`` servers on one database, eight XML-RPC clients, a few seconds.

The clients do the CRM mix of ``bench/load.py`` (lists, forms, new cases,
Open/Close, logged messages, gateway deliveries, replies to the cases all
clients share) against three separate server processes; afterwards every acknowledged write must be in the
database, the counts exact, and no request may have failed except the
conflicts sent again. The full run (32 clients, 60 s) is ``bench/load.py``.
"""

import pytest

from bench.loadlib import ledger, run as load
from bench.loadlib.servers import start_servers
from tests.installed import copy, drop, rolled_back_env

SERVERS, WORKERS, CLIENTS, SECONDS = 3, 1, 8, 4


def db_flags(pg_server, data_dir):
    """Flags pointing a server at the session's PostgreSQL, the test addons and ``data_dir``."""
    from tests.processes import TEST_ADDONS
    result = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432),
              '--addons-path', TEST_ADDONS, '--data-dir', str(data_dir)]
    if pg_server.get('user'):
        result += ['--db_user', pg_server['user']]
    return result


@pytest.fixture(scope='module')
def load_run(pg_server, template_db, tmp_path_factory):
    """``(database, run)``: the short load run, done once for this module's tests."""
    name = copy(template_db, 'load')
    folder = tmp_path_factory.mktemp('load')
    servers = start_servers(SERVERS, name, WORKERS, db_flags(pg_server, folder / 'data'), str(folder))
    try:
        run = load.run_load([server.url for server in servers], name, CLIENTS, SECONDS, processes=2,
                            server_pids=[server.process.pid for server in servers])
    finally:
        codes = [server.stop() for server in servers]
    assert all(code in (0, 130) for code in codes), [server.output()[-2000:] for server in servers]
    yield name, run
    drop(name)


def test_three_servers_keep_every_acknowledged_write(load_run):
    name, run = load_run
    assert run['failures'] == []
    assert load.check(name, run) == []
    # every part of the mix ran, through all three servers (each client sticks to one)
    assert set(run['latencies']) == {'list', 'form', 'create', 'press', 'log', 'mail', 'hot'}
    actions = {action for actions in run['ledger']['actions'].values() for action in actions}
    assert {'create', 'open', 'close', 'log', 'mail_new', 'mail_reply'} <= actions
    assert run['servers'] == SERVERS
    requests, rate, p50, p99 = load.throughput(run)
    assert requests > 0 and 0 < p50 <= p99


def test_the_check_notices_a_lost_write_and_a_wrong_state(load_run):
    name, run = load_run
    [changed, deleted] = sorted(run['ledger']['actions'])[:2]
    with rolled_back_env(name) as env:
        # Cancel is a state no action of the mix leaves a case in
        env.cr.execute("UPDATE crm_case SET state = 'cancel' WHERE id = %s", [changed])
        env.cr.execute("DELETE FROM crm_case WHERE id = %s", [deleted])
        problems = ledger.verify(env, run['ledger'], run['tag'])
    assert any('1 acknowledged cases are missing' in problem and str(deleted) in problem for problem in problems)
    assert any('not in the state of their last acknowledged action' in problem and str(changed) in problem
               for problem in problems)
