"""Query counts of the hot paths: N records must not cost N queries."""


def test_create_one_record(env, queries):
    Partner = env['res.partner']
    Partner.create({'name': 'warm up'})
    with queries(2):
        Partner.create({'name': 'one'})


def test_create_with_ten_lines(env, queries):
    Partner = env['res.partner']
    Partner.create({'name': 'warm', 'address': [(0, 0, {'name': 'w'})]})
    with queries(3):
        Partner.create({'name': 'lines', 'address': [(0, 0, {'name': 'c%d' % i}) for i in range(10)]})


def test_write_five_records_one_query(env, queries):
    partners = env['res.partner'].create([{'name': 'w%d' % i} for i in range(5)])
    with queries(1):
        partners.write({'comment': 'same for all'})


def test_create_thousand_partners(env, queries):
    with queries(2) as counter:
        env['res.partner'].create([{'name': 'bulk %d' % i} for i in range(1000)])
    assert counter.count <= 2


def test_read_thousand_partners_with_many2one_names(env, queries):
    country = env['res.country'].search([], limit=2)
    partners = env['res.partner'].create([
        {'name': 'r%d' % i, 'user_id': 2} for i in range(1000)])
    env.invalidate_all()
    with queries(4):
        rows = partners.read(['name', 'user_id'])
    assert len(rows) == 1000 and rows[0]['user_id'][0] == 2
    assert country is not None


def test_browse_loop_prefetches(env, queries):
    partners = env['res.partner'].create([{'name': 'p%d' % i} for i in range(200)])
    env.invalidate_all()
    with queries(1):
        names = [p.name for p in env['res.partner'].browse(partners.ids)]
    assert len(names) == 200


def test_search_is_one_query(env, queries):
    env['res.partner'].search([('name', 'ilike', 'a')])
    with queries(1):
        env['res.partner'].search([('name', 'ilike', 'a'), ('active', '=', True)], limit=10)


def test_thousand_orders_totals_bounded(env, queries):
    vals = [{'name': 'Q%d' % i, 'line_ids': [(0, 0, {'quantity': 1, 'price': j}) for j in range(5)]}
            for i in range(200)]
    with queries(10):
        orders = env['test.orm.order'].create(vals)
    assert set(orders.mapped('amount_total')) == {10.0}
