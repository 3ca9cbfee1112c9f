"""Actions: what a menu or a button does (open a window, print, run code, call the client).

Each kind of action is its own model and table, with the common ``name`` and
``type`` fields; ``ir.actions.actions`` is the plain record of that contract.
"""
from framework import fields, models

VIEW_TYPES = [
    ('tree', 'Tree'), ('form', 'Form'), ('graph', 'Graph'),
    ('calendar', 'Calendar'), ('kanban', 'Kanban'), ('search', 'Search'),
]


class Actions(models.Model):
    """An action of no particular kind: a name and the type that says how to run it."""

    _name = 'ir.actions.actions'
    _description = 'Actions'
    _order = 'name, id'

    name = fields.Char(string='Action Name', size=64, required=True, translate=True,
                       help='Title shown to the user when the action runs.')
    type = fields.Char(string='Action Type', size=32, required=True, default='ir.actions.actions',
                       help='Model of the action, which tells the client how to run it.')
    usage = fields.Char(string='Action Usage', size=32,
                        help='Where the action is used, e.g. "menu".')
    help = fields.Html(string='Action Description', translate=True,
                       help='Text shown to the user when the list is empty.')


class ActWindow(models.Model):
    """An action that opens records of a model in the given views."""

    _name = 'ir.actions.act_window'
    _inherit = 'ir.actions.actions'
    _description = 'Action Window'

    type = fields.Char(default='ir.actions.act_window')
    res_model = fields.Char(string='Object', size=64, required=True,
                            help='Model whose records the window shows.')
    res_id = fields.Integer(string='Record ID', help='Record to open in a form, if any.')
    view_type = fields.Selection([('tree', 'Tree'), ('form', 'Form')], string='View Type',
                                 default='form',
                                 help="OpenERP 5.0: 'tree' opens a hierarchical tree, 'form' the list/form switch.")
    view_mode = fields.Char(string='View Mode', size=250, required=True, default='tree,form',
                            help='Comma-separated view types offered, in order, e.g. tree,form,calendar.')
    view_id = fields.Many2one('ir.ui.view', string='View Ref.', ondelete='set null',
                              help='View to open first instead of the default one.')
    search_view_id = fields.Many2one('ir.ui.view', string='Search View Ref.', ondelete='set null')
    view_ids = fields.One2many('ir.actions.act_window.view', 'act_window_id', string='Views',
                               help='Views to use for each view type, in order.')
    domain = fields.Char(string='Domain Value', size=250,
                         help='Domain that filters the records shown, e.g. [("state","=","open")].')
    context = fields.Char(string='Context Value', size=250, required=True, default='{}',
                          help='Context passed to the views, e.g. {"search_default_mine": 1}.')
    target = fields.Selection([('current', 'Current Window'), ('new', 'New Window'),
                               ('inline', 'Inline')], string='Target Window', default='current')
    limit = fields.Integer(string='Limit', default=80, help='Number of records per page.')
    auto_refresh = fields.Integer(string='Auto-Refresh', default=0,
                                  help='Reload the view every so many seconds (0: never).')
    src_model = fields.Char(string='Source Object', size=64,
                            help='Model from which the action is launched (OpenERP 5.0 bindings).')
    groups_id = fields.Many2many('res.groups', 'ir_act_window_group_rel', 'act_id', 'gid',
                                 string='Groups', help='Only these groups may run the action (empty: all).')


class ActWindowView(models.Model):
    """One view of a window action: which view for which view type, in what order."""

    _name = 'ir.actions.act_window.view'
    _description = 'Action Window View'
    _order = 'sequence, id'
    _rec_name = 'view_id'

    sequence = fields.Integer(string='Sequence')
    view_id = fields.Many2one('ir.ui.view', string='View')
    view_mode = fields.Selection(VIEW_TYPES, string='View Type', required=True)
    act_window_id = fields.Many2one('ir.actions.act_window', string='Action', ondelete='cascade')
    multi = fields.Boolean(string='On Multiple Doc.',
                           help='The action is only shown on the right toolbar of a form view.')


class ActReport(models.Model):
    """An action that prints a report on records of a model."""

    _name = 'ir.actions.report'
    _inherit = 'ir.actions.actions'
    _description = 'Report Action'

    type = fields.Char(default='ir.actions.report')
    model = fields.Char(string='Model', size=64, required=True, help='Model the report prints.')
    report_name = fields.Char(string='Service Name', size=64, required=True,
                              help='Technical name of the report, e.g. crm.case.report.')
    report_type = fields.Selection([('pdf', 'PDF'), ('html', 'HTML'), ('raw', 'Raw'),
                                    ('sxw', 'SXW'), ('odt', 'ODT')],
                                   string='Report Type', required=True, default='pdf')
    report_file = fields.Char(string='Report File', size=256,
                              help='Path of the report template, relative to the addons path.')
    attachment = fields.Char(string='Save As Attachment Prefix', size=128,
                             help='Expression naming the printed file to keep as attachment; '
                                  'empty: do not keep it.')
    attachment_use = fields.Boolean(string='Reload from Attachment',
                                    help='Reprint the kept attachment instead of printing again.')
    multi = fields.Boolean(string='On Multiple Doc.',
                           help='The report is not shown on the toolbar of a form view.')
    groups_id = fields.Many2many('res.groups', 'res_groups_report_rel', 'uid', 'gid', string='Groups')


class ActServer(models.Model):
    """An action that runs on the server: Python code, or a write on records."""

    _name = 'ir.actions.server'
    _inherit = 'ir.actions.actions'
    _description = 'Server Action'

    type = fields.Char(default='ir.actions.server')
    model_id = fields.Many2one('ir.model', string='Model', required=True, ondelete='cascade',
                               help='Model the action runs on.')
    state = fields.Selection([('code', 'Execute Python Code'), ('object_write', 'Update the Record')],
                             string='Action To Do', required=True, default='code')
    code = fields.Text(string='Python Code',
                       help='Code run with env, model, record and records available.')
    sequence = fields.Integer(string='Sequence', default=5)


class ActClient(models.Model):
    """An action handled entirely by the client, named by its tag."""

    _name = 'ir.actions.client'
    _inherit = 'ir.actions.actions'
    _description = 'Client Action'

    type = fields.Char(default='ir.actions.client')
    tag = fields.Char(string='Client action tag', size=128, required=True,
                      help='Name of the client component that runs the action.')
    target = fields.Selection([('current', 'Current Window'), ('new', 'New Window')],
                              string='Target Window', default='current')
    res_model = fields.Char(string='Destination Model', size=64)
    params = fields.Text(string='Supplementary arguments',
                         help='Arguments sent to the client with the action (a Python literal).')


ACTION_MODELS = [
    ('ir.actions.act_window', 'Window Action'),
    ('ir.actions.report', 'Report'),
    ('ir.actions.server', 'Server Action'),
    ('ir.actions.client', 'Client Action'),
]
