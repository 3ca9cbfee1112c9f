"""Attachments in the document tree: directory, owner, groups, partner and title (spec §12.3).

An attachment made on a record gets that record's name as its title and
the record's partner (the record itself, its address's partner or its
``partner_id``), so that a partner's files can be found from the partner.
Two files of the same name may not share a directory and a record.
"""
from framework import _, api, fields, models
from framework.exceptions import ValidationError
from framework.orm.sql import SQL

#: the length of the title taken from the attached record's name
TITLE_LENGTH = 60


class IrAttachment(models.Model):
    """Attachments placed in document directories and linked to a partner."""

    _inherit = 'ir.attachment'

    user_id = fields.Many2one('res.users', string='Owner', default=lambda self: self.env.uid)
    group_ids = fields.Many2many('res.groups', 'document_attachment_group_rel', 'attachment_id', 'group_id',
                                 string='Groups',
                                 help='Only the members of these groups see the file; '
                                      'nobody is excluded when empty.')
    parent_id = fields.Many2one('document.directory', string='Directory', index=True,
                                ondelete='set null')
    partner_id = fields.Many2one('res.partner', string='Partner', ondelete='set null',
                                 help='The partner the attached record belongs to.')
    title = fields.Char(string='Resource Title', size=64)

    _sql_constraints = [
        ('filename_uniq', 'unique (name, parent_id, res_id, res_model)', 'The file name must be unique !'),
    ]

    @api.constrains('name', 'parent_id', 'res_id', 'res_model')
    def _check_duplication(self):
        """Refuse two files of the same name in one directory on one record (NULLs compare equal).

        One query for all the attachments checked; the contents of binary
        fields (``res_field``) are not files of the tree and are left out.
        """
        if not self.ids:
            return
        self.env.flush_all()
        table = SQL.identifier(self._table)
        rows = self.env.execute(SQL(
            'SELECT 1 FROM %s a JOIN %s b ON b.id != a.id AND b.name = a.name '
            'AND b.parent_id IS NOT DISTINCT FROM a.parent_id '
            'AND COALESCE(b.res_id, 0) = COALESCE(a.res_id, 0) '
            "AND COALESCE(b.res_model, '') = COALESCE(a.res_model, '') "
            'AND b.res_field IS NULL WHERE a.id IN %s AND a.res_field IS NULL LIMIT 1',
            table, table, tuple(self.ids)))
        if rows:
            raise ValidationError(_('File name must be unique!'))

    @api.model_create_multi
    def create(self, vals_list):
        """Create attachments, filling directory, record, title and partner as §12.3 says.

        The directory comes from the context key ``parent_id``, the record
        from ``default_res_model``/``default_res_id`` when not given.
        """
        context = self.env.context
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            vals.setdefault('title', vals.get('name'))
            if not vals.get('parent_id') and context.get('parent_id'):
                vals['parent_id'] = context['parent_id']
            if not vals.get('res_id') and context.get('default_res_id'):
                vals['res_id'] = context['default_res_id']
            if not vals.get('res_model') and context.get('default_res_model'):
                vals['res_model'] = context['default_res_model']
            vals.update(self._record_values(vals.get('res_model'), vals.get('res_id'), vals))
            prepared.append(vals)
        return super().create(prepared)

    @api.model
    def _record_values(self, res_model, res_id, vals):
        """``title`` and ``partner_id`` taken from the attached record (missing ones left alone)."""
        if not res_model or not res_id or res_model not in self.env:
            return {}
        record = self.env[res_model].browse(res_id).exists()
        if not record:
            return {}
        values = {'title': (record.display_name or '')[:TITLE_LENGTH] or vals.get('title')}
        if vals.get('partner_id'):
            return values
        if record._name == 'res.partner':
            values['partner_id'] = record.id
        elif 'address_id' in record._fields and record.address_id \
                and 'partner_id' in record.address_id._fields and record.address_id.partner_id:
            values['partner_id'] = record.address_id.partner_id.id
        elif 'partner_id' in record._fields and record._fields['partner_id'].comodel_name == 'res.partner':
            values['partner_id'] = record.partner_id.id
        return values

    def copy(self, default=None):
        """Duplicate the attachment as "<name> (copy)"."""
        self.ensure_one()
        default = dict(default or {})
        default.setdefault('name', _('%s (copy)') % self.name)
        return super().copy(default)
