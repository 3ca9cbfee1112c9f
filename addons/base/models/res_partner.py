"""Partners: the companies and people the business deals with (OpenERP 5.0 shape).

A partner is the organisation; its people and places are the contact
addresses (`res.partner.address`), as in OpenERP 5.0.
"""
from framework import api, fields, models

ADDRESS_TYPE_DEFAULT = 'default'


class Partner(models.Model):
    """A customer, supplier or prospect, with its contact addresses and history."""

    _name = 'res.partner'
    _description = 'Partner'
    _order = 'name, id'

    name = fields.Char(string='Name', size=128, required=True, index=True,
                       help='Name of the company or person.')
    ref = fields.Char(string='Code', size=64, index=True,
                      help='Internal reference of the partner.')
    title = fields.Many2one('res.partner.title', string='Title',
                            help='Legal form or courtesy title, e.g. SA, Ltd.')
    lang = fields.Selection('_lang_selection', string='Language',
                            help='Documents and emails sent to this partner are printed in this language.')
    tz = fields.Char(string='Timezone', size=64,
                     help='Time zone of the partner, e.g. Europe/Brussels.')
    date = fields.Date(string='Date', index=True,
                       help='Date of the start of the relation with the partner.')
    website = fields.Char(string='Website', size=64, help="Partner's website address.")
    comment = fields.Text(string='Notes', help='Free notes about the partner.')
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to hide the partner without deleting it.')
    customer = fields.Boolean(string='Customer', default=True,
                              help='Check this box if the partner is a customer.')
    supplier = fields.Boolean(string='Supplier', default=False,
                              help='Check this box if the partner is a supplier.')
    user_id = fields.Many2one('res.users', string='Salesman', ondelete='set null',
                              help='The internal user in charge of this partner.')
    category_id = fields.Many2many('res.partner.category', 'res_partner_category_rel',
                                   'partner_id', 'category_id', string='Categories',
                                   help='Categories (segments) the partner belongs to.')
    address = fields.One2many('res.partner.address', 'partner_id', string='Contacts',
                              help='Contact addresses of the partner.')
    parent_id = fields.Many2one('res.partner', string='Main Company', ondelete='set null',
                                index=True, help='The company this partner belongs to.')
    child_ids = fields.One2many('res.partner', 'parent_id', string='Partner Ref.',
                                help='Partners that belong to this one.')
    vat = fields.Char(string='VAT', size=32,
                      help='Value Added Tax number, e.g. BE0477472701.')
    credit_limit = fields.Float(string='Credit Limit', digits=(16, 2),
                                help='Maximum amount this partner may owe.')
    events = fields.One2many('res.partner.event', 'partner_id', string='Events',
                             help='History of the events with this partner (shown on the History page).')

    @api.model
    def _lang_selection(self):
        """Return the active languages as selection values [(code, name)]."""
        return self.env['res.lang'].get_installed()

    def address_get(self, adr_pref=None):
        """Return ``{type: address id or False}`` for each address type in ``adr_pref``.

        For each requested type the first active address of that type of these
        partners is chosen, else their first 'default' address, else their first
        address; False when they have none. ``adr_pref`` defaults to ['default'].
        """
        adr_pref = list(adr_pref or [ADDRESS_TYPE_DEFAULT])
        if not self:
            return dict.fromkeys(adr_pref, False)
        addresses = self.env['res.partner.address'].search(
            [('partner_id', 'in', self.ids)], order='id')
        first_by_type = {}
        for address in addresses:
            first_by_type.setdefault(address.type or ADDRESS_TYPE_DEFAULT, address.id)
        fallback = first_by_type.get(ADDRESS_TYPE_DEFAULT, addresses[:1].id or False)
        return {kind: first_by_type.get(kind, fallback) for kind in adr_pref}
