"""Companies: the organisations that use the system, each with its own partner."""
from framework import _, api, fields, models
from framework.exceptions import ValidationError


class Company(models.Model):
    """A company using the system; its address and contacts live on its partner."""

    _name = 'res.company'
    _description = 'Companies'
    _order = 'name, id'

    name = fields.Char(string='Company Name', size=64, required=True,
                       help='Legal name of the company.')
    partner_id = fields.Many2one('res.partner', string='Partner', required=True, ondelete='restrict',
                                 help='Partner holding the address and contacts of the company.')
    parent_id = fields.Many2one('res.company', string='Parent Company', index=True,
                                help='Holding company this one belongs to.')
    child_ids = fields.One2many('res.company', 'parent_id', string='Child Companies')
    currency_id = fields.Many2one('res.currency', string='Currency', required=True,
                                  default=lambda self: self._default_currency(),
                                  help='Currency in which the company keeps its accounts.')
    email = fields.Char(string='Email', size=240)
    phone = fields.Char(string='Phone', size=64)
    rml_header1 = fields.Char(string='Report Header', size=200,
                              help='Slogan printed at the top of reports.')

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'The company name must be unique!'),
    ]

    @api.model
    def _default_currency(self):
        """Return EUR when it exists, else the first active currency."""
        currencies = self.env['res.currency']
        return currencies.search([('name', '=', 'EUR')], limit=1) or currencies.search([], limit=1)

    @api.model_create_multi
    def create(self, vals_list):
        """Create companies; a company given without a partner gets a new partner of its name."""
        for vals in vals_list:
            if not vals.get('partner_id') and vals.get('name'):
                partner = self.env['res.partner'].create([{'name': vals['name']}])
                vals['partner_id'] = partner.id
        return super().create(vals_list)

    @api.constrains('parent_id')
    def _check_parent_recursion(self):
        """Refuse a company that would be its own ancestor."""
        for company in self:
            seen, node = set(), company
            while node:
                if node.id in seen:
                    raise ValidationError(_('Error! You can not create recursive companies.'))
                seen.add(node.id)
                node = node.parent_id
