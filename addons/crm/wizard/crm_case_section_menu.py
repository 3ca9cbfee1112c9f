"""The "Create menus for a case section" wizard: a ready-made menu tree of case lists for a team.

Step 1 asks for the base name, the parent menu, the section and, optionally,
the views to use; step 2 proposes the 17 entries of 5.0 (names editable, each
one created with a chosen view mode or not at all) and creates, for each
kept entry, an ``ir.ui.menu``, its ``ir.actions.act_window`` on ``crm.case``
filtered by section/user/state, one ``ir.actions.act_window.view`` per view
mode and the ``ir.values`` binding of 5.0 clients.
"""
from framework import _, api, fields, models
from framework.exceptions import UserError

SECTION = "('section_id','=',SECTION_ID)"
MINE = "('user_id','=',uid)"
UNASSIGNED = "('user_id','=',False)"
UNCLOSED = "('state','not in',('cancel','done'))"
# evaluated by the client when the menu is opened: "late" is relative to that day
LATE = "('date_deadline','<=',time.strftime('%Y-%m-%d'))"


def _domain(*terms):
    return '[%s]' % ','.join(terms)


def _state(state):
    return "('state','=','%s')" % state


#: (N, name prefix, parent N (0: the chosen parent menu), domain, default view mode), in creation order
MENU_ENTRIES = [
    (1, 'My ', 0, _domain(SECTION, MINE), 'tree,form,calendar'),
    (2, 'My Unclosed ', 1, _domain(SECTION, MINE, UNCLOSED), 'tree,form,calendar'),
    (5, 'My Open ', 2, _domain(SECTION, MINE, _state('open')), 'tree,form,calendar'),
    (6, 'My Pending ', 2, _domain(SECTION, MINE, _state('pending')), 'tree,form,calendar'),
    (7, 'My Draft ', 2, _domain(SECTION, MINE, _state('draft')), 'tree,form,calendar'),
    (3, 'My Late ', 1, _domain(SECTION, MINE, LATE, UNCLOSED), 'tree,form,calendar'),
    (4, 'My Canceled ', 1, _domain(SECTION, MINE, _state('cancel')), 'no'),
    (8, 'All ', 0, _domain(SECTION), 'tree,form,calendar'),
    (9, 'All Unassigned ', 8, _domain(SECTION, UNASSIGNED), 'no'),
    # 5.0 quirk kept: "All Late" is the same list as "My Late" (current user's cases only)
    (10, 'All Late ', 8, _domain(SECTION, MINE, LATE, UNCLOSED), 'no'),
    (11, 'All Canceled ', 8, _domain(SECTION, _state('cancel')), 'no'),
    (12, 'All Unclosed ', 8, _domain(SECTION, UNCLOSED), 'tree,form,calendar'),
    (13, 'All Open ', 12, _domain(SECTION, _state('open')), 'tree,form,calendar'),
    (14, 'All Pending ', 12, _domain(SECTION, _state('pending')), 'tree,form,calendar'),
    (15, 'All Draft ', 12, _domain(SECTION, _state('draft')), 'tree,form,calendar'),
    (16, 'All Unclosed and Unassigned ', 12, _domain(SECTION, UNASSIGNED, UNCLOSED), 'no'),
    (17, 'New ', 0, _domain(SECTION), 'form,tree,calendar'),
]

VIEW_MODE_OPTIONS = [
    ('no', "Don't Create"),
    ('form,tree', 'New Form'),
    ('form,tree,calendar', 'New With Calendar'),
    ('tree,form', 'List'),
    ('tree,form,calendar', 'List With Calendar'),
    ('calendar,tree,form', 'Calendar'),
]

#: (prefix, entry of MENU_ENTRIES whose domain it uses) of ``crm.case.section.menu_create``
MENU_CREATE_CHILDREN = [
    ('My ', 1), ('My Unclosed ', 2), ('My Open ', 5), ('My Pending ', 6), ('My Draft ', 7),
    ('My Late ', 3), ('My Canceled ', 4), ('All ', 8), ('Unassigned ', 9), ('Late ', 10),
    ('Canceled ', 11), ('Unclosed ', 12), ('Open ', 13), ('Pending ', 14), ('Draft ', 15),
    ('Unassigned ', 16),
]

#: 5.0 menu icons, by the first view the entry opens
ICONS = {'form': 'STOCK_NEW', 'tree': 'STOCK_JUSTIFY_FILL', 'calendar': 'STOCK_SELECT_COLOR'}


