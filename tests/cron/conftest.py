"""Helpers of the scheduler tests: committed jobs in a database of their own, read back as the runner left them."""
from datetime import datetime, timedelta

import pytest


def in_transaction(dbname, func):
    """Return ``func(env)`` run as the superuser in a committed transaction of ``dbname``."""
    from framework.api import Environment
    from framework.service.transaction import run_in_transaction
    return run_in_transaction(dbname, lambda cr, registry: func(Environment(cr, 1, {}, registry=registry)))


def utcnow():
    """Now in UTC, to the second, as ``ir_cron.nextcall`` stores it."""
    return datetime.utcnow().replace(microsecond=0)


class Jobs:
    """Create jobs calling ``test.cron.counter`` in database ``dbname`` and read what they did."""

    def __init__(self, dbname):
        self.dbname = dbname

    def transaction(self, func):
        """Return ``func(env)`` run as the superuser in a committed transaction."""
        return in_transaction(self.dbname, func)

    now = staticmethod(utcnow)

    def create(self, counter, function='increment', args=None, **values):
        """Create and commit a job calling ``test.cron.counter.<function>(counter)``; return its id.

        By default it is due (planned a minute ago), hourly, for ever.
        """
        values = dict({'name': f'job {counter}', 'model': 'test.cron.counter', 'function': function,
                       'args': args if args is not None else repr((counter,)),
                       'nextcall': utcnow() - timedelta(minutes=1), 'interval_number': 1,
                       'interval_type': 'hours', 'numbercall': -1}, **values)
        return in_transaction(self.dbname, lambda env: env['ir.cron'].create(values).id)

    def read(self, job_id, *names):
        """The values of fields ``names`` of job ``job_id`` as committed (one value for one name)."""
        row = in_transaction(self.dbname, lambda env: env['ir.cron'].with_context(active_test=False)
                             .browse(job_id).read(list(names))[0])
        return row[names[0]] if len(names) == 1 else tuple(row[name] for name in names)

    def write(self, job_id, **values):
        """Write ``values`` on job ``job_id`` and commit."""
        in_transaction(self.dbname, lambda env: env['ir.cron'].browse(job_id).write(values))

    def counter(self, name):
        """The committed value of counter ``name``."""
        return in_transaction(self.dbname, lambda env: env['test.cron.counter'].value_of(name))


@pytest.fixture
def cron_db(fresh_db):
    """A database of the test's own (the runner commits), with the test jobs' addon installed.

    The jobs that addons install (the mail queue, ...) are switched off: the tests count runs.
    """
    name = fresh_db()
    in_transaction(name, lambda env: env['ir.cron'].search([]).write({'active': False}))
    return name


@pytest.fixture
def jobs(cron_db):
    """:class:`Jobs` on ``cron_db``."""
    return Jobs(cron_db)
