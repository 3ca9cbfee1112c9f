"""Attachments keep their content in the database or the filestore, by system parameter."""
import base64
import hashlib
import os

import pytest

CONTENT = b'Dear Agrolait,\nplease find our offer.\n'
SHA1 = hashlib.sha1(CONTENT).hexdigest()


def _attach(env, name='offer.txt', content=CONTENT):
    partner = env['res.partner'].create([{'name': 'Attached To'}])
    return env['ir.attachment'].create([{
        'name': name, 'datas': base64.b64encode(content),
        'res_model': 'res.partner', 'res_id': partner.id,
    }])


def test_database_storage_is_the_default(env):
    attachment = _attach(env)
    assert not attachment.store_fname
    assert attachment.db_datas
    assert attachment.raw == CONTENT
    assert base64.b64decode(attachment.datas) == CONTENT
    assert attachment.file_size == len(CONTENT)
    assert attachment.checksum == SHA1
    assert attachment.mimetype == 'text/plain'


@pytest.fixture
def filestore_storage(env, tmp_data_dir):
    env['ir.config_parameter'].set_param('ir_attachment.location', 'file')
    return tmp_data_dir


def test_filestore_is_content_addressed_and_shared(env, filestore_storage):
    first = _attach(env, 'offer.txt')
    second = _attach(env, 'copy-of-offer.pdf')
    assert first.store_fname == second.store_fname == f'{SHA1[:2]}/{SHA1}'
    assert not first.db_datas
    path = os.path.join(filestore_storage, 'filestore', env.cr.dbname, first.store_fname)
    with open(path, 'rb') as handle:
        assert handle.read() == CONTENT
    assert second.raw == CONTENT
    assert second.mimetype == 'application/pdf'
    assert second.checksum == SHA1


def test_new_content_replaces_the_old_one(env, filestore_storage):
    attachment = _attach(env)
    attachment.write({'datas': base64.b64encode(b'v2')})
    assert attachment.raw == b'v2'
    assert attachment.file_size == 2
    assert attachment.checksum == hashlib.sha1(b'v2').hexdigest()
    assert attachment.mimetype == 'text/plain'


def test_unknown_extension_is_octet_stream(env):
    assert _attach(env, 'blob.zzz-unknown').mimetype == 'application/octet-stream'
