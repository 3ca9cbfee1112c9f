"""One pass of the runner over a database (framework.cron.process_jobs), as a job's owner sees it."""
import logging
from datetime import timedelta

import pytest

from framework.cron import process_jobs



def test_due_job_runs_and_moves_by_whole_intervals(jobs, cron_db):
    planned = jobs.now() - timedelta(hours=2, minutes=10)
    job = jobs.create('due', nextcall=planned)
    later = jobs.create('later', nextcall=jobs.now() + timedelta(hours=1))
    outcome = process_jobs(cron_db)
    assert (outcome.ran, outcome.failed) == (1, 0)
    assert jobs.counter('due') == 1 and jobs.counter('later') == 0
    nextcall, lastcall, numbercall = jobs.read(job, 'nextcall', 'lastcall', 'numbercall')
    assert nextcall == planned + timedelta(hours=3)
    assert lastcall is not False and lastcall >= planned + timedelta(hours=2)
    assert numbercall == -1
    assert jobs.read(later, 'lastcall') is False
    assert process_jobs(cron_db).ran == 0             # nothing is due any more


def test_numbercall_counts_down_and_the_last_call_deactivates(jobs, cron_db):
    job = jobs.create('twice', numbercall=2, interval_type='days')
    process_jobs(cron_db)
    assert jobs.read(job, 'numbercall', 'active') == (1, True)
    jobs.write(job, nextcall=jobs.now() - timedelta(minutes=1))
    process_jobs(cron_db)
    assert jobs.read(job, 'numbercall', 'active') == (0, False)
    jobs.write(job, nextcall=jobs.now() - timedelta(minutes=1))
    assert process_jobs(cron_db).ran == 0
    assert jobs.counter('twice') == 2


@pytest.mark.parametrize('doall, runs', [(True, 3), (False, 1)])
def test_doall_decides_whether_missed_calls_are_replayed(jobs, cron_db, doall, runs):
    planned = jobs.now() - timedelta(hours=2, minutes=10)
    job = jobs.create('missed', nextcall=planned, doall=doall)
    assert process_jobs(cron_db).ran == runs
    assert jobs.counter('missed') == runs
    assert jobs.read(job, 'nextcall') == planned + timedelta(hours=3)


def test_failing_job_is_rolled_back_recorded_and_rescheduled_and_others_still_run(jobs, cron_db, caplog):
    planned = jobs.now() - timedelta(minutes=10)
    failing = jobs.create('failing', function='increment_then_fail', priority=1, nextcall=planned)
    other = jobs.create('other', priority=2)
    with caplog.at_level(logging.ERROR, logger='framework.cron.jobs'):
        outcome = process_jobs(cron_db)
    assert (outcome.ran, outcome.failed) == (2, 1)
    assert jobs.counter('failing') == 0                  # its increment was rolled back
    assert jobs.counter('other') == 1
    count, failure, nextcall = jobs.read(failing, 'failure_count', 'last_failure', 'nextcall')
    assert count == 1 and 'job failing failed on purpose' in failure and 'Traceback' in failure
    assert nextcall == planned + timedelta(hours=1)
    assert "job 'job failing'" in caplog.text and 'failed on purpose' in caplog.text
    assert jobs.read(other, 'failure_count') == 0

    jobs.write(failing, nextcall=jobs.now() - timedelta(minutes=1))
    process_jobs(cron_db)
    assert jobs.read(failing, 'failure_count') == 2      # failures in a row
    jobs.write(failing, function='increment', nextcall=jobs.now() - timedelta(minutes=1))
    process_jobs(cron_db)
    count, failure = jobs.read(failing, 'failure_count', 'last_failure')
    assert count == 0 and 'failed on purpose' in failure  # the last failure stays readable
    assert jobs.counter('failing') == 1


