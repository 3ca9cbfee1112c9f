"""Partner events: the History page of a partner, and the switches that enable it."""
from framework import api, fields, models

from .res_request_link import referencable_models


class PartnerEventType(models.Model):
    """A switch, by key, that enables logging one kind of action as partner events."""

    _name = 'res.partner.event.type'
    _description = 'Partner Events'
    _order = 'name, id'

    name = fields.Char(string='Event Type', size=64, required=True, translate=True,
                       help='Description of the kind of event, e.g. "CRM: Open Case".')
    key = fields.Char(string='Key', size=64, required=True, index=True,
                      help='Technical key checked by the code that logs events, e.g. crm_case_open.')
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to stop logging events of this kind.')

    @api.model
    def check(self, key):
        """Return the ids of the active event types with this key (truthy: logging enabled)."""
        return self.search([('key', '=', key)]).ids


class PartnerEvent(models.Model):
    """One event in a partner's history: a call, a meeting, a case action…"""

    _name = 'res.partner.event'
    _description = 'Partner Events'
    _order = 'date desc, id desc'

    name = fields.Char(string='Events', size=64, required=True,
                       help='Short description of what happened.')
    som = fields.Many2one('res.partner.som', string='State of Mind',
                          help='How the partner felt during this event.')
    description = fields.Text(string='Description')
    planned_cost = fields.Float(string='Planned Cost')
    planned_revenue = fields.Float(string='Planned Revenue')
    probability = fields.Float(string='Probability (0.50)',
                               help='Chance of success, from 0.0 to 1.0.')
    document = fields.Reference(selection='_document_models', string='Document', size=128,
                                help='The document (case, order…) this event is about.')
    partner_id = fields.Many2one('res.partner', string='Partner', ondelete='cascade', index=True)
    date = fields.Datetime(string='Date', default=fields.Datetime.now)
    user_id = fields.Many2one('res.users', string='User', help='The user who recorded the event.')
    canal_id = fields.Many2one('res.partner.canal', string='Channel',
                               help='Channel through which the event happened.')
    partner_type = fields.Selection([('customer', 'Customer'), ('retailer', 'Retailer'),
                                     ('prospect', 'Commercial Prospect')],
                                    string='Partner Relation')
    type = fields.Selection([('sale', 'Sale Opportunity'), ('purchase', 'Purchase Offer'),
                             ('prospect', 'Prospect Contact')], string='Type of Event')
    event_ical_id = fields.Char(string='iCal id', size=64)

    @api.model
    def _document_models(self):
        """Return the models a partner event may point to (res.request.link)."""
        return referencable_models(self.env)
