"""Partner categories: a tree of tags used to segment partners."""
from framework import api, fields, models


class PartnerCategory(models.Model):
    """A node in the tree of partner categories, shown as its full path 'Parent / Child'.

    The ORM's parent store refuses a category that would be its own ancestor.
    """

    _name = 'res.partner.category'
    _description = 'Partner Category'
    _order = 'name, id'
    _parent_store = True

    name = fields.Char(string='Category Name', size=64, required=True, translate=True,
                       help='Name of the category, without its parents.')
    parent_id = fields.Many2one('res.partner.category', string='Parent Category',
                                ondelete='cascade', index=True,
                                help='The broader category this one belongs to.')
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many('res.partner.category', 'parent_id', string='Child Categories')
    active = fields.Boolean(string='Active', default=True,
                            help='Uncheck to hide the category without deleting it.')
    partner_ids = fields.Many2many('res.partner', 'res_partner_category_rel',
                                   'category_id', 'partner_id', string='Partners')

    @api.depends('name', 'parent_id.name')
    def _compute_display_name(self):
        """Display a category as its full path from the root."""
        for category in self:
            category.display_name = category._hierarchy_path()

    def name_get(self):
        """Return [(id, 'Parent / Child')] for these categories."""
        return [(category.id, category._hierarchy_path()) for category in self]
