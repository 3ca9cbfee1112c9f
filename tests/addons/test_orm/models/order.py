"""An order with lines: stored computed totals, relations of every kind."""
from framework import api, fields, models
from framework.exceptions import ValidationError


class Order(models.Model):
    _name = 'test.orm.order'
    _description = 'Test Order'
    _order = 'priority desc, name'

    name = fields.Char('Reference', required=True, size=32)
    partner_id = fields.Many2one('res.partner', 'Customer', index=True)
    partner_name = fields.Char(related='partner_id.name', string='Customer Name')
    date = fields.Date('Date')
    moment = fields.Datetime('Moment')
    state = fields.Selection([('draft', 'Draft'), ('done', 'Done')], 'Status', default='draft')
    priority = fields.Integer('Priority', default=0)
    note = fields.Text('Note')
    active = fields.Boolean('Active', default=True)
    ref = fields.Reference([('res.partner', 'Partner'), ('test.orm.tag', 'Tag')], 'Reference')
    data = fields.Binary('Data')
    line_ids = fields.One2many('test.orm.line', 'order_id', 'Lines', copy=True)
    tag_ids = fields.Many2many('test.orm.tag', string='Tags')
    amount_total = fields.Float('Total', compute='_compute_amount', store=True, digits=(16, 2))
    line_count = fields.Integer('Line Count', compute='_compute_line_count')
    first_product = fields.Char('First Product', compute='_compute_first_product',
                                inverse='_inverse_first_product', search='_search_first_product')
    total_doubled = fields.Float('Doubled', compute='_compute_doubled', store=True)
    total_shown = fields.Char('Total Shown', compute='_compute_total_shown')

    _sql_constraints = [
        ('name_uniq', 'UNIQUE (name)', 'The reference of an order must be unique!'),
    ]

    @api.depends('line_ids.subtotal')
    def _compute_amount(self):
        for order in self:
            order.amount_total = sum(order.line_ids.mapped('subtotal'))

    @api.depends('amount_total')
    def _compute_doubled(self):
        for order in self:
            order.total_doubled = order.amount_total * 2

    @api.depends('amount_total')
    @api.depends_context('currency_symbol')
    def _compute_total_shown(self):
        symbol = self.env.context.get('currency_symbol') or '$'
        for order in self:
            order.total_shown = '%s %.2f' % (symbol, order.amount_total)

    @api.depends('line_ids')
    def _compute_line_count(self):
        for order in self:
            order.line_count = len(order.line_ids)

    @api.depends('line_ids.product')
    def _compute_first_product(self):
        for order in self:
            order.first_product = order.line_ids[:1].product or False

    def _inverse_first_product(self):
        for order in self:
            if order.line_ids:
                order.line_ids[0].product = order.first_product
            else:
                order.line_ids = [(0, 0, {'product': order.first_product})]

    def _search_first_product(self, operator, value):
        return [('line_ids.product', operator, value)]

    @api.constrains('priority')
    def _check_priority(self):
        for order in self:
            if order.priority < 0:
                raise ValidationError('The priority of %s cannot be negative.' % order.name)

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if self.partner_id:
            self.note = 'Customer: %s' % self.partner_id.name
        if self.partner_id and not self.partner_id.comment:
            return {'warning': {'title': 'No comment', 'message': 'This customer has no comment.'}}

    def action_done(self):
        self.write({'state': 'done'})
        return True


class OrderLine(models.Model):
    _name = 'test.orm.line'
    _description = 'Test Order Line'
    _order = 'sequence, id'

    order_id = fields.Many2one('test.orm.order', 'Order', required=True, ondelete='cascade')
    sequence = fields.Integer('Sequence', default=10)
    product = fields.Char('Product')
    quantity = fields.Float('Quantity', default=1.0)
    price = fields.Float('Price')
    subtotal = fields.Float('Subtotal', compute='_compute_subtotal', store=True)

    @api.depends('quantity', 'price')
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price
