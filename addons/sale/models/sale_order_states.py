"""The life cycle of a sales order, run by the "sale.order.basic" workflow (data/sale_workflow.xml).

    quotation (draft) --order_confirm--> confirmed (Manual in progress, or In progress
    when the shipping policy is not manual) --order_done--> done (stop);
    quotation or confirmed --cancel--> cancel (stop).

The workflow's activities call the ``action_*`` methods below; "Set to
Draft" of a cancelled order restarts its workflow. Confirming records the
partner event "Sale Order: <name>" while the event type ``sale_open`` is
active, as 5.0's sale did.
"""
from framework import _, fields, models
from framework.exceptions import UserError

#: the partner event type that switches the "Sale Order: <name>" events on
EVENT_KEY = 'sale_open'
EVENT_NAME_SIZE = 64


class SaleOrder(models.Model):
    """What a sales order does: confirm, finish, cancel, back to quotation, delete."""

    _inherit = 'sale.order'

    # --- workflow activities ---------------------------------------------------------------
    def action_wait(self):
        """Confirmed: Manual in progress (manual policy) or In progress; lines confirmed; partner events.

        Refused, with nothing changed, for an order without lines.
        """
        self._check_lines()
        manual = self.filtered(lambda order: order.order_policy == 'manual')
        if manual:
            manual.write({'state': 'manual'})
        if self - manual:
            (self - manual).write({'state': 'progress'})
        self.mapped('order_line').write({'state': 'confirmed'})
        self._partner_event()
        return True

    def action_done(self):
        """Done: the order and its lines."""
        self.write({'state': 'done'})
        self.mapped('order_line').write({'state': 'done'})
        return True

    def action_cancel(self):
        """Cancelled: the order and its lines."""
        self.write({'state': 'cancel'})
        self.mapped('order_line').write({'state': 'cancel'})
        return True

    # --- buttons that are not workflow signals ---------------------------------------------
    def action_cancel_draft(self, *args):
        """Set to Draft: a cancelled order becomes a quotation again, with a new workflow."""
        for order in self:
            if order.state != 'cancel':
                raise UserError(_('Only a cancelled sales order can be set back to quotation: '
                                  '%s is not cancelled.') % order.name)
        self.write({'state': 'draft'})
        self.mapped('order_line').write({'state': 'draft'})
        self.delete_workflow()
        self.create_workflow()
        return True

    def unlink(self):
        """Only quotations and cancelled orders may be deleted."""
        for order in self:
            if order.state not in ('draft', 'cancel'):
                raise UserError(_('You can not delete the sales order %s: it is confirmed. '
                                  'Cancel it first.') % order.name)
        return super().unlink()

    # --- partner history ----------------------------------------------------------------------
    def _partner_event(self):
        """Add "Sale Order: <name>" to each order's partner history when ``sale_open`` is active."""
        if not self.env['res.partner.event.type'].sudo().check(EVENT_KEY):
            return self.env['res.partner.event']
        linked = bool(self.env['res.request.link'].sudo().search([('object', '=', self._name)], limit=1))
        now = fields.Datetime.now()
        return self.env['res.partner.event'].sudo().create([{
            'name': (_('Sale Order: %s') % order.name)[:EVENT_NAME_SIZE],
            'partner_id': order.partner_id.id,
            'date': now,
            'user_id': order.user_id.id or self.env.uid,
            'partner_type': 'customer',
            'type': 'sale',
            'probability': 1.0,
            'planned_revenue': order.amount_untaxed,
            'document': '%s,%d' % (self._name, order.id) if linked else False,
        } for order in self])
