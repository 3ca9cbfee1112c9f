"""Make Case (§11.2): one case per selected partner, in a chosen section, then the list of them."""
from framework import _, fields, models
from framework.exceptions import UserError


class PartnerMakeCase(models.TransientModel):
    """The "Make Case" dialog on one or several partners."""

    _name = 'sale_crm.make_case'
    _description = 'Make Case'

    name = fields.Char(string='Case Description', size=64, required=True)
    section = fields.Many2one('crm.case.section', string='Case Section', required=True)
    user = fields.Many2one('res.users', string='User Responsible', default=lambda self: self.env.uid,
                           help='Kept as in 5.0, where it was not used: the cases get their '
                                'default responsible.')
    description = fields.Text(string='Your action')

    def _partners(self):
        """The partners the wizard was started on (context ``active_ids``)."""
        if self.env.context.get('active_model', 'res.partner') != 'res.partner':
            return self.env['res.partner']
        ids = self.env.context.get('active_ids') or \
            ([self.env.context['active_id']] if self.env.context.get('active_id') else [])
        return self.env['res.partner'].browse(ids).exists()

    def makeCase(self):  # noqa: N802  (the 5.0 button name)
        """Create the cases (draft, one per partner) and return the "All Cases" window on them."""
        self.ensure_one()
        partners = self._partners()
        if not partners:
            raise UserError(_('Select the partners to make cases for first.'))
        cases = self.env['crm.case'].create([{
            'name': self.name,
            'section_id': self.section.id,
            'partner_id': partner.id,
            'partner_address_id': partner.address_get(['contact'])['contact'] or False,
            'description': self.description or False,
        } for partner in partners])
        action = self.env.ref('crm.crm_case_categ0-act')
        return {
            'type': 'ir.actions.act_window',
            'name': action.name,
            'res_model': 'crm.case',
            'view_type': 'form',
            'view_mode': 'tree,form',
            'domain': [('id', 'in', cases.ids)],
            'views': [(action.view_id.id or False, 'tree'), (False, 'form')],
            'context': {},
        }

    # the current clients' name for the same button
    action_make_case = makeCase
