"""Referencable models: the list offered by every Reference field on documents."""
from framework import fields, models


def referencable_models(env):
    """Return [(model, label)] of every res.request.link, by priority then id."""
    links = env['res.request.link'].sudo().search([], order='priority, id')
    return [(link.object, link.name) for link in links]


class RequestLink(models.Model):
    """A model that documents may reference (Reference fields list these)."""

    _name = 'res.request.link'
    _description = 'Requests Link'
    _order = 'priority, id'

    name = fields.Char(string='Name', size=64, required=True, translate=True,
                       help='Label of the model in Reference fields, e.g. "Case".')
    object = fields.Char(string='Object', size=64, required=True,
                         help='Technical name of the model, e.g. crm.case.')
    priority = fields.Integer(string='Priority', default=5,
                              help='Lower priorities are listed first.')
