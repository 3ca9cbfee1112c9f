"""Attachments: files linked to records, kept in the database or in the filestore.

Where new content goes is the system parameter ``ir_attachment.location``:
'db' (the default) stores bytes in the ``db_datas`` column; 'file' stores them
under the database's filestore, content-addressed by SHA-1 (``ab/abcdef…``),
so identical contents share one file. Files are never deleted when an
attachment is: another attachment, or a rolled-back transaction, may still
need them.
"""
import base64
import hashlib
import logging
import mimetypes
import os
import tempfile

from framework import _, api, fields, models
from framework.config import config
from framework.exceptions import UserError

_logger = logging.getLogger(__name__)

LOCATION_PARAM = 'ir_attachment.location'
DEFAULT_MIMETYPE = 'application/octet-stream'


def _to_bytes(value):
    """Return a raw content value (bytes, memoryview or False) as bytes."""
    if not value:
        return b''
    return bytes(value)


class Attachment(models.Model):
    """A file (or URL) attached to a record, with its size, checksum and type."""

    _name = 'ir.attachment'
    _description = 'Attachment'
    _order = 'id desc'

    name = fields.Char(string='Name', size=256, required=True, help='File name of the attachment.')
    datas_fname = fields.Char(string='Filename', size=256,
                              help='Original file name (OpenERP 5.0 name of the field).')
    description = fields.Text(string='Description')
    res_name = fields.Char(string='Resource Name', size=256,
                           help='Name of the attached record when the attachment was made.')
    res_model = fields.Char(string='Resource Model', size=64, index=True,
                            help='Model of the record the file is attached to.')
    res_field = fields.Char(string='Resource Field', size=64,
                            help='Binary field of the record this attachment holds, if any.')
    res_id = fields.Integer(string='Resource ID', index=True,
                            help='Id of the record the file is attached to.')
    type = fields.Selection([('binary', 'File'), ('url', 'URL')], string='Type',
                            required=True, default='binary',
                            help='A file stored by the server, or a link to a URL.')
    url = fields.Char(string='Url', size=1024)
    raw = fields.Binary(string='File Content (raw)', compute='_compute_raw')
    datas = fields.Binary(string='File Content', compute='_compute_datas',
                          help='Content of the file, base64-encoded.')
    db_datas = fields.Binary(string='Database Data', attachment=False)
    store_fname = fields.Char(string='Stored Filename', size=256, index=True,
                              help='Path of the content inside the filestore, e.g. ab/abcdef….')
    file_size = fields.Integer(string='File Size', readonly=True, help='Size in bytes.')
    checksum = fields.Char(string='Checksum/SHA1', size=40, index=True, readonly=True,
                           help='SHA-1 of the content.')
    mimetype = fields.Char(string='Mime Type', size=128, readonly=True)
    company_id = fields.Many2one('res.company', string='Company')

    # --- where the bytes live -----------------------------------------------------------
    @api.model
    def _storage(self):
        """Return where new content is stored: 'db' or 'file'."""
        location = self.env['ir.config_parameter'].sudo().get_param(LOCATION_PARAM, 'db')
        return 'file' if location == 'file' else 'db'

    @api.model
    def _filestore(self):
        """Return the filestore folder of the current database."""
        return config.filestore(self.env.cr.dbname)

    @api.model
    def _full_path(self, fname):
        """Return the absolute path of filestore entry ``fname``, refusing paths that leave it."""
        root = os.path.realpath(self._filestore())
        path = os.path.realpath(os.path.join(root, fname))
        if os.path.commonpath([root, path]) != root:
            raise UserError(_('Invalid attachment path "%s".') % fname)
        return path

    @api.model
    def _file_write(self, raw, checksum):
        """Store ``raw`` in the filestore under its checksum and return its relative name."""
        fname = '%s/%s' % (checksum[:2], checksum)
        path = self._full_path(fname)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # write then rename: a reader never sees half a file
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
            try:
                with os.fdopen(fd, 'wb') as handle:
                    handle.write(raw)
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        return fname

    @api.model
    def _file_read(self, fname):
        """Return the bytes of filestore entry ``fname`` (empty, with a warning, if missing)."""
        try:
            with open(self._full_path(fname), 'rb') as handle:
                return handle.read()
        except OSError:
            _logger.warning('Attachment file %s is missing from the filestore', fname)
            return b''

    @api.model
    def _content_values(self, raw):
        """Return the stored column values for content ``raw``: size, checksum and place."""
        checksum = hashlib.sha1(raw).hexdigest()
        values = {
            'file_size': len(raw),
            'checksum': checksum,
            'db_datas': False,
            'store_fname': False,
        }
        if self._storage() == 'file':
            values['store_fname'] = self._file_write(raw, checksum)
        else:
            # Binary fields take base64 and keep raw bytes in the bytea column
            values['db_datas'] = base64.b64encode(raw)
        return values

    @staticmethod
    def _guess_mimetype(name, url=None):
        """Guess the mimetype from a file name or URL, else application/octet-stream."""
        for candidate in (name, url):
            if candidate:
                guessed = mimetypes.guess_type(candidate)[0]
                if guessed:
                    return guessed
        return DEFAULT_MIMETYPE

    @staticmethod
    def _pop_content(vals):
        """Remove 'raw'/'datas' from ``vals``; return the raw bytes given, or None."""
        raw = vals.pop('raw', None)
        datas = vals.pop('datas', None)
        if raw is not None:
            return raw.encode('utf-8') if isinstance(raw, str) else bytes(raw or b'')
        if datas is not None:
            return base64.b64decode(datas or b'')
        return None

    # --- content fields -----------------------------------------------------------------
    @api.depends('store_fname', 'db_datas')
    def _compute_raw(self):
        """Read each attachment's bytes from the filestore or the database."""
        for attachment in self:
            if attachment.store_fname:
                attachment.raw = attachment._file_read(attachment.store_fname)
            else:
                attachment.raw = base64.b64decode(attachment.db_datas or b'')

    @api.depends('raw')
    def _compute_datas(self):
        """Expose each attachment's bytes base64-encoded."""
        for attachment in self:
            raw = _to_bytes(attachment.raw)
            attachment.datas = base64.b64encode(raw) if raw else False

    # --- CRUD -----------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Create attachments; content given as 'datas' (base64) or 'raw' is stored as configured."""
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            raw = self._pop_content(vals)
            if raw is not None:
                vals.update(self._content_values(raw))
            if not vals.get('mimetype'):
                vals['mimetype'] = self._guess_mimetype(vals.get('datas_fname') or vals.get('name'),
                                                        vals.get('url'))
            prepared.append(vals)
        return super().create(prepared)

    def write(self, vals):
        """Update attachments; new content replaces the old one where storage says."""
        vals = dict(vals)
        raw = self._pop_content(vals)
        if raw is not None:
            vals.update(self._content_values(raw))
        named = vals.get('datas_fname') or vals.get('name') or vals.get('url')
        if named and not vals.get('mimetype'):
            vals['mimetype'] = self._guess_mimetype(vals.get('datas_fname') or vals.get('name'),
                                                    vals.get('url'))
        return super().write(vals)
