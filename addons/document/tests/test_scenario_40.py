"""Scenario 40 of the spec (§14): document storage and search, end to end.

With ``document`` installed, ``offer.odt`` containing "turbine" attached to
Agrolait is stored in the filestore, titled "Agrolait" and linked to the
partner; "Search a File" for "turbine" finds it (and a .pdf and a .doc the
same way); a second file of the same name on Agrolait is refused; over FTP
the file is visible in Agrolait's folder, and a file dropped into a
directory becomes an attachment of that directory, indexed.
"""
import base64
import io
import os

import pytest

from tests.installed import rolled_back_env, run_committed
from framework.exceptions import ValidationError

from . import samples
from .ftp_world import ftp_world


@pytest.fixture(scope='module')
def world(template_db):
    with ftp_world(template_db, 'doc40') as world:
        world.agrolait_id = run_committed(
            world.dbname, lambda env: env['res.partner'].create({'name': 'Agrolait'}).id)
        yield world


def _attach(env, partner_id, name, raw):
    return env['ir.attachment'].create({'name': name, 'datas': base64.b64encode(raw),
                                        'res_model': 'res.partner', 'res_id': partner_id})


def _search_a_file(env, words):
    """What "Document Management/Search a File" lists for ``words`` typed in Indexed Content."""
    action = env.ref('document.action_document_file_form')
    return env[action.res_model].search([('index_content', 'ilike', words)])


def test_scenario_40_document_storage_and_search(world):
    from framework.cron.jobs import process_jobs
    db = world.dbname

    # attach offer.odt containing "turbine" to Agrolait (committed, as the web client does)
    odt = samples.odt(['Offer for a spare turbine'])
    offer_id = run_committed(db, lambda env: _attach(env, world.agrolait_id, 'offer.odt', odt).id)
    process_jobs(db)        # the indexing job the commit woke up
    with rolled_back_env(db) as env:
        offer = env['ir.attachment'].browse(offer_id)
        # stored in the filestore, not in the database
        assert offer.store_fname and not offer.db_datas
        assert os.path.isfile(offer._full_path(offer.store_fname))
        assert offer.title == 'Agrolait'
        assert offer.partner_id.id == world.agrolait_id
        # "Search a File" for turbine finds it
        assert _search_a_file(env, 'turbine') == offer
        assert [found['id'] for found in env['ir.attachment'].search_content('turbine')] == [offer_id]
        # a second file with the same name on the same record is refused
        with pytest.raises(ValidationError, match='File name must be unique!'):
            _attach(env, world.agrolait_id, 'offer.odt', b'another offer')

    # over FTP, with the user's login and password, the file is visible in Agrolait's folder
    with world.connect('admin', 'admin') as client:
        client.cwd(world.path('Partners', 'Agrolait'))
        assert 'offer.odt' in client.nlst()
        chunks = []
        client.retrbinary('RETR offer.odt', chunks.append)
        assert b''.join(chunks) == odt
        # a file dropped into a directory appears as an attachment of that directory, indexed
        client.cwd(world.path('Documents'))
        client.storbinary('STOR rotor.txt', io.BytesIO(b'rotor blades of the turbine'))
    process_jobs(db)
    with rolled_back_env(db) as env:
        rotor = env['ir.attachment'].search([('name', '=', 'rotor.txt')])
        assert rotor.parent_id == env.ref('document.dir_root')
        assert rotor in env.ref('document.dir_root').file_ids
        assert rotor.store_fname and not rotor.res_model
        assert _search_a_file(env, 'rotor') == rotor
        assert _search_a_file(env, 'turbine') == rotor | env['ir.attachment'].browse(offer_id)


@pytest.mark.parametrize('name, content, word', [
    ('offer.pdf', lambda: samples.pdf(['Offer for a spare turbine']), 'turbine'),
    ('offer.doc', samples.word97, samples.DOC_WORD),
])
def test_scenario_40_pdf_and_doc_are_found_the_same_way(env, name, content, word):
    agrolait = env['res.partner'].create({'name': 'Agrolait'})
    attachment = _attach(env, agrolait.id, name, content())
    env['ir.attachment']._index_pending()
    env.invalidate_all()
    if attachment.index_state != 'done':
        pytest.skip('no text extraction for %s here: %s' % (name, attachment.index_error))
    assert attachment.title == 'Agrolait' and attachment.partner_id == agrolait
    assert _search_a_file(env, word) == attachment
