"""The rules scheduler "Check cases rules" (SPEC-crm §5.3, §14 scenarios 21–22).

No test sleeps: ``crm.case.rule._check(now=...)`` is run at chosen moments
(before, at and after the trigger dates), which is what the hourly cron
job does with the current time.
"""
import datetime

import pytest

from tests.mail.conftest import smtp_sink  # noqa: F401  (fixture)

from .case_world import agrolait_case, build_world
from .rules_world import RulesDb, add_rule, received

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(env):
    return build_world(env)


@pytest.fixture
def rules_db(fresh_db):
    return RulesDb(fresh_db())


def queued_reminders(world, case):
    """Reminder mails queued for ``case``."""
    return world.env['mail.mail'].search([('res_id', '=', case.id), ('model', '=', 'crm.case'),
                                          ('subject', '=like', 'Reminder:%')])


def test_the_cron_job_runs_the_scheduler_hourly_as_admin(env):
    job = env.ref('crm.ir_cron_crm_case_rule_check')
    assert (job.name, job.model, job.function, job.args) == (
        'Check cases rules', 'crm.case.rule', '_check', '()')
    assert (job.interval_number, job.interval_type, job.numbercall, job.doall) == (1, 'hours', -1, False)
    assert job.user_id == env.ref('base.user_admin')


def test_the_cron_job_applies_due_rules_as_admin(world):
    add_rule(world, trg_date_type='action_last', trg_date_range=1, trg_date_range_type='day',
             act_priority='1')
    case = agrolait_case(world)
    # a rule fired long ago; the Next Action the create set is forgotten
    case.write({'date_action_last': '2020-01-01 00:00:00', 'date_action_next': False})
    world.env.ref('crm.ir_cron_crm_case_rule_check').method_direct_trigger()
    assert (case.priority, case.write_uid) == ('1', world.env.ref('base.user_admin'))


# --- scenario 21: a delay after the deadline ------------------------------------------------

def test_deadline_rule_waits_for_its_delay_then_reminds_once(rules_db, smtp_sink):
    deadline = datetime.datetime(2031, 5, 6, 9, 0, 0)

    def setup(world):
        add_rule(world, name='Late', trg_date_type='deadline', trg_date_range=1,
                 trg_date_range_type='day', trg_state_from='open', act_remind_user=True)
        case = agrolait_case(world, date_deadline=deadline, description='Still broken')
        case.case_open()
        return case.id
    case_id = rules_db.run(setup)

    def check(moment):
        def run(world):
            world.env['crm.case.rule']._check(now=moment)
            case = world.env['crm.case'].browse(case_id)
            return case.date_action_next, case.date_action_last
        result = rules_db.run(run)
        rules_db.send_queue()
        return result

    # the deadline day: Next Action = deadline + 1 day, nothing sent
    assert check(deadline) == (deadline + DAY, False)
    assert smtp_sink.received == []
    # after the delay: the reminder goes to the section's mailbox, Last Action is set
    fired_at = deadline + DAY + datetime.timedelta(minutes=5)
    assert check(fired_at) == (deadline + DAY, fired_at)
    [mail] = received(smtp_sink)
    assert (mail['from'], mail['to']) == ('info@agrolait.com', ['support@co.com'])
    assert mail['subject'] == 'Reminder: [%d] Printer broken' % case_id
    assert mail['body'] == 'Still broken'
    # later runs: Next Action is never cleared, so the rule does not fire again
    assert check(deadline + 3 * DAY) == (deadline + DAY, fired_at)
    assert check(deadline + 30 * DAY) == (deadline + DAY, fired_at)
    assert len(smtp_sink.received) == 1


def test_deadline_rule_ignores_a_case_without_deadline(world):
    add_rule(world, trg_date_type='deadline', trg_date_range=1, act_priority='1')
    case = agrolait_case(world)
    world.env['crm.case.rule']._check(now=datetime.datetime(2040, 1, 1))
    assert (case.priority, case.date_action_next, case.date_action_last) == ('3', False, False)


