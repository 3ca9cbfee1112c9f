"""What the document addon adds to attachments: title, partner, directory and record from the
context, unique file names per directory and record, copies, access by group (spec §12.3)."""
import base64

import pytest

from framework.exceptions import ValidationError


def _attach(env, name, **vals):
    return env['ir.attachment'].create(dict(vals, name=name, datas=base64.b64encode(b'some bytes')))


@pytest.fixture
def agrolait(env):
    return env['res.partner'].create({'name': 'Agrolait'})


def test_a_file_attached_to_a_partner_takes_its_name_and_partner(env, agrolait):
    offer = _attach(env, 'offer.odt', res_model='res.partner', res_id=agrolait.id)
    assert offer.title == 'Agrolait'
    assert offer.partner_id == agrolait
    assert offer.user_id == env.user


def test_a_file_on_an_address_or_a_case_belongs_to_their_partner(env, agrolait):
    address = env['res.partner.address'].create({'name': 'Paul', 'partner_id': agrolait.id})
    on_address = _attach(env, 'card.txt', res_model='res.partner.address', res_id=address.id)
    assert on_address.partner_id == agrolait
    case = env['crm.case'].create({'name': 'Turbine noise', 'partner_id': agrolait.id,
                                   'section_id': env['crm.case.section'].search([], limit=1).id})
    on_case = _attach(env, 'noise.txt', res_model='crm.case', res_id=case.id)
    assert on_case.partner_id == agrolait
    assert on_case.title == 'Turbine noise'


def test_a_title_is_cut_to_sixty_characters(env):
    partner = env['res.partner'].create({'name': 'A' * 80})
    assert _attach(env, 'x.txt', res_model='res.partner', res_id=partner.id).title == 'A' * 60


def test_a_file_attached_to_nothing_is_titled_by_its_name(env):
    memo = _attach(env, 'memo.txt')
    assert memo.title == 'memo.txt' and not memo.partner_id and not memo.parent_id


def test_directory_and_record_come_from_the_context(env, agrolait):
    documents = env.ref('document.dir_root')
    Attachment = env['ir.attachment'].with_context(
        parent_id=documents.id, default_res_model='res.partner', default_res_id=agrolait.id)
    dropped = Attachment.create({'name': 'dropped.txt'})
    assert dropped.parent_id == documents
    assert (dropped.res_model, dropped.res_id) == ('res.partner', agrolait.id)
    assert dropped.partner_id == agrolait and dropped.title == 'Agrolait'
    assert dropped in documents.file_ids


def test_a_second_file_of_the_same_name_on_the_same_record_is_refused(env, agrolait):
    _attach(env, 'offer.odt', res_model='res.partner', res_id=agrolait.id)
    with pytest.raises(ValidationError, match='File name must be unique!'):
        _attach(env, 'offer.odt', res_model='res.partner', res_id=agrolait.id)
    other = env['res.partner'].create({'name': 'Camptocamp'})
    assert _attach(env, 'offer.odt', res_model='res.partner', res_id=other.id)
    assert _attach(env, 'offer.odt', res_model='res.partner', res_id=agrolait.id,
                   parent_id=env.ref('document.dir_root').id)


def test_a_second_file_of_the_same_name_in_a_directory_is_refused(env):
    documents = env.ref('document.dir_root')
    _attach(env, 'rules.txt', parent_id=documents.id)
    with pytest.raises(ValidationError, match='File name must be unique!'):
        _attach(env, 'rules.txt', parent_id=documents.id)
    first = _attach(env, 'other.txt', parent_id=documents.id)
    with pytest.raises(ValidationError, match='File name must be unique!'):
        first.write({'name': 'rules.txt'})


def test_copy_appends_copy_to_the_name(env, agrolait):
    offer = _attach(env, 'offer.odt', res_model='res.partner', res_id=agrolait.id)
    copy = offer.copy()
    assert copy.name == 'offer.odt (copy)'
    assert (copy.res_model, copy.res_id) == ('res.partner', agrolait.id)
    assert copy.datas == offer.datas


def test_files_of_a_group_are_hidden_from_the_others(env):
    secret = _attach(env, 'salaries.txt', group_ids=[(6, 0, [env.ref('base.group_system').id])])
    public = _attach(env, 'menu.txt')
    seen = env['ir.attachment'].with_user(env.ref('base.user_demo')).search(
        [('id', 'in', [secret.id, public.id])])
    assert seen == public


def test_creating_many_files_costs_no_query_per_file(env, agrolait, queries):
    def batch(count, prefix):
        return [{'name': '%s%d.txt' % (prefix, i), 'datas': base64.b64encode(b'x'),
                 'res_model': 'res.partner', 'res_id': agrolait.id} for i in range(count)]
    env['ir.attachment'].create(batch(2, 'warm'))
    with queries() as few:
        env['ir.attachment'].create(batch(2, 'few'))
    with queries() as many:
        env['ir.attachment'].create(batch(20, 'many'))
    assert many.count <= few.count + 2
