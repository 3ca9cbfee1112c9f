"""The virtual tree the FTP server shows of one database, as the logged-in user sees it (§12.5).

Everything here runs on an environment of the FTP user, so the ORM's
access rights and record rules decide what is listed, read and written:
a partner the user may not read has no folder, and its files are not
reachable through another directory either.

``/<db>/`` holds the root directories and the files attached to nothing;
a static directory holds its sub-directories and files; a resource
directory holds one folder per mapped record; a record folder holds the
directory's virtual files, the record's attachments and the directories
whose Parent Model is the record's model.
"""
import base64
import dataclasses

from framework.exceptions import AccessDenied, AccessError, UserError, ValidationError

NOT_FOUND = 'Not such file or directory'
NOT_PERMITTED = 'Operation not permited'
NOT_EMPTY = 'Directory not empty'


class FtpError(Exception):
    """A refusal the FTP client sees as "550 <message>."."""


@dataclasses.dataclass
class Node:
    """One entry of the tree: the database root, a directory, a record folder or a (virtual) file.

    ``record`` is the record whose folder this is, or, for a directory or
    file found inside a record folder, the record it belongs to.
    """

    kind: str                   # 'database', 'directory', 'record', 'file' or 'virtual'
    name: str
    directory: object = None    # document.directory
    record: object = None       # the mapped record
    attachment: object = None   # ir.attachment of a file
    content: object = None      # document.directory.content of a virtual file

    @property
    def is_folder(self):
        return self.kind in ('database', 'directory', 'record')

    @property
    def size(self):
        return (self.attachment.file_size or 0) if self.kind == 'file' else 0

    @property
    def mtime(self):
        """Last change as epoch seconds (0 when unknown)."""
        holder = self.attachment if self.kind == 'file' else self.directory
        stamp = holder and (holder.write_date or holder.create_date)
        return stamp.timestamp() if stamp else 0


def translate_errors(func):
    """Call ``func()``, turning the ORM's refusals into an FtpError of one sentence."""
    try:
        return func()
    except FtpError:
        raise
    except (AccessError, AccessDenied):
        raise FtpError(NOT_PERMITTED)
    except (UserError, ValidationError) as error:
        raise FtpError(str(error.args[0] if error.args else error).rstrip('.! '))


# --- reading the tree ---------------------------------------------------------------------------
def root(env):
    """The node of the database itself."""
    return Node('database', env.cr.dbname)


def resolve(env, parts):
    """The node at path ``parts`` (names below the database); FtpError when it does not exist."""
    node = root(env)
    for part in parts:
        if not node.is_folder:
            raise FtpError(NOT_FOUND)
        node = find_child(env, node, part)
        if node is None:
            raise FtpError(NOT_FOUND)
    return node


def find_child(env, node, name):
    """The child of folder ``node`` called ``name``, or None."""
    for child in children(env, node):
        if child.name == name:
            return child
    return None


def children(env, node):
    """The entries of folder ``node``, folders first, as the user may see them."""
    Directory = env['document.directory']
    Attachment = env['ir.attachment']
    if node.kind == 'database':
        folders = Directory.search([('parent_id', '=', False), ('ressource_parent_type_id', '=', False)])
        files = Attachment.search([('parent_id', '=', False), ('res_model', '=', False),
                                   ('res_field', '=', False)])
        return _directory_nodes(folders) + _file_nodes(env, files)
    if node.kind == 'directory':
        directory, record = node.directory, node.record
        entries = _directory_nodes(Directory.search([('parent_id', '=', directory.id)]), record)
        if directory.type == 'ressource':
            records = directory._resource_records(record if directory.ressource_tree else None)
            entries += [_record_node(directory, each) for each in (records or [])]
            return entries
        domain = [('parent_id', '=', directory.id), ('res_field', '=', False)]
        if record is not None:
            domain += [('res_model', '=', record._name), ('res_id', '=', record.id)]
        return entries + _file_nodes(env, Attachment.search(domain), known_record=record)
    if node.kind == 'record':
        directory, record = node.directory, node.record
        entries = []
        if directory.ressource_tree:
            entries += [_record_node(directory, each) for each in directory._resource_records(record)]
        templates = Directory.search([('ressource_parent_type_id.model', '=', record._name)])
        entries += _directory_nodes(templates, record)
        entries += [Node('virtual', content._file_name(record), directory=directory, record=record,
                         content=content) for content in directory.content_ids]
        files = Attachment.search([('res_model', '=', record._name), ('res_id', '=', record.id),
                                   ('parent_id', 'in', [False, directory.id]), ('res_field', '=', False)])
        return entries + _file_nodes(env, files, known_record=record)
    return []


