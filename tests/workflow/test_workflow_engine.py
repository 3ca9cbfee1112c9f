"""The OpenERP 5 workflow of test.wkf.order, driven by signals (what workflow buttons send)."""
import pytest

from framework.exceptions import UserError


@pytest.fixture
def order_model(env):
    return env['test.wkf.order']


@pytest.fixture
def activities_of(env):
    """``activities_of(order) -> sorted activity names`` of the workitems of its instances."""
    def names(order):
        instances = env['workflow.instance'].search([('res_type', '=', order._name), ('res_id', '=', order.id)])
        return sorted(instances.mapped('workitem_ids.act_id.name'))
    return names


@pytest.fixture
def instance_of(env):
    def find(order):
        return env['workflow.instance'].search([('res_type', '=', order._name), ('res_id', '=', order.id)])
    return find


@pytest.fixture
def employee(env):
    """A user in the Employee group only (not Settings)."""
    return env['res.users'].create({
        'name': 'Workflow Employee', 'login': 'wkf_employee',
        'groups_id': [(6, 0, [env.ref('base.group_user').id])],
    })



def test_create_starts_an_instance_in_the_start_activity(order_model, activities_of, instance_of):
    order = order_model.create({'name': 'SO1', 'amount': 10})
    assert order.state == 'draft'                 # the start activity's action ran
    assert activities_of(order) == ['draft']
    assert instance_of(order).state == 'active'
    assert instance_of(order).wkf_id.name == 'test.wkf.order.basic'


def test_confirm_then_and_join_waits_for_both_branches(order_model, activities_of, instance_of):
    order = order_model.create({'name': 'SO2', 'amount': 10})
    order.signal_workflow('order_confirm')
    assert order.state == 'confirmed'
    assert order.confirmations == 1
    assert activities_of(order) == ['wait_payment', 'wait_shipping']     # AND split: both branches

    order.signal_workflow('pay')
    assert order.paid and order.state == 'confirmed'
    assert activities_of(order) == ['wait_shipping']      # the AND-join waits for shipping
    assert instance_of(order).state == 'active'

    order.signal_workflow('ship')
    assert order.shipped and order.state == 'done'
    assert activities_of(order) == ['done']
    assert instance_of(order).state == 'complete'
    assert order.confirmations == 1


def test_condition_refuses_the_transition(order_model, activities_of):
    order = order_model.create({'name': 'Free', 'amount': 0})
    order.signal_workflow('order_confirm')
    assert order.state == 'draft'
    assert activities_of(order) == ['draft']
    order.write({'amount': 5})
    order.signal_workflow('order_confirm')
    assert order.state == 'confirmed'


def test_signal_without_matching_transition_changes_nothing(order_model, activities_of):
    order = order_model.create({'name': 'SO3', 'amount': 10})
    assert order.signal_workflow('ship') == {order.id: False}
    assert order.signal_workflow('no_such_signal') == {order.id: False}
    assert order.state == 'draft'
    assert activities_of(order) == ['draft']


def test_group_restricted_transition_is_ignored_outside_the_group(order_model, employee, activities_of):
    order = order_model.create({'name': 'SO4', 'amount': 10})
    order.with_user(employee).signal_workflow('cancel')     # draft -> cancel needs Settings
    assert order.state == 'draft'
    assert activities_of(order) == ['draft']
    order.signal_workflow('cancel')                          # the administrator is in Settings
    assert order.state == 'cancel'


def test_employee_drives_the_unrestricted_transitions(order_model, employee):
    order = order_model.with_user(employee).create({'name': 'SO5', 'amount': 3})
    order.signal_workflow('order_confirm')
    assert order.state == 'confirmed'


def test_stopall_cancels_the_other_branch(order_model, activities_of, instance_of):
    order = order_model.create({'name': 'SO6', 'amount': 10})
    order.signal_workflow('order_confirm')
    order.signal_workflow('cancel')                  # wait_payment -> cancel (stop all)
    assert order.state == 'cancel'
    assert activities_of(order) == ['cancel']        # wait_shipping was stopped
    assert instance_of(order).state == 'complete'
    order.signal_workflow('ship')                    # a complete instance takes no signal
    assert not order.shipped


def test_automatic_transition_fires_after_a_write(order_model, activities_of):
    order = order_model.create({'name': 'SO7', 'amount': 10})
    order.signal_workflow('order_confirm')
    order.write({'amount_paid': 4})
    assert activities_of(order) == ['wait_payment', 'wait_shipping']
    order.write({'amount_paid': 10})                 # amount_paid >= amount: paid, no signal
    assert order.paid
    assert activities_of(order) == ['wait_shipping']


def test_condition_that_raises_names_workflow_activity_and_transition(env, order_model):
    env.ref('test_workflow.trans_draft_confirmed').condition = 'amount > minimum'
    order = order_model.create({'name': 'SO8', 'amount': 10})
    with pytest.raises(UserError) as info:
        order.signal_workflow('order_confirm')
    assert str(info.value) == (
        "Workflow 'test.wkf.order.basic': the condition 'amount > minimum' of transition "
        "'draft -> confirmed' failed: NameError: name 'minimum' is not defined")


def test_action_that_raises_names_workflow_and_activity(env, order_model):
    env.ref('test_workflow.act_confirmed').action = 'confirm_everything()'
    order = order_model.create({'name': 'SO9', 'amount': 10})
    with pytest.raises(UserError) as info:
        order.signal_workflow('order_confirm')
    assert str(info.value).startswith(
        "Workflow 'test.wkf.order.basic': the action of activity 'confirmed' failed: NameError")


def test_unlink_deletes_the_instance(env, order_model, instance_of):
    order = order_model.create({'name': 'SO10', 'amount': 10})
    instance = instance_of(order)
    item_ids = instance.workitem_ids.ids
    assert instance and item_ids
    order.unlink()
    assert not instance.exists()
    assert not env['workflow.workitem'].browse(item_ids).exists()


def test_delete_create_and_step_workflow(order_model, activities_of, instance_of):
    order = order_model.create({'name': 'SO11', 'amount': 10})
    order.delete_workflow()
    assert not instance_of(order)
    assert order.signal_workflow('order_confirm') == {order.id: False}
    order.create_workflow()
    assert activities_of(order) == ['draft']
    order.signal_workflow('order_confirm')
    order.write({'amount_paid': 10, 'amount': 10})
    order.step_workflow()
    assert activities_of(order) == ['wait_shipping']


def test_record_from_a_data_file_got_its_signal(env, activities_of):
    """``<workflow action="order_confirm" ref="order_from_data"/>`` in the addon's data."""
    order = env.ref('test_workflow.order_from_data')
    assert order.state == 'confirmed'
    assert activities_of(order) == ['wait_payment', 'wait_shipping']


def test_workflow_buttons_are_valid_in_views(env):
    arch = env['test.wkf.order'].get_view(view_type='form')['arch'] \
        if hasattr(env['test.wkf.order'], 'get_view') else env.ref('test_workflow.view_order_form').arch
    assert 'type="workflow"' in arch


def test_signals_on_many_records_at_once(order_model, activities_of):
    orders = order_model.create([{'name': 'M%d' % i, 'amount': i} for i in range(3)])
    orders.signal_workflow('order_confirm')      # M0 has amount 0: its condition refuses
    assert orders.mapped('state') == ['draft', 'confirmed', 'confirmed']
    assert orders.mapped('confirmations') == [0, 1, 1]