@pytest.mark.parametrize('number, unit, delay', [
    (30, 'minutes', datetime.timedelta(minutes=30)),
    (5, 'hour', 5 * HOUR),
    (2, 'day', 2 * DAY),
])
def test_delay_units_set_next_action(world, number, unit, delay):
    date = datetime.datetime(2031, 1, 31, 8, 0, 0)
    add_rule(world, trg_date_type='date', trg_date_range=number, trg_date_range_type=unit,
             act_priority='1')
    case = agrolait_case(world, date=date)
    world.env['crm.case.rule']._check(now=date)
    assert (case.date_action_next, case.priority) == (date + delay, '3')
    world.env['crm.case.rule']._check(now=date + delay)
    assert (case.priority, case.date_action_last) == ('1', date + delay)


def test_month_delay_is_calendar_months(world):
    date = datetime.datetime(2031, 1, 31, 8, 0, 0)
    add_rule(world, trg_date_type='date', trg_date_range=1, trg_date_range_type='month',
             act_priority='1')
    case = agrolait_case(world, date=date)
    world.env['crm.case.rule']._check(now=date)
    assert case.date_action_next == datetime.datetime(2031, 2, 28, 8, 0, 0)


def test_closed_and_cancelled_cases_are_never_processed_archived_ones_are(world):
    date = datetime.datetime(2031, 1, 1, 8, 0, 0)
    add_rule(world, trg_date_type='date', trg_date_range=1, trg_date_range_type='hour',
             act_priority='1')
    cases = {name: agrolait_case(world, name=name, date=date)
             for name in ('draft', 'open', 'pending', 'done', 'cancel', 'archived')}
    cases['open'].case_open()
    cases['pending'].case_pending()
    cases['done'].case_close()
    cases['cancel'].case_cancel()
    cases['archived'].write({'active': False})
    world.env['crm.case.rule']._check(now=date + 2 * HOUR)
    priorities = {name: case.priority for name, case in cases.items()}
    assert priorities == {'draft': '1', 'open': '1', 'pending': '1', 'done': '3', 'cancel': '3',
                          'archived': '1'}


def test_rule_with_a_button_condition_never_runs_from_the_scheduler(world):
    add_rule(world, trg_state_to='open', act_priority='1')
    case = agrolait_case(world)
    world.env['crm.case.rule']._check(now=datetime.datetime(2040, 1, 1))
    assert case.priority == '3'


# --- scenario 22: a recurring rule on the last action ---------------------------------------

def _recurring_world(world):
    case = agrolait_case(world, description='Any news?')
    created = case.create_date
    add_rule(world, name='Nag', trg_date_type='action_last', trg_date_range=1,
             trg_date_range_type='hour', act_user_id=world.bob.id, act_remind_user=True)
    return case, created


def test_last_action_rule_fires_at_every_hourly_run(world):
    case, created = _recurring_world(world)
    assert not case.date_action_next
    Rule = world.env['crm.case.rule']
    for hours in (1, 2, 3):
        Rule._check(now=created + hours * HOUR)
        assert case.date_action_last == created + hours * HOUR
        assert len(queued_reminders(world, case)) == hours
    assert case.user_id == world.bob
    assert not case.date_action_next


def test_last_action_rule_run_too_early_fires_only_once_more(world):
    case, created = _recurring_world(world)
    Rule = world.env['crm.case.rule']
    Rule._check(now=created + HOUR / 2)
    assert (case.date_action_next, len(queued_reminders(world, case))) == (created + HOUR, 0)
    Rule._check(now=created + HOUR)
    assert (case.date_action_last, len(queued_reminders(world, case))) == (created + HOUR, 1)
    for hours in (2, 3, 10):
        Rule._check(now=created + hours * HOUR)
    assert (case.date_action_last, len(queued_reminders(world, case))) == (created + HOUR, 1)
