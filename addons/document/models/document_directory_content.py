"""Virtual files of a directory: reports printed on the record of the folder they appear in."""
from framework import _, api, fields, models
from framework.exceptions import UserError


class DocumentDirectoryContentType(models.Model):
    """A file extension virtual files may be printed as (``.pdf``)."""

    _name = 'document.directory.content.type'
    _description = 'Directory Content Type'

    name = fields.Char(string='Content Type', size=64, required=True)
    code = fields.Char(string='Extension', size=4)
    active = fields.Boolean(string='Active', default=True)


class DocumentDirectoryContent(models.Model):
    """A virtual file shown in every record folder of its directory, e.g. ``SO001_print.pdf``."""

    _name = 'document.directory.content'
    _description = 'Directory Content'
    _order = 'sequence'

    @api.model
    def _extension_selection(self):
        types = self.env['document.directory.content.type'].sudo().search([])
        return [(content_type.code, content_type.name) for content_type in types] or [('.pdf', 'PDF')]

    name = fields.Char(string='Content Name', size=64, required=True)
    sequence = fields.Integer(string='Sequence', default=1)
    suffix = fields.Char(string='Suffix', size=16)
    report_id = fields.Many2one('ir.actions.report', string='Report')
    extension = fields.Selection('_extension_selection', string='Extension', required=True,
                                 default='.pdf')
    include_name = fields.Boolean(string='Include Record Name', default=True,
                                  help='Check this field if you want that the name of the file '
                                       'start by the record name.')
    directory_id = fields.Many2one('document.directory', string='Directory', ondelete='cascade')

    def _file_name(self, record):
        """The name of this virtual file in the folder of ``record``."""
        self.ensure_one()
        prefix = self.env['document.directory']._folder_name(record) if self.include_name else ''
        return '%s%s%s' % (prefix, self.suffix or '', self.extension or '')

    def _render(self, record):
        """The bytes of this virtual file for ``record``: its report printed as the current user."""
        self.ensure_one()
        if not self.report_id:
            raise UserError(_('The virtual file "%s" has no report to print.') % self.name)
        from framework.service.report_service import render
        content, _format = render(self.env, self.report_id.report_name, [record.id])
        return content