def _directory_nodes(directories, record=None):
    return [Node('directory', directory.name, directory=directory, record=record)
            for directory in directories]


def _record_node(directory, record):
    return Node('record', directory._folder_name(record), directory=directory, record=record)


def _file_nodes(env, attachments, known_record=None):
    """File nodes of ``attachments`` whose record, if any, the user may read."""
    if known_record is None:
        attachments = _readable_attachments(env, attachments)
    return [Node('file', attachment.name, attachment=attachment, record=known_record)
            for attachment in attachments]


def _readable_attachments(env, attachments):
    """The attachments of ``attachments`` that are attached to nothing or to a readable record."""
    by_model = {}
    for attachment in attachments:
        if attachment.res_model and attachment.res_id:
            by_model.setdefault(attachment.res_model, set()).add(attachment.res_id)
    readable = {}
    for model_name, ids in by_model.items():
        if model_name not in env:
            readable[model_name] = set()
            continue
        try:
            readable[model_name] = set(env[model_name].search([('id', 'in', list(ids))]).ids)
        except AccessError:
            readable[model_name] = set()
    return attachments.filtered(lambda a: not (a.res_model and a.res_id)
                                or a.res_id in readable.get(a.res_model, ()))


def read_file(env, node):
    """The bytes of file node ``node`` (a virtual file prints its report on the record)."""
    if node.kind == 'file':
        return base64.b64decode(node.attachment.datas or b'')
    if node.kind == 'virtual':
        return translate_errors(lambda: node.content._render(node.record))
    raise FtpError(NOT_FOUND)


# --- changing the tree --------------------------------------------------------------------------
def check_store(env, folder, name):
    """Raise FtpError unless a file called ``name`` may be stored in folder node ``folder``."""
    if not folder.is_folder or (folder.kind == 'directory' and folder.directory.type == 'ressource'):
        raise FtpError(NOT_PERMITTED)
    existing = find_child(env, folder, name)
    if existing is not None and existing.kind != 'file':
        raise FtpError(NOT_PERMITTED)
    return existing


def store_file(env, folder, name, content):
    """Create the attachment ``name`` in ``folder``, or overwrite the one already there."""
    existing = check_store(env, folder, name)

    def store():
        datas = base64.b64encode(content)
        if existing is not None:
            existing.attachment.write({'datas': datas})
            return existing.attachment
        vals = {'name': name, 'datas_fname': name, 'datas': datas}
        if folder.kind in ('directory', 'record'):
            vals['parent_id'] = folder.directory.id
        if folder.record is not None:
            vals.update(res_model=folder.record._name, res_id=folder.record.id)
        return env['ir.attachment'].create(vals)
    return translate_errors(store)


def make_directory(env, folder, name):
    """Create directory ``name`` in ``folder`` (refused in a resource directory or record folder)."""
    if folder.kind == 'database':
        parent = False
    elif folder.kind == 'directory' and folder.directory.type == 'directory':
        parent = folder.directory.id
    else:
        raise FtpError(NOT_PERMITTED)
    if find_child(env, folder, name) is not None:
        raise FtpError('A file or directory "%s" already exists' % name)
    return translate_errors(lambda: env['document.directory'].create({'name': name, 'parent_id': parent}))


def remove_directory(env, node):
    """Delete the static directory of ``node`` if it holds no directory and no file."""
    if node.kind != 'directory' or node.directory.type != 'directory':
        raise FtpError(NOT_PERMITTED)
    directory = node.directory
    # counted as superuser: a file the user cannot see still makes the directory not empty
    if (env['document.directory'].sudo().search_count([('parent_id', '=', directory.id)])
            or env['ir.attachment'].sudo().search_count([('parent_id', '=', directory.id)])):
        raise FtpError(NOT_EMPTY)
    translate_errors(directory.unlink)


def delete_file(env, node):
    """Delete the attachment of file node ``node``."""
    if node.kind != 'file':
        raise FtpError(NOT_PERMITTED)
    translate_errors(node.attachment.unlink)
