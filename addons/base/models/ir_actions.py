"""Actions: what a menu or a button does (open a window, print, run code, call the client).

Each kind of action is its own model and table, with the common ``name``,
``type`` and binding fields; ``ir.actions.actions`` is the plain record of
that contract and knows how to find an action by external id
(`_for_xml_id`) and which actions are bound to a model (`get_bindings`).
An action reaches a client as the dict `_get_action_dict` returns: its
fields as ``read()`` gives them, with ``views`` for a window action.
"""
import ast

from framework import api, fields, models
from framework.exceptions import UserError, ValidationError

VIEW_TYPES = [
    ('tree', 'Tree'), ('form', 'Form'), ('graph', 'Graph'),
    ('calendar', 'Calendar'), ('kanban', 'Kanban'), ('search', 'Search'),
]
# fields a client never needs in an action dict
_UNREADABLE = ('create_uid', 'create_date', 'write_uid', 'write_date', 'display_name')


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
    binding_model_id = fields.Many2one('ir.model', string='Binding Model', ondelete='cascade',
                                       help="Show the action in the 'Action'/'Print' menu of this model.")
    binding_type = fields.Selection([('action', 'Action'), ('report', 'Report')], string='Binding Type',
                                    required=True, default='action')
    binding_view_types = fields.Char(string='Binding View Types', default='list,form',
                                     help='Views of the bound model that show the action.')

    def _get_action_dict(self):
        """The dict a client runs: readable fields as ``read()`` returns them, plus ``xml_id``."""
        self.ensure_one()
        names = [n for n in self._fields if n not in _UNREADABLE]
        action = self.sudo().read(names)[0]
        xmlids = self.env['ir.model.data'].sudo().search(
            [('model', '=', self._name), ('res_id', '=', self.id)], limit=1)
        action['xml_id'] = '%s.%s' % (xmlids.module, xmlids.name) if xmlids else False
        return action

    @api.model
    def _for_xml_id(self, full_xml_id):
        """Return the action dict of the action with external id `full_xml_id`.

        Raises UserError when the external id is unknown or is not an action.
        """
        record = self.env.ref(full_xml_id, raise_if_not_found=False)
        if not record or record._name not in ACTION_MODEL_NAMES:
            raise UserError("No action has the external id '%s'." % full_xml_id)
        return record._get_action_dict()

    @api.model
    def load_action(self, reference):
        """The action dict a client runs for `reference`.

        `reference` is an external id (``'crm.crm_case_categ0_act_job'``), a
        menu's ``'ir.actions.act_window,12'`` or a window action's id. Raises
        UserError when there is no such action or the user may not run it.
        """
        if isinstance(reference, str) and ',' in reference:
            model_name, _sep, action_id = reference.partition(',')
            if model_name not in ACTION_MODEL_NAMES or not action_id.strip().isdigit():
                raise UserError("'%s' does not name an action." % reference)
            action = self.env[model_name].sudo().browse(int(action_id)).exists()
        elif isinstance(reference, str) and not reference.isdigit():
            action = self.env.ref(reference, raise_if_not_found=False)
            if action is not None and action._name not in ACTION_MODEL_NAMES:
                action = None
        else:
            action = self.env['ir.actions.act_window'].sudo().browse(int(reference)).exists()
        if not action:
            raise UserError("The action '%s' does not exist (any more): pick it again from the menu."
                            % (reference,))
        if not action._allowed_for_user():
            raise UserError("You may not run the action '%s'." % action.name)
        return action._get_action_dict()

    def _allowed_for_user(self):
        """Whether the current user may run this action (``groups_id`` empty or shared)."""
        if self.env.su or 'groups_id' not in self._fields:
            return True
        groups = self.sudo().groups_id
        if not groups:
            return True
        user_groups = self.env.user.sudo().groups_id._implied_closure()
        return bool(groups & user_groups)

    @api.model
    def get_bindings(self, model_name):
        """Return ``{'action': [dicts], 'report': [dicts]}`` of the actions bound to `model_name`
        (by ``binding_model_id`` or, OpenERP 5.0 style, by ``ir.values``), that the user may run."""
        toolbar = self._get_toolbar(model_name)
        return {'action': toolbar['action'] + toolbar['relate'], 'report': toolbar['print']}

    @api.model
    def _get_toolbar(self, model_name):
        """``{'print': [...], 'action': [...], 'relate': [...]}`` of action dicts bound to `model_name`."""
        result = {'print': [], 'action': [], 'relate': []}
        seen = set()

        def add(slot, action):
            key = (action._name, action.id)
            if key not in seen and action._allowed_for_user():
                seen.add(key)
                result[slot].append(action._get_action_dict())

        model = self.env['ir.model'].sudo().search([('model', '=', model_name)], limit=1)
        for action_model, _label in ACTION_MODELS:
            if model:
                Action = self.env[action_model].sudo()
                for action in Action.search([('binding_model_id', '=', model.id)], order='id'):
                    add('print' if action.binding_type == 'report' else 'action', action)
        if 'ir.values' in self.env.registry:
            Values = self.env['ir.values'].sudo()
            for key2, slot in (('client_print_multi', 'print'), ('client_action_multi', 'action'),
                               ('client_action_relate', 'relate')):
                for action in Values._bound_actions(key2, model_name):
                    add(slot, action)
        return result


