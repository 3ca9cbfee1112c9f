"""Sequences number documents: standard ones from a database sequence, no-gap ones by row lock."""
from datetime import date

import pytest

from framework.exceptions import UserError


def _sequence(env, implementation, **values):
    vals = {'name': f'Test {implementation}', 'code': f'test.{implementation}',
            'implementation': implementation, 'prefix': 'SO%(year)s/', 'padding': 4}
    vals.update(values)
    return env['ir.sequence'].create([vals])


def _pg_sequence_exists(env, sequence):
    env.cr.execute("SELECT 1 FROM pg_class WHERE relkind = 'S' AND relname = %s",
                   ('ir_sequence_%03d' % sequence.id,))
    return bool(env.cr.fetchone())


@pytest.mark.parametrize('implementation', ['standard', 'no_gap'])
def test_numbers_follow_with_prefix_and_padding(env, implementation):
    _sequence(env, implementation, suffix='-%(y)s')
    year = date.today().strftime('%Y')
    y = date.today().strftime('%y')
    sequences = env['ir.sequence']
    assert sequences.next_by_code(f'test.{implementation}') == f'SO{year}/0001-{y}'
    assert sequences.next_by_code(f'test.{implementation}') == f'SO{year}/0002-{y}'


@pytest.mark.parametrize('implementation', ['standard', 'no_gap'])
def test_a_batch_of_numbers_follows_on(env, implementation, queries):
    _sequence(env, implementation, prefix='N', padding=3)
    sequences = env['ir.sequence']
    assert sequences.next_by_code(f'test.{implementation}') == 'N001'
    with queries(3 if implementation == 'standard' else 30):
        numbers = sequences.next_many_by_code(f'test.{implementation}', 5)
    assert numbers == ['N002', 'N003', 'N004', 'N005', 'N006']
    assert sequences.next_by_code(f'test.{implementation}') == 'N007'
    assert sequences.next_many_by_code('no.such.code', 3) == []


def test_standard_sequence_lives_in_a_database_sequence(env):
    sequence = _sequence(env, 'standard', number_next=7, number_increment=5, padding=0, prefix='')
    assert _pg_sequence_exists(env, sequence)
    assert sequence.next_by_id() == '7'
    assert sequence.next_by_id() == '12'
    assert sequence.number_next_actual == 17
    sequence.write({'number_next': 100})
    assert sequence.next_by_id() == '100'
    sequence.unlink()
    assert not _pg_sequence_exists(env, sequence)


def test_no_gap_sequence_counts_in_its_row(env):
    sequence = _sequence(env, 'no_gap', number_next=3, padding=0, prefix='%(doy)s-')
    doy = date.today().strftime('%j')
    assert sequence.next_by_id() == f'{doy}-3'
    assert sequence.number_next == 4
    assert not _pg_sequence_exists(env, sequence)


def test_switching_implementation_creates_or_drops_the_database_sequence(env):
    sequence = _sequence(env, 'no_gap')
    sequence.write({'implementation': 'standard'})
    assert _pg_sequence_exists(env, sequence)
    sequence.write({'implementation': 'no_gap'})
    assert not _pg_sequence_exists(env, sequence)


def test_unknown_code_gives_false(env):
    assert env['ir.sequence'].next_by_code('no.such.code') is False


def test_bad_prefix_is_a_clear_error(env):
    sequence = _sequence(env, 'standard', prefix='%(century)s')
    with pytest.raises(UserError, match='Invalid prefix or suffix for sequence "Test standard"'):
        sequence.next_by_id()
