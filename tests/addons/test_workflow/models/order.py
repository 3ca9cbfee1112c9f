"""An order that follows the workflow of data/order_workflow.xml.

draft --order_confirm [amount > 0]--> confirmed --AND split--> wait_payment and wait_shipping;
wait_payment --pay, or automatically once amount_paid covers amount--> paid;
wait_shipping --ship--> shipped; paid + shipped --AND join--> done (stop).
draft --cancel [Settings group only]--> cancel; wait_payment --cancel--> cancel (stop all).
"""
from framework import fields, models


class Order(models.Model):
    _name = 'test.wkf.order'
    _description = 'Workflow Order'

    name = fields.Char('Name', required=True)
    amount = fields.Float('Amount')
    amount_paid = fields.Float('Amount Paid')
    state = fields.Selection([('new', 'New'), ('draft', 'Draft'), ('confirmed', 'Confirmed'),
                              ('done', 'Done'), ('cancel', 'Cancelled')], 'State', default='new')
    paid = fields.Boolean('Paid')
    shipped = fields.Boolean('Shipped')
    confirmations = fields.Integer('Confirmations')

    def action_confirm(self):
        """Called by the 'confirmed' activity: one write for the whole recordset."""
        for count, orders in self.grouped(lambda order: order.confirmations + 1).items():
            orders.write({'state': 'confirmed', 'confirmations': count})
        return True
