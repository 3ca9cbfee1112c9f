"""read_group, inverse and searchable computed fields, environment switching."""
import datetime

import pytest


@pytest.fixture
def orders(env):
    a, b = env['res.partner'].create([{'name': 'Group A'}, {'name': 'Group B'}])
    return env['test.orm.order'].create([
        {'name': 'G1', 'partner_id': a.id, 'date': '2026-01-05', 'priority': 1,
         'line_ids': [(0, 0, {'quantity': 1, 'price': 10})]},
        {'name': 'G2', 'partner_id': a.id, 'date': '2026-01-20', 'priority': 2,
         'line_ids': [(0, 0, {'quantity': 2, 'price': 10})]},
        {'name': 'G3', 'partner_id': b.id, 'date': '2026-03-01', 'priority': 3, 'state': 'done'},
    ])


def test_read_group_by_many2one(env, orders):
    groups = env['test.orm.order'].read_group([('name', 'like', 'G')], ['amount_total:sum', 'priority'],
                                              ['partner_id'], orderby='partner_id')
    by_name = {g['partner_id'][1]: g for g in groups}
    assert by_name['Group A']['partner_id_count'] == 2
    assert by_name['Group A']['amount_total'] == 30.0
    assert by_name['Group A']['priority'] == 3
    assert by_name['Group B']['partner_id_count'] == 1
    assert env['test.orm.order'].search(by_name['Group B']['__domain']).mapped('name') == ['G3']


def test_read_group_by_month_and_lazy(env, orders):
    groups = env['test.orm.order'].read_group([('name', 'like', 'G')], ['amount_total'],
                                              ['date:month', 'state'])
    assert [(g['date:month'], g['date_count']) for g in groups] == [('January 2026', 2), ('March 2026', 1)]
    assert groups[0]['__context'] == {'group_by': ['state']}
    january = env['test.orm.order'].search(groups[0]['__domain'])
    assert sorted(january.mapped('name')) == ['G1', 'G2']
    flat = env['test.orm.order'].read_group([('name', 'like', 'G')], [], ['state', 'partner_id'], lazy=False)
    assert sorted((g['state'], g['__count']) for g in flat) == [('done', 1), ('draft', 2)]


def test_computed_field_with_inverse_and_search(env, orders):
    g1 = orders[0]
    g1.write({'line_ids': [(1, g1.line_ids.id, {'product': 'widget'})]})
    assert g1.first_product == 'widget'
    g1.first_product = 'gadget'
    assert g1.line_ids.product == 'gadget'
    assert env['test.orm.order'].search([('first_product', '=', 'gadget')]) == g1


def test_with_context_sudo_and_user(env, orders):
    Order = env['test.orm.order']
    assert Order.with_context(active_test=False).env.context['active_test'] is False
    assert Order.env.context.get('active_test') is None
    admin_env_order = Order.with_user(2)
    assert admin_env_order.env.uid == 2 and not admin_env_order.env.su
    assert admin_env_order.sudo().env.su
    assert env.user.id == 1 and env.user.login == '__system__'
    assert orders.with_context(lang='fr_FR').env.lang == 'fr_FR'


def test_create_and_write_dates_move(env, orders):
    g1 = orders[0]
    assert g1.create_date <= datetime.datetime.utcnow() + datetime.timedelta(seconds=1)
    env.flush_all()
    g1.write({'note': 'changed'})
    assert g1.write_uid.id == env.uid
