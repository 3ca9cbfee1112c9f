"""Titles put before partner and contact names (SA, Ltd, Mr., Ms.)."""
from framework import fields, models


class PartnerTitle(models.Model):
    """A legal form for partners or a courtesy title for contacts."""

    _name = 'res.partner.title'
    _description = 'Partner Title'
    _order = 'name'

    name = fields.Char(string='Title', size=46, required=True, translate=True,
                       help='Full title, e.g. Corporation, Madam.')
    shortcut = fields.Char(string='Shortcut', size=16, translate=True,
                           help='Abbreviation printed on documents, e.g. Corp., Mrs.')
    domain = fields.Selection([('partner', 'Partner'), ('contact', 'Contact')],
                              string='Domain', required=True, default='contact',
                              help='Whether the title applies to partners or to contacts.')
