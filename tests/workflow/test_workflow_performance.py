"""Starting and moving the workflows of many records is set-based."""


def test_creating_1000_records_costs_a_bounded_number_of_queries(env, queries):
    Order = env['test.wkf.order']
    Order.create([{'name': 'warm-up', 'amount': 1}])
    with queries() as counter:
        Order.create([{'name': 'Bulk %d' % i, 'amount': 1} for i in range(10)])
    ten = counter.count
    with queries() as counter:
        orders = Order.create([{'name': 'Bulk %d' % i, 'amount': 1} for i in range(1000)])
    assert counter.count == ten, 'creating 1,000 orders cost %d queries, 10 cost %d' % (counter.count, ten)
    assert counter.count <= 12
    assert set(orders.mapped('state')) == {'draft'}
    env.cr.execute("SELECT count(*) FROM workflow_workitem w JOIN workflow_instance i ON i.id = w.inst_id "
                   "WHERE i.res_type = 'test.wkf.order' AND i.res_id = ANY(%s)", (orders.ids,))
    assert env.cr.fetchone()[0] == 1000


def test_a_signal_to_1000_records_is_set_based(env, queries):
    Order = env['test.wkf.order']
    orders = Order.create([{'name': 'Bulk %d' % i, 'amount': 1} for i in range(1000)])
    with queries(40):
        orders.signal_workflow('order_confirm')
    assert set(orders.mapped('state')) == {'confirmed'}


def test_models_without_workflow_pay_nothing(env, queries):
    Partner = env['res.partner']
    Partner.create({'name': 'warm-up'})
    with queries() as counter:
        Partner.create({'name': 'No workflow'})
    assert counter.count <= 3
