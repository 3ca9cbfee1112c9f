"""Hostile input the ORM refuses, and the sentence that says why, naming the culprit."""
import pytest

from tests.hostile.verdict import outcome

SEARCH_CASES = [
    ('res.partner', [], 'id; drop table res_partner', "'id; drop table res_partner'"),
    ('res.partner', [], 'name desc, (select 1)', "'(select 1)'"),
    ('res.partner', [], 'name, nope desc', "has no field 'nope'"),
    ('res.partner', [], 'name"', "'name\"'"),
    ('crm.case', [], 'email_last', "by field 'email_last': it is not stored"),
    ('res.partner', [], 42, 'Invalid order 42'),
    ('res.partner', [('nope', '=', 1)], None, "Invalid field 'nope'"),
    ('res.partner', [('name.id', '=', 1)], None, "field 'name' of 'res.partner' is not a relation"),
    ('res.partner', [('name.', '=', 1)], None, "Invalid path 'name.'"),
    ('res.partner', ['&', ('name', '=', 'x')], None, 'lacks its operands'),
    ('res.partner', [('name', '===', 'x')], None, "('name', '===', 'x')"),
    ('res.partner', [('id', '=', {})], None, 'field id expects a number'),
    ('res.partner', [('id', 'in', [1, [2]])], None, 'Invalid value [2]'),
    ('res.partner', [('date', '>', 'not a date')], None, "Invalid value 'not a date'"),
    ('res.partner', [('name', '=', 'a\x00b')], None, 'NUL character'),
    ('res.partner', [('active', '=', 'yes')], None, 'field active expects True or False'),
    ('res.partner', [('user_id', 'child_of', 1)], None, "'res.users' has no parent field"),
    ('res.partner', [('child_ids', '>', 1)], None, 'compares record ids only with'),
    ('res.partner', "[('name', '=', 'x')]", None, 'a domain is a list of conditions'),
    ('res.partner', ['!'] * 300 + [('id', '>', 0)], None, 'nest more than 100 levels'),
    ('res.partner', [('.'.join(['parent_id'] * 40), '=', 1)], None, 'at most 16 of them'),
]


@pytest.mark.parametrize('model, domain, order, culprit', SEARCH_CASES)
def test_refused_search_names_the_culprit(hostile_env, model, domain, order, culprit):
    verdict, message = outcome(hostile_env, lambda: hostile_env[model].search(domain, order=order))
    assert verdict == 'refused'
    assert culprit in message


@pytest.mark.parametrize('fields, culprit', [
    (['name', 'nope'], "Invalid field 'nope' on model 'res.partner'"),
    ('name', "Invalid list of fields 'name'"),
    ([['name']], "Invalid field ['name']"),
])
def test_refused_field_lists_name_the_culprit(hostile_env, fields, culprit):
    verdict, message = outcome(hostile_env, lambda: hostile_env['res.partner'].search_read([], fields))
    assert (verdict, culprit in message) == ('refused', True), message


@pytest.mark.parametrize('ids, culprit', [
    ('abc', "Invalid record id 'abc'"), (1.5, 'Invalid record id 1.5'),
    ([1, None], 'Invalid record id None'), ([[1]], 'Invalid record id [1]'),
])
def test_refused_ids_name_the_culprit(hostile_env, ids, culprit):
    verdict, message = outcome(hostile_env, lambda: hostile_env['res.partner'].browse(ids).read(['name']))
    assert (verdict, culprit in message) == ('refused', True), message


@pytest.mark.parametrize('limit, offset, culprit', [
    (-1, 0, 'Invalid limit -1'), (2 ** 64, 0, 'Invalid limit 18446744073709551616'),
    (None, 'x', "Invalid offset 'x'"), (1.5, 0, 'Invalid limit 1.5'),
])
def test_refused_limits_name_the_culprit(hostile_env, limit, offset, culprit):
    verdict, message = outcome(hostile_env,
                               lambda: hostile_env['res.partner'].search([], limit=limit, offset=offset))
    assert (verdict, culprit in message) == ('refused', True), message


def test_long_domains_compile_without_deep_recursion(hostile_env):
    """Ten thousand AND-ed leaves and a thousand OR-ed ones are one flat condition each."""
    partner = hostile_env['res.partner'].search([], limit=1)
    anded = [('id', '=', partner.id)] * 10_000
    ored = ['|'] * 999 + [('id', '=', partner.id)] * 1000
    assert outcome(hostile_env, lambda: hostile_env['res.partner'].search(anded).ids) == ('ok', partner.ids)
    assert outcome(hostile_env, lambda: hostile_env['res.partner'].search(ored).ids) == ('ok', partner.ids)


def test_huge_values_are_cut_short_in_messages(hostile_env):
    verdict, message = outcome(hostile_env, lambda: hostile_env['res.partner'].search(
        [('nope', 'in', list(range(100_000)))]))
    assert verdict == 'refused' and len(message) < 300 and "'nope'" in message


def test_garbage_contexts_fall_back_to_english(hostile_env):
    for lang in ([1], 7, 'en_US\x00', {}):
        verdict, rows = outcome(hostile_env, lambda: hostile_env['res.partner'].with_context(lang=lang)
                                .search_read([('name', 'ilike', 'a')], ['name'], limit=1))
        assert verdict == 'ok' and rows
