"""Partner segmentation (spec §8, scenarios 29 and 32).

Scenarios 30–31 need sales amounts and come with sale_crm; here there is no
``sale`` addon, so sales and purchase amounts count as 0 and the tests pin
that behaviour, the line logic (mandatory / optional, first true line
decides) and the state-of-mind score of scenario 32.
"""
import datetime

import pytest

from framework import fields


@pytest.fixture
def prospect(env):
    return env['res.partner.category'].create({'name': 'Prospect'})


@pytest.fixture
def soms(env):
    make = env['res.partner.som'].create
    return {'fury': make({'name': 'Fury (test)', 'factor': 0.0}),
            'happy': make({'name': 'Very Happy (test)', 'factor': 1.0})}


def segmentation(env, category, lines=(), **values):
    """A segmentation of ``category`` with criteria ``lines`` = [(variable, operator, value, and|or)]."""
    values.setdefault('name', 'Test')
    values['categ_id'] = category.id
    values['segmentation_line'] = [(0, 0, {'name': 'line %d' % n, 'expr_name': name, 'expr_operator': op,
                                           'expr_value': value, 'operator': kind})
                                   for n, (name, op, value, kind) in enumerate(lines)]
    return env['crm.segmentation'].create(values)


def partners_with(category):
    category.env.invalidate_all()
    return category.partner_ids


def event(env, partner, days_ago, som=None):
    return env['res.partner.event'].create({
        'name': 'Visit', 'partner_id': partner.id, 'som': som.id if som else False,
        'date': fields.Datetime.now() - datetime.timedelta(days=days_ago)})


def test_defaults_and_labels(env, prospect):
    seg = env['crm.segmentation'].create({'name': 'All', 'categ_id': prospect.id})
    assert (seg.state, seg.partner_id, seg.som_interval_max, seg.som_interval_decrease,
            seg.som_interval_default, seg.exclusif, seg.sales_purchase_active) == \
        ('not running', 0, 3, 0.8, 0.5, False, False)
    described = env['crm.segmentation'].fields_get(['partner_id', 'sales_purchase_active', 'state'])
    assert described['partner_id']['string'] == 'Max Partner ID processed'
    assert described['state']['selection'] == [['not running', 'Not Running'], ['running', 'Running']] or \
        described['state']['selection'] == [('not running', 'Not Running'), ('running', 'Running')]
    assert '0 while the Sales module is not installed' in described['sales_purchase_active']['help']
    line = env['crm.segmentation.line'].create({'name': 'x', 'expr_value': 1, 'segmentation_id': seg.id})
    assert (line.expr_name, line.expr_operator, line.operator) == ('sale', '>', 'and')


def test_no_criteria_gives_the_category_to_every_partner(env, prospect):
    """Scenario 29."""
    seg = segmentation(env, prospect, name='All')
    seg.process_start()
    everybody = env['res.partner'].with_context(active_test=False).search([])
    assert partners_with(prospect) == everybody
    assert (seg.state, seg.partner_id) == ('not running', 0)


def test_amounts_count_as_zero_without_sales(env, prospect):
    """No sale addon: 'Sale Amount > 1000' matches nobody, 'Purchase Amount < 1' everybody."""
    assert 'sale.order' not in env
    agrolait = env['res.partner'].create({'name': 'Agrolait', 'category_id': [(4, prospect.id)]})
    exclusive = segmentation(env, prospect, [('sale', '>', 1000, 'and')], sales_purchase_active=True,
                             exclusif=True)
    exclusive.process_start()
    assert not partners_with(prospect)  # Agrolait lost it: exclusive, and it does not match
    everybody = segmentation(env, prospect, [('purchase', '<', 1, 'and')], sales_purchase_active=True)
    everybody.process_start()
    assert agrolait in partners_with(prospect)
    # criteria present but the rules not used: every partner matches
    unused = segmentation(env, prospect, [('sale', '>', 1000, 'and')], sales_purchase_active=False,
                          exclusif=True)
    unused.process_start()
    assert agrolait in partners_with(prospect)


