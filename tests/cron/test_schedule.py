"""When a job runs and when it runs next (framework.cron.schedule): pure functions, no database."""
from datetime import datetime, timedelta

import pytest

from framework.cron.schedule import MAX_REPLAYS, add_interval, plan

NOW = datetime(2024, 5, 10, 12, 0, 0)


def test_months_keep_the_day_clamped_to_the_month_end():
    assert add_interval(datetime(2024, 1, 31, 2, 0), 'months', 1) == datetime(2024, 2, 29, 2, 0)
    assert add_interval(datetime(2023, 1, 31, 2, 0), 'months', 1) == datetime(2023, 2, 28, 2, 0)
    assert add_interval(datetime(2024, 11, 15), 'months', 3) == datetime(2025, 2, 15)
    assert add_interval(datetime(2024, 5, 10), 'weeks', 2) == datetime(2024, 5, 24)


def test_unknown_interval_type_is_refused():
    with pytest.raises(ValueError, match="interval type must be one of"):
        add_interval(NOW, 'fortnights', 1)


def test_late_job_runs_once_and_moves_by_whole_intervals_past_now():
    planned = NOW - timedelta(hours=2, minutes=10)          # 3 calls missed: -2h10, -1h10, -0h10
    todo = plan(planned, NOW, 'hours', 1, -1, doall=False)
    assert (todo.runs, todo.nextcall, todo.numbercall) == (1, planned + timedelta(hours=3), -1)
    assert todo.nextcall > NOW and todo.active


def test_doall_replays_every_missed_call():
    planned = NOW - timedelta(hours=2, minutes=10)
    todo = plan(planned, NOW, 'hours', 1, -1, doall=True)
    assert (todo.runs, todo.nextcall) == (3, planned + timedelta(hours=3))


def test_doall_replays_are_bounded():
    planned = NOW - timedelta(days=365)
    todo = plan(planned, NOW, 'minutes', 1, -1, doall=True)
    assert todo.runs == MAX_REPLAYS
    assert planned + timedelta(days=365) < todo.nextcall <= NOW + timedelta(minutes=1)


def test_each_missed_call_consumes_numbercall_and_the_last_one_deactivates():
    planned = NOW - timedelta(days=2, hours=1)               # 3 calls missed, 2 left
    todo = plan(planned, NOW, 'days', 1, 2, doall=True)
    assert (todo.runs, todo.numbercall, todo.active) == (2, 0, False)
    assert todo.nextcall == planned + timedelta(days=1)       # the last call made
    todo = plan(NOW - timedelta(minutes=1), NOW, 'days', 1, 5, doall=False)
    assert (todo.runs, todo.numbercall, todo.active) == (1, 4, True)


def test_job_due_exactly_now_runs():
    todo = plan(NOW, NOW, 'days', 1, -1, doall=False)
    assert (todo.runs, todo.nextcall) == (1, NOW + timedelta(days=1))


def test_triggered_job_runs_once_and_keeps_its_schedule():
    planned = NOW + timedelta(days=1)
    todo = plan(planned, NOW, 'days', 1, 3, doall=True)
    assert (todo.runs, todo.nextcall, todo.numbercall) == (1, planned, 3)


def test_interval_number_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        plan(NOW, NOW, 'days', 0, -1, doall=False)
