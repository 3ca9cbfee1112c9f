"""A model that exists only once this addon is installed."""
from framework import api, fields, models


class Gadget(models.Model):
    _name = 'test.rpc.gadget'
    _description = 'Gadget'

    name = fields.Char('Name', required=True)

    @api.model
    def ping(self, word='pong'):
        """Answer ``word``: proof that the calling process knows this model."""
        return word
