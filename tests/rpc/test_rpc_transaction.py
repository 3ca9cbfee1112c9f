"""One call, one transaction: rolled back on error, retried whole on a serialization failure."""
import threading
import xmlrpc.client

import psycopg2

from framework.service.transaction import run_in_transaction

PASSWORD = 'admin'


class Conflict(Exception):
    pgcode = '40001'


def test_a_conflict_runs_the_whole_call_again_and_side_effects_once(rpc_db):
    attempts, effects = [], []

    def call(cr, registry):
        attempts.append(1)
        cr.postcommit.add(lambda: effects.append('mail sent'))
        cr.execute("UPDATE res_partner SET comment = %s WHERE id = 1", ['try %d' % len(attempts)])
        if len(attempts) == 1:
            raise Conflict()
        return 'done'
    assert run_in_transaction(rpc_db, call) == 'done'
    assert len(attempts) == 2 and effects == ['mail sent']


def test_a_real_concurrent_update_is_retried(rpc_db, server, admin_uid):
    from framework.db import db_connect
    models = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/object')
    pid = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'create', [{'name': 'Contended'}])
    holder = db_connect(rpc_db).cursor()
    holder.execute("UPDATE res_partner SET comment = 'held' WHERE id = %s", [pid])
    results = []
    writer = threading.Thread(target=lambda: results.append(models.execute_kw(
        rpc_db, admin_uid, PASSWORD, 'res.partner', 'write', [[pid], {'comment': 'from rpc'}])))
    writer.start()
    watcher = psycopg2.connect(dbname=rpc_db, **_keywords())
    try:
        with watcher.cursor() as cr:
            blocked = False
            for _ in range(2000):  # poll PostgreSQL until the RPC waits for the row lock
                cr.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                           [rpc_db])
                if cr.fetchone()[0]:
                    blocked = True
                    break
        assert blocked
    finally:
        watcher.close()
    holder.commit()   # the RPC's update now fails to serialize, and is run again
    holder.close()
    writer.join(30)
    assert results == [True]
    [row] = models.execute_kw(rpc_db, admin_uid, PASSWORD, 'res.partner', 'read', [[pid], ['comment']])
    assert row['comment'] == 'from rpc'


def _keywords():
    from framework.db import ensure_server
    return ensure_server()
