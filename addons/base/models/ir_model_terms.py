"""Translations of the terms inside a structured text (a view's arch).

A view's arch is one text made of many user-visible strings (``string=``,
``help=``, ``placeholder=``, text nodes). Its translations are kept per
term, not per text: each row maps one source term of one record's field
to its translation in one language. `framework.i18n.arch` applies them.
"""
from framework import api, fields, models


class IrModelTerms(models.Model):
    """The translation of one term of a record's structured field."""

    _name = 'ir.model.terms'
    _description = 'Term Translations'
    _order = 'model, res_id, field, lang, id'

    model = fields.Char(string='Model', required=True, index=True)
    res_id = fields.Integer(string='Record ID', required=True, index=True)
    field = fields.Char(string='Field', required=True)
    lang = fields.Char(string='Language', required=True, index=True)
    src = fields.Text(string='Source Term', required=True)
    value = fields.Text(string='Translation', required=True)

    _sql_constraints = [
        ('term_uniq', 'UNIQUE (model, res_id, field, lang, src)',
         'A term has one translation per record, field and language.'),
    ]

    @api.model
    def get_terms(self, model, res_ids, field, lang):
        """Return ``{source term: translation}`` of those records' `field` in `lang`."""
        if not res_ids or not lang or lang == 'en_US':
            return {}
        rows = self.sudo().search_read([('model', '=', model), ('res_id', 'in', list(res_ids)),
                                        ('field', '=', field), ('lang', '=', lang)],
                                       ['src', 'value'], order='id')
        return {row['src']: row['value'] for row in rows}
