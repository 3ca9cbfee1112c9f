"""Named counters that scheduled jobs bump: what a job did is what the tests count."""
import time

from framework import api, fields, models
from framework.exceptions import UserError


class Counter(models.Model):
    """A named number that jobs increment; ``last_uid`` is the user the last job ran as."""

    _name = 'test.cron.counter'
    _description = 'Scheduler test counter'

    name = fields.Char(required=True, index=True)
    value = fields.Integer(default=0)
    last_uid = fields.Integer()

    @api.model
    def increment(self, name='default', step=1):
        """Add ``step`` to counter ``name`` (created at 0 when missing); return the new value."""
        counter = self.search([('name', '=', name)], limit=1) or self.create({'name': name})
        counter.write({'value': counter.value + step, 'last_uid': self.env.uid})
        return counter.value

    @api.model
    def increment_slowly(self, name, seconds):
        """Sleep ``seconds`` (to overlap with a concurrent runner), then increment ``name``."""
        time.sleep(seconds)
        return self.increment(name)

    @api.model
    def increment_then_fail(self, name):
        """Increment ``name``, then fail: the increment must be rolled back."""
        self.increment(name)
        self.env.flush_all()
        raise UserError("job %s failed on purpose" % name)

    @api.model
    def value_of(self, name):
        """The value of counter ``name`` (0 when missing)."""
        return self.search([('name', '=', name)], limit=1).value
