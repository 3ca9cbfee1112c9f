"""Indexing after commit, and finding attachments by words of their content (ORM and XML-RPC)."""
import base64
import xmlrpc.client

import pytest

from tests.installed import rolled_back_env, run_committed
from . import samples


def _attach(env, name, raw, **vals):
    return env['ir.attachment'].create(dict(vals, name=name, datas=base64.b64encode(raw)))


def _indexed(env, *attachments):
    env['ir.attachment']._index_pending()
    env.invalidate_all()
    return attachments


def test_an_upload_is_only_queued_and_indexed_by_the_job(env):
    attachment = _attach(env, 'offer.odt', samples.odt(['Spare turbine blades']))
    assert attachment.index_state == 'pending' and not attachment.index_content
    assert not env['ir.attachment'].search([('index_content', 'ilike', 'turbine')])
    _indexed(env, attachment)
    assert attachment.index_state == 'done'
    assert attachment.index_content == 'Spare turbine blades'
    assert env['ir.attachment'].search([('index_content', 'ilike', 'turbine')]) == attachment


def test_the_upload_triggers_the_indexing_job_when_it_commits(document_commit_db):
    from framework.cron.jobs import process_jobs
    db = document_commit_db

    def upload(env):
        cron = env.ref('document.ir_cron_document_index')
        before = env['ir.cron.trigger'].search_count([('cron_id', '=', cron.id)])
        attachment = _attach(env, 'trigger.txt', b'a quokka on the beach')
        env.flush_all()
        assert env['ir.cron.trigger'].search_count([('cron_id', '=', cron.id)]) == before
        return attachment.id, before
    attachment_id, before = run_committed(db, upload)
    with rolled_back_env(db) as env:
        cron = env.ref('document.ir_cron_document_index')
        assert env['ir.cron.trigger'].search_count([('cron_id', '=', cron.id)]) == before + 1
        assert env['ir.attachment'].browse(attachment_id).index_state == 'pending'
    process_jobs(db)        # what a cron runner woken by the commit does
    with rolled_back_env(db) as env:
        attachment = env['ir.attachment'].browse(attachment_id)
        assert attachment.index_state == 'done'
        assert env['ir.attachment'].search([('index_content', 'ilike', 'quokka')]) == attachment


def test_a_file_that_cannot_be_read_is_stored_and_flagged(env):
    attachment = _attach(env, 'scan.pdf', b'%PDF-1.4 this is not a real pdf')
    _indexed(env, attachment)
    assert attachment.index_state == 'failed'
    assert 'scan.pdf' in attachment.index_error
    assert attachment.raw == b'%PDF-1.4 this is not a real pdf'


def test_files_without_text_are_skipped(env):
    attachment = _attach(env, 'logo.png', b'\x89PNG\r\n\x1a\n....')
    _indexed(env, attachment)
    assert attachment.index_state == 'skipped'


def test_new_content_replaces_the_indexed_text(env):
    attachment = _attach(env, 'memo.txt', b'about walruses')
    _indexed(env, attachment)
    attachment.write({'datas': base64.b64encode(b'about narwhals')})
    assert attachment.index_state == 'pending'
    assert not env['ir.attachment'].search([('index_content', 'ilike', 'walruses')])
    _indexed(env, attachment)
    assert env['ir.attachment'].search([('index_content', 'ilike', 'narwhals')]) == attachment


def test_operators_on_index_content(env):
    first = _attach(env, 'a.txt', b'red kangaroo report')
    second = _attach(env, 'b.txt', b'grey kangaroo report')
    _indexed(env, first, second)
    Attachment = env['ir.attachment']
    both = first | second
    assert Attachment.search([('index_content', 'ilike', 'kangaroos')]) == both        # stemmed
    assert Attachment.search([('index_content', '@@', 'red kangaroo')]) == first       # all words
    assert Attachment.search([('index_content', 'not ilike', 'red'), ('id', 'in', both.ids)]) == second
    assert Attachment.search(['|', ('index_content', 'ilike', 'red'), ('name', '=', 'b.txt')]) == both
    assert Attachment.search_count([('index_content', 'ilike', 'platypus')]) == 0


def test_the_language_of_the_uploader_chooses_the_stemming(env):
    french = env['ir.attachment'].with_context(lang='fr_FR')
    attachment = french.create({'name': 'note.txt', 'raw': 'Les éoliennes de la côte'.encode()})
    assert attachment.index_config == 'french'
    _indexed(env, attachment)
    assert french.search([('index_content', 'ilike', 'éolienne')]) == attachment


def test_search_content_highlights_and_escapes(env):
    attachment = _attach(env, 'x.txt', b'Tom & Jerry <script>alert(1)</script> ride the zeppelin, 1 < 2')
    _indexed(env, attachment)
    result = env['ir.attachment'].search_content('zeppelin')
    assert [r['id'] for r in result] == [attachment.id]
    excerpt = result[0]['excerpt']
    assert '<mark>zeppelin</mark>' in excerpt
    markup = excerpt.replace('<mark>', '').replace('</mark>', '')
    assert '<' not in markup and '>' not in markup       # whatever the text held, only <mark> is HTML
    assert 'Tom &amp; Jerry' in excerpt
    assert env['ir.attachment'].search_content('   ') == []


