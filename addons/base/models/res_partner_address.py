"""Contact addresses of a partner: the people and places one writes to (OpenERP 5.0)."""
from framework import api, fields, models

ADDRESS_TYPES = [
    ('default', 'Default'),
    ('invoice', 'Invoice'),
    ('delivery', 'Delivery'),
    ('contact', 'Contact'),
    ('other', 'Other'),
]


class PartnerAddress(models.Model):
    """One contact of a partner: a person and/or postal address with phone and email."""

    _name = 'res.partner.address'
    _description = 'Partner Contact'
    _order = 'type, name, id'

    partner_id = fields.Many2one('res.partner', string='Partner', ondelete='cascade', index=True,
                                 help='The partner this contact belongs to.')
    type = fields.Selection(ADDRESS_TYPES, string='Address Type', default='default',
                            help='Used to pick the right address on documents: invoice, delivery…')
    function = fields.Char(string='Function', size=64, help='Job position of the contact.')
    title = fields.Many2one('res.partner.title', string='Title', help='Courtesy title, e.g. Mr., Ms.')
    name = fields.Char(string='Contact Name', size=64, index=True,
                       help='Name of the person to contact.')
    street = fields.Char(string='Street', size=128)
    street2 = fields.Char(string='Street2', size=128)
    zip = fields.Char(string='Zip', size=24)
    city = fields.Char(string='City', size=128)
    state_id = fields.Many2one('res.country.state', string='Fed. State',
                               domain="[('country_id', '=', country_id)]")
    country_id = fields.Many2one('res.country', string='Country')
    email = fields.Char(string='E-Mail', size=240, index=True,
                        help='Email address; incoming mail from it is linked to this contact.')
    phone = fields.Char(string='Phone', size=64)
    fax = fields.Char(string='Fax', size=64)
    mobile = fields.Char(string='Mobile', size=64)
    birthdate = fields.Char(string='Birthdate', size=64, help='Birth date of the contact.')
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to hide the contact without deleting it.')

    def _contact_label(self):
        """Return the label of one contact: 'Partner, Contact', or whichever part exists."""
        parts = [part for part in (self.partner_id.name, self.name) if part]
        return ', '.join(parts) or '/'

    @api.depends('name', 'partner_id.name')
    def _compute_display_name(self):
        """Display a contact as 'Partner name, Contact name'."""
        for address in self:
            address.display_name = address._contact_label()

    def name_get(self):
        """Return [(id, 'Partner name, Contact name')] for these contacts."""
        return [(address.id, address._contact_label()) for address in self]
