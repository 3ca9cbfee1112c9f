"""Two users writing the same case at once: one wins, the other is run again or told clearly; nothing is lost.

The first user's transaction (admin, through the ORM) has written the case
and not committed; the second (demo, over XML-RPC) writes the same case
and waits for the row lock. When the first commits, the second's UPDATE
fails to serialize (REPEATABLE READ); the service layer runs the whole
call again, which then writes on top of the committed first change. A
direct ORM user has no one to retry for them: they get one sentence.
"""
import logging
import uuid
import xmlrpc.client

import pytest

from framework.exceptions import ConcurrencyError
from tests.serving import served

from .conftest import run

ADMIN_UID = 2


@pytest.fixture(scope='module')
def server(concurrency_db):
    with served() as url:
        yield url


@pytest.fixture
def demo(concurrency_db, server):
    """``(uid, object proxy)`` of the demo user over XML-RPC."""
    common = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/common', allow_none=True)
    uid = common.authenticate(concurrency_db, 'demo', 'demo', {})
    assert uid
    return uid, xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/object', allow_none=True)


def _case(dbname):
    name = 'Contended case %s' % uuid.uuid4().hex[:8]
    section = run(dbname, lambda env: env['crm.case.section'].search([], limit=1).id)
    return run(dbname, lambda env: env['crm.case'].create(
        {'name': name, 'section_id': section, 'priority': '3', 'description': 'original'}).id)


def _read(dbname, case_id, *names):
    return run(dbname, lambda env: tuple(env['crm.case'].browse(case_id)[name] for name in names))


def _demo_writes(dbname, demo, case_id, values):
    uid, proxy = demo
    return proxy.execute_kw(dbname, uid, 'demo', 'crm.case', 'write', [[case_id], values])


def test_writers_of_different_fields_both_win_through_the_rpc_retry(concurrency_db, session, blocked, demo, caplog):
    case_id = _case(concurrency_db)
    admin = session(ADMIN_UID)
    admin.env['crm.case'].browse(case_id).write({'priority': '1'})
    admin.env.flush_all()                          # the row is locked until admin commits
    with caplog.at_level(logging.INFO, logger='framework.db.retry'):
        writer = blocked(lambda: _demo_writes(concurrency_db, demo, case_id, {'description': 'from demo'}))
        writer.wait_behind(admin.pid)
        admin.commit()
        assert writer.result() is True
    assert 'concurrency conflict (40001)' in caplog.text
    assert _read(concurrency_db, case_id, 'priority', 'description') == ('1', 'from demo')


def test_writers_of_the_same_field_last_commit_wins_and_nothing_else_is_lost(
        concurrency_db, session, blocked, demo):
    case_id = _case(concurrency_db)
    admin = session(ADMIN_UID)
    admin.env['crm.case'].browse(case_id).write({'description': 'from admin', 'priority': '1'})
    admin.env.flush_all()
    writer = blocked(lambda: _demo_writes(concurrency_db, demo, case_id, {'description': 'from demo'}))
    writer.wait_behind(admin.pid)
    admin.commit()
    assert writer.result() is True
    assert _read(concurrency_db, case_id, 'description', 'priority') == ('from demo', '1')


def test_direct_orm_writer_that_lost_the_race_gets_one_clear_sentence(concurrency_db, session):
    case_id = _case(concurrency_db)
    admin, demo_user = session(ADMIN_UID), session(run(concurrency_db, lambda env: env.ref('base.user_demo').id))
    assert demo_user.env['crm.case'].browse(case_id).description == 'original'   # its snapshot starts
    admin.env['crm.case'].browse(case_id).write({'priority': '1'})
    admin.commit()
    with pytest.raises(ConcurrencyError) as caught:
        demo_user.env['crm.case'].browse(case_id).write({'description': 'from demo'})
        demo_user.env.flush_all()
    message = str(caught.value)
    assert message.startswith('Another transaction changed the same data of database %s at the same time'
                              % concurrency_db)
    assert message.endswith('nothing of this operation was saved: try it again.') and '\n' not in message
    demo_user.rollback()
    assert _read(concurrency_db, case_id, 'priority', 'description') == ('1', 'original')


def test_rpc_call_that_keeps_losing_ends_with_the_sentence_as_its_fault_and_writes_nothing(concurrency_db):
    from framework.api import Environment
    from framework.service.faults import FAULT_WARNING, xmlrpc_fault_v2
    from framework.service.transaction import run_in_transaction
    case_id = _case(concurrency_db)
    tries = []

    def call(cr, registry):
        tries.append(1)
        env = Environment(cr, ADMIN_UID, {}, registry=registry)
        env['crm.case'].browse(case_id).read(['description'])                 # its snapshot starts
        run(concurrency_db, lambda other: other['crm.case'].browse(case_id).write(
            {'priority': str(len(tries))}))                                      # another user commits
        env['crm.case'].browse(case_id).write({'description': 'mine'})
        env.flush_all()
    with pytest.raises(ConcurrencyError) as caught:
        run_in_transaction(concurrency_db, call, tries=2)
    assert len(tries) == 2
    fault = xmlrpc_fault_v2(caught.value)
    assert (fault.faultCode, fault.faultString) == (FAULT_WARNING, str(caught.value))
    assert _read(concurrency_db, case_id, 'priority', 'description') == ('2', 'original')
