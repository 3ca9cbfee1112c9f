"""The rules engine is set-based: its queries do not grow with the number of cases (SPEC-crm §5.3).

Twenty rules of every kind (never matching, field changes, date triggers
that only set Next Action, history and partner category conditions,
reminders and template mails) run by the scheduler over 100 and over 500
open cases: the same, small number of queries.
"""
from .case_world import build_world
from .rules_world import NOW, open_cases, twenty_rules


def scheduler_queries(env, queries, count):
    """Queries of one scheduler run over ``count`` fresh open cases and twenty rules."""
    world = build_world(env)
    # the demo cases are closed, so that the run is over these cases only
    env['crm.case'].with_context(active_test=False).search([]).write({'state': 'done'})
    cases = open_cases(world, count)
    twenty_rules(world)
    env.invalidate_all()
    with queries() as counter:
        fired = env['crm.case.rule']._check(now=NOW)
    assert fired == count, 'every case fires one rule'
    mails = env['mail.mail'].search_count([('model', '=', 'crm.case'), ('res_id', 'in', cases.ids)])
    assert mails == count // 4 * 3, 'a template mail (priority 2) or two reminders (priority 3)'
    watched = cases.filtered(lambda case: case.priority == '2' and case.state == 'pending')
    assert len(watched) == count // 4
    assert all(case.email_cc.endswith('@agrolait.com,qa@co.com') for case in watched)
    return counter.count


def test_scheduler_queries_do_not_grow_with_the_cases(env, queries):
    small = scheduler_queries(env, queries, 100)
    env.cr.rollback()
    env.invalidate_all()
    large = scheduler_queries(env, queries, 500)
    assert large == small, '100 cases: %d queries, 500 cases: %d' % (small, large)
    assert large <= 60
