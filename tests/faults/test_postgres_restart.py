"""PostgreSQL stopped or restarted under a running ``odoo-bin`` server (issue 10, "Faults").

A real server process (threaded, then prefork with two workers) serves a
database of a private cluster (see ``private_cluster``); the test stops,
starts and restarts that cluster.
What a client must see: during the outage each call fails with one
sentence (an XML-RPC fault, no traceback); once PostgreSQL is back the
calls succeed without restarting the server; a create cut by the restart
leaves nothing behind.
"""
import threading
import time
import uuid
import xmlrpc.client

import pytest

from tests.processes import free_port, odoo_bin, stop, wait_until_serving

DB = 'faults'


@pytest.fixture(scope='module')
def installed(private_cluster, tmp_path_factory):
    """The flags of a server of ``DB``, where ``odoo-bin -i base`` installed base in the private cluster."""
    flags = ['--max-cron-threads', '0', '--data-dir', str(tmp_path_factory.mktemp('faults-data')),
             *private_cluster.flags]
    install = odoo_bin('-d', DB, '-i', 'base', '--without-demo', '--stop-after-init', *flags)
    output, _ = install.communicate(timeout=300)
    assert install.returncode == 0, output
    return flags


@pytest.fixture(scope='module', params=['threaded', 'prefork'])
def server(request, installed):
    """``(url, process)`` of an ``odoo-bin`` serving ``DB``: threaded, or prefork with two workers."""
    workers = ['--workers', '2'] if request.param == 'prefork' else []
    port = free_port()
    process = odoo_bin('-d', DB, *workers, '--http-interface', '127.0.0.1', '--http-port', str(port),
                       *installed)
    url = f'http://127.0.0.1:{port}'
    try:
        wait_until_serving(url, process, timeout=120)
        yield url, process
    finally:
        stop(process)


def _object(url):
    return xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/object', allow_none=True)


def _call(url, model, method, *args, **kwargs):
    return _object(url).execute_kw(DB, 2, 'admin', model, method, list(args), kwargs)


def _assert_one_sentence(fault, *parts):
    text = fault.faultString
    assert '\n' not in text and 'Traceback' not in text, text
    for part in parts:
        assert part in text, text


def test_calls_during_an_outage_fail_with_one_sentence_then_succeed_once_postgres_is_back(
        server, private_cluster):
    url, process = server
    assert _call(url, 'res.partner', 'search_count', []) >= 1
    private_cluster.stop()
    try:
        for _ in range(2):  # the server does not fall over after the first one
            with pytest.raises(xmlrpc.client.Fault) as caught:
                _call(url, 'res.partner', 'search_count', [])
            _assert_one_sentence(caught.value, f'could not connect to database {DB}',
                                 'check that PostgreSQL is running and reachable, then try again')
    finally:
        private_cluster.start()
    assert _call(url, 'res.partner', 'search_count', []) >= 1
    assert process.poll() is None, 'the server kept running'


def test_a_restart_between_calls_goes_unnoticed(server, private_cluster):
    url, process = server
    # the server now holds pooled connections that the restart will cut
    assert _call(url, 'res.partner', 'search_count', []) >= 1
    private_cluster.restart()
    for _ in range(3):
        assert _call(url, 'res.partner', 'search_count', []) >= 1
    assert process.poll() is None


def test_a_create_cut_by_the_restart_leaves_no_half_written_record(server, private_cluster):
    url, _process = server
    [category] = _call(url, 'res.partner.category', 'create', [{'name': 'Cut short'}])
    name = 'Half written %s' % uuid.uuid4().hex[:8]  # the database outlives one server
    values = {'name': name, 'category_id': [(6, 0, [category])]}
    # The create inserts the partner, then waits for the tag table we hold
    # locked: the restart comes while its transaction has written a row.
    holder, watcher = private_cluster.connect(DB), private_cluster.connect(DB)
    watcher.autocommit = True  # pg_stat_activity is read once per transaction
    outcome = {}

    def create():
        try:
            outcome['id'] = _call(url, 'res.partner', 'create', values)
        except xmlrpc.client.Fault as fault:
            outcome['fault'] = fault
    caller = threading.Thread(target=create)
    try:
        with holder.cursor() as cr:
            cr.execute("LOCK TABLE res_partner_category_rel IN ACCESS EXCLUSIVE MODE")
        caller.start()
        deadline = time.monotonic() + 30
        with watcher.cursor() as cr:
            while True:
                cr.execute("""SELECT count(*) FROM pg_stat_activity
                               WHERE datname = %s AND wait_event_type = 'Lock'
                                 AND backend_xid IS NOT NULL""", [DB])
                if cr.fetchone()[0]:
                    break  # a transaction that wrote waits for our lock
                assert time.monotonic() < deadline, 'the create never reached the locked table'
                time.sleep(0.05)
        private_cluster.restart()
    finally:
        holder.close()
        watcher.close()
    caller.join(30)
    assert 'fault' in outcome, outcome
    _assert_one_sentence(outcome['fault'], f'the connection to database {DB} was lost',
                         'nothing of this operation was saved; try again')
    assert _call(url, 'res.partner', 'search_count', [('name', '=', name)]) == 0
    # doing it again, as the sentence says, works
    partner = _call(url, 'res.partner', 'create', values)
    [record] = _call(url, 'res.partner', 'read', [partner], fields=['category_id'])
    assert record['category_id'] == [category]
