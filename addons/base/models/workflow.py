"""OpenERP 5 workflows: definitions (workflow, activity, transition) and their run-time state.

A *workflow* is declared in XML for one model (``osv``): *activities* are
its nodes, *transitions* its edges, fired by a signal and/or a condition.
Each record of the model gets an *instance* of the workflow when it is
created (``on_create``), holding *workitems*: the tokens sitting in
activities. The engine that moves them lives in `framework.workflow`; these
models are its storage. The definitions are cached per registry by the
engine, so every change to them forgets that cache (and so does a
rollback of the transaction that changed them).
"""
from framework import api, fields, models
from framework.workflow import definition


class _DefinitionMixin(models.AbstractModel):
    """Forgets the engine's cached definitions whenever a definition record changes."""

    _name = 'workflow.definition.mixin'
    _description = 'Workflow definition (cache invalidation)'

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        definition.invalidate(self.env)
        return records

    def write(self, vals):
        result = super().write(vals)
        definition.invalidate(self.env)
        return result

    def unlink(self):
        result = super().unlink()
        definition.invalidate(self.env)
        return result


class Workflow(models.Model):
    """A workflow of one model: its activities, started for each new record when ``on_create``."""

    _name = 'workflow'
    _inherit = ['workflow.definition.mixin']
    _description = 'Workflow'
    _order = 'name'

    name = fields.Char('Name', required=True)
    osv = fields.Char('Resource Object', required=True, index=True,
                      help='Name of the model whose records follow this workflow.')
    on_create = fields.Boolean('On Create', default=True,
                               help='Start an instance for every record created.')
    activities = fields.One2many('workflow.activity', 'wkf_id', string='Activities')

    def _register_hook(self):
        # Load the definitions now rather than in the first create() of a
        # request, so that query counts of hot paths do not depend on order.
        definition.definitions(self.env)


class Activity(models.Model):
    """A node of a workflow: what happens when a workitem arrives, how it leaves and joins."""

    _name = 'workflow.activity'
    _inherit = ['workflow.definition.mixin']
    _description = 'Workflow Activity'
    _order = 'name'

    name = fields.Char('Name', required=True)
    wkf_id = fields.Many2one('workflow', 'Workflow', required=True, index=True, ondelete='cascade')
    split_mode = fields.Selection([('XOR', 'Xor'), ('OR', 'Or'), ('AND', 'And')], 'Split Mode',
                                  required=True, default='XOR',
                                  help='XOR: the first valid outgoing transition fires; OR: every '
                                       'valid one; AND: all of them, or none.')
    join_mode = fields.Selection([('XOR', 'Xor'), ('AND', 'And')], 'Join Mode',
                                 required=True, default='XOR',
                                 help='XOR: any incoming transition starts the activity; AND: it '
                                      'waits until every incoming transition has fired.')
    kind = fields.Selection([('dummy', 'Dummy'), ('function', 'Function'),
                             ('subflow', 'Subflow'), ('stopall', 'Stop All')], 'Kind',
                            required=True, default='dummy')
    action = fields.Text('Python Action',
                         help="Code run on the record, e.g. write({'state': 'confirmed'}) or "
                              "action_confirm(); for a subflow, an expression giving the id of "
                              "the record whose subflow instance to wait for.")
    action_id = fields.Many2one('ir.actions.server', 'Server Action', ondelete='set null')
    subflow_id = fields.Many2one('workflow', 'Subflow', ondelete='set null')
    signal_send = fields.Char('Signal (subflow.*)',
                              help='Signal sent to the parent workflow when this activity starts.')
    flow_start = fields.Boolean('Flow Start')
    flow_stop = fields.Boolean('Flow Stop')
    in_transitions = fields.One2many('workflow.transition', 'act_to', string='Incoming Transitions')
    out_transitions = fields.One2many('workflow.transition', 'act_from', string='Outgoing Transitions')


class Transition(models.Model):
    """An edge between two activities: fires on its signal (if any) when its condition holds."""

    _name = 'workflow.transition'
    _inherit = ['workflow.definition.mixin']
    _description = 'Workflow Transition'
    _rec_name = 'signal'

    act_from = fields.Many2one('workflow.activity', 'Source Activity', required=True, index=True,
                               ondelete='cascade')
    act_to = fields.Many2one('workflow.activity', 'Destination Activity', required=True, index=True,
                             ondelete='cascade')
    signal = fields.Char('Signal (Button Name)',
                         help='The signal (a workflow button) that fires this transition; '
                              'empty: it fires as soon as its condition holds.')
    condition = fields.Char('Condition', required=True, default='True',
                            help='Python expression evaluated on the record.')
    group_id = fields.Many2one('res.groups', 'Group Required', ondelete='set null',
                               help='Only members of this group may fire the transition.')
    trigger_model = fields.Char('Trigger Object',
                                help='Kept for OpenERP 5 compatibility; not evaluated.')
    trigger_expr_id = fields.Char('Trigger Expression',
                                  help='Kept for OpenERP 5 compatibility; not evaluated.')


class Instance(models.Model):
    """The workflow of one record: active until a stop activity completes it."""

    _name = 'workflow.instance'
    _description = 'Workflow Instance'
    _log_access = False

    wkf_id = fields.Many2one('workflow', 'Workflow', required=True, index=True, ondelete='cascade')
    res_type = fields.Char('Resource Model', required=True, index=True)
    res_id = fields.Integer('Resource ID', required=True, index=True)
    uid = fields.Integer('User ID')
    state = fields.Selection([('active', 'Active'), ('complete', 'Complete')], 'State',
                             required=True, default='active', index=True)
    workitem_ids = fields.One2many('workflow.workitem', 'inst_id', string='Workitems')
    transition_ids = fields.Many2many('workflow.transition', 'wkf_witm_trans', 'inst_id', 'trans_id',
                                      string='Transitions Waiting in AND-Joins')


class Workitem(models.Model):
    """A token of an instance sitting in an activity."""

    _name = 'workflow.workitem'
    _description = 'Workflow Workitem'
    _log_access = False

    act_id = fields.Many2one('workflow.activity', 'Activity', required=True, index=True,
                             ondelete='cascade')
    inst_id = fields.Many2one('workflow.instance', 'Instance', required=True, index=True,
                              ondelete='cascade')
    subflow_id = fields.Many2one('workflow.instance', 'Subflow', index=True, ondelete='set null')
    state = fields.Selection([('active', 'Active'), ('running', 'Running'),
                              ('complete', 'Complete'), ('blocked', 'Blocked')], 'State',
                             required=True, default='active', index=True)