class ActWindow(models.Model):
    """An action that opens records of a model in the given views.

    ``read()`` adds ``views``: the ``[(view_id or False, view_type)]`` list a
    client opens, from ``view_ids`` first, then the other types of
    ``view_mode`` (``view_id`` for its type).
    """

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
    domain = fields.Char(string='Domain Value',
                         help='Domain that filters the records shown, e.g. [("state","=","open")].')
    context = fields.Char(string='Context Value', required=True, default='{}',
                          help='Context passed to the views, e.g. {"search_default_mine": 1}.')
    target = fields.Selection([('current', 'Current Window'), ('new', 'New Window'),
                               ('inline', 'Inline'), ('fullscreen', 'Full Screen'), ('main', 'Main')],
                              string='Target Window', default='current')
    limit = fields.Integer(string='Limit', default=80, help='Number of records per page.')
    auto_refresh = fields.Integer(string='Auto-Refresh', default=0,
                                  help='Reload the view every so many seconds (0: never).')
    src_model = fields.Char(string='Source Object', size=64,
                            help='Model from which the action is launched (OpenERP 5.0 bindings).')
    groups_id = fields.Many2many('res.groups', 'ir_act_window_group_rel', 'act_id', 'gid',
                                 string='Groups', help='Only these groups may run the action (empty: all).')

    @api.constrains('res_model', 'domain', 'context', 'view_mode')
    def _check_action(self):
        """Refuse an action on an unknown model, with an unreadable domain/context or view mode."""
        known = {key for key, _label in VIEW_TYPES} | {'list', 'pivot', 'activity'}
        for action in self:
            if action.res_model not in self.env.registry:
                raise ValidationError("Action '%s' opens the model '%s', which does not exist."
                                      % (action.name, action.res_model))
            for attribute in ('domain', 'context'):
                text = action[attribute]
                if text:
                    try:
                        ast.parse(text.strip(), mode='eval')
                    except SyntaxError:
                        raise ValidationError("Action '%s' has an invalid %s: %s"
                                              % (action.name, attribute, text)) from None
            for mode in (action.view_mode or '').split(','):
                if mode.strip() not in known:
                    raise ValidationError("Action '%s' has the unknown view mode '%s'."
                                          % (action.name, mode.strip()))

    def _compute_views(self):
        """The ``[(view_id, view_type)]`` list of the action (see the class docstring)."""
        self.ensure_one()
        views = [(line.view_id.id or False, line.view_mode)
                 for line in self.view_ids.sorted(lambda l: (l.sequence, l.id))]
        shown = {mode for _id, mode in views}
        for mode in (self.view_mode or '').split(','):
            mode = mode.strip()
            if not mode or mode in shown:
                continue
            view_id = self.view_id.id if self.view_id and self.view_id.type == mode else False
            views.append((view_id, mode))
            shown.add(mode)
        return views

    def _get_action_dict(self):
        """The action dict, with its ``views`` list."""
        action = super()._get_action_dict()
        action['views'] = [list(pair) for pair in self._compute_views()]
        return action

    def read(self, fields=None, load='_classic_read'):
        """Read as the ORM does, with the computed ``views`` list when asked (or all fields)."""
        wants_views = fields is None or 'views' in fields
        if fields is not None:
            fields = [name for name in fields if name != 'views']
        rows = super().read(fields, load)
        if wants_views:
            by_id = {action.id: action for action in self}
            for row in rows:
                row['views'] = [list(pair) for pair in by_id[row['id']]._compute_views()]
        return rows


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
    binding_type = fields.Selection(default='report')
    model = fields.Char(string='Model', size=64, required=True, help='Model the report prints.')
    report_name = fields.Char(string='Service Name', size=64, required=True,
                              help='Technical name of the report, e.g. crm.case.report.')
    report_type = fields.Selection([('qweb-pdf', 'PDF'), ('qweb-html', 'HTML'), ('qweb-text', 'Text'),
                                    ('pdf', 'PDF (RML)'), ('html', 'HTML (RML)'), ('raw', 'Raw'),
                                    ('sxw', 'SXW'), ('odt', 'ODT')],
                                   string='Report Type', required=True, default='pdf')
    report_file = fields.Char(string='Report File', size=256,
                              help='Path of the report template, relative to the addons path.')
    print_report_name = fields.Char(string='Printed Report Name',
                                    help="Expression naming the printed file, e.g. 'Order - %s' % object.name.")
    attachment = fields.Char(string='Save As Attachment Prefix', size=128,
                             help='Expression naming the printed file to keep as attachment; '
                                  'empty: do not keep it.')
    attachment_use = fields.Boolean(string='Reload from Attachment',
                                    help='Reprint the kept attachment instead of printing again.')
    multi = fields.Boolean(string='On Multiple Doc.',
                           help='The report is not shown on the toolbar of a form view.')
    groups_id = fields.Many2many('res.groups', 'res_groups_report_rel', 'uid', 'gid', string='Groups')


