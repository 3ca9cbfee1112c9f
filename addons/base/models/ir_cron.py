"""Scheduled actions: a method or a server action that the cron runners call at intervals.

The runners themselves live in ``framework.cron``; this model holds the
jobs and how to call one (:meth:`IrCron._execute`). A job calls
``env[model].with_user(user_id).<function>(*args)`` on the empty recordset,
as OpenERP 5 data files declare it, or runs ``ir_actions_server_id`` as the
same user.
"""
import ast
import logging

import psycopg2.errors

from framework import _, api, fields, models
from framework.cron.schedule import INTERVAL_TYPES
from framework.cron.wakeup import CHANNEL, wake
from framework.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

INTERVAL_LABELS = {'minutes': 'Minutes', 'hours': 'Hours', 'days': 'Days', 'weeks': 'Weeks', 'months': 'Months'}


def parse_args(text):
    """Return the positional arguments that ``args`` text holds: a Python literal tuple.

    ``'()'``, ``'(1, "a")'`` and a single literal (``'[1, 2]'``, taken as one
    argument) are accepted; anything else raises ValueError.
    """
    value = ast.literal_eval((text or '').strip() or '()')
    return value if isinstance(value, tuple) else (value,)


class IrCron(models.Model):
    """A scheduled job: what to call, as whom, how often and how many times."""

    _name = 'ir.cron'
    _description = 'Scheduled Actions'
    _order = 'priority, name, id'

    name = fields.Char(string='Name', required=True)
    active = fields.Boolean(string='Active', default=True)
    user_id = fields.Many2one('res.users', string='User', required=True, ondelete='restrict',
                              default=lambda self: self.env.uid,
                              help='The job runs with the access rights of this user.')
    interval_number = fields.Integer(string='Interval Number', default=1, required=True,
                                     help='Repeat every x intervals.')
    interval_type = fields.Selection([(key, INTERVAL_LABELS[key]) for key in INTERVAL_TYPES],
                                     string='Interval Unit', default='months', required=True)
    numbercall = fields.Integer(string='Number of Calls', default=1, required=True,
                                help='How many more times the job is called; -1 for ever. '
                                     'The job is deactivated when it reaches 0.')
    doall = fields.Boolean(string='Repeat Missed',
                           help='When the server was down, run the job once for every missed '
                                'call instead of once for all of them.')
    nextcall = fields.Datetime(string='Next Execution Date', required=True,
                               default=lambda self: fields.Datetime.now(),
                               help='When the job runs next (UTC).')
    lastcall = fields.Datetime(string='Last Execution Date', readonly=True, copy=False,
                               help='When the job last ran (UTC).')
    priority = fields.Integer(string='Priority', default=5,
                              help='Among jobs due at the same time, a lower number runs first.')
    model = fields.Char(string='Object', help='Model whose method the job calls, e.g. mail.mail.')
    function = fields.Char(string='Method', help='Name of the method the job calls on the model.')
    args = fields.Text(string='Arguments', default='()',
                       help='Positional arguments of the method: a Python literal tuple, e.g. (10, "x").')
    ir_actions_server_id = fields.Many2one('ir.actions.server', string='Server Action', ondelete='restrict',
                                           help='Run this server action instead of a model method.')
    failure_count = fields.Integer(string='Failures', readonly=True, copy=False,
                                   help='Failed runs in a row; a successful run sets it back to 0.')
    last_failure = fields.Text(string='Last Failure', readonly=True, copy=False,
                               help='Traceback of the latest failed run.')

    _sql_constraints = [
        ('interval_number_positive', 'CHECK (interval_number > 0)',
         'The interval number of a scheduled action must be at least 1.'),
    ]

    @api.constrains('model', 'function', 'args', 'ir_actions_server_id')
    def _check_callable(self):
        """A job names a server action, or a model and a method with literal arguments."""
        for cron in self:
            if not cron.ir_actions_server_id and not (cron.model and cron.function):
                raise ValidationError(_("Scheduled action '%s' needs a model and a method, "
                                        "or a server action.") % cron.name)
            try:
                parse_args(cron.args)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                raise ValidationError(_("The arguments of scheduled action '%s' must be a Python "
                                        "literal tuple such as (1, 'a'), not %r.") % (cron.name, cron.args))

    # --- waking the runners when the schedule moves earlier -------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Create jobs; the runners learn of them at commit."""
        crons = super().create(vals_list)
        crons._notify_runners()
        return crons

    def write(self, vals):
        """Update jobs; a new ``nextcall`` or reactivation reaches the runners at commit."""
        result = super().write(vals)
        if {'nextcall', 'active', 'numbercall'} & set(vals):
            self._notify_runners()
        return result

    def _notify_runners(self):
        """Wake the runners of every process once this transaction commits (NOTIFY is transactional)."""
        self.env.cr.execute("NOTIFY %s, %%s" % CHANNEL, [self.env.cr.dbname])
        self.env.cr.postcommit.add(wake)

    # --- running ------------------------------------------------------------------------
    def _execute(self):
        """Call this job's method or server action once, in the current transaction, as its user.

        Errors of the job propagate: the caller decides what to roll back.
        """
        self.ensure_one()
        user = self.user_id
        if self.ir_actions_server_id:
            return self.ir_actions_server_id.with_user(user).run()
        if not (self.model and self.function):
            raise UserError(_("Scheduled action '%s' has no model and method to call.") % self.name)
        if self.model not in self.env:
            raise UserError(_("Scheduled action '%s' calls model '%s', which does not exist; "
                              "install its module or fix the job.") % (self.name, self.model))
        model = self.env[self.model].with_user(user)
        method = getattr(model, self.function, None)
        if not callable(method):
            raise UserError(_("Scheduled action '%s' calls %s.%s, which does not exist.")
                            % (self.name, self.model, self.function))
        _logger.info("job '%s' (%s) calls %s.%s%s", self.name, self.id, self.model, self.function,
                     self.args or '()')
        return method(*parse_args(self.args))

    def method_direct_trigger(self):
        """Run these jobs now, in this transaction, as their users (the 'Run Manually' button).

        Their schedule (``nextcall``, ``numbercall``) does not move; ``lastcall``
        is set. A job that a runner is running right now is refused.
        """
        self._check_access('write')
        for cron in self:
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute("SELECT id FROM ir_cron WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                                        [cron.id])
            except psycopg2.errors.LockNotAvailable:
                raise UserError(_("Scheduled action '%s' is running right now; try again when it "
                                  "has finished.") % cron.name) from None
            cron.sudo().with_context(lastcall=cron.lastcall)._execute()
            cron.sudo().write({'lastcall': fields.Datetime.now()})
        return True

    def _trigger(self, at=None):
        """Make these jobs due at ``at`` (a UTC datetime; default: now) even if ``nextcall`` is later.

        Safe to call from any business transaction: it adds an
        ``ir.cron.trigger`` row and never locks the job itself, so it does
        not wait for a job that is running. The runners of every process
        are woken when this transaction commits (nothing happens if it
        rolls back). The triggered run leaves ``nextcall`` and
        ``numbercall`` alone.
        """
        at = fields.Datetime.to_datetime(at) if at else self.env.cr.now()
        if self:
            self.env['ir.cron.trigger'].sudo().create([{'cron_id': cron.id, 'call_at': at} for cron in self])
            self._notify_runners()
        return True


class IrCronTrigger(models.Model):
    """A request to run a job at a moment earlier than its ``nextcall`` (see ``IrCron._trigger``)."""

    _name = 'ir.cron.trigger'
    _description = 'Triggered Scheduled Action'
    _order = 'call_at, id'
    _rec_name = 'cron_id'

    cron_id = fields.Many2one('ir.cron', string='Scheduled Action', required=True, index=True,
                              ondelete='cascade')
    call_at = fields.Datetime(string='Call At', required=True, index=True)
