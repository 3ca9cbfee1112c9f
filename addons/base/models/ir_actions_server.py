"""Server actions: Python code, or a write on the records, run on the server.

``run()`` evaluates in the context of the records the client had selected
(``active_model``, ``active_id``, ``active_ids`` in the context). Code runs
through `framework.data.safe_eval.safe_exec`: statements, but no import, no
private attribute, and only these names: ``env, model, records, record,
time, datetime, UserError, log``. A code action that assigns
``action`` returns it to the client.
"""
import datetime
import logging
import time

from framework import api, fields, models
from framework.data.safe_eval import safe_eval, safe_exec
from framework.exceptions import UserError

_logger = logging.getLogger(__name__)


class ActServer(models.Model):
    """An action that runs on the server: Python code, or a write on records."""

    _name = 'ir.actions.server'
    _inherit = 'ir.actions.actions'
    _description = 'Server Action'
    _order = 'sequence, name, id'

    type = fields.Char(default='ir.actions.server')
    model_id = fields.Many2one('ir.model', string='Model', required=True, ondelete='cascade',
                               help='Model the action runs on.')
    model_name = fields.Char(related='model_id.model', string='Model Name', readonly=True)
    state = fields.Selection([('code', 'Execute Python Code'), ('object_write', 'Update the Record')],
                             string='Action To Do', required=True, default='code')
    code = fields.Text(string='Python Code',
                       help='Code run with env, model, record and records available.')
    sequence = fields.Integer(string='Sequence', default=5)
    fields_lines = fields.One2many('ir.server.object.lines', 'server_id', string='Value Mapping',
                                   copy=True, help="Values written by an 'Update the Record' action.")
    groups_id = fields.Many2many('res.groups', 'ir_act_server_group_rel', 'act_id', 'gid',
                                 string='Groups', help='Only these groups may run the action (empty: all).')

    def _eval_context(self):
        """The names the code and the value expressions of this action see."""
        model = self.env[self.model_id.model]
        context = self.env.context
        records = model.browse(context.get('active_ids') or
                               ([context['active_id']] if context.get('active_id') else []))
        if context.get('active_model') and context['active_model'] != model._name:
            records = model.browse()          # the selection was of another model

        def log(message, level='info'):
            _logger.log(getattr(logging, level.upper(), logging.INFO),
                        'server action %s: %s', self.name, message)

        return {
            'env': self.env, 'model': model, 'records': records,
            'record': records[:1] if records else records,
            'time': time, 'datetime': datetime, 'UserError': UserError, 'log': log,
        }

    def run(self):
        """Run the actions in order; return what the last one returned (an action dict or False).

        Raises UserError when the user may not run an action.
        """
        result = False
        for action in self:
            if not action._allowed_for_user():
                raise UserError("You are not allowed to run the server action '%s'." % action.name)
            runner = getattr(action, '_run_action_%s' % action.state)
            result = runner(action._eval_context())
        return result

    def _run_action_code(self, eval_context):
        namespace = safe_exec(self.code or '', eval_context)
        return namespace.get('action') or False

    def _run_action_object_write(self, eval_context):
        values = self.fields_lines._eval_values(eval_context)
        records = eval_context['records']
        if records:
            records.write(values)
        return False


class ServerObjectLines(models.Model):
    """One field written by an 'Update the Record' server action: a value or an expression."""

    _name = 'ir.server.object.lines'
    _description = 'Server Action value mapping'

    server_id = fields.Many2one('ir.actions.server', string='Related Server Action', ondelete='cascade')
    col1 = fields.Many2one('ir.model.fields', string='Field', required=True, ondelete='cascade')
    value = fields.Text(required=True, help="A constant, or a Python expression if the type is 'Python'.")
    evaluation_type = fields.Selection([('value', 'Value'), ('equation', 'Python expression')],
                                       string='Evaluation Type', default='value', required=True)

    def _eval_values(self, eval_context):
        """``{field name: value}`` of the lines, constants converted for the field's type."""
        values = {}
        for line in self:
            name = line.col1.name
            if line.evaluation_type == 'equation':
                value = safe_eval(line.value, eval_context)
            else:
                value = line._convert_constant(eval_context['model'], name, line.value)
            values[name] = value
        return values

    @api.model
    def _convert_constant(self, model, name, text):
        field = model._fields.get(name)
        kind = field.type if field is not None else 'char'
        if kind in ('integer', 'many2one'):
            return int(text)
        if kind in ('float', 'monetary'):
            return float(text)
        if kind == 'boolean':
            return text.strip().lower() in ('1', 'true', 'yes')
        return text
