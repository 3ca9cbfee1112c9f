"""Countries and their federal states."""
from framework import fields, models


class Country(models.Model):
    """A country, known by its ISO 3166 two-letter code."""

    _name = 'res.country'
    _description = 'Country'
    _order = 'name'

    name = fields.Char(string='Country Name', size=64, required=True, translate=True,
                       help='Full name of the country.')
    code = fields.Char(string='Country Code', size=2, required=True,
                       help='The ISO country code in two chars, e.g. BE.')
    state_ids = fields.One2many('res.country.state', 'country_id', string='States')

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'The name of the country must be unique!'),
        ('code_uniq', 'unique (code)', 'The code of the country must be unique!'),
    ]


class CountryState(models.Model):
    """A federal state or province of a country."""

    _name = 'res.country.state'
    _description = 'Country state'
    _order = 'code'

    country_id = fields.Many2one('res.country', string='Country', required=True,
                                 ondelete='cascade', index=True)
    name = fields.Char(string='State Name', size=64, required=True,
                       help='Full name of the state, e.g. California.')
    code = fields.Char(string='State Code', size=3, required=True,
                       help='Code of the state, e.g. CA.')
