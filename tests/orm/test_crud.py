"""Creating, reading, writing, copying and deleting records."""
import datetime

import pytest

from framework.exceptions import MissingError, ValidationError


def test_create_applies_defaults_and_caches(env):
    order = env['test.orm.order'].create({'name': 'SO-A'})
    assert order.state == 'draft'
    assert order.active is True
    assert order.priority == 0
    assert order.note is False
    assert order.partner_id.id is False and not order.partner_id
    assert order.create_uid.id == 1
    assert isinstance(order.create_date, datetime.datetime)


def test_create_many_keeps_order(env):
    names = ['SO-%03d' % i for i in range(50)]
    orders = env['test.orm.order'].create([{'name': n} for n in names])
    assert orders.mapped('name') == names
    assert len(set(orders.ids)) == 50


def test_required_field_gives_a_sentence(env):
    with pytest.raises(ValidationError, match='"Reference" \\(name\\) is required'):
        env['test.orm.order'].create({'note': 'no name'})


def test_sql_constraint_message(env):
    env['test.orm.order'].create({'name': 'DUP'})
    with pytest.raises(ValidationError, match='The reference of an order must be unique!'):
        with env.cr.savepoint():
            env['test.orm.order'].create({'name': 'DUP'})


def test_python_constraint(env):
    order = env['test.orm.order'].create({'name': 'C1'})
    with pytest.raises(ValidationError, match='cannot be negative'):
        order.write({'priority': -3})


def test_unknown_field_is_refused(env):
    with pytest.raises(ValueError, match="Invalid field 'nope' on model 'test.orm.order'"):
        env['test.orm.order'].create({'name': 'X', 'nope': 1})


def test_read_shapes(env):
    partner = env['res.partner'].create({'name': 'Reader'})
    tag = env['test.orm.tag'].create({'name': 'red'})
    order = env['test.orm.order'].create({
        'name': 'R1', 'partner_id': partner.id, 'date': '2026-11-24',
        'moment': '2026-11-24 10:30:00', 'tag_ids': [(6, 0, tag.ids)],
        'ref': 'res.partner,%d' % partner.id, 'data': b'aGVsbG8=',
    })
    [values] = order.read(['name', 'partner_id', 'date', 'moment', 'tag_ids', 'ref', 'data', 'note'])
    assert values['partner_id'] == (partner.id, 'Reader')
    assert values['date'] == datetime.date(2026, 11, 24)
    assert values['moment'] == datetime.datetime(2026, 11, 24, 10, 30)
    assert values['tag_ids'] == [tag.id]
    assert values['ref'] == 'res.partner,%d' % partner.id
    assert values['data'] == b'aGVsbG8='
    assert values['note'] is False
    [ids_only] = order.read(['partner_id'], load=None)
    assert ids_only['partner_id'] == partner.id


def test_write_updates_every_record(env):
    orders = env['test.orm.order'].create([{'name': 'W%d' % i} for i in range(5)])
    orders.write({'state': 'done', 'priority': 3})
    env.invalidate_all()
    assert set(orders.mapped('state')) == {'done'}
    assert set(orders.mapped('priority')) == {3}


def test_write_on_deleted_record(env):
    order = env['test.orm.order'].create({'name': 'GONE'})
    order.unlink()
    with pytest.raises(MissingError, match='does not exist'):
        order.write({'note': 'x'})


def test_unlink_cascades_lines(env):
    order = env['test.orm.order'].create({'name': 'U1', 'line_ids': [(0, 0, {'product': 'a'})]})
    line = order.line_ids
    order.unlink()
    assert not order.exists()
    assert not line.exists()


def test_copy_with_default(env):
    order = env['test.orm.order'].create({
        'name': 'ORIG', 'line_ids': [(0, 0, {'product': 'p', 'price': 2.0, 'quantity': 3})],
    })
    copy = order.copy({'name': 'COPY'})
    assert copy.name == 'COPY'
    assert copy.line_ids.mapped('product') == ['p']
    assert copy.line_ids != order.line_ids
    assert copy.amount_total == 6.0


def test_x2many_commands(env):
    Tag = env['test.orm.tag']
    a, b, c = Tag.create([{'name': 'a'}, {'name': 'b'}, {'name': 'c'}])
    order = env['test.orm.order'].create({'name': 'M2M', 'tag_ids': [(4, a.id), (4, b.id)]})
    assert order.tag_ids == a + b
    order.write({'tag_ids': [(3, a.id), (4, c.id)]})
    assert order.tag_ids == b + c
    order.write({'tag_ids': [(6, 0, [a.id])]})
    assert order.tag_ids == a
    order.write({'tag_ids': [(5,)]})
    assert not order.tag_ids
    order.write({'line_ids': [(0, 0, {'product': 'x'}), (0, 0, {'product': 'y'})]})
    x, y = order.line_ids
    order.write({'line_ids': [(1, x.id, {'product': 'x2'}), (2, y.id)]})
    assert order.line_ids.mapped('product') == ['x2']
    assert not y.exists()


def test_browse_exists_and_set_operations(env):
    orders = env['test.orm.order'].create([{'name': 'S%d' % i} for i in range(3)])
    first, second, third = orders
    assert (first | second) == orders[:2]
    assert (orders - first) == second + third
    assert (orders & (first + third)).ids == [first.id, third.id]
    assert first in orders
    assert env['test.orm.order'].browse([first.id, 999999]).exists() == first
    assert orders.filtered(lambda o: o.name != 'S1') == first + third
    assert orders.sorted('name', reverse=True).mapped('name') == ['S2', 'S1', 'S0']
    with pytest.raises(ValueError, match='Expected singleton'):
        orders.name


def test_classic_inherit_adds_field_to_partner(env):
    partner = env['res.partner'].create({'name': 'Loyal'})
    assert partner.orm_loyalty == 5
    order = env['test.orm.order'].create({'name': 'P1', 'partner_id': partner.id})
    assert partner.orm_order_ids == order


def test_inherits_delegation(env):
    sheet = env['test.orm.tag.sheet'].create({'name': 'delegated', 'color': 3, 'sheet': 'text'})
    assert sheet.tag_id.name == 'delegated'
    assert sheet.color == 3
    sheet.write({'name': 'renamed'})
    assert sheet.tag_id.name == 'renamed'
    assert env['test.orm.tag.sheet'].search([('name', '=', 'renamed')]) == sheet


def test_name_get_search_create(env):
    partner_id, name = env['res.partner'].name_create('Quick Partner')
    assert name == 'Quick Partner'
    found = env['res.partner'].name_search('quick par')
    assert (partner_id, 'Quick Partner') in found


def test_default_get_context(env):
    values = env['test.orm.order'].with_context(default_priority=7).default_get(['priority', 'state'])
    assert values == {'priority': 7, 'state': 'draft'}


def test_fields_get(env):
    description = env['test.orm.order'].fields_get(['state', 'partner_id'], ['type', 'string', 'selection', 'relation'])
    assert description['state'] == {'type': 'selection', 'string': 'Status',
                                     'selection': [['draft', 'Draft'], ['done', 'Done']]}
    assert description['partner_id'] == {'type': 'many2one', 'string': 'Customer', 'relation': 'res.partner'}
