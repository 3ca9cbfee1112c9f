"""When a job runs and when it runs next: whole intervals after the planned call.

Pure functions on naive UTC datetimes, as ``ir_cron.nextcall`` stores them.
The counting is OpenERP's (``ir.cron._poolJobs``): every planned call that
is due consumes one unit of ``numbercall`` (unless it is -1, forever);
with ``doall`` each of them is also run, without it only one run stands
for all the missed ones. ``nextcall`` moves by whole intervals, so a daily
job planned at 02:00 stays at 02:00 however late the runner was.
"""
import calendar
import datetime
from dataclasses import dataclass

#: the values of ``ir_cron.interval_type``
INTERVAL_TYPES = ('minutes', 'hours', 'days', 'weeks', 'months')

#: with doall, at most this many missed calls are replayed at once; the older ones are dropped
MAX_REPLAYS = 100


def add_interval(moment, interval_type, number):
    """Return ``moment`` moved ``number`` intervals of ``interval_type`` later.

    A month later keeps the day of the month, clamped to the month's last
    day (January 31 + 1 month = February 28 or 29).
    """
    if interval_type == 'months':
        months = moment.month - 1 + number
        year, month = moment.year + months // 12, months % 12 + 1
        return moment.replace(year=year, month=month,
                              day=min(moment.day, calendar.monthrange(year, month)[1]))
    if interval_type not in INTERVAL_TYPES:
        raise ValueError("interval type must be one of %s, not %r" % (', '.join(INTERVAL_TYPES), interval_type))
    return moment + datetime.timedelta(**{interval_type: number})


@dataclass(frozen=True)
class Plan:
    """What to do with a job now: call it ``runs`` times, then store ``nextcall`` and ``numbercall``."""

    runs: int
    nextcall: datetime.datetime
    numbercall: int

    @property
    def active(self):
        """False once the job has no call left (``numbercall`` reached 0)."""
        return self.numbercall != 0


def plan(nextcall, now, interval_type, interval_number, numbercall, doall, max_replays=MAX_REPLAYS):
    """Return the :class:`Plan` of a job planned at ``nextcall`` and picked up at ``now``.

    Each planned call at or before ``now`` is a missed call: it consumes
    one ``numbercall`` (not when -1) and moves ``nextcall`` one interval
    on, until ``nextcall`` is in the future or no call is left (then
    ``nextcall`` stays at the last call). ``doall`` runs every missed call
    (at most ``max_replays``), otherwise one run stands for them all. A job
    picked up before its ``nextcall`` (it was triggered) runs once and
    keeps its schedule.
    """
    if interval_number < 1:
        raise ValueError("interval number must be at least 1, not %r" % interval_number)
    missed = 0
    while nextcall <= now and numbercall != 0:
        if interval_type != 'months' and numbercall < 0 and missed == 0:
            # forever and fixed-length: jump in one step (a minutely job a year late is 525,600 steps)
            step = datetime.timedelta(**{interval_type: interval_number})
            missed = (now - nextcall) // step + 1
            nextcall += missed * step
            break
        missed += 1
        if numbercall > 0:
            numbercall -= 1
        if numbercall != 0:
            nextcall = add_interval(nextcall, interval_type, interval_number)
    if missed == 0:
        return Plan(1, nextcall, numbercall)
    return Plan(min(missed, max_replays) if doall else 1, nextcall, numbercall)
