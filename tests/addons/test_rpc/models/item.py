"""Items the RPC tests create, read and print over HTTP; secrets only administrators may see."""
from framework import api, fields, models
from framework.exceptions import UserError, ValidationError


class Item(models.Model):
    _name = 'test.rpc.item'
    _description = 'RPC Item'
    _order = 'name'

    name = fields.Char('Name', required=True)
    priority = fields.Integer('Priority', default=0)
    data = fields.Binary('Data', attachment=False)
    day = fields.Date('Day')
    amount = fields.Float('Amount', digits=(16, 2))
    user_id = fields.Many2one('res.users', 'Owner', default=lambda self: self.env.uid)

    @api.constrains('priority')
    def _check_priority(self):
        for item in self:
            if item.priority < 0:
                raise ValidationError('The priority of %s cannot be negative.' % item.name)

    @api.model
    def greet(self, name, punctuation='!'):
        """A public model method taking keyword arguments."""
        return 'Hello %s%s' % (name, punctuation)

    @api.model
    def big_number(self):
        """An integer beyond XML-RPC's 32 bits."""
        return 2 ** 40

    @api.private
    def internal_total(self):
        """Public name, but marked private: never callable over RPC."""
        return sum(self.mapped('amount'))

    def refuse(self):
        """Always refuse, with a message for the user."""
        raise UserError('Refused on purpose.')

    def write_then_fail(self, name):
        """Write, then fail: the write must not survive."""
        self.write({'name': name})
        raise UserError('Failed after writing.')


class Secret(models.Model):
    _name = 'test.rpc.secret'
    _description = 'RPC Secret'

    name = fields.Char('Name', required=True)
