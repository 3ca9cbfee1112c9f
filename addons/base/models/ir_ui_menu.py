"""Menus: the tree of entries the web client shows, each opening an action."""
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

    def _path(self):
        """Return the names from the root to this menu."""
        names, node, seen = [], self, set()
        while node and node.id not in seen:
            seen.add(node.id)
            names.append(node.name or '')
            node = node.parent_id
        return list(reversed(names))

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        """Compute the path 'Root/Child/Entry'."""
        for menu in self:
            menu.complete_name = MENU_SEPARATOR.join(menu._path())