class ActClient(models.Model):
    """An action handled entirely by the client, named by its tag.

    ``params`` is stored as a Python literal and read back as a dict.
    """

    _name = 'ir.actions.client'
    _inherit = 'ir.actions.actions'
    _description = 'Client Action'

    type = fields.Char(default='ir.actions.client')
    tag = fields.Char(string='Client action tag', size=128, required=True,
                      help='Name of the client component that runs the action.')
    target = fields.Selection([('current', 'Current Window'), ('new', 'New Window'),
                               ('fullscreen', 'Full Screen'), ('main', 'Main')],
                              string='Target Window', default='current')
    res_model = fields.Char(string='Destination Model', size=64)
    context = fields.Char(string='Context Value', required=True, default='{}')
    params = fields.Text(string='Supplementary arguments',
                         help='Arguments sent to the client with the action (a Python literal).')

    @api.model_create_multi
    def create(self, vals_list):
        """Create client actions; a dict given as ``params`` is stored as its literal."""
        return super().create([self._params_to_text(dict(vals)) for vals in vals_list])

    def write(self, vals):
        """Update client actions; a dict given as ``params`` is stored as its literal."""
        return super().write(self._params_to_text(dict(vals)))

    @staticmethod
    def _params_to_text(vals):
        if isinstance(vals.get('params'), (dict, list)):
            vals['params'] = repr(vals['params'])
        return vals

    def read(self, fields=None, load='_classic_read'):
        """Read as the ORM does, with ``params`` as the dict it stands for."""
        rows = super().read(fields, load)
        for row in rows:
            if row.get('params'):
                try:
                    row['params'] = ast.literal_eval(row['params'])
                except (ValueError, SyntaxError):
                    pass        # not a literal: the client gets the text it was given
        return rows


ACTION_MODELS = [
    ('ir.actions.act_window', 'Window Action'),
    ('ir.actions.report', 'Report'),
    ('ir.actions.server', 'Server Action'),
    ('ir.actions.client', 'Client Action'),
]
# models whose records are actions a client can run
ACTION_MODEL_NAMES = {name for name, _label in ACTION_MODELS} | {'ir.actions.actions'}
