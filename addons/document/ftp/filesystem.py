"""pyftpdlib's filesystem interface over the document tree: ``/<db>/<directory>/<record>/<file>``.

Paths never touch the disk: each call resolves its path in a transaction
of its own on the database named by the path's first part, as the user
the authorizer logged in there (``cmd_channel.document_uids``), and
commits or rolls back with it. A refusal is a ``FilesystemError`` whose
text pyftpdlib sends as "550 <text>.".
"""
import io
import os
import posixpath
import stat
import tempfile

from pyftpdlib.filesystems import AbstractedFS, FilesystemError

from framework.api import Environment
from framework.service.transaction import run_in_transaction

from . import tree

_DIR_MODE = stat.S_IFDIR | 0o755
_FILE_MODE = stat.S_IFREG | 0o644


def _stat_of(node):
    """An ``os.stat_result`` describing ``node`` for LIST and MLSD."""
    mode = _DIR_MODE if node.is_folder else _FILE_MODE
    mtime = node.mtime
    return os.stat_result((mode, 0, 0, 1, 0, 0, node.size, mtime, mtime, mtime))


class DownloadFile(io.BytesIO):
    """The content of a file being sent (RETR), named for pyftpdlib's transfer log."""

    def __init__(self, content, name):
        super().__init__(content)
        self.name = name


class UploadFile:
    """A file being received (STOR): spooled, then stored as an attachment when the transfer ends.

    ``close()`` stores it; ``discard()`` (an aborted transfer) forgets it.
    """

    def __init__(self, filesystem, path):
        self.name = path
        self._filesystem = filesystem
        self._buffer = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)
        self._discarded = False

    @property
    def closed(self):
        return self._buffer.closed

    def write(self, data):
        return self._buffer.write(data)

    def discard(self):
        self._discarded = True
        self._buffer.close()

    def close(self):
        if self._buffer.closed:
            return
        try:
            if not self._discarded:
                self._buffer.seek(0)
                content = self._buffer.read()
                self._filesystem._store(self.name, content)
        finally:
            self._buffer.close()


