"""Computed, related and stored computed fields follow their dependencies."""


def test_stored_compute_follows_lines(env):
    order = env['test.orm.order'].create({
        'name': 'C1', 'line_ids': [(0, 0, {'quantity': 2, 'price': 5}), (0, 0, {'quantity': 1, 'price': 3})],
    })
    assert order.amount_total == 13.0
    assert order.total_doubled == 26.0
    first = order.line_ids[0]
    first.price = 10
    assert order.amount_total == 23.0 and order.total_doubled == 46.0
    order.write({'line_ids': [(0, 0, {'quantity': 1, 'price': 1})]})
    assert order.amount_total == 24.0
    first.unlink()
    assert order.amount_total == 4.0


def test_stored_compute_is_in_database(env):
    order = env['test.orm.order'].create({'name': 'C2', 'line_ids': [(0, 0, {'quantity': 3, 'price': 3})]})
    env.flush_all()
    env.cr.execute('SELECT amount_total, total_doubled FROM test_orm_order WHERE id = %s', [order.id])
    assert env.cr.fetchone() == (9.0, 18.0)
    assert env['test.orm.order'].search([('amount_total', '=', 9.0), ('name', '=', 'C2')]) == order


def test_moving_a_line_recomputes_both_orders(env):
    a, b = env['test.orm.order'].create([
        {'name': 'A', 'line_ids': [(0, 0, {'quantity': 1, 'price': 7})]},
        {'name': 'B'},
    ])
    assert (a.amount_total, b.amount_total) == (7.0, 0.0)
    a.line_ids.write({'order_id': b.id})
    assert (a.amount_total, b.amount_total) == (0.0, 7.0)


def test_non_stored_compute_and_related(env):
    partner = env['res.partner'].create({'name': 'Related One'})
    order = env['test.orm.order'].create({'name': 'C3', 'partner_id': partner.id,
                                          'line_ids': [(0, 0, {}), (0, 0, {})]})
    assert order.line_count == 2
    assert order.partner_name == 'Related One'
    partner.name = 'Renamed'
    assert order.partner_name == 'Renamed'
    order.write({'line_ids': [(0, 0, {})]})
    assert order.line_count == 3


def test_display_name(env):
    tag = env['test.orm.tag'].create({'name': 'shown'})
    assert tag.display_name == 'shown'
    assert tag.name_get() == [(tag.id, 'shown')]


def test_onchange_on_a_form(env):
    partner = env['res.partner'].create({'name': 'Form Partner'})
    result = env['test.orm.order'].onchange(
        {'name': 'NEW', 'partner_id': partner.id, 'note': False, 'line_ids': []},
        'partner_id', {'name': '1', 'note': '1', 'partner_name': '1'})
    assert result['value'] == {'note': 'Customer: Form Partner', 'partner_name': 'Form Partner'}
    assert result['warning']['message'] == 'This customer has no comment.'
    assert not env['test.orm.order'].search([('name', '=', 'NEW')])


def test_fields_get_tells_which_fields_have_an_onchange_method(env):
    fields = env['test.orm.order'].fields_get(['partner_id', 'name', 'priority'])
    assert fields['partner_id']['onchange'] is True
    assert 'onchange' not in fields['name'] and 'onchange' not in fields['priority']


def test_new_record_computes_in_memory(env):
    record = env['test.orm.order'].new({'name': 'MEM'})
    assert not record.id
    assert record.line_count == 0 and record.state is False
    record.note = 'only in cache'
    assert record.note == 'only in cache'


def test_a_field_depending_on_the_context_has_a_value_per_context(env):
    order = env['test.orm.order'].create({'name': 'C9', 'line_ids': [(0, 0, {'quantity': 2, 'price': 5})]})
    assert order.total_shown == '$ 10.00'
    # the same record, in the same transaction, seen with another context value
    assert order.with_context(currency_symbol='EUR').total_shown == 'EUR 10.00'
    assert order.with_context(currency_symbol='CHF').total_shown == 'CHF 10.00'
    assert order.total_shown == '$ 10.00'      # the first context's value is still the right one
    # a change of a dependency reaches every context's value
    order.line_ids.price = 7
    assert order.with_context(currency_symbol='EUR').total_shown == 'EUR 14.00'
    assert order.total_shown == '$ 14.00'
