"""A helpdesk ticket that receives mail: new mail opens a ticket, replies are logged on it."""
from framework import api, fields, models
from framework.exceptions import UserError


class Ticket(models.Model):
    _name = 'test.mailgate.ticket'
    _inherit = 'mail.thread'
    _description = 'Mail Ticket'

    name = fields.Char('Subject', required=True)
    email_from = fields.Char('From')
    description = fields.Text('Description')
    state = fields.Selection([('open', 'Open'), ('pending', 'Pending')], default='open')
    priority = fields.Integer('Priority', default=3)
    note_ids = fields.One2many('test.mailgate.note', 'ticket_id', 'Replies')

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Open a ticket; a subject 'refuse me' is refused (to test failures)."""
        if 'refuse me' in (msg_dict.get('subject') or ''):
            raise UserError('Tickets about "refuse me" are not accepted.')
        values = {'name': msg_dict['subject'] or '(no subject)', 'email_from': msg_dict['from'],
                  'description': msg_dict['body']}
        values.update(custom_values or {})
        return self.create(values).id

    def message_update(self, msg_dict, update_vals=None):
        """Log the reply as a note and put the ticket back to pending."""
        self.env['test.mailgate.note'].create({'ticket_id': self.id, 'email_from': msg_dict['from'],
                                               'body': msg_dict['body']})
        self.write(dict(update_vals or {}, state='pending'))
        return True


class Note(models.Model):
    _name = 'test.mailgate.note'
    _description = 'Mail Ticket Reply'

    ticket_id = fields.Many2one('test.mailgate.ticket', 'Ticket', required=True, ondelete='cascade')
    email_from = fields.Char('From')
    body = fields.Text('Body')


class Plain(models.Model):
    _name = 'test.mailgate.plain'
    _description = 'Model that does not receive mail'

    name = fields.Char('Name')


class Lead(models.Model):
    _name = 'test.mailgate.lead'
    _inherit = 'mail.thread'
    _description = 'Lead using the default mail hooks'

    name = fields.Char('Name')
    source = fields.Char('Source')
