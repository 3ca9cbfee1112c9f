"""Case categories: a classification of cases, optionally per section, with a probability."""
from framework import fields, models


class CaseCategory(models.Model):
    """A kind of case (e.g. "Hardware"); choosing it on a case proposes its probability.

    ``probability`` is a percentage, 0–100, the same convention as the case's
    Probability (%) field and the Business Opportunities report.
    """

    _name = 'crm.case.categ'
    _description = 'Category of case'

    name = fields.Char(string='Case Category Name', size=64, required=True, translate=True)
    probability = fields.Float(string='Probability (%)', required=True, default=0.0)
    section_id = fields.Many2one('crm.case.section', string='Case Section')
