"""Domains and orders: every operator, paths, hierarchy, errors."""
import pytest

from framework.orm.domain import DomainError


@pytest.fixture
def orders(env):
    partners = env['res.partner'].create([{'name': 'Alpha Corp'}, {'name': 'Beta Ltd'}])
    tag_root = env['test.orm.tag'].create({'name': 'root'})
    tag_child = env['test.orm.tag'].create({'name': 'child', 'parent_id': tag_root.id})
    Order = env['test.orm.order']
    return Order.create([
        {'name': 'D1', 'priority': 1, 'partner_id': partners[0].id, 'note': 'urgent call',
         'date': '2026-01-10', 'tag_ids': [(6, 0, tag_root.ids)],
         'line_ids': [(0, 0, {'product': 'bolt', 'price': 2, 'quantity': 5})]},
        {'name': 'D2', 'priority': 2, 'partner_id': partners[1].id, 'date': '2026-02-10',
         'tag_ids': [(6, 0, tag_child.ids)]},
        {'name': 'D3', 'priority': 3, 'active': False},
    ])


def names(records):
    return sorted(records.mapped('name'))


def test_comparison_operators(env, orders):
    Order = env['test.orm.order']
    base = [('name', 'in', ['D1', 'D2', 'D3'])]
    assert names(Order.search(base + [('priority', '>', 1)])) == ['D2']
    assert names(Order.search(base + [('priority', '<=', 2)])) == ['D1', 'D2']
    assert names(Order.search(base + [('priority', '!=', 1)])) == ['D2']
    assert names(Order.search(base + [('note', '=', False)])) == ['D2']
    assert names(Order.search(base + [('note', '!=', False)])) == ['D1']
    assert names(Order.search(base + [('note', 'ilike', 'URGENT')])) == ['D1']
    assert names(Order.search(base + [('note', 'not ilike', 'urgent')])) == ['D2']
    assert names(Order.search(base + [('name', '=like', 'D_')])) == ['D1', 'D2']
    assert names(Order.search(base + [('name', 'not in', ['D1'])])) == ['D2']
    assert names(Order.search(base + [('date', '>=', '2026-02-01')])) == ['D2']
    assert names(Order.search(base + [('partner_id', '=?', False)])) == ['D1', 'D2']


def test_prefix_operators(env, orders):
    Order = env['test.orm.order']
    assert names(Order.search(['|', ('name', '=', 'D1'), ('name', '=', 'D2')])) == ['D1', 'D2']
    assert names(Order.search(['!', ('name', '=', 'D1'), ('name', 'in', ['D1', 'D2'])])) == ['D2']


def test_active_filter(env, orders):
    Order = env['test.orm.order']
    assert names(Order.search([('name', 'like', 'D')])) == ['D1', 'D2']
    assert names(Order.with_context(active_test=False).search([('name', 'like', 'D')])) == ['D1', 'D2', 'D3']
    assert names(Order.search([('name', 'like', 'D'), ('active', '=', False)])) == ['D3']


def test_paths_through_relations(env, orders):
    Order = env['test.orm.order']
    assert names(Order.search([('partner_id.name', 'ilike', 'alpha')])) == ['D1']
    assert names(Order.search([('partner_id', 'ilike', 'beta')])) == ['D2']
    assert names(Order.search([('line_ids.product', '=', 'bolt')])) == ['D1']
    assert names(Order.search([('tag_ids.name', '=', 'child')])) == ['D2']
    assert names(Order.search([('line_ids', '=', False), ('name', 'like', 'D')])) == ['D2']
    assert names(Order.search([('partner_name', '=', 'Beta Ltd')])) == ['D2']


def test_child_of_and_parent_of(env, orders):
    Tag = env['test.orm.tag']
    root = Tag.search([('name', '=', 'root')])
    child = Tag.search([('name', '=', 'child')])
    assert Tag.search([('id', 'child_of', root.id)]) == root + child
    assert Tag.search([('id', 'parent_of', child.id)]) == root + child
    assert names(env['test.orm.order'].search([('tag_ids', 'child_of', root.id)])) == ['D1', 'D2']


def test_order_and_paging(env, orders):
    Order = env['test.orm.order']
    domain = [('name', 'in', ['D1', 'D2'])]
    assert Order.search(domain).mapped('name') == ['D2', 'D1']          # _order priority desc
    assert Order.search(domain, order='name').mapped('name') == ['D1', 'D2']
    assert Order.search(domain, order='partner_id desc').mapped('name') == ['D2', 'D1']
    assert Order.search(domain, order='name', limit=1, offset=1).mapped('name') == ['D2']
    assert Order.search_count(domain) == 2


def test_search_read(env, orders):
    rows = env['test.orm.order'].search_read([('name', '=', 'D1')], ['name', 'partner_id'])
    assert rows == [{'id': orders[0].id, 'name': 'D1', 'partner_id': (orders[0].partner_id.id, 'Alpha Corp')}]


@pytest.mark.parametrize('domain, message', [
    ([('nope', '=', 1)], "Invalid field 'nope'.*model 'test.orm.order' has no such field"),
    ([('name', 'between', 1)], 'Invalid domain element'),
    (['|', ('name', '=', 'x')], 'an operator lacks its operands'),
    ('name = 1', 'a domain is a list'),
    ([('note.name', '=', 1)], "field 'note' of 'test.orm.order' is not a relation"),
    ([('line_count', '=', 1)], 'is not stored and cannot be searched'),
])
def test_bad_domains_say_what_is_wrong(env, domain, message):
    with pytest.raises(DomainError, match=message):
        env['test.orm.order'].search(domain)


@pytest.mark.parametrize('order', ['name; DROP TABLE x', 'nope', 'line_count', 'name sideways'])
def test_bad_orders_are_refused(env, order):
    with pytest.raises(DomainError):
        env['test.orm.order'].search([], order=order)


def test_values_never_become_sql(env, orders):
    evil = "x' OR '1'='1"
    assert not env['test.orm.order'].search([('name', '=', evil)])
