"""A tree of tags (parent_store) and a model delegating to it (_inherits)."""
from framework import fields, models


class Tag(models.Model):
    _name = 'test.orm.tag'
    _description = 'Test Tag'
    _parent_store = True
    _order = 'name'

    name = fields.Char('Name', required=True)
    color = fields.Integer('Color')
    parent_id = fields.Many2one('test.orm.tag', 'Parent', ondelete='cascade')
    child_ids = fields.One2many('test.orm.tag', 'parent_id', 'Children')


class TagSheet(models.Model):
    _name = 'test.orm.tag.sheet'
    _description = 'Tag with a sheet'
    _inherits = {'test.orm.tag': 'tag_id'}

    tag_id = fields.Many2one('test.orm.tag', 'Tag', required=True, ondelete='cascade')
    sheet = fields.Text('Sheet')


class PartnerExtension(models.Model):
    """Classic _inherit: a field added to res.partner from another addon."""

    _inherit = 'res.partner'

    orm_order_ids = fields.One2many('test.orm.order', 'partner_id', 'Test Orders')
    orm_loyalty = fields.Integer('Loyalty Points', default=5)