def create_case_menu(env, name, parent_id, domain, view_mode, section, views=None):
    """Create one menu entry opening the cases of `domain`; return the ``ir.ui.menu``.

    `views` maps a view type to the ``ir.ui.view`` to use (missing: the
    default view of that type). Runs as given: the caller decides on sudo().
    """
    modes = view_mode.split(',')
    action = env['ir.actions.act_window'].create({
        'name': name,
        'res_model': 'crm.case',
        'domain': domain.replace('SECTION_ID', str(section.id)),
        'context': "{'default_section_id': %d}" % section.id,
        'view_type': 'form',
        'view_mode': view_mode,
    })
    env['ir.actions.act_window.view'].create([
        {'sequence': sequence, 'view_mode': mode, 'act_window_id': action.id,
         'view_id': (views or {}).get(mode, False)}
        for sequence, mode in enumerate(modes)
    ])
    menu = env['ir.ui.menu'].create({
        'name': name,
        'parent_id': parent_id or False,
        'icon': ICONS.get(modes[0], 'STOCK_JUSTIFY_FILL'),
        'action': 'ir.actions.act_window,%d' % action.id,
    })
    # 5.0 clients find a menu's action through ir.values
    env['ir.values'].create({
        'name': 'Menuitem', 'key': 'action', 'key2': 'tree_but_open',
        'model': 'ir.ui.menu', 'res_id': menu.id,
        'value': 'ir.actions.act_window,%d' % action.id,
    })
    return menu


class CaseSectionMenu(models.TransientModel):
    """Wizard creating the menu tree of a case section ("My Open Helpdesk", "All Helpdesk"…)."""

    _name = 'crm.case.section.menu'
    _description = 'Create menus for a case section'

    state = fields.Selection([('init', 'Menu Name'), ('menus', 'Proposed Menus')], default='init',
                             readonly=True)
    menu_name = fields.Char(string='Base Menu Name', size=64, required=True,
                            help='Appended to every entry: "My <name>", "All Open <name>"…')
    menu_parent_id = fields.Many2one('ir.ui.menu', string='Parent Menu', required=True,
                                     help='The created menus are put within this menu.')
    section_id = fields.Many2one('crm.case.section', string='Case Section', required=True,
                                 default=lambda self: self._default_section())
    view_form = fields.Many2one('ir.ui.view', string='Form View',
                                domain=[('model', '=', 'crm.case'), ('type', '=', 'form')])
    view_tree = fields.Many2one('ir.ui.view', string='Tree View',
                                domain=[('model', '=', 'crm.case'), ('type', '=', 'tree')])
    view_calendar = fields.Many2one('ir.ui.view', string='Calendar View',
                                    domain=[('model', '=', 'crm.case'), ('type', '=', 'calendar')])

    # step 2: one editable name and one view mode per proposed entry (menu1 … menu17)
    for _number, _prefix, _parent, _domain_text, _option in MENU_ENTRIES:
        locals()['menu%d' % _number] = fields.Char(string='Menu %d' % _number, size=64)
        locals()['menu%d_option' % _number] = fields.Selection(VIEW_MODE_OPTIONS,
                                                               string='Menu %d Option' % _number)
    del _number, _prefix, _parent, _domain_text, _option

    def _default_section(self):
        """The section the wizard was started from (5.0 ran it on crm.case.section)."""
        if self.env.context.get('active_model') == 'crm.case.section':
            return self.env.context.get('active_id') or False
        return False

    def action_propose(self):
        """Step 1 → 2: fill the proposed names and view modes, and show them."""
        self.ensure_one()
        values = {'state': 'menus'}
        for number, prefix, _parent, _domain_text, option in MENU_ENTRIES:
            values['menu%d' % number] = prefix + self.menu_name
            values['menu%d_option' % number] = option
        self.write(values)
        return {
            'type': 'ir.actions.act_window',
            'name': _('Created Menus'),
            'res_model': self._name,
            'res_id': self.id,
            'view_mode': 'form',
            'view_id': self.env.ref('crm.crm_case_section_menu_view_menus').id,
            'target': 'new',
        }

    def action_create_menus(self):
        """Step 2: create the kept entries; an entry not created lends its place to its children."""
        self.ensure_one()
        if self.state != 'menus':
            self.action_propose()
        views = {mode: view.id for mode, view in (('form', self.view_form), ('tree', self.view_tree),
                                                   ('calendar', self.view_calendar)) if view}
        created = {0: self.menu_parent_id.id}
        # menus, actions and bindings are configuration: the wizard's own access decides who may
        env = self.sudo().env
        for number, _prefix, parent, domain, _option in MENU_ENTRIES:
            option = self['menu%d_option' % number] or 'no'
            if option == 'no':
                created[number] = created[parent]
                continue
            name = self['menu%d' % number]
            if not name:
                raise UserError(_('Give a name to menu %d or choose "Don\'t Create".') % number)
            created[number] = create_case_menu(env, name, created[parent], domain, option,
                                               self.section_id, views).id
        return {'type': 'ir.actions.act_window_close'}


class CaseSection(models.Model):
    """The dialog-less menu creation of 5.0, callable from data files."""

    _inherit = 'crm.case.section'

    def menu_create(self, name, menu_parent_id):
        """Create, for each section, a menu `name` (new case form) under `menu_parent_id` with the
        fixed 5.0 list of case lists below it ("My <name> Cases", "Open <name> Cases"…)."""
        domains = {number: domain for number, _prefix, _parent, domain, _option in MENU_ENTRIES}
        env = self.sudo().env
        for section in self:
            root = create_case_menu(env, name, menu_parent_id, domains[8], 'form,tree', section)
            for prefix, number in MENU_CREATE_CHILDREN:
                create_case_menu(env, '%s%s Cases' % (prefix, name), root.id, domains[number],
                                 'tree,form', section)
        return True
