"""``ir.sequence`` drawn by two transactions at once: 'no_gap' serialises them, 'standard' never repeats.

A 'no_gap' draw locks the sequence row: a second transaction waits for the
first. When the first commits, the second cannot see the number it took
(REPEATABLE READ) and fails with a serialization conflict, which the
service layer answers by running the whole call again; when the first
rolls back, the second simply takes the number the first gave back.
"""
import uuid

import pytest

from framework.db.retry import call_with_retry
from framework.exceptions import ConcurrencyError
from framework.service.transaction import run_in_transaction

from .conftest import run


def _sequence(dbname, implementation):
    code = 'conc.%s' % uuid.uuid4().hex[:8]
    run(dbname, lambda env: env['ir.sequence'].create(
        {'name': code, 'code': code, 'implementation': implementation, 'prefix': 'N', 'padding': 3}))
    return code


def _draw_committed(dbname, code, attempts):
    """Draw one number of ``code`` as an RPC call would: own transaction, retried on conflict."""
    def draw(cr, registry):
        from framework.api import Environment
        attempts.append(1)
        return Environment(cr, 1, {}, registry=registry)['ir.sequence'].next_by_code(code)
    return run_in_transaction(dbname, draw)


def test_no_gap_second_draw_waits_then_is_run_again_after_the_first_commits(concurrency_db, session, blocked):
    code = _sequence(concurrency_db, 'no_gap')
    first = session()
    assert first.env['ir.sequence'].next_by_code(code) == 'N001'
    attempts = []
    second = blocked(lambda: _draw_committed(concurrency_db, code, attempts))
    second.wait_behind(first.pid)          # the row lock makes the second draw wait
    first.commit()
    assert second.result() == 'N002'       # its first try lost the race and was run again
    assert len(attempts) == 2


def test_no_gap_number_given_back_by_a_rollback_is_drawn_by_the_waiting_transaction(
        concurrency_db, session, blocked):
    code = _sequence(concurrency_db, 'no_gap')
    first = session()
    assert first.env['ir.sequence'].next_by_code(code) == 'N001'
    attempts = []
    second = blocked(lambda: _draw_committed(concurrency_db, code, attempts))
    second.wait_behind(first.pid)
    first.rollback()
    assert second.result() == 'N001'       # reused: no gap
    assert len(attempts) == 1
    assert run(concurrency_db, lambda env: env['ir.sequence'].next_by_code(code)) == 'N002'


def test_no_gap_direct_orm_user_gets_a_clear_conflict_and_nothing_is_taken(concurrency_db, session):
    code = _sequence(concurrency_db, 'no_gap')
    first, second = session(), session()
    second.env['ir.sequence'].search([('code', '=', code)]).read(['number_next'])  # its snapshot starts
    assert first.env['ir.sequence'].next_by_code(code) == 'N001'
    first.commit()
    with pytest.raises(ConcurrencyError) as caught:
        second.env['ir.sequence'].next_by_code(code)
    assert 'at the same time' in str(caught.value) and 'try' in str(caught.value)
    second.rollback()
    assert second.env['ir.sequence'].next_by_code(code) == 'N002'
    second.commit()


def test_no_gap_numbers_of_committed_draws_are_consecutive_and_unique(concurrency_db, session):
    code = _sequence(concurrency_db, 'no_gap')
    committed = []
    for turn in range(4):
        # two transactions take turns, each losing one race and committing on the next try
        loser, winner = session(), session()
        loser.env['ir.sequence'].search([('code', '=', code)]).read(['number_next'])
        committed.append(winner.env['ir.sequence'].next_by_code(code))
        winner.commit()
        with pytest.raises(ConcurrencyError):
            loser.env['ir.sequence'].next_by_code(code)
        loser.rollback()
        committed.append(call_with_retry(
            lambda: run(concurrency_db, lambda env: env['ir.sequence'].next_by_code(code))))
    assert committed == ['N%03d' % number for number in range(1, 9)]


def test_standard_draws_of_two_open_transactions_never_repeat_even_after_a_rollback(concurrency_db, session):
    code = _sequence(concurrency_db, 'standard')
    first, second = session(), session()
    drawn = []
    for _turn in range(3):               # interleaved; neither waits for the other
        drawn.append(first.env['ir.sequence'].next_by_code(code))
        drawn.append(second.env['ir.sequence'].next_by_code(code))
    drawn += second.env['ir.sequence'].next_many_by_code(code, 3)
    first.rollback()                     # its numbers are lost (a gap), never handed out again
    second.commit()
    later = run(concurrency_db, lambda env: env['ir.sequence'].next_many_by_code(code, 3))
    assert len(set(drawn + later)) == len(drawn + later) == 12
    assert min(later) > max(drawn)
