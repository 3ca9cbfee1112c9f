"""The sales order (§11.3): a quotation while draft, then a confirmed order.

This file holds what an order *is*: its fields, totals, defaults and the
partner on-change. Its numbering is in ``sale_order_numbering.py``, its
life cycle (the workflow's actions and the buttons) in
``sale_order_states.py``, its lines in ``sale_order_line.py``.

Amounts: there is no accounting module, hence no taxes: ``amount_tax`` is
0 and ``amount_total`` equals ``amount_untaxed``. All three are stored and
recomputed by the ORM from the lines' subtotals (set-based: creating many
orders with their lines costs a bounded number of queries).
"""
from framework import _, api, fields, models
from framework.exceptions import UserError

STATES = [
    ('draft', 'Quotation'),
    ('manual', 'Manual in progress'),
    ('progress', 'In progress'),
    ('done', 'Done'),
    ('cancel', 'Cancelled'),
]

PICKING_POLICIES = [('direct', 'Partial Delivery'), ('one', 'Complete Delivery')]

ORDER_POLICIES = [
    ('prepaid', 'Payment Before Delivery'),
    ('manual', 'Shipping & Manual Invoice'),
    ('postpaid', 'Invoice on Order After Delivery'),
    ('picking', 'Invoice from the Packing'),
]

#: the states of a confirmed sale (what segmentation counts as sales)
CONFIRMED_STATES = ('manual', 'progress', 'done')

#: editable only while the order is a quotation (5.0 ``states``)
DRAFT_ONLY = {'draft': [('readonly', False)]}


class SaleOrder(models.Model):
    """A quotation or sales order of a customer, with its addresses, lines and totals."""

    _name = 'sale.order'
    _description = 'Sale Order'
    _order = 'name desc, id desc'

    name = fields.Char(string='Order Reference', size=64, required=True, index=True, copy=False,
                       readonly=True, states=DRAFT_ONLY, default='/',
                       help='Given by the "Sale Order" sequence (SO001, SO002…) when the order is created.')
    shop_id = fields.Many2one('sale.shop', string='Shop', required=True, readonly=True, states=DRAFT_ONLY,
                              default=lambda self: self.env['sale.shop'].search([], limit=1).id or False)
    origin = fields.Char(string='Source Document', size=64,
                         help='Reference of the document that generated this sales order '
                              '(e.g. "CRM:12" for an opportunity converted to a quotation).')
    client_order_ref = fields.Char(string='Customer Ref', size=64, copy=False)
    state = fields.Selection(STATES, string='Order State', readonly=True, default='draft', index=True,
                             copy=False,
                             help='Quotation: not confirmed yet. Manual in progress / In progress: '
                                  'confirmed. Done: delivered and invoiced. Cancelled.')
    date_order = fields.Date(string='Date Ordered', required=True, readonly=True, states=DRAFT_ONLY,
                             default=fields.Date.today, index=True)
    user_id = fields.Many2one('res.users', string='Salesman', readonly=True, states=DRAFT_ONLY,
                              default=lambda self: self.env.uid, index=True)
    partner_id = fields.Many2one('res.partner', string='Customer', required=True, index=True,
                                 readonly=True, states=DRAFT_ONLY)
    partner_invoice_id = fields.Many2one('res.partner.address', string='Invoice Address', required=True,
                                         readonly=True, states=DRAFT_ONLY,
                                         help='Invoice address for the current sales order.')
    partner_order_id = fields.Many2one('res.partner.address', string='Ordering Contact', required=True,
                                       readonly=True, states=DRAFT_ONLY,
                                       help='The name and address of the contact that requested the '
                                            'order or quotation.')
    partner_shipping_id = fields.Many2one('res.partner.address', string='Shipping Address', required=True,
                                          readonly=True, states=DRAFT_ONLY,
                                          help='Shipping address for the current sales order.')
    picking_policy = fields.Selection(PICKING_POLICIES, string='Packing Policy', required=True,
                                      default='direct',
                                      help='If you don\'t have enough stock available to deliver all at '
                                           'once, do you accept partial shipments or not?')
    order_policy = fields.Selection(ORDER_POLICIES, string='Shipping Policy', required=True,
                                    default='manual', readonly=True, states=DRAFT_ONLY,
                                    help='How the order is delivered and invoiced (kept for 5.0 '
                                         'compatibility: there is no stock or invoicing module).')
    order_line = fields.One2many('sale.order.line', 'order_id', string='Order Lines', copy=True,
                                 readonly=True, states=DRAFT_ONLY)
    note = fields.Text(string='Notes')
    amount_untaxed = fields.Float(string='Untaxed Amount', digits=(16, 2), store=True,
                                  compute='_compute_amounts', help='The amount without tax.')
    amount_tax = fields.Float(string='Taxes', digits=(16, 2), store=True, compute='_compute_amounts',
                              help='The tax amount (0: there are no taxes without accounting).')
    amount_total = fields.Float(string='Total', digits=(16, 2), store=True, compute='_compute_amounts',
                                help='The total amount.')

    _sql_constraints = [
        ('name_uniq', 'UNIQUE (name)', 'Order Reference must be unique !'),
    ]

    @api.depends('order_line.price_subtotal')
    def _compute_amounts(self):
        for order in self:
            untaxed = round(sum(order.order_line.mapped('price_subtotal')), 2)
            order.amount_untaxed = untaxed
            order.amount_tax = 0.0
            order.amount_total = untaxed

    # --- the partner on-change (5.0 and the current client) ------------------------------------
    def onchange_partner_id(self, part, *args):
        """5.0 on-change of the customer: its invoice, ordering and shipping addresses and salesman.

        Returns ``{'value': {...}}``; no customer empties the addresses.
        """
        if not part:
            return {'value': {'partner_invoice_id': False, 'partner_shipping_id': False,
                              'partner_order_id': False}}
        partner = self.env['res.partner'].browse(part)
        addresses = partner.address_get(['invoice', 'delivery', 'contact'])
        value = {'partner_invoice_id': addresses['invoice'], 'partner_order_id': addresses['contact'],
                 'partner_shipping_id': addresses['delivery']}
        if partner.user_id:
            value['user_id'] = partner.user_id.id
        return {'value': value}

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        for field_name, value in self.onchange_partner_id(self.partner_id.id)['value'].items():
            self[field_name] = value

    @api.model
    def _sales_by_partner(self, partner_ids):
        """``{partner id: untaxed total of its confirmed orders}`` for ``partner_ids`` (one query).

        Confirmed = Manual in progress, In progress or Done; quotations and
        cancelled orders do not count.
        """
        groups = self.sudo().read_group(
            [('partner_id', 'in', list(partner_ids)), ('state', 'in', list(CONFIRMED_STATES))],
            ['partner_id', 'amount_untaxed:sum'], ['partner_id'])
        return {group['partner_id'][0]: group['amount_untaxed'] or 0.0
                for group in groups if group['partner_id']}

    def _check_lines(self):
        """Refuse an order without lines (one clear sentence), before it is confirmed."""
        for order in self:
            if not order.order_line:
                raise UserError(
                    _('You can not confirm the sales order %s: it has no line.') % order.name)
