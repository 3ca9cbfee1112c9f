"""Uploads into a filestore that cannot be written (issue 10, "Faults").

With ``document`` installed attachments go to ``<data_dir>/filestore/<db>``.
When that folder is read-only, or its name is taken by something that is
not a folder, an upload through XML-RPC fails with one sentence naming
the folder and what to do, and leaves neither an ``ir.attachment`` row nor
a file behind. (A folder that is simply missing is made by the first
upload: every new database starts so.)
"""
import base64
import contextlib
import os
import subprocess
import xmlrpc.client

import pytest

from tests.serving import served

CONTENT = b'Quarterly figures\n'


@pytest.fixture(scope='module')
def document_db(base_db):
    """A copy of ``base_db`` with ``document`` installed (new contents go to the filestore)."""
    from framework.db import admin
    from framework.modules.loading import load_modules
    from tests.installed import drop
    name = base_db.replace('_base_', '_document_')
    admin.create_db(name, template=base_db)
    load_modules(name, init=['document'], demo=False)
    yield name
    drop(name)


@pytest.fixture
def upload(document_db, tmp_data_dir):
    """``upload(name) -> id``: create an attachment with CONTENT as admin through XML-RPC."""
    with served() as url:
        models = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/object', allow_none=True)

        def upload(name):
            return models.execute_kw(document_db, 2, 'admin', 'ir.attachment', 'create', [{
                'name': name, 'datas': base64.b64encode(CONTENT).decode()}])
        yield upload


def _attachments(document_db, name):
    from framework.db import db_connect
    with db_connect(document_db).cursor() as cr:
        cr.execute("SELECT count(*) FROM ir_attachment WHERE name = %s", [name])
        return cr.fetchone()[0]


def _files(folder):
    return sorted(os.path.relpath(os.path.join(top, name), folder)
                  for top, _dirs, names in os.walk(folder) for name in names)


@contextlib.contextmanager
def _read_only(folder):
    """Make ``folder`` read-only for this process, root included (chmod does not stop root)."""
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        undo = ['chmod', '755', folder]
    elif subprocess.run(['chattr', '+i', folder], capture_output=True).returncode == 0:
        undo = ['chattr', '-i', folder]  # immutable: not even root may add an entry
    else:
        pytest.skip('running as root on a file system without chattr +i: cannot make a folder read-only')
    try:
        try:
            open(os.path.join(folder, 'probe'), 'w').close()
        except OSError:
            pass
        else:
            os.unlink(os.path.join(folder, 'probe'))
            pytest.skip(f'{folder} stays writable for this process')
        yield
    finally:
        subprocess.run(undo, check=True)


def _assert_one_sentence(fault, folder):
    text = fault.faultString
    assert '\n' not in text and 'Traceback' not in text, text
    assert text.startswith(f'The filestore folder {folder} cannot be written ('), text
    assert text.endswith('): make it a folder the server may write to, then upload the file again.'), text


def test_an_upload_into_a_read_only_filestore_is_refused_and_leaves_nothing(document_db, upload):
    from framework.config import config
    folder = config.filestore(document_db)
    os.makedirs(folder)
    with _read_only(folder):
        with pytest.raises(xmlrpc.client.Fault) as caught:
            upload('refused.txt')
    _assert_one_sentence(caught.value, folder)
    assert _attachments(document_db, 'refused.txt') == 0
    assert _files(folder) == []
    # writable again: the same upload works
    attachment = upload('refused.txt')
    assert attachment and _attachments(document_db, 'refused.txt') == 1
    assert len([f for f in _files(folder) if not f.startswith('checklist')]) == 1


def test_an_upload_where_the_filestore_is_not_a_folder_is_refused_and_leaves_nothing(document_db, upload):
    from framework.config import config
    folder = config.filestore(document_db)
    os.makedirs(os.path.dirname(folder))
    with open(folder, 'w') as taken:  # e.g. a mount that went wrong
        taken.write('not a folder')
    with pytest.raises(xmlrpc.client.Fault) as caught:
        upload('nowhere.txt')
    _assert_one_sentence(caught.value, folder)
    assert _attachments(document_db, 'nowhere.txt') == 0
    with open(folder) as taken:
        assert taken.read() == 'not a folder'
    os.unlink(folder)
    assert upload('nowhere.txt') and _attachments(document_db, 'nowhere.txt') == 1
