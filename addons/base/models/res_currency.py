"""Currencies, with their symbol and rounding."""
from framework import fields, models


class Currency(models.Model):
    """A currency as amounts are shown and rounded in it."""

    _name = 'res.currency'
    _description = 'Currency'
    _order = 'active desc, name'

    name = fields.Char(string='Currency', size=3, required=True,
                       help='ISO 4217 code, e.g. EUR.')
    symbol = fields.Char(string='Symbol', size=4, help='Sign printed with amounts, e.g. €.')
    rounding = fields.Float(string='Rounding Factor', digits=(12, 6), default=0.01,
                            help='Smallest amount: amounts are rounded to a multiple of it.')
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to hide the currency without deleting it.')
    position = fields.Selection([('after', 'After Amount'), ('before', 'Before Amount')],
                                string='Symbol Position', default='after',
                                help='Whether the symbol is printed after or before the amount.')

    _sql_constraints = [
        ('unique_name', 'unique (name)', 'The currency code must be unique!'),
        ('rounding_gt_zero', 'CHECK (rounding > 0)', 'The rounding factor must be greater than 0!'),
    ]

    def round(self, amount):
        """Return ``amount`` rounded to this currency's rounding factor."""
        self.ensure_one()
        rounding = self.rounding or 0.01
        return round(round(amount / rounding) * rounding, 10)

    def format_amount(self, amount):
        """Return ``amount`` as text with the currency symbol on the configured side."""
        self.ensure_one()
        text = '%.2f' % self.round(amount)
        symbol = self.symbol or self.name
        return f'{symbol} {text}' if self.position == 'before' else f'{text} {symbol}'
