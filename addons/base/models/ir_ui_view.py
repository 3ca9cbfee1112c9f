"""Views: the XML descriptions (arch) of forms, lists, searches… of a model."""
from framework import fields, models

VIEW_TYPES = [
    ('tree', 'Tree'), ('form', 'Form'), ('graph', 'Graph'), ('calendar', 'Calendar'),
    ('search', 'Search'), ('kanban', 'Kanban'),
]


class View(models.Model):
    """A view of a model; an extension view patches its parent's arch."""

    _name = 'ir.ui.view'
    _description = 'View'
    _order = 'priority, name, id'

    name = fields.Char(string='View Name', size=128, required=True)
    model = fields.Char(string='Object', size=64, index=True, help='Model the view shows.')
    type = fields.Selection(VIEW_TYPES, string='View Type',
                            help='Kind of view; taken from the root element of the arch when empty.')
    arch = fields.Text(string='View Architecture', help='XML description of the view.')
    inherit_id = fields.Many2one('ir.ui.view', string='Inherited View', ondelete='cascade', index=True,
                                 help='The view this one modifies.')
    inherit_children_ids = fields.One2many('ir.ui.view', 'inherit_id', string='Views which inherit from this one')
    mode = fields.Selection([('primary', 'Base view'), ('extension', 'Extension View')],
                            string='View inheritance mode', required=True, default='primary',
                            help="'Extension' views patch their parent; 'primary' ones stand alone.")
    priority = fields.Integer(string='Sequence', required=True, default=16,
                              help='Among views of the same type, the lowest priority is the default.')
    field_parent = fields.Char(string='Child Field', size=64,
                               help='One2many field giving the children in a hierarchical tree view.')
    active = fields.Boolean(string='Active', default=True)