def test_job_runs_as_its_user(jobs, cron_db):
    demo = jobs.transaction(lambda env: env.ref('base.user_admin').id)
    jobs.create('as admin', user_id=demo)
    jobs.create('as root', user_id=1)
    process_jobs(cron_db)
    assert jobs.transaction(lambda env: env['test.cron.counter'].search(
        [('name', '=', 'as admin')]).last_uid) == demo
    assert jobs.counter('as root') == 1               # the superuser is inactive, yet runs jobs


def test_job_of_an_inactive_user_is_skipped_with_a_warning(jobs, cron_db, caplog):
    def inactive_user(env):
        user = env['res.users'].create({'name': 'Gone', 'login': 'gone@example.com'})
        user.write({'active': False})
        return user.id
    job = jobs.create('inactive', user_id=jobs.transaction(inactive_user))
    with caplog.at_level(logging.WARNING, logger='framework.cron.jobs'):
        assert process_jobs(cron_db).ran == 0
    assert jobs.counter('inactive') == 0
    assert "job 'job inactive'" in caplog.text and 'gone@example.com is inactive' in caplog.text
    assert jobs.read(job, 'lastcall') is False


def test_server_action_job_runs_the_action(jobs, cron_db):
    def server_action(env):
        return env['ir.actions.server'].create({
            'name': 'Bump from an action',
            'model_id': env['ir.model'].search([('model', '=', 'test.cron.counter')]).id,
            'state': 'code', 'code': "model.increment('from action')"}).id
    action = jobs.transaction(server_action)
    jobs.create('action', model=False, function=False, args='()', ir_actions_server_id=action)
    assert (process_jobs(cron_db).ran, jobs.counter('from action')) == (1, 1)


def test_trigger_makes_a_job_due_once_after_commit(jobs, cron_db):
    planned = jobs.now() + timedelta(days=1)
    job = jobs.create('triggered', nextcall=planned, numbercall=3)
    assert process_jobs(cron_db).ran == 0

    def trigger_then_fail(env):
        env['ir.cron'].browse(job)._trigger()
        raise RuntimeError('rolled back')
    with pytest.raises(RuntimeError):
        jobs.transaction(trigger_then_fail)
    assert process_jobs(cron_db).ran == 0                # a rolled-back trigger does nothing

    jobs.transaction(lambda env: env['ir.cron'].browse(job)._trigger())
    assert process_jobs(cron_db).ran == 1
    assert jobs.counter('triggered') == 1
    assert jobs.read(job, 'nextcall', 'numbercall') == (planned, 3)   # the schedule stays
    assert process_jobs(cron_db).ran == 0                # the trigger was used up

    jobs.transaction(lambda env: env['ir.cron'].browse(job)._trigger(at=jobs.now() + timedelta(hours=1)))
    assert process_jobs(cron_db).ran == 0                # not yet


def test_run_manually_runs_now_without_moving_the_schedule(jobs, cron_db):
    planned = jobs.now() + timedelta(days=1)
    job = jobs.create('manual', nextcall=planned)
    jobs.transaction(lambda env: env['ir.cron'].browse(job).method_direct_trigger())
    assert jobs.counter('manual') == 1
    nextcall, lastcall = jobs.read(job, 'nextcall', 'lastcall')
    assert nextcall == planned and lastcall is not False


def test_bad_jobs_are_refused_with_a_clear_message(env):
    from framework.exceptions import ValidationError
    with pytest.raises(ValidationError, match=r"arguments of scheduled action 'Bad' must be a Python literal"):
        env['ir.cron'].create({'name': 'Bad', 'model': 'test.cron.counter', 'function': 'increment',
                               'args': '(__import__("os"),)'})
    with pytest.raises(ValidationError, match="needs a model and a method, or a server action"):
        env['ir.cron'].create({'name': 'Empty'})


def test_job_calling_a_missing_model_fails_with_its_name(jobs, cron_db):
    job = jobs.create('ghost', model='no.such.model')
    assert process_jobs(cron_db).failed == 1
    assert "calls model 'no.such.model', which does not exist" in jobs.read(job, 'last_failure')
