"""Partner segmentation (§8): give a partner category to the partners that match criteria.

A segmentation names a category and, optionally, criteria lines on three
control variables per partner: sales amount, purchase amount and "state of
mind" (a score from the states of mind of the partner's recent events).
Compute Segmentation adds the category to every matching partner (and with
Exclusive, first removes it from everybody).

Set-based: the variables of a batch of partners are computed in a few
queries (one per variable), the lines are then tested in Python; the
category is added with one write per batch. Batches also make the run
resumable: "Max Partner ID processed" holds the last partner done, and
``process_continue`` carries on after it.

Amounts (there is no accounting addon): the sales amount is the untaxed
total of the partner's confirmed sales orders once a ``sale.order`` model
exists (``sale`` installed, see sale_crm), else 0; the purchase amount is
always 0. ``_segmentation_amounts`` is the place to change that.
"""
import datetime

from framework import fields, models

#: partners handled per batch (and between two "Max Partner ID processed" updates)
BATCH_SIZE = 5000
#: sales order states that count as confirmed sales
CONFIRMED_SALE_STATES = ('manual', 'progress', 'done')

AMOUNTS_HELP = ('Sales amount: untaxed total of the confirmed sales orders of the partner '
                '(0 while the Sales module is not installed). Purchase amount: always 0 '
                '(there is no purchase or accounting module).')


class CrmSegmentation(models.Model):
    """A partner category given to the partners that match the criteria lines."""

    _name = 'crm.segmentation'
    _description = 'Partner Segmentation'

    name = fields.Char(string='Name', size=64, required=True, help='The name of the segmentation.')
    description = fields.Text(string='Description')
    categ_id = fields.Many2one('res.partner.category', string='Partner Category', required=True,
                               help='The partner category that will be added to partners that match '
                                    'the segmentation criterions after computation.')
    exclusif = fields.Boolean(string='Exclusive',
                              help='Check if the category is limited to partners that match the '
                                   'segmentation criterions. If checked, remove the category from '
                                   'partners that doesn\'t match segmentation criterions')
    state = fields.Selection([('not running', 'Not Running'), ('running', 'Running')],
                             string='Execution Status', readonly=True, default='not running')
    partner_id = fields.Integer(string='Max Partner ID processed', default=0,
                                help='Id of the last partner processed by a running segmentation; '
                                     'Continue Process goes on after it.')
    segmentation_line = fields.One2many('crm.segmentation.line', 'segmentation_id', string='Criteria',
                                        help=AMOUNTS_HELP)
    som_interval = fields.Integer(string='Days per Periode',
                                  help='A period is the average number of days between two cycles '
                                       'of sale or purchase for this segmentation. It\'s mainly used '
                                       'to detect if a partner has not purchased or buy for a too '
                                       'long time, so we suppose that his state of mind has decreased '
                                       'because he probably bought goods to another supplier. Use '
                                       'this functionality for recurring businesses.')
    som_interval_max = fields.Integer(string='Max Interval', default=3,
                                      help='The computation is made on all events that occured during '
                                           'this interval, the past X periods.')
    som_interval_decrease = fields.Float(string='Decrease (0>1)', default=0.8,
                                         help='If the partner has not purchased (or buied) during a '
                                              'period, decrease the state of mind by this factor. It\'s '
                                              'a multiplication')
    som_interval_default = fields.Float(string='Default (0=None)', default=0.5,
                                        help='Default state of mind for period preceeding the '
                                             '\'Max Interval\' computation. This is the starting state '
                                             'of mind by default if the partner has no event.')
    sales_purchase_active = fields.Boolean(string='Use The Sales Purchase Rules',
                                           help='Check if you want to use this tab as part of the '
                                                'segmentation rule. If not checked, the criteria '
                                                'beneath will be ignored. ' + AMOUNTS_HELP)

    # --- buttons -----------------------------------------------------------------------------
    def process_start(self):
        """Compute Segmentation: mark running from the first partner, then process everything."""
        self.write({'state': 'running', 'partner_id': 0})
        return self.process_continue(start=True)

    def process_stop(self):
        """Stop Process: back to Not Running, the next run starts from the first partner."""
        return self.write({'state': 'not running', 'partner_id': 0})

    def process_continue(self, start=False, limit=None):
        """Continue Process: add the category to the matching partners after "Max Partner ID processed".

        With ``start`` and Exclusive, the category is first removed from
        every partner. ``limit`` (a number of partners) stops early and
        leaves the segmentation running at the last partner done, to be
        continued by another call; without it the run ends: Not Running,
        Max Partner ID 0.
        """
        for segmentation in self:
            done = segmentation._process(start, limit)
            if done:
                segmentation.write({'state': 'not running', 'partner_id': 0})
        return True

    # --- the run -----------------------------------------------------------------------------
    def _process(self, start, limit):
        """Process this segmentation's partners batch by batch; return True when all were done."""
        self.ensure_one()
        category = self.categ_id
        if start and self.exclusif:
            category.write({'partner_ids': [(5, 0, 0)]})
        partners = self.env['res.partner'].with_context(active_test=False)
        last_id, handled = self.partner_id or 0, 0
        while True:
            size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - handled)
            if size <= 0:
                return False
            batch = partners.search([('id', '>', last_id)], order='id', limit=size).ids
            if not batch:
                return True
            matching = self._matching_partners(batch)
            if matching:
                category.write({'partner_ids': [(4, partner_id) for partner_id in matching]})
            last_id, handled = batch[-1], handled + len(batch)
            self.write({'partner_id': last_id})

    def _matching_partners(self, partner_ids):
        """Return the ids among ``partner_ids`` (ascending) that pass the criteria lines."""
        lines = self.segmentation_line.sorted('id')
        if not self.sales_purchase_active or not lines:
            return list(partner_ids)
        needed = set(lines.mapped('expr_name'))
        values = {}
        if needed & {'sale', 'purchase'}:
            sales, purchases = self._segmentation_amounts(partner_ids)
            values['sale'], values['purchase'] = sales, purchases
        if 'som' in needed:
            values['som'] = self._state_of_mind(partner_ids)
        tests = [(line.expr_name, line.expr_operator, line.expr_value, line.operator) for line in lines]
        defaults = {'sale': 0.0, 'purchase': 0.0, 'som': self.som_interval_default}
        return [partner_id for partner_id in partner_ids
                if lines_match(tests, {name: values[name].get(partner_id, defaults[name]) for name in values})]

    def _segmentation_amounts(self, partner_ids):
        """Return ``({partner id: sales amount}, {partner id: purchase amount})``; missing = 0.

        Sales: untaxed totals of confirmed sales orders (one grouped query)
        when a ``sale.order`` model with ``amount_untaxed`` exists; purchases: none.
        """
        sales = {}
        if 'sale.order' in self.env and 'amount_untaxed' in self.env['sale.order']._fields \
                and self.env['sale.order']._fields['amount_untaxed'].store:
            groups = self.env['sale.order'].sudo().read_group(
                [('partner_id', 'in', list(partner_ids)), ('state', 'in', list(CONFIRMED_SALE_STATES))],
                ['partner_id', 'amount_untaxed:sum'], ['partner_id'])
            for group in groups:
                if group['partner_id']:
                    sales[group['partner_id'][0]] = group['amount_untaxed'] or 0.0
        return sales, {}

    def _state_of_mind(self, partner_ids):
        """Return ``{partner id: score}`` (§8.4) for partners with events in the window (one query).

        The window is the ``som_interval_max`` (or 4) periods of
        ``som_interval`` days before now; in each period with events the
        score moves toward the mean factor of their states of mind:
        ``score × (1 − decrease) + mean × decrease``. Partners missing from
        the result keep ``som_interval_default``.
        """
        days, count = self.som_interval or 0, self.som_interval_max or 4
        if days <= 0:
            return {}
        now = fields.Datetime.now()
        start = now - datetime.timedelta(days=days * count)
        events, soms = self.env['res.partner.event'], self.env['res.partner.som']
        self.env.flush_all()
        # identifiers from the registry, values as parameters
        self.env.cr.execute("""
            SELECT e.partner_id,
                   floor(extract(epoch FROM (e.date - %%(start)s)) / %%(period)s)::int AS period,
                   avg(s.factor)
              FROM %s e
              LEFT JOIN %s s ON s.id = e.som
             WHERE e.partner_id = ANY(%%(partners)s) AND e.date >= %%(start)s AND e.date < %%(now)s
             GROUP BY 1, 2
             ORDER BY 1, 2
        """ % (events._table, soms._table),
            {'start': start, 'now': now, 'period': days * 86400.0, 'partners': list(partner_ids)})
        decrease, scores = self.som_interval_decrease, {}
        for partner_id, _period, mean in self.env.cr.fetchall():
            score = scores.get(partner_id, self.som_interval_default)
            if mean is None:  # events without a state of mind: the period keeps the score
                mean = score
            scores[partner_id] = score * (1 - decrease) + mean * decrease
        return scores


