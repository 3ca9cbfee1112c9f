"""Attachments in the filestore once `document` is installed, and the filestore's garbage collection.

Installing the addon sets ``ir_attachment.location`` to 'file' (data file,
noupdate), so new contents go to the content-addressed filestore of base;
:meth:`move_to_filestore` moves the contents still in the database.

Files are shared by identical contents, so deleting an attachment may not
delete its file. As Odoo does, every file name that may have become
garbage (written by a transaction that may roll back, replaced, or
unlinked) is marked in ``<filestore>/checklist/``; :meth:`_gc_filestore`
deletes a marked file only when no row refers to it. Against concurrent
transactions: every transaction that writes (or reuses) a file holds a
shared advisory lock until it ends; the collector takes that lock
exclusively, so it sees every such transaction finished — committed rows
visible in its next snapshot, rolled-back ones gone — and never deletes a
file that a committed row refers to.
"""
import hashlib
import logging
import os
import re
import tempfile

import psycopg2.errors

from framework import _, api, fields, models
from framework.db import db_connect
from framework.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

#: advisory lock key shared by file writers and the collector (per database)
GC_LOCK_KEY = 0x646F63756D656E74    # "document"
CHECKLIST = 'checklist'
_STORED_NAME = re.compile(r'^[0-9a-f]{2}/[0-9a-f]{40}$')


