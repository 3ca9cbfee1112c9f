"""Menus: the tree of entries the web client shows, each opening an action.

What a user sees (`_visible_menu_ids`, `load_menus`): the entries whose
``groups_id`` is empty or shares a group with the user (implied groups
counted), whose action the user may run, and whose parents are visible too;
an entry without action and without any visible child is hidden, so a user
never sees an empty folder.
"""
from framework import api, fields, models

from .ir_actions import ACTION_MODELS

MENU_SEPARATOR = '/'


class Menu(models.Model):
    """A menu entry, placed in a tree by parent and sequence, opening an action."""

    _name = 'ir.ui.menu'
    _description = 'Menu'
    _order = 'sequence, id'
    _parent_store = True

    name = fields.Char(string='Menu', size=64, required=True, translate=True,
                       help='Label of the entry.')
    sequence = fields.Integer(string='Sequence', default=10,
                              help='Position among the entries of the same parent.')
    parent_id = fields.Many2one('ir.ui.menu', string='Parent Menu', index=True, ondelete='restrict')
    parent_path = fields.Char(index=True)
    child_id = fields.One2many('ir.ui.menu', 'parent_id', string='Child IDs')
    complete_name = fields.Char(string='Full Path', compute='_compute_complete_name',
                                help="Path from the root, e.g. 'CRM/Cases/All Cases'.")
    action = fields.Reference(selection=ACTION_MODELS, string='Action', size=128,
                              help='What the entry opens.')
    groups_id = fields.Many2many('res.groups', 'ir_ui_menu_group_rel', 'menu_id', 'gid',
                                 string='Groups', help='Only these groups see the entry (empty: everybody).')
    web_icon = fields.Char(string='Web Icon File', size=128)
    icon = fields.Char(string='Icon', size=64, help='OpenERP 5.0 icon name, e.g. STOCK_JUSTIFY_FILL.')
    active = fields.Boolean(string='Active', default=True)

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        """Compute the path 'Root/Child/Entry'."""
        for menu in self:
            menu.complete_name = menu._hierarchy_path(MENU_SEPARATOR)

    def name_get(self):
        """``[(id, 'Parent/Child/Entry')]``: the full path, as OpenERP 5.0 names menus."""
        return [(menu.id, menu._hierarchy_path(MENU_SEPARATOR)) for menu in self]

    # ------------------------------------------------------------------
    # visibility
    # ------------------------------------------------------------------
    @api.model
    def _visible_menu_ids(self, debug=False):
        """The set of ids of the active menus the current user may see (see the module docstring)."""
        menus = self.sudo().search([])
        if self.env.su:
            allowed = menus
        else:
            user_groups = self.env.user.sudo().groups_id._implied_closure()
            allowed = menus.filtered(lambda m: not m.groups_id or m.groups_id & user_groups)
        by_id = {menu.id: menu for menu in allowed}
        # an entry whose action the user may not run, or whose model they may not read, is hidden
        with_action = {menu.id for menu in allowed if menu.action}
        runnable = {menu_id for menu_id in with_action if self._action_allowed(by_id[menu_id].action)}
        visible = set(by_id) - (with_action - runnable)
        # a parent hidden hides its whole subtree
        visible = {menu_id for menu_id in visible if self._ancestors_in(by_id[menu_id], visible)}
        # folders left without any visible action below them disappear
        useful = set()
        for menu_id in runnable & visible:
            node = by_id[menu_id]
            while node and node.id in visible and node.id not in useful:
                useful.add(node.id)
                node = node.parent_id
        return useful

    @staticmethod
    def _ancestors_in(menu, ids):
        node, seen = menu.parent_id, set()
        while node and node.id not in seen:
            if node.id not in ids:
                return False
            seen.add(node.id)
            node = node.parent_id
        return True

    def _action_allowed(self, action):
        """Whether the current user may run `action` (its groups, and read access to its model)."""
        if self.env.su:
            return True
        action = action.exists()
        if not action or not action.with_env(self.env)._allowed_for_user():
            return False
        model_name = action['res_model'] if 'res_model' in action._fields else None
        if model_name and model_name in self.env.registry:
            Access = self.env.registry.get('ir.model.access')
            check = getattr(Access, 'check', None) if Access is not None else None
            if check is not None:
                try:
                    return bool(self.env['ir.model.access'].check(model_name, 'read', False))
                except TypeError:
                    return True     # a check() of another signature: leave it to the action
        return True

    @api.model
    def get_user_roots(self):
        """The top-level menus the current user sees, in order."""
        visible = self._visible_menu_ids()
        return self.search([('parent_id', '=', False), ('id', 'in', list(visible))])

    @api.model
    def load_menus(self, debug=False):
        """Return the menus of the current user as Odoo's web client loads them.

        ``{'root': {'id': False, 'name': 'root', 'children': [top ids]},
        id: {'id', 'name', 'children', 'action', 'parent_id', 'web_icon',
        'web_icon_data', 'xmlid', 'sequence', 'icon'}, ...}`` where ``action``
        is ``'model,id'`` or False and ``children`` are ids in menu order.
        """
        visible = self._visible_menu_ids(debug)
        menus = self.sudo().browse(sorted(visible)).sorted()
        xmlids = self._menu_xmlids(menus.ids)
        result = {'root': {'id': False, 'name': 'root', 'parent_id': [-1, ''],
                           'children': [], 'root': True, 'xmlid': ''}}
        for menu in menus:
            action = menu.action
            result[menu.id] = {
                'id': menu.id,
                'name': menu.name,
                'children': [],
                'action': '%s,%d' % (action._name, action.id) if action else False,
                'parent_id': menu.parent_id.id if menu.parent_id else False,
                'web_icon': menu.web_icon or False,
                'web_icon_data': False,
                'icon': menu.icon or False,
                'xmlid': xmlids.get(menu.id, ''),
                'sequence': menu.sequence,
            }
        for menu in menus:        # already in (sequence, id) order: children come out sorted
            parent = menu.parent_id.id if menu.parent_id and menu.parent_id.id in result else 'root'
            result[parent]['children'].append(menu.id)
        return result

    @api.model
    def _menu_xmlids(self, ids):
        rows = self.env['ir.model.data'].sudo().search(
            [('model', '=', 'ir.ui.menu'), ('res_id', 'in', list(ids))])
        return {row.res_id: '%s.%s' % (row.module, row.name) for row in rows}
