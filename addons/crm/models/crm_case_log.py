"""The case's log (one line per action) and communication history (one line per message) (§2.5, §2.6, §9.1)."""
from framework import api, fields, models


class CaseLog(models.Model):
    """One action done on a case: Open, Close, Historize, Send…, by whom, when, in which section.

    Every communication history line owns one of these (delegation), so a
    case's ``log_ids`` lists all its actions, messages included.
    """

    _name = 'crm.case.log'
    _description = 'Case Communication History'
    _order = 'id desc'

    name = fields.Char(string='Action', size=64)
    som = fields.Many2one('res.partner.som', string='State of Mind')
    date = fields.Datetime(string='Date', default=fields.Datetime.now)
    canal_id = fields.Many2one('res.partner.canal', string='Channel')
    section_id = fields.Many2one('crm.case.section', string='Section')
    user_id = fields.Many2one('res.users', string='User Responsible', readonly=True)
    case_id = fields.Many2one('crm.case', string='Case', required=True, ondelete='cascade')


class CaseHistory(models.Model):
    """One message of a case's communication (text and address), also a log line through ``log_id``.

    Creating a line that names its case runs the rules engine on that case
    with Button Pressed empty *before* the line is stored, so rules on the
    history count see the count without it (§2.6, scenario 19).
    """

    _name = 'crm.case.history'
    _description = 'Case history'
    _order = 'id desc'
    _inherits = {'crm.case.log': 'log_id'}

    description = fields.Text(string='Description')
    note = fields.Text(string='Description', compute='_compute_note')
    email = fields.Char(string='Email', size=84)
    log_id = fields.Many2one('crm.case.log', string='Log', required=True, ondelete='cascade')

    @api.depends('email', 'date', 'description')
    def _compute_note(self):
        """``"<email or '/'> (<date>)\\n<description>"``, as the case form's thread shows it."""
        for line in self:
            date = fields.Datetime.to_string(line.date) if line.date else ''
            line.note = '%s (%s)\n%s' % (line.email or '/', date, line.description or '')

    @api.model_create_multi
    def create(self, vals_list):
        """Store messages; the rules run on each message's case first (Button Pressed '').

        Lines are stored in batches of distinct cases, so two lines for the
        same case see the rules run twice, each with the count before it.
        """
        # the right to create first: the rules engine below reads the cases
        self._check_access('create')
        records = self.browse()
        batch, batch_cases = [], set()
        for vals in vals_list:
            case_id = vals.get('case_id')
            if case_id in batch_cases:
                records |= self._create_batch(batch)
                batch, batch_cases = [], set()
            batch.append(vals)
            if case_id:
                batch_cases.add(case_id)
        if batch:
            records |= self._create_batch(batch)
        return records

    def _create_batch(self, vals_list):
        case_ids = [vals['case_id'] for vals in vals_list if vals.get('case_id')]
        if case_ids:
            self.env['crm.case'].browse(case_ids)._action('')
        records = super().create(vals_list)
        if case_ids:
            # case_id lives on the delegated log: the cases' message list must be read again
            cases = self.env['crm.case']
            self.env.cache.invalidate(cases._fields['history_line'], case_ids)
            self.env.cache.invalidate(cases._fields['email_last'], case_ids)
        return records
