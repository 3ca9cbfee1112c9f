"""An order with lines: enough fields and one button method to exercise views."""
from framework import fields, models


class ViewsOrder(models.Model):
    _name = 'test.views.order'
    _description = 'Test Views Order'

    name = fields.Char('Reference', required=True)
    date = fields.Date('Date')
    partner_id = fields.Many2one('res.partner', 'Customer')
    state = fields.Selection([('draft', 'Draft'), ('done', 'Done')], 'Status', default='draft')
    amount = fields.Float('Amount')
    notes = fields.Text('Notes')
    secret = fields.Char('Secret', groups='base.group_system')
    line_ids = fields.One2many('test.views.line', 'order_id', 'Lines')

    def action_confirm(self):
        self.write({'state': 'done'})
        return True


class ViewsLine(models.Model):
    _name = 'test.views.line'
    _description = 'Test Views Order Line'

    order_id = fields.Many2one('test.views.order', 'Order', ondelete='cascade')
    product = fields.Char('Product')
    quantity = fields.Float('Quantity')

    def action_split(self):
        return True
