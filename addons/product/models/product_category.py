"""Product categories: a tree that groups products ("All products / Computers")."""
from framework import _, api, fields, models
from framework.exceptions import ValidationError


class ProductCategory(models.Model):
    """A category of products, possibly inside a parent category."""

    _name = 'product.category'
    _description = 'Product Category'
    _order = 'sequence, name'

    name = fields.Char(string='Name', size=64, required=True, translate=True)
    parent_id = fields.Many2one('product.category', string='Parent Category', index=True,
                                ondelete='cascade')
    child_id = fields.One2many('product.category', 'parent_id', string='Child Categories')
    sequence = fields.Integer(string='Sequence', default=10)
    complete_name = fields.Char(string='Full Name', compute='_compute_complete_name')

    @api.depends('name', 'parent_id.name')
    def _compute_display_name(self):
        for category in self:
            category.display_name = category.complete_name

    @api.depends('name', 'parent_id.name')
    def _compute_complete_name(self):
        for category in self:
            names, current, seen = [], category, set()
            while current and current.id not in seen:
                seen.add(current.id)
                names.append(current.name or '')
                current = current.parent_id
            category.complete_name = ' / '.join(reversed(names))

    def name_get(self):
        """Categories are shown with their parents: "All products / Computers"."""
        return [(category.id, category.complete_name) for category in self]

    @api.constrains('parent_id')
    def _check_recursion_parent(self):
        for category in self:
            current, seen = category.parent_id, {category.id}
            while current:
                if current.id in seen:
                    raise ValidationError(_('Error ! You can not create recursive categories.'))
                seen.add(current.id)
                current = current.parent_id