def lines_match(tests, values):
    """Tell whether a partner with ``values`` ({variable: number}) passes the criteria ``tests``.

    ``tests`` are ``(variable, '<'|'='|'>', value, 'and'|'or')`` in line
    order: a false mandatory (``and``) line fails the partner, the first
    true line passes it, and a partner no line decided passes.
    """
    for name, operator, expected, kind in tests:
        value = values.get(name, 0.0)
        if operator == '<':
            result = value < expected
        elif operator == '=':
            result = value == expected
        else:
            result = value > expected
        if result:
            return True
        if kind == 'and':
            return False
    return True


class CrmSegmentationLine(models.Model):
    """One criterion of a segmentation: a control variable compared with a value."""

    _name = 'crm.segmentation.line'
    _description = 'Segmentation line'

    name = fields.Char(string='Rule Name', size=64, required=True)
    segmentation_id = fields.Many2one('crm.segmentation', string='Segmentation', ondelete='cascade')
    expr_name = fields.Selection([('sale', 'Sale Amount'), ('som', 'State of Mind'),
                                  ('purchase', 'Purchase Amount')],
                                 string='Control Variable', required=True, default='sale',
                                 help=AMOUNTS_HELP)
    expr_operator = fields.Selection([('<', '<'), ('=', '='), ('>', '>')], string='Operator',
                                     required=True, default='>')
    expr_value = fields.Float(string='Value', required=True)
    operator = fields.Selection([('and', 'Mandatory Expression'), ('or', 'Optional Expression')],
                                string='Mandatory / Optional', required=True, default='and')