def test_first_true_line_decides_and_a_false_mandatory_line_fails(env, prospect):
    """Scenario 31's logic with the amounts available here (all 0)."""
    from addons.crm.models.crm_segmentation import lines_match
    optional_then_mandatory = [('sale', '>', 1000, 'or'), ('purchase', '>', 500, 'and')]
    assert lines_match(optional_then_mandatory, {'sale': 2000, 'purchase': 0})
    assert not lines_match(optional_then_mandatory, {'sale': 0, 'purchase': 0})
    assert lines_match([('sale', '>', 1000, 'or')], {'sale': 0})  # nothing decided: passes
    assert lines_match([('sale', '=', 0, 'and'), ('sale', '>', 5, 'and')], {'sale': 0})  # first true wins
    partner = env['res.partner'].create({'name': 'Zero Corp'})
    seg = segmentation(env, prospect, [('sale', '>', 1000, 'or'), ('purchase', '>', 500, 'and')],
                       sales_purchase_active=True)
    seg.process_start()
    assert partner not in partners_with(prospect)


def test_state_of_mind(env, prospect, soms):
    """Scenario 32: one 10-day-old happy event scores 0.5 × 0.2 + 1.0 × 0.8 = 0.9 > 0.8."""
    happy, calm, angry = (env['res.partner'].create({'name': name}) for name in ('Happy', 'Calm', 'Angry'))
    event(env, happy, 10, soms['happy'])
    event(env, angry, 10, soms['fury'])
    event(env, angry, 40, soms['happy'])
    event(env, calm, 100, soms['fury'])  # outside the 3 × 30 days
    seg = segmentation(env, prospect, [('som', '>', 0.8, 'and')], sales_purchase_active=True,
                       som_interval=30, som_interval_max=3, som_interval_decrease=0.8, som_interval_default=0.5)
    scores = seg._state_of_mind([happy.id, calm.id, angry.id])
    assert scores[happy.id] == pytest.approx(0.9)
    assert calm.id not in scores  # no event in the window: the default 0.5
    # period 40 days ago first (0.5 → 0.9), then 10 days ago with fury (0.9 → 0.18)
    assert scores[angry.id] == pytest.approx(0.18)
    seg.process_start()
    matched = partners_with(prospect)
    assert happy in matched and calm not in matched and angry not in matched


def test_resumable_and_set_based(env, prospect, queries):
    """A limited run stops at "Max Partner ID processed"; Continue goes on; the queries do not grow per partner."""
    env['res.partner'].create([{'name': 'Bulk %d' % n} for n in range(60)])
    seg = segmentation(env, prospect, [('som', '<', 0.6, 'or'), ('sale', '>', 10, 'and')],
                       sales_purchase_active=True, som_interval=30)
    seg.write({'state': 'running', 'partner_id': 0})
    seg.process_continue(limit=20)
    ids = env['res.partner'].with_context(active_test=False).search([], order='id').ids
    assert (seg.state, seg.partner_id) == ('running', ids[19])
    assert sorted(partners_with(prospect).ids) == ids[:20]
    seg.process_continue()
    assert (seg.state, seg.partner_id) == ('not running', 0)
    assert sorted(partners_with(prospect).ids) == ids
    with queries() as small:
        segmentation(env, prospect, [('som', '<', 0.6, 'and')], sales_purchase_active=True,
                     som_interval=30, exclusif=True).process_start()
    env['res.partner'].create([{'name': 'More %d' % n} for n in range(200)])
    with queries() as big:
        segmentation(env, prospect, [('som', '<', 0.6, 'and')], sales_purchase_active=True,
                     som_interval=30, exclusif=True).process_start()
    assert big.count <= small.count + 2, (small.count, big.count)


def test_stop(env, prospect):
    seg = segmentation(env, prospect)
    seg.write({'state': 'running', 'partner_id': 42})
    seg.process_stop()
    assert (seg.state, seg.partner_id) == ('not running', 0)
