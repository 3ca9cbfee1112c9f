"""CSV import and export: ``Model.load``, ``export_data``, ``copy_load`` and CSV data files.

Each test states what a person importing a spreadsheet sees: the records,
their external ids, or one message per bad cell and nothing written.
"""
import os

import pytest

from framework.data import convert_file
from framework.exceptions import DataError
from framework.orm.import_export import copy_load, export_data, load

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEST_DATA = os.path.join(ROOT, 'tests', 'addons', 'test_data', 'data')


def errors(result):
    return [m for m in result['messages'] if m['type'] == 'error']


@pytest.fixture
def partners(env):
    return env['res.partner']


@pytest.fixture
def categories(env):
    Category = env['res.partner.category']
    return {name: Category.create({'name': name}) for name in ('Zircon Tier', 'Quartz Tier')}


def test_load_creates_records_with_typed_values(partners, categories):
    result = load(partners, ['name', 'customer', 'credit_limit', 'date', 'category_id'], [
        ['Alpha', 'yes', '150.25', '2024-03-01', 'Zircon Tier,Quartz Tier'],
        ['Beta', '0', '', '', 'Quartz Tier'],
    ])
    assert errors(result) == []
    alpha, beta = partners.browse(result['ids'])
    assert (alpha.name, alpha.customer, alpha.credit_limit) == ('Alpha', True, 150.25)
    assert str(alpha.date) == '2024-03-01'
    assert sorted(alpha.category_id.mapped('name')) == ['Quartz Tier', 'Zircon Tier']
    assert (beta.customer, beta.credit_limit, beta.date) == (False, 0.0, False)
    assert beta.category_id.mapped('name') == ['Quartz Tier']


def test_id_column_creates_import_external_ids_and_updates_on_reimport(env, partners):
    first = load(partners, ['id', 'name'], [['imp_alpha', 'Alpha']])
    model, res_id, _noupdate = env['ir.model.data']._xmlid_lookup('__import__.imp_alpha')
    assert (model, res_id) == ('res.partner', first['ids'][0])
    second = load(partners, ['id', 'name'], [['imp_alpha', 'Alpha v2']])
    assert second['ids'] == first['ids']
    assert partners.browse(first['ids']).name == 'Alpha v2'


def test_many2one_by_external_id_database_id_and_name(env, partners):
    parent = load(partners, ['id', 'name'], [['imp_parent', 'Parent Co']])['ids'][0]
    result = load(partners, ['name', 'parent_id/id'], [['By xmlid', 'imp_parent']])
    assert partners.browse(result['ids']).parent_id.id == parent
    result = load(partners, ['name', 'parent_id:id'], [['By old syntax', '__import__.imp_parent']])
    assert partners.browse(result['ids']).parent_id.id == parent
    result = load(partners, ['name', 'parent_id/.id'], [['By db id', str(parent)]])
    assert partners.browse(result['ids']).parent_id.id == parent
    result = load(partners, ['name', 'parent_id'], [['By name', 'Parent Co']])
    assert partners.browse(result['ids']).parent_id.id == parent


def test_dot_id_column_updates_an_existing_record(partners):
    record = partners.create({'name': 'Before'})
    result = load(partners, ['.id', 'name'], [[str(record.id), 'After']])
    assert result['ids'] == [record.id]
    assert record.name == 'After'


def test_selection_by_value_or_label(env):
    actions = env['ir.actions.act_window']
    result = load(actions, ['name', 'res_model', 'target'], [
        ['By value', 'res.partner', 'new'],
        ['By label', 'res.partner', 'Current Window'],
    ])
    assert errors(result) == []
    assert actions.browse(result['ids']).mapped('target') == ['new', 'current']


def test_one_bad_cell_means_nothing_is_written(partners):
    before = partners.search_count([])
    result = load(partners, ['name', 'credit_limit', 'customer', 'date'], [
        ['Good', '1', 'yes', '2024-01-01'],
        ['Bad number', 'lots', 'yes', ''],
        ['Bad boolean and date', '2', 'perhaps', '01/02/2024'],
    ])
    assert result['ids'] is False
    assert [(m['record'], m['field']) for m in errors(result)] == [
        (1, 'credit_limit'), (2, 'customer'), (2, 'date')]
    assert errors(result)[0]['message'] == "'lots' is not a number for field 'Credit Limit'"
    assert errors(result)[0]['rows'] == {'from': 1, 'to': 1}
    assert partners.search_count([]) == before


def test_unknown_and_ambiguous_names_are_errors(partners):
    partners.create([{'name': 'Twin'}, {'name': 'Twin'}])
    result = load(partners, ['name', 'parent_id'], [['A', 'Nobody'], ['B', 'Twin']])
    assert result['ids'] is False
    first, second = errors(result)
    assert first['message'] == "No 'res.partner' record named 'Nobody' for field 'Main Company'"
    assert second['message'].startswith("Several 'res.partner' records are named 'Twin'")


def test_unknown_column_is_reported(partners):
    result = load(partners, ['name', 'nam'], [['A', 'B']])
    assert result['ids'] is False
    assert errors(result)[0]['message'] == "Unknown field 'nam' on model 'res.partner' (column 2)"


def test_database_refusal_names_the_row_and_writes_nothing(partners):
    before = partners.search_count([])
    result = load(partners, ['name', 'ref'], [['Fine', 'a'], ['', 'missing name']])
    assert result['ids'] is False
    assert [m['record'] for m in errors(result)] == [1]
    assert partners.search_count([]) == before


