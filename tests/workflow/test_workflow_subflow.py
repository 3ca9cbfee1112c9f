"""Subflows: an activity starts a sub-workflow on the record and waits for it to complete."""
import pytest


@pytest.fixture
def instance_of(env):
    def find(order):
        return env['workflow.instance'].search([('res_type', '=', order._name), ('res_id', '=', order.id)])
    return find


def _workflow(env, name, on_create, activities, transitions):
    workflow = env['workflow'].create({'name': name, 'osv': 'test.wkf.order', 'on_create': on_create})
    acts = {}
    for act_name, values in activities.items():
        acts[act_name] = env['workflow.activity'].create(dict(values, name=act_name, wkf_id=workflow.id))
    for act_from, act_to, values in transitions:
        env['workflow.transition'].create(dict(values, act_from=acts[act_from].id, act_to=acts[act_to].id))
    return workflow


def test_subflow_completion_moves_the_parent(env, instance_of):
    child = _workflow(env, 'test.child', False, {
        'c_start': {'flow_start': True},
        'c_end': {'flow_stop': True},
    }, [('c_start', 'c_end', {'signal': 'finish'})])
    _workflow(env, 'test.parent', True, {
        'p_start': {'flow_start': True},
        'p_sub': {'kind': 'subflow', 'subflow_id': child.id},
        'p_end': {'flow_stop': True, 'kind': 'function', 'action': "write({'shipped': True})"},
    }, [('p_start', 'p_sub', {}), ('p_sub', 'p_end', {'signal': 'subflow.c_end'})])

    order = env['test.wkf.order'].create({'name': 'Nested', 'amount': 1})
    instances = {i.wkf_id.name: i for i in instance_of(order)}
    assert set(instances) == {'test.wkf.order.basic', 'test.parent', 'test.child'}
    [waiting] = instances['test.parent'].workitem_ids
    assert (waiting.act_id.name, waiting.state, waiting.subflow_id) == ('p_sub', 'running', instances['test.child'])
    assert not order.shipped

    order.signal_workflow('finish')
    assert instances['test.child'].state == 'complete'
    assert instances['test.parent'].state == 'complete'
    assert order.shipped
    assert instances['test.wkf.order.basic'].state == 'active'     # the other workflow goes on
