"""Installed addons as records: ``ir.module.module`` and its dependencies."""
from framework import api, fields, models

STATES = [
    ('uninstallable', 'Not Installable'),
    ('uninstalled', 'Not Installed'),
    ('installed', 'Installed'),
    ('to upgrade', 'To be upgraded'),
    ('to remove', 'To be removed'),
    ('to install', 'To be installed'),
]


class Module(models.Model):
    """An addon found on the addons path, with its installation state."""

    _name = 'ir.module.module'
    _description = 'Module'
    _order = 'application desc, name'
    _rec_name = 'shortdesc'

    name = fields.Char('Technical Name', required=True, readonly=True, index=True)
    shortdesc = fields.Char('Module Name', readonly=True, translate=True)
    summary = fields.Char('Summary', readonly=True, translate=True)
    description = fields.Text('Description', readonly=True, translate=True)
    author = fields.Char('Author', readonly=True)
    website = fields.Char('Website', readonly=True)
    category = fields.Char('Category', readonly=True)
    latest_version = fields.Char('Installed Version', readonly=True,
                                 help='The version of the module when it was last installed or upgraded.')
    published_version = fields.Char('Available Version', readonly=True)
    state = fields.Selection(STATES, string='Status', readonly=True, default='uninstalled', index=True)
    demo = fields.Boolean('Demo Data', default=False, readonly=True)
    application = fields.Boolean('Application', readonly=True)
    auto_install = fields.Boolean('Automatic Installation', readonly=True,
                                  help='Installed as soon as every module it depends on is installed.')
    dependencies_id = fields.One2many('ir.module.module.dependency', 'module_id',
                                      string='Dependencies', readonly=True)

    _sql_constraints = [
        ('name_uniq', 'UNIQUE (name)', 'The name of the module must be unique!'),
    ]

    @api.model
    def installed_names(self):
        """Technical names of the installed modules."""
        return self.search([('state', '=', 'installed')]).mapped('name')


class ModuleDependency(models.Model):
    """One 'depends' entry of a module's manifest."""

    _name = 'ir.module.module.dependency'
    _description = 'Module Dependency'

    name = fields.Char('Name', index=True)
    module_id = fields.Many2one('ir.module.module', 'Module', ondelete='cascade', required=True)