def test_one2many_columns_are_skipped_with_a_warning(partners):
    result = load(partners, ['name', 'address/name'], [['With contact', 'John']])
    assert errors(result) == []
    assert [m['type'] for m in result['messages']] == ['warning']
    assert partners.browse(result['ids']).name == 'With contact'


def test_new_rows_are_created_in_one_batch(env, partners):
    load(partners, ['name'], [['warm-up']])
    rows = [['Batch %d' % i, str(i)] for i in range(300)]
    before = env.cr.sql_count
    result = load(partners, ['name', 'credit_limit'], rows)
    env.flush_all()
    assert len(result['ids']) == 300
    assert env.cr.sql_count - before < 20


def test_export_then_import_round_trip(env, partners, categories):
    parent = partners.create({'name': 'Exported Parent'})
    child = partners.create({'name': 'Exported Child', 'parent_id': parent.id, 'customer': False,
                             'credit_limit': 12.5, 'category_id': [(6, 0, [categories['Zircon Tier'].id])]})
    header = ['id', 'name', 'parent_id/id', 'customer', 'credit_limit', 'category_id', 'parent_id']
    datas = export_data(child, header)['datas']
    assert len(datas) == 1
    xmlid, name, parent_xmlid, customer, credit, category, parent_name = datas[0]
    assert xmlid.startswith('__export__.res_partner_%d_' % child.id)
    assert parent_xmlid.startswith('__export__.res_partner_%d_' % parent.id)
    assert (name, customer, credit, category, parent_name) == (
        'Exported Child', False, 12.5, 'Zircon Tier', 'Exported Parent')
    # the same external id on a second export
    assert export_data(child, ['id'])['datas'] == [[xmlid]]
    # importing the export updates the same record
    row = [str(v) if not isinstance(v, bool) else ('1' if v else '0') for v in datas[0]]
    row[1] = 'Re-imported Child'
    result = load(partners, header[:-1], [row[:-1]])
    assert errors(result) == []
    assert result['ids'] == [child.id]
    assert child.name == 'Re-imported Child'


# ----------------------------------------------------------------------
# COPY fast path
# ----------------------------------------------------------------------

def count_copies(monkeypatch, cr):
    """Count the COPY statements sent on `cr`."""
    calls = []
    original = cr.copy_from

    def copy_from(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)
    monkeypatch.setattr(cr, 'copy_from', copy_from)
    return calls


def test_large_load_uses_copy(env, partners, monkeypatch):
    copies = count_copies(monkeypatch, env.cr)
    rows = [['copy_%d' % i, 'Copied %d' % i, str(i), 'yes' if i % 2 else 'no', '2024-02-0%d' % (i % 9 + 1)]
            for i in range(500)]
    before = env.cr.sql_count
    result = load(partners, ['id', 'name', 'credit_limit', 'customer', 'date'], rows)
    assert errors(result) == []
    assert len(copies) == 1
    assert env.cr.sql_count - before < 15
    records = partners.browse(result['ids'])
    assert records[3].name == 'Copied 3' and records[3].credit_limit == 3.0 and records[3].customer is True
    assert str(records[4].date) == '2024-02-05'
    assert records[0].active is True                     # default of a missing column
    assert records[0].create_uid.id == env.uid
    assert env.ref('__import__.copy_7') == records[7]


def test_copy_load_reports_bad_cells_like_load(partners):
    result = copy_load(partners, ['name', 'credit_limit'], [['A', 'x']])
    assert result['ids'] is False
    assert errors(result)[0]['message'] == "'x' is not a number for field 'Credit Limit'"


def test_models_with_python_checks_are_not_copied(env, monkeypatch):
    copies = count_copies(monkeypatch, env.cr)
    result = load(env['test.orm.order'], ['name', 'priority'], [['IMP%d' % i, '1'] for i in range(150)])
    assert errors(result) == [] and len(result['ids']) == 150
    assert copies == []
    result = load(env['test.orm.order'], ['name', 'priority'], [['NEG%d' % i, '-1'] for i in range(150)])
    assert result['ids'] is False


# ----------------------------------------------------------------------
# CSV data files
# ----------------------------------------------------------------------

def test_csv_data_file_loads_with_module_external_ids(env):
    convert_file(env, 'test_data', os.path.join(TEST_DATA, 'res.partner.category.csv'))
    child = env.ref('test_data.category_csv_child')
    assert child.name == 'Child from CSV'
    assert child.parent_id == env.ref('test_data.category_csv_parent')


def test_csv_data_file_error_names_the_line(env, tmp_path):
    path = tmp_path / 'res.partner.csv'
    path.write_text('id,name,credit_limit\np1,One,1\n\np2,Two,two\n')
    with pytest.raises(DataError) as info:
        convert_file(env, 'test_data', str(path))
    assert info.value.line == 4
    assert str(info.value).endswith("line 4: 'two' is not a number for field 'Credit Limit'")
    assert env['res.partner'].search_count([('name', '=', 'One')]) == 0


def test_csv_file_of_an_unknown_model(env, tmp_path):
    path = tmp_path / 'res.partnr.csv'
    path.write_text('id,name\np1,One\n')
    with pytest.raises(DataError, match="model 'res.partnr' .* does not exist"):
        convert_file(env, 'test_data', str(path))