class DocumentFilesystem(AbstractedFS):
    """The document tree of the databases the FTP user logged into, as that user sees it."""

    def __init__(self, root, cmd_channel):
        super().__init__('/', cmd_channel)
        # path -> stat of the entries of the last listing, each used once by the LIST/MLSD after it
        self._stats = {}

    # --- paths: FTP paths are the filesystem's own -------------------------------------------
    def ftp2fs(self, ftppath):
        return self.ftpnorm(ftppath)

    def fs2ftp(self, fspath):
        return fspath

    def validpath(self, path):
        return True

    def realpath(self, path):
        return path

    @staticmethod
    def _split(path):
        """``(dbname or None, [names below it])`` of an absolute path."""
        parts = [part for part in posixpath.normpath(path).split('/') if part]
        return (parts[0], parts[1:]) if parts else (None, [])

    @property
    def _uids(self):
        return getattr(self.cmd_channel, 'document_uids', None) or {}

    def _run(self, dbname, work):
        """``work(env, registry)`` as the FTP user of ``dbname``, in a transaction of its own."""
        uid = self._uids.get(dbname)
        if uid is None:
            raise FilesystemError(tree.NOT_FOUND)

        def call(cr, registry):
            return work(Environment(cr, uid, {}, registry=registry))
        try:
            return run_in_transaction(dbname, call)
        except tree.FtpError as error:
            raise FilesystemError(str(error))

    def _on_node(self, path, work):
        """``work(env, node)`` on the node at ``path`` (never the list of databases)."""
        dbname, parts = self._split(path)
        if dbname is None:
            raise FilesystemError(tree.NOT_PERMITTED)
        return self._run(dbname, lambda env: work(env, tree.resolve(env, parts)))

    # --- reading ----------------------------------------------------------------------------
    def isdir(self, path):
        dbname, _parts = self._split(path)
        if dbname is None:
            return True
        try:
            return self._on_node(path, lambda env, node: node.is_folder)
        except FilesystemError:
            return False

    def isfile(self, path):
        try:
            return self._on_node(path, lambda env, node: not node.is_folder)
        except FilesystemError:
            return False

    def islink(self, path):
        return False

    def lexists(self, path):
        dbname, _parts = self._split(path)
        if dbname is None:
            return True
        try:
            return self._on_node(path, lambda env, node: True)
        except FilesystemError:
            return False

    def chdir(self, path):
        if not self.isdir(path):
            raise FilesystemError(tree.NOT_FOUND)
        self.cwd = self.fs2ftp(path)

    def listdir(self, path):
        """The names in folder ``path``; their stats are kept for the LIST that follows."""
        dbname, _parts = self._split(path)
        if dbname is None:
            names = sorted(self._uids)
            self._stats = {posixpath.join(path, name): _stat_of(tree.Node('database', name))
                           for name in names}
            return names

        def entries(env, node):
            if not node.is_folder:
                raise tree.FtpError(tree.NOT_FOUND)
            return [(child.name, _stat_of(child)) for child in tree.children(env, node)]
        listing = self._on_node(path, entries)
        self._stats = {posixpath.join(path, name): info for name, info in listing}
        return [name for name, _info in listing]

    def listdirinfo(self, path):
        return self.listdir(path)

    def stat(self, path):
        known = self._stats.pop(path, None)
        if known is not None:
            return known
        dbname, parts = self._split(path)
        if dbname is None or not parts:
            if dbname is not None and dbname not in self._uids:
                raise FilesystemError(tree.NOT_FOUND)
            return _stat_of(tree.Node('database', dbname or '/'))
        return self._on_node(path, lambda env, node: _stat_of(node))

    lstat = stat

    def getsize(self, path):
        return self.stat(path).st_size

    def getmtime(self, path):
        return self.stat(path).st_mtime

    def get_user_by_uid(self, uid):
        return 'owner'

    def get_group_by_gid(self, gid):
        return 'group'

    def readlink(self, path):
        raise FilesystemError(tree.NOT_PERMITTED)

    # --- files ------------------------------------------------------------------------------
    def open(self, filename, mode):
        """A file to send (``rb``) or to receive (``wb``); appending and resuming are refused."""
        if mode == 'rb':
            content = self._on_node(filename, tree.read_file)
            return DownloadFile(content, filename)
        if mode != 'wb':
            raise FilesystemError(tree.NOT_PERMITTED)
        folder, name = posixpath.split(filename)
        dbname, _parts = self._split(folder)
        if dbname is None or not name:
            raise FilesystemError(tree.NOT_PERMITTED)
        self._on_node(folder, lambda env, node: tree.check_store(env, node, name) and None)
        return UploadFile(self, filename)

    def _store(self, path, content):
        self._stats = {}
        folder, name = posixpath.split(path)
        self._on_node(folder, lambda env, node: tree.store_file(env, node, name, content) and None)

    def mkstemp(self, suffix='', prefix='', dir=None, mode='wb'):
        raise FilesystemError(tree.NOT_PERMITTED)

    def mkdir(self, path):
        self._stats = {}
        folder, name = posixpath.split(path)
        self._on_node(folder, lambda env, node: tree.make_directory(env, node, name) and None)

    def rmdir(self, path):
        self._stats = {}
        dbname, parts = self._split(path)
        if not parts:
            raise FilesystemError(tree.NOT_PERMITTED)
        self._on_node(path, tree.remove_directory)

    def remove(self, path):
        self._stats = {}
        self._on_node(path, tree.delete_file)

    def rename(self, src, dst):
        raise FilesystemError(tree.NOT_PERMITTED)

    def chmod(self, path, mode):
        raise FilesystemError(tree.NOT_PERMITTED)

    def utime(self, path, timeval):
        raise FilesystemError(tree.NOT_PERMITTED)
