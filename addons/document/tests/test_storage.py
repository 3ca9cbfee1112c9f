"""Where attachment contents live once `document` is installed, moving old ones, and the filestore GC."""
import base64
import os

import pytest

from tests.installed import rolled_back_env, run_committed


def _path(env, attachment):
    return env['ir.attachment']._full_path(attachment.store_fname)


def _gc_marked(env, fname):
    return os.path.exists(os.path.join(env['ir.attachment']._filestore(), 'checklist', fname))


def test_installing_document_stores_new_files_in_the_filestore(env):
    assert env['ir.config_parameter'].get_param('ir_attachment.location') == 'file'
    attachment = env['ir.attachment'].create({'name': 'offer.txt', 'datas': base64.b64encode(b'hello filestore')})
    assert attachment.store_fname == '%s/%s' % (attachment.checksum[:2], attachment.checksum)
    assert not attachment.db_datas
    with open(_path(env, attachment), 'rb') as handle:
        assert handle.read() == b'hello filestore'
    assert base64.b64decode(attachment.datas) == b'hello filestore'
    assert attachment.file_type == '.txt'


def test_identical_contents_share_one_file(env):
    first, second = env['ir.attachment'].create([
        {'name': 'a.txt', 'raw': b'same bytes'}, {'name': 'b.txt', 'raw': b'same bytes'}])
    assert first.store_fname == second.store_fname
    assert _gc_marked(env, first.store_fname)     # written by a transaction that may roll back


def _db_stored(env, contents):
    env['ir.config_parameter'].set_param('ir_attachment.location', 'db')
    attachments = env['ir.attachment'].create([{'name': 'old%d.txt' % i, 'raw': raw}
                                               for i, raw in enumerate(contents)])
    env['ir.config_parameter'].set_param('ir_attachment.location', 'file')
    assert all(a.db_datas and not a.store_fname for a in attachments)
    return attachments


def test_existing_database_contents_move_in_batches(env):
    attachments = _db_stored(env, [b'one', b'two', b'three'])
    assert env['ir.attachment'].move_to_filestore(batch_size=2, limit=1) == 1
    assert env['ir.attachment'].move_to_filestore(batch_size=2) >= 2
    for attachment, raw in zip(attachments, [b'one', b'two', b'three']):
        assert attachment.store_fname and not attachment.db_datas
        assert attachment.raw == raw
        with open(_path(env, attachment), 'rb') as handle:
            assert handle.read() == raw
    assert env['ir.attachment'].move_to_filestore() == 0     # re-running has nothing left to do


def test_an_interrupted_move_loses_nothing(env):
    attachment, = _db_stored(env, [b'precious bytes'])
    with pytest.raises(RuntimeError):
        with env.cr.savepoint():
            env['ir.attachment'].move_to_filestore()
            raise RuntimeError('power cut')
    env.invalidate_all()
    assert attachment.db_datas and not attachment.store_fname
    assert attachment.raw == b'precious bytes'
    # the file written before the interruption is garbage for the collector
    import hashlib
    checksum = hashlib.sha1(b'precious bytes').hexdigest()
    assert _gc_marked(env, '%s/%s' % (checksum[:2], checksum))
    assert env['ir.attachment'].move_to_filestore() == 1
    assert attachment.store_fname and attachment.raw == b'precious bytes'


def test_only_administrators_move_contents(env):
    from framework.exceptions import AccessError
    user = env['res.users'].create({'name': 'Clerk', 'login': 'clerk_move',
                                    'groups_id': [(6, 0, [env.ref('base.group_user').id])]})
    with pytest.raises(AccessError):
        env['ir.attachment'].with_user(user).move_to_filestore()


# --- garbage collection, on committed transactions ------------------------------------------------
def _create(db, name, raw):
    return run_committed(db, lambda env: env['ir.attachment'].create({'name': name, 'raw': raw}).store_fname)


def _exists(db, fname):
    with rolled_back_env(db) as env:
        return os.path.exists(env['ir.attachment']._full_path(fname))


def _gc(db, **kwargs):
    return run_committed(db, lambda env: env['ir.attachment']._gc_filestore(**kwargs))


def test_gc_deletes_a_file_no_attachment_refers_to(document_commit_db):
    db = document_commit_db
    fname = _create(db, 'gone.txt', b'content of a file about to go')
    _gc(db)
    assert _exists(db, fname)        # still referenced
    run_committed(db, lambda env: env['ir.attachment'].search([('name', '=', 'gone.txt')]).unlink())
    assert _exists(db, fname)        # deleting the row does not delete the file at once
    _gc(db)
    assert not _exists(db, fname)


def test_gc_keeps_a_file_another_attachment_shares(document_commit_db):
    db = document_commit_db
    fname = _create(db, 'shared1.txt', b'shared content')
    assert _create(db, 'shared2.txt', b'shared content') == fname
    run_committed(db, lambda env: env['ir.attachment'].search([('name', '=', 'shared1.txt')]).unlink())
    _gc(db)
    assert _exists(db, fname)
    with rolled_back_env(db) as env:
        assert env['ir.attachment'].search([('name', '=', 'shared2.txt')]).raw == b'shared content'


def test_a_file_of_a_rolled_back_transaction_becomes_garbage(document_commit_db):
    db = document_commit_db
    with rolled_back_env(db) as env:
        fname = env['ir.attachment'].create({'name': 'never.txt', 'raw': b'never committed'}).store_fname
        env.flush_all()
    assert _exists(db, fname)
    _gc(db)
    assert not _exists(db, fname)


def test_gc_waits_for_a_transaction_that_is_writing_a_file(document_commit_db):
    """A file written by a transaction still open is neither deleted nor left dangling once it commits."""
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    db = document_commit_db
    cr = db_connect(db).cursor()
    try:
        env = Environment(cr, 1, {}, registry=Registry.open(db))
        attachment = env['ir.attachment'].create({'name': 'slow.txt', 'raw': b'slow upload'})
        env.flush_all()
        fname = attachment.store_fname
        assert _gc(db, lock_timeout=1) == 0       # postponed: a transaction wrote a file
        assert _exists(db, fname)
        cr.commit()
    finally:
        cr.close()
    _gc(db)
    assert _exists(db, fname)
    with rolled_back_env(db) as env:
        assert env['ir.attachment'].search([('name', '=', 'slow.txt')]).raw == b'slow upload'


def test_gc_is_a_scheduled_job(env):
    cron = env.ref('document.ir_cron_document_filestore_gc')
    assert (cron.model, cron.function, cron.numbercall, cron.active) == ('ir.attachment', '_gc_filestore', -1, True)