def _fsync_dir(path):
    """Make a rename or a new entry in directory ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class IrAttachmentStorage(models.Model):
    """Filestore storage with durable writes, migration from the database, and garbage collection."""

    _inherit = 'ir.attachment'

    file_type = fields.Char(string='Content Type', size=32,
                            help='Kind of file, as its extension says (e.g. .pdf), unless given.')

    @api.model_create_multi
    def create(self, vals_list):
        """Create attachments; ``file_type`` defaults to the extension of the file name."""
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            if not vals.get('file_type'):
                extension = os.path.splitext(vals.get('datas_fname') or vals.get('name') or '')[1]
                if extension:
                    vals['file_type'] = extension.lower()[:32]
            prepared.append(vals)
        return super().create(prepared)

    # --- writing files ---------------------------------------------------------------------------
    @api.model
    def _file_write(self, raw, checksum):
        """Store ``raw`` durably under its checksum; mark the name for the collector; return it.

        A filestore that cannot be written (read-only, full, not a folder)
        raises a ``UserError`` naming the folder; no partial file is left.
        """
        self._gc_lock_shared()
        fname = '%s/%s' % (checksum[:2], checksum)
        path = self._full_path(fname)
        try:
            self._mark_for_gc(fname)
            if not os.path.exists(path):
                self._write_new_file(path, raw)
        except OSError as exc:
            _logger.warning('cannot write %s in the filestore: %s', fname, exc)
            raise UserError(_('The filestore folder %(folder)s cannot be written (%(reason)s): make it '
                              'a folder the server may write to, then upload the file again.')
                            % {'folder': self._filestore(), 'reason': exc.strerror or exc}) from exc
        return fname

    @staticmethod
    def _write_new_file(path, raw):
        """Write ``raw`` to ``path`` through a fsynced temporary file: all of it or nothing."""
        directory = os.path.dirname(path)
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory)
        try:
            with os.fdopen(fd, 'wb') as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        _fsync_dir(directory)

    @api.model
    def _gc_lock_shared(self):
        """Hold the collector off until this transaction ends (it may commit a row naming a file)."""
        self.env.cr.execute("SELECT pg_advisory_xact_lock_shared(%s)", [GC_LOCK_KEY])

    @api.model
    def _mark_for_gc(self, fname):
        """Note that filestore entry ``fname`` may have become garbage (the collector checks)."""
        if not fname or not _STORED_NAME.match(fname):
            return
        path = os.path.join(self._filestore(), CHECKLIST, fname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, 'ab').close()

    def _mark_stored_files(self):
        """Mark the files these attachments refer to now (before they change or go)."""
        self.env.cr.execute("SELECT DISTINCT store_fname FROM ir_attachment "
                            "WHERE id = ANY(%s) AND store_fname IS NOT NULL", [list(self.ids)])
        for (fname,) in self.env.cr.fetchall():
            self._mark_for_gc(fname)

    def write(self, vals):
        """Update attachments; a replaced content file is marked for the collector."""
        if self.ids and ('raw' in vals or 'datas' in vals):
            self.env.flush_all()
            self._mark_stored_files()
        return super().write(vals)

    def unlink(self):
        """Delete attachments; their files are marked for the collector, which deletes unshared ones."""
        if self.ids:
            self.env.flush_all()
            self._mark_stored_files()
        return super().unlink()

    # --- moving database contents to the filestore ---------------------------------------------
    @api.model
    def move_to_filestore(self, batch_size=100, limit=None):
        """Move the contents still stored in the database to the filestore; return how many moved.

        Works by batches of ``batch_size`` rows (``limit`` rows at most) in
        the current transaction: each file is written and fsynced before its
        row is switched, so an interruption (or a rollback) loses nothing —
        the rows keep their database copy and the files already written are
        garbage for the collector — and running it again carries on.
        Administrators only.
        """
        if not self.env.is_system():
            raise AccessError(_('Only an administrator may move attachments to the filestore.'))
        batch_size = max(1, int(batch_size or 100))
        self.env.flush_all()
        cr = self.env.cr
        moved = 0
        while limit is None or moved < limit:
            size = batch_size if limit is None else min(batch_size, limit - moved)
            cr.execute("""SELECT id, db_datas FROM ir_attachment
                           WHERE store_fname IS NULL AND db_datas IS NOT NULL
                        ORDER BY id LIMIT %s FOR NO KEY UPDATE SKIP LOCKED""", [size])
            rows = cr.fetchall()
            if not rows:
                break
            updates = []
            for attachment_id, data in rows:
                raw = bytes(data)
                checksum = hashlib.sha1(raw).hexdigest()
                updates.append((attachment_id, self._file_write(raw, checksum), checksum, len(raw)))
            cr.execute("""UPDATE ir_attachment a
                             SET store_fname = v.fname, checksum = v.checksum,
                                 file_size = v.size, db_datas = NULL
                            FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::varchar[]) AS fname,
                                         unnest(%s::varchar[]) AS checksum, unnest(%s::int[]) AS size) v
                           WHERE a.id = v.id""",
                       [[u[0] for u in updates], [u[1] for u in updates],
                        [u[2] for u in updates], [u[3] for u in updates]])
            moved += len(rows)
        if moved:
            self.env.invalidate_all()
            _logger.info('moved %d attachment contents from the database to the filestore', moved)
        return moved

    # --- garbage collection ------------------------------------------------------------------------
    @api.model
    def _gc_filestore(self, lock_timeout=60):
        """Delete the marked filestore files that no attachment refers to; return how many.

        Runs on a connection of its own: it waits (up to ``lock_timeout``
        seconds, else gives up until next time) for every transaction that
        wrote a file to end, then reads which marked names rows still use.
        """
        root = self._filestore()
        checklist = os.path.join(root, CHECKLIST)
        if not os.path.isdir(checklist):
            return 0
        cr = db_connect(self.env.cr.dbname).cursor()
        try:
            cr.execute("SET lock_timeout = %s", ['%ds' % max(1, int(lock_timeout))])
            try:
                cr.execute("SELECT pg_advisory_lock(%s)", [GC_LOCK_KEY])
            except psycopg2.errors.LockNotAvailable:
                _logger.info('filestore garbage collection postponed: files are being written')
                return 0
            cr.commit()     # the next statement takes a snapshot in which those transactions ended
            try:
                return self._gc_sweep(cr, root, checklist)
            finally:
                cr.execute("SELECT pg_advisory_unlock(%s)", [GC_LOCK_KEY])
                cr.commit()
        finally:
            cr.close()

    @api.model
    def _gc_sweep(self, cr, root, checklist):
        marked = {}
        for directory, _subdirs, names in os.walk(checklist):
            for name in names:
                entry = os.path.join(directory, name)
                fname = os.path.relpath(entry, checklist).replace(os.sep, '/')
                marked[fname] = entry
        if not marked:
            return 0
        valid = [fname for fname in marked if _STORED_NAME.match(fname)]
        cr.execute("SELECT DISTINCT store_fname FROM ir_attachment WHERE store_fname = ANY(%s)", [valid])
        referenced = {row[0] for row in cr.fetchall()}
        removed = 0
        for fname, entry in marked.items():
            if fname in valid and fname not in referenced:
                path = os.path.join(root, *fname.split('/'))
                try:
                    os.unlink(path)
                    removed += 1
                except FileNotFoundError:
                    pass
            os.unlink(entry)
        _logger.info('filestore garbage collection: %d files deleted, %d marked files still in use',
                     removed, len(referenced))
        return removed