def test_search_content_ranks_and_names_the_record(env):
    partner = env.ref('base.res_partner_agrolait')
    once = _attach(env, 'once.txt', b'one mention of sprockets among many other words here',
                   res_model='res.partner', res_id=partner.id)
    often = _attach(env, 'often.txt', b'sprockets sprockets sprockets', res_model='res.partner', res_id=partner.id)
    _indexed(env, once, often)
    result = env['ir.attachment'].search_content('sprocket', domain=[('res_model', '=', 'res.partner')])
    assert [r['id'] for r in result] == [often.id, once.id]
    assert result[0]['res_name'] == 'Agrolait' and result[0]['res_model'] == 'res.partner'
    assert env['ir.attachment'].search_content('sprocket', limit=1)[0]['id'] == often.id


# --- over XML-RPC, on a real server ---------------------------------------------------------------
@pytest.fixture(scope='module')
def server(pg_server):
    from tests.serving import served
    with served() as url:
        yield url


@pytest.fixture(scope='module')
def rpc_setup(document_commit_db):
    """Agrolait's id, and a user who may read partners except Agrolait (by a record rule)."""
    def setup(env):
        agrolait = env.ref('base.res_partner_agrolait')
        group = env['res.groups'].create({'name': 'No Agrolait'})
        env['ir.rule'].create({'name': 'hide Agrolait', 'model_id': env.ref('base.model_res_partner').id,
                               'groups': [(6, 0, [group.id])],
                               'domain_force': "[('id', '!=', %d)]" % agrolait.id})
        env['res.users'].create({'name': 'Outsider', 'login': 'outsider', 'password': 'outsider',
                                 'groups_id': [(6, 0, [env.ref('base.group_user').id, group.id])]})
        return agrolait.id
    return run_committed(document_commit_db, setup)


def test_files_attached_over_xmlrpc_are_found_by_their_words(server, document_commit_db, rpc_setup):
    from framework.cron.jobs import process_jobs
    db, agrolait_id = document_commit_db, rpc_setup
    common = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/common', allow_none=True)
    models = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/object', allow_none=True)
    uid = common.authenticate(db, 'admin', 'admin', {})
    files = {
        'offer.odt': (samples.odt(['Offer', 'Spare turbine blades for the mill']), 'turbine'),
        'terms.docx': (samples.docx(['Terms', 'Delivery by dirigible only']), 'dirigible'),
        'datasheet.pdf': (samples.pdf(['Datasheet', 'Flux capacitor rating']), 'capacitor'),
        'legacy.doc': (samples.word97(), samples.DOC_WORD),
        'notes.txt': (b'Call about the marzipan order', 'marzipan'),
    }
    ids = {}
    for name, (raw, _word) in files.items():
        ids[name] = models.execute_kw(db, uid, 'admin', 'ir.attachment', 'create', [{
            'name': name, 'datas_fname': name, 'res_model': 'res.partner', 'res_id': agrolait_id,
            'datas': base64.b64encode(raw).decode()}])
    states = models.execute_kw(db, uid, 'admin', 'ir.attachment', 'read', [list(ids.values())],
                               {'fields': ['index_state']})
    assert {s['index_state'] for s in states} == {'pending'}       # the upload did not wait for it
    for _attempt in range(5):      # the job a cron runner would run; bounded, no sleeping
        process_jobs(db)
        states = models.execute_kw(db, uid, 'admin', 'ir.attachment', 'read', [list(ids.values())],
                                   {'fields': ['index_state', 'index_error']})
        if all(s['index_state'] != 'pending' for s in states):
            break
    assert {s['index_state'] for s in states} == {'done'}, states

    for name, (_raw, word) in files.items():
        found = models.execute_kw(db, uid, 'admin', 'ir.attachment', 'search_content', [word])
        assert [f['id'] for f in found] == [ids[name]], (name, found)
        assert found[0]['res_name'] == 'Agrolait' and found[0]['res_id'] == agrolait_id
        assert '<mark>' in found[0]['excerpt']
        assert models.execute_kw(db, uid, 'admin', 'ir.attachment', 'search',
                                 [[('index_content', 'ilike', word)]]) == [ids[name]]

    outsider = common.authenticate(db, 'outsider', 'outsider', {})
    assert outsider
    assert models.execute_kw(db, outsider, 'outsider', 'ir.attachment', 'search_content',
                             [samples.DOC_WORD]) == []


def test_the_list_shows_a_highlighted_excerpt_while_searching(env):
    attachment = env['ir.attachment'].create({
        'name': 'wind.txt', 'datas': base64.b64encode(b'Blades & hub: the new turbine spins at night.')})
    _indexed(env, attachment)
    found = env['ir.attachment'].with_context(content_query='turbine').search(
        [('index_content', 'ilike', 'turbine'), ('id', '=', attachment.id)])
    excerpt = found.read(['index_excerpt'])[0]['index_excerpt']
    assert '<mark>turbine</mark>' in excerpt
    assert '&amp;' in excerpt and '<mark>' not in excerpt.replace('<mark>turbine</mark>', '')
    env.invalidate_all()        # a new request: the cache does not key values by context yet
    assert env['ir.attachment'].browse(attachment.id).read(['index_excerpt'])[0]['index_excerpt'] is False
