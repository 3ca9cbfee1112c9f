"""Document directories: a tree of folders, static or mapped to the records of a model.

A static directory holds sub-directories and files (attachments whose
``parent_id`` is the directory). A resource directory ("Other Resources")
shows one folder per record of its model matching its domain; a record
folder holds the record's attachments, the directory's virtual files and
the directories whose Parent Model is that model (spec §12.2, §12.5).
"""
import re

from framework import _, api, fields, models
from framework.data.safe_eval import safe_eval
from framework.exceptions import ValidationError

#: characters a directory name may not contain (they separate paths in FTP and URLs)
SPECIAL_CHARACTERS = ('/', '@', '$', '#')
#: characters a record folder name may not contain, replaced by '_'
_UNSAFE_FOLDER_CHARACTERS = re.compile(r'[\\:*?"<>|\x00-\x1f]')


class DocumentDirectory(models.Model):
    """A folder of the document tree; the FTP server shows the tree as the logged-in user sees it."""

    _name = 'document.directory'
    _description = 'Document directory'
    _order = 'name'

    name = fields.Char(string='Name', size=64, required=True, index=True)
    file_type = fields.Char(string='Content Type', size=32)
    domain = fields.Char(string='Domain', size=128, default='[]',
                         help='Use a domain if you want to apply an automatic filter on visible resources.')
    user_id = fields.Many2one('res.users', string='Owner', default=lambda self: self.env.uid)
    group_ids = fields.Many2many('res.groups', 'document_directory_group_rel', 'item_id', 'group_id',
                                 string='Groups',
                                 help='Only the members of these groups see the directory; '
                                      'nobody is excluded when empty.')
    parent_id = fields.Many2one('document.directory', string='Parent Item', ondelete='cascade')
    child_ids = fields.One2many('document.directory', 'parent_id', string='Children')
    file_ids = fields.One2many('ir.attachment', 'parent_id', string='Files')
    content_ids = fields.One2many('document.directory.content', 'directory_id', string='Virtual Files')
    type = fields.Selection([('directory', 'Static Directory'), ('ressource', 'Other Resources')],
                            string='Type', required=True, default='directory')
    ressource_type_id = fields.Many2one('ir.model', string='Directories Mapped to Objects',
                                        ondelete='cascade',
                                        help='Select an object here and Open ERP will create a mapping '
                                             'for each of these objects, using the given domain, when '
                                             'browsing through FTP.')
    ressource_parent_type_id = fields.Many2one('ir.model', string='Parent Model', ondelete='cascade',
                                               help='If you put an object here, this directory template '
                                                    'will appear bellow all of these objects. Don\'t put a '
                                                    'parent directory if you select a parent model.')
    ressource_id = fields.Integer(string='Resource ID', default=0)
    ressource_tree = fields.Boolean(string='Tree Structure',
                                    help='Check this if you want to use the same tree structure as '
                                         'the object selected in the system.')

    _sql_constraints = [
        ('dirname_uniq', 'unique (name, parent_id, ressource_id, ressource_parent_type_id)',
         'The directory name must be unique !'),
    ]

    # --- rules ------------------------------------------------------------------------------
    @api.constrains('name', 'parent_id', 'ressource_id', 'ressource_parent_type_id')
    def _check_duplication(self):
        """Refuse two directories of the same name in the same place (NULL parents included)."""
        for directory in self:
            twins = self.sudo().search_count([
                ('id', '!=', directory.id),
                ('name', '=', directory.name),
                ('parent_id', '=', directory.parent_id.id),
                ('ressource_id', '=', directory.ressource_id),
                ('ressource_parent_type_id', '=', directory.ressource_parent_type_id.id),
            ])
            if twins:
                raise ValidationError(_('Directory name must be unique!'))

    @api.constrains('parent_id')
    def _check_recursion(self):
        """Refuse a directory that is its own ancestor."""
        for directory in self:
            node, seen = directory.parent_id, set()
            while node:
                if node == directory or node.id in seen:
                    raise ValidationError(_('Error! You can not create recursive Directories.'))
                seen.add(node.id)
                node = node.parent_id

    @staticmethod
    def _check_name_characters(vals):
        name = vals.get('name') or ''
        if any(character in name for character in SPECIAL_CHARACTERS):
            raise ValidationError(_('Directory name contains special characters!'))

    @api.model_create_multi
    def create(self, vals_list):
        """Create directories; a name holding ``/ @ $ #`` is refused."""
        for vals in vals_list:
            self._check_name_characters(vals)
        return super().create(vals_list)

    def copy(self, default=None):
        """Duplicate the directory as "<name> (copy)" (its files stay where they are)."""
        self.ensure_one()
        default = dict(default or {})
        default.setdefault('name', _('%s (copy)') % self.name)
        default.setdefault('file_ids', [])
        default.setdefault('child_ids', [])
        return super().copy(default)

    # --- what a resource directory shows -----------------------------------------------------
    def _resource_model(self):
        """The recordset model of a resource directory (as the current user), or None."""
        self.ensure_one()
        name = self.ressource_type_id.model if self.type == 'ressource' else None
        return self.env[name] if name and name in self.env else None

    def _resource_domain(self):
        """The directory's ``domain`` as a list (an unreadable domain filters nothing out)."""
        self.ensure_one()
        try:
            domain = safe_eval(self.domain or '[]', {'uid': self.env.uid})
        except Exception as error:
            raise ValidationError(_('The domain of directory "%s" is not valid: %s') % (self.name, error))
        return list(domain or [])

    def _resource_records(self, parent_record=None):
        """The records the directory maps, as the current user: a folder for each of them.

        With Tree Structure, only the top of the model's hierarchy (or the
        children of ``parent_record`` in it) is returned.
        """
        model = self._resource_model()
        if model is None:
            return None
        domain = self._resource_domain()
        parent_field = model._parent_name
        if self.ressource_tree and parent_field in model._fields:
            domain = domain + [(parent_field, '=', parent_record.id if parent_record else False)]
        return model.search(domain)

    @api.model
    def _folder_name(self, record):
        """The FTP folder name of ``record``: its ``dirname`` or display name, made path-safe."""
        name = record['dirname'] if 'dirname' in record._fields else None
        name = name or record.display_name
        if not name:
            return '%s%d' % (record._name.split('.')[-1], record.id)
        name = str(name).replace('/', '__')
        return _UNSAFE_FOLDER_CHARACTERS.sub('_', name)

    def _find_record(self, folder_name, parent_record=None):
        """The record whose folder is named ``folder_name`` (first by id if several), or None."""
        records = self._resource_records(parent_record)
        if not records:
            return None
        for record in records:
            if self._folder_name(record) == folder_name:
                return record
        return None
