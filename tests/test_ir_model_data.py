"""External ids (``ir.model.data``): look-up, set-based registration, load, upgrade clean-up, uninstall."""
import pytest


@pytest.fixture
def imd(env):
    env.registry.loaded_xmlids = set()
    yield env['ir.model.data']
    env.registry.loaded_xmlids = set()


def test_lookup_of_an_unknown_xmlid_says_so(imd):
    with pytest.raises(ValueError, match='External ID not found in the system: test_imd.nothing'):
        imd._xmlid_lookup('test_imd.nothing')
    assert imd._xmlid_to_res_id('test_imd.nothing') is False
    with pytest.raises(ValueError):
        imd._xmlid_to_res_id('test_imd.nothing', raise_if_not_found=True)


def test_env_ref_finds_a_registered_record(env, imd):
    partner = env['res.partner'].create({'name': 'Named'})
    imd._update_xmlids([{'xml_id': 'test_imd.named', 'record': partner}])
    assert imd._xmlid_lookup('test_imd.named') == ('res.partner', partner.id, False)
    assert imd._xmlid_to_res_id('test_imd.named') == partner.id
    assert env.ref('test_imd.named') == partner


def test_update_xmlids_is_one_statement_for_many_rows(env, imd):
    partners = env['res.partner'].create([{'name': 'P%d' % i} for i in range(50)])
    env.flush_all()
    before = env.cr.sql_count
    imd._update_xmlids([{'xml_id': 'test_imd.p%d' % i, 'record': p} for i, p in enumerate(partners)])
    assert env.cr.sql_count - before <= 2
    assert imd._xmlid_to_res_id('test_imd.p49') == partners[49].id
    assert 'test_imd.p0' in env.registry.loaded_xmlids


def test_update_mode_does_not_repoint_a_noupdate_xmlid(env, imd):
    first, second = env['res.partner'].create([{'name': 'First'}, {'name': 'Second'}])
    imd._update_xmlids([{'xml_id': 'test_imd.fixed', 'record': first, 'noupdate': True}])
    imd._update_xmlids([{'xml_id': 'test_imd.fixed', 'record': second}], update=True)
    assert imd._xmlid_to_res_id('test_imd.fixed') == first.id
    imd._update_xmlids([{'xml_id': 'test_imd.fixed', 'record': second}])
    assert imd._xmlid_to_res_id('test_imd.fixed') == second.id


def test_load_record_creates_then_updates(imd):
    record = imd._load_record('res.partner', 'test_imd.loaded', {'name': 'v1'})
    again = imd._load_record('res.partner', 'test_imd.loaded', {'name': 'v2'}, mode='update')
    assert again == record and record.name == 'v2'
    assert 'test_imd.loaded' in imd.env.registry.loaded_xmlids


def test_load_record_in_update_mode_leaves_noupdate_records_alone(imd):
    record = imd._load_record('res.partner', 'test_imd.kept', {'name': 'original'}, noupdate=True)
    record.write({'name': 'changed by a user'})
    imd.env.registry.loaded_xmlids.clear()
    same = imd._load_record('res.partner', 'test_imd.kept', {'name': 'from file'}, noupdate=True, mode='update')
    assert same == record and record.name == 'changed by a user'
    assert 'test_imd.kept' in imd.env.registry.loaded_xmlids
    # at install time (init) the file wins
    imd._load_record('res.partner', 'test_imd.kept', {'name': 'from file'}, noupdate=True, mode='init')
    assert record.name == 'from file'


def test_load_record_refuses_an_xmlid_of_another_model(imd):
    imd._load_record('res.partner', 'test_imd.typed', {'name': 'partner'})
    with pytest.raises(ValueError, match="already names a record of model 'res.partner'"):
        imd._load_record('res.partner.category', 'test_imd.typed', {'name': 'category'})


def test_process_end_removes_records_whose_xmlid_vanished(env, imd):
    stays = imd._load_record('res.partner', 'test_imd.stays', {'name': 'stays'})
    goes = imd._load_record('res.partner', 'test_imd.goes', {'name': 'goes'})
    protected = imd._load_record('res.partner', 'test_imd.protected', {'name': 'noupdate'}, noupdate=True)
    shared = imd._load_record('res.partner', 'test_imd.shared', {'name': 'shared'})
    imd._update_xmlids([{'xml_id': 'other_module.shared', 'record': shared}])
    env.registry.loaded_xmlids.clear()
    imd._load_record('res.partner', 'test_imd.stays', {'name': 'stays'}, mode='update')

    imd._process_end(['test_imd'])

    assert stays.exists() and not goes.exists()
    assert protected.exists()                      # noupdate records are not removed
    assert shared.exists()                         # still named by another module
    assert imd._xmlid_to_res_id('test_imd.shared') is False
    assert imd._xmlid_to_res_id('test_imd.goes') is False
    assert imd._xmlid_to_res_id('other_module.shared') == shared.id


def test_module_data_uninstall_removes_the_module_records_newest_first(env, imd):
    parent = imd._load_record('ir.ui.menu', 'test_imd.menu_parent', {'name': 'Parent'})
    # ondelete='restrict' on parent_id: the child must go first
    child = imd._load_record('ir.ui.menu', 'test_imd.menu_child', {'name': 'Child', 'parent_id': parent.id})
    partner = imd._load_record('res.partner', 'test_imd.partner', {'name': 'Uninstalled'}, noupdate=True)
    other = imd._load_record('res.partner', 'other_module.partner', {'name': 'Not mine'})

    imd._module_data_uninstall(['test_imd'])

    assert not (parent.exists() or child.exists() or partner.exists())
    assert other.exists()
    env.cr.execute("SELECT count(*) FROM ir_model_data WHERE module = 'test_imd'")
    assert env.cr.fetchone()[0] == 0
