"""Languages: translation catalogs and the formats of dates and numbers."""
from framework import api, fields, models


class Lang(models.Model):
    """A language users and partners can choose, with its local formats."""

    _name = 'res.lang'
    _description = 'Languages'
    _order = 'active desc, name'

    name = fields.Char(string='Name', size=64, required=True,
                       help='Name of the language, e.g. English (US).')
    code = fields.Char(string='Locale Code', size=16, required=True,
                       help='Locale code used to find translations, e.g. en_US.')
    iso_code = fields.Char(string='ISO code', size=16,
                           help='ISO code used for the .po translation files, e.g. en.')
    active = fields.Boolean(string='Active', default=False,
                            help='Only active languages can be chosen by users and partners.')
    direction = fields.Selection([('ltr', 'Left-to-Right'), ('rtl', 'Right-to-Left')],
                                 string='Direction', required=True, default='ltr')
    date_format = fields.Char(string='Date Format', size=64, required=True, default='%m/%d/%Y',
                              help='strftime format of dates, e.g. %d/%m/%Y.')
    time_format = fields.Char(string='Time Format', size=64, required=True, default='%H:%M:%S',
                              help='strftime format of times.')
    decimal_point = fields.Char(string='Decimal Separator', size=8, required=True, default='.')
    thousands_sep = fields.Char(string='Thousands Separator', size=8, default=',')

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'The name of the language must be unique!'),
        ('code_uniq', 'unique (code)', 'The code of the language must be unique!'),
    ]

    @api.model
    def get_installed(self):
        """Return [(code, name)] of the active languages, by name."""
        langs = self.sudo().search([('active', '=', True)], order='name')
        return [(lang.code, lang.name) for lang in langs]
