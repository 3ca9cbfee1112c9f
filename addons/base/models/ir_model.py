"""Models and fields described as records: ``ir.model``, ``ir.model.fields``.

Rows are written by the module loader (`framework.modules.reflection`)
whenever addons are installed or upgraded; they let data files, security
rules and clients refer to models and fields by external id.
"""
from framework import fields, models


class IrModel(models.Model):
    """One model of the database."""

    _name = 'ir.model'
    _description = 'Models'
    _order = 'model'

    name = fields.Char('Model Description', required=True, translate=True)
    model = fields.Char('Model', required=True, index=True)
    info = fields.Text('Information')
    state = fields.Selection([('manual', 'Custom Object'), ('base', 'Base Object')],
                             string='Type', default='manual', readonly=True)
    transient = fields.Boolean('Transient Model', readonly=True)
    field_id = fields.One2many('ir.model.fields', 'model_id', string='Fields')

    _sql_constraints = [
        ('obj_name_uniq', 'UNIQUE (model)', 'Each model must have a unique name.'),
    ]

    def name_get(self):
        return [(record.id, '%s (%s)' % (record.name, record.model)) for record in self]


class IrModelFields(models.Model):
    """One field of a model."""

    _name = 'ir.model.fields'
    _description = 'Fields'
    _order = 'model, name'
    _rec_name = 'field_description'

    name = fields.Char('Field Name', required=True, index=True)
    model = fields.Char('Model', required=True, index=True)
    model_id = fields.Many2one('ir.model', 'Model', required=True, ondelete='cascade', index=True)
    field_description = fields.Char('Field Label', translate=True)
    help = fields.Text('Field Help', translate=True)
    ttype = fields.Char('Field Type', required=True)
    relation = fields.Char('Related Model')
    relation_field = fields.Char('Relation Field')
    required = fields.Boolean('Required')
    readonly = fields.Boolean('Readonly')
    index = fields.Boolean('Indexed')
    store = fields.Boolean('Stored', default=True)
    translate = fields.Boolean('Translatable')
    size = fields.Integer('Size')
    selection = fields.Text('Selection Options')
    on_delete = fields.Char('On Delete')
    related = fields.Char('Related Field')
    state = fields.Selection([('manual', 'Custom Field'), ('base', 'Base Field')],
                             string='Type', default='base', readonly=True)

    _sql_constraints = [
        ('name_unique', 'UNIQUE (model, name)', 'Field names must be unique per model.'),
    ]
