"""Actions as a client runs them, and OpenERP 5.0 ir.values bindings."""
import pytest

from framework.exceptions import UserError, ValidationError


def test_for_xml_id_returns_a_window_action_a_client_can_open(env):
    action = env['ir.actions.actions']._for_xml_id('test_views.action_orders')
    assert action['type'] == 'ir.actions.act_window' and action['res_model'] == 'test.views.order'
    assert action['xml_id'] == 'test_views.action_orders'
    assert action['domain'] == "[('state', '!=', 'cancel')]"
    assert action['context'] == "{'search_default_draft': 1}"
    assert action['search_view_id'][0] == env.ref('test_views.order_search').id
    assert action['views'] == [
        [env.ref('test_views.order_form_simple').id, 'form'],      # from view_ids, first
        [env.ref('test_views.order_tree').id, 'tree'],             # view_id, for its type
        [False, 'calendar'], [False, 'graph'],
    ]
    assert action['target'] == 'current' and action['limit'] == 80


def test_for_xml_id_of_something_else_is_refused(env):
    with pytest.raises(UserError, match="No action has the external id 'base.main_partner'"):
        env['ir.actions.actions']._for_xml_id('base.main_partner')


def test_action_on_an_unknown_model_or_bad_domain_is_refused(env):
    Action = env['ir.actions.act_window']
    with pytest.raises(ValidationError, match="opens the model 'no.such.model'"):
        Action.create({'name': 'Bad', 'res_model': 'no.such.model'})
    with pytest.raises(ValidationError, match='invalid domain'):
        Action.create({'name': 'Bad', 'res_model': 'res.partner', 'domain': "[('a', '='"})


def test_server_action_runs_code_on_the_selected_records(env):
    orders = env['test.views.order'].create([{'name': 'A'}, {'name': 'B'}])
    action = env.ref('test_views.action_confirm_all').with_context(
        active_model='test.views.order', active_ids=orders.ids)
    result = action.run()
    assert orders.mapped('state') == ['done', 'done']
    assert result == {'type': 'ir.actions.client', 'tag': 'reload', 'count': 2}


def test_server_action_code_cannot_import(env):
    action = env['ir.actions.server'].create({
        'name': 'Sneaky', 'model_id': env.ref('test_views.model_test_views_order').id,
        'code': 'import os'})
    with pytest.raises(ValueError, match='Import is not allowed'):
        action.run()


def test_server_action_object_write(env):
    order = env['test.views.order'].create({'name': 'A'})
    field = env['ir.model.fields'].search([('model', '=', 'test.views.order'), ('name', '=', 'amount')])
    name_field = env['ir.model.fields'].search([('model', '=', 'test.views.order'), ('name', '=', 'notes')])
    action = env['ir.actions.server'].create({
        'name': 'Set amount', 'model_id': env.ref('test_views.model_test_views_order').id,
        'state': 'object_write',
        'fields_lines': [(0, 0, {'col1': field.id, 'value': '42.5'}),
                         (0, 0, {'col1': name_field.id, 'value': "record.name + '!'",
                                 'evaluation_type': 'equation'})]})
    action.with_context(active_model='test.views.order', active_id=order.id).run()
    assert order.amount == 42.5 and order.notes == 'A!'


def test_report_and_client_actions(env):
    report = env['ir.actions.actions']._for_xml_id('test_views.report_order')
    assert report['type'] == 'ir.actions.report' and report['report_name'] == 'test_views.report_order'
    assert report['binding_model_id'][0] == env.ref('test_views.model_test_views_order').id
    assert report['print_report_name'] == "'Order - %s' % object.name"
    client = env['ir.actions.actions']._for_xml_id('test_views.action_dashboard')
    assert client['tag'] == 'test_views.dashboard' and client['params'] == {'mode': 'compact'}


def test_get_bindings(env):
    bindings = env['ir.actions.actions'].get_bindings('test.views.order')
    assert [r['name'] for r in bindings['report']] == ['Order Sheet']
    assert {a['name'] for a in bindings['action']} == {'Confirm Orders', 'Customers', 'Order Lines'}


def test_act_window_shortcut_binds_in_ir_values(env):
    Values = env['ir.values']
    relate = Values.get('action', 'client_action_relate', ['test.views.order'])
    assert [(name, action['res_model']) for _id, name, action in relate] == [('Order Lines', 'test.views.line')]
    multi = Values.get('action', 'client_action_multi', [('test.views.order', False)])
    assert [name for _id, name, _action in multi] == ['Customers']


def test_ir_values_set_and_get(env):
    Values = env['ir.values']
    action = env.ref('base.action_partner_form')
    Values.set('action', 'tree_but_open', 'Open partners', [('res.partner.category', False)],
               'ir.actions.act_window,%d' % action.id)
    [(_id, name, found)] = Values.get('action', 'tree_but_open', ['res.partner.category'])
    assert name == 'Open partners' and found['id'] == action.id and found['res_model'] == 'res.partner'
    Values.set_default('test.views.order', 'state', 'done')
    assert Values.get_defaults_dict('test.views.order') == {'state': 'done'}
    with pytest.raises(ValidationError, match='must name an existing action'):
        Values.set('action', 'client_action_multi', 'Broken', ['res.partner'], 'ir.actions.act_window,0')
