"""XML data files: what a module author writes and what ends up in the database.

The good file is ``tests/addons/test_data/data/test_data.xml`` (and its
upgrade variant ``test_data_v2.xml``); broken files are written per test.
"""
import os
import textwrap

import pytest

from framework.data import convert_file
from framework.exceptions import DataError, ModuleError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEST_DATA = os.path.join(ROOT, 'tests', 'addons', 'test_data', 'data')


def load(env, name, mode='init', idref=None):
    return convert_file(env, 'test_data', os.path.join(TEST_DATA, name), idref or {}, mode)


@pytest.fixture
def loaded_xmlids(env):
    """A clean ``registry.loaded_xmlids`` for the test (a new install/upgrade run)."""
    registry = env.registry
    registry.loaded_xmlids = set()
    yield registry.loaded_xmlids
    registry.loaded_xmlids = set()


@pytest.fixture
def test_data(env, loaded_xmlids):
    """The test_data addon's main XML file loaded as at install."""
    load(env, 'test_data.xml')
    return env


def write_addon_file(tmp_path, body, name='bad.xml'):
    """Write `body` as data/<name> of a throw-away addon 'test_bad' and return its path."""
    addon = tmp_path / 'test_bad'
    (addon / 'data').mkdir(parents=True, exist_ok=True)
    (addon / '__manifest__.py').write_text("{'name': 'bad', 'depends': ['base']}\n")
    path = addon / 'data' / name
    path.write_text(textwrap.dedent(body).lstrip())
    return str(path)


# ----------------------------------------------------------------------
# records, references, function, delete, shortcuts
# ----------------------------------------------------------------------

def test_records_are_created_with_their_values(test_data):
    env = test_data
    main = env.ref('test_data.partner_main')
    assert main.name == 'Main Company'
    assert main.credit_limit == 1000.5
    assert main.supplier is True
    assert '<b>best</b>' in main.comment
    assert sorted(main.category_id.mapped('name')) == ['Prospect', 'VIP']


def test_ref_and_search_fill_many2one_fields(test_data):
    env = test_data
    main = env.ref('test_data.partner_main')
    assert env.ref('test_data.partner_branch').parent_id == main
    assert env.ref('test_data.partner_branch').customer is False
    assert env.ref('test_data.partner_searched').parent_id == main


def test_every_record_gets_an_external_id(test_data):
    env = test_data
    model, res_id, noupdate = env['ir.model.data']._xmlid_lookup('test_data.partner_main')
    assert (model, res_id, noupdate) == ('res.partner', env.ref('test_data.partner_main').id, False)
    assert env['ir.model.data']._xmlid_lookup('test_data.partner_protected')[2] is True
    assert 'test_data.partner_main' in env.registry.loaded_xmlids


def test_function_tag_calls_the_model_method(test_data):
    env = test_data
    assert env['res.partner.category'].search_count([('name', '=', 'Made by a function')]) == 1


def test_delete_tag_removes_record_and_external_id(test_data):
    env = test_data
    assert env['res.partner'].search_count([('name', '=', 'Short-lived')]) == 0
    assert env.ref('test_data.partner_to_delete', raise_if_not_found=False) in (None, False)
    env.cr.execute("SELECT count(*) FROM ir_model_data WHERE module = 'test_data' AND name = 'partner_to_delete'")
    assert env.cr.fetchone()[0] == 0


def test_act_window_shortcut_creates_a_window_action(test_data):
    action = test_data.ref('test_data.action_partners')
    assert action._name == 'ir.actions.act_window'
    assert (action.name, action.res_model, action.view_mode) == ('Test Partners', 'res.partner', 'tree,form')
    assert action.domain == "[('customer', '=', True)]"
    assert action.context == "{'default_customer': 1}"
    assert (action.target, action.limit) == ('current', 40)


def test_menuitem_takes_the_action_name_and_parent(test_data):
    env = test_data
    root = env.ref('test_data.menu_root')
    menu = env.ref('test_data.menu_partners')
    action = env.ref('test_data.action_partners')
    assert menu.name == 'Test Partners'           # defaulted from the action
    assert menu.parent_id == root
    assert menu.sequence == 10
    assert menu.action == action


def test_openerp_root_and_value_types(env, tmp_path, loaded_xmlids):
    path = write_addon_file(tmp_path, """
        <?xml version="1.0"?>
        <openerp>
            <data>
                <record id="cat" model="res.partner.category">
                    <field name="name">Typed</field>
                </record>
                <record id="partner" model="res.partner">
                    <field name="name">Typed values</field>
                    <field name="credit_limit" type="float">12.5</field>
                    <field name="comment" type="xml"><link cat="%(cat)d"/></field>
                    <field name="ref" type="base64">abc</field>
                    <field name="customer" eval="False"/>
                    <field name="category_id" search="[('name', '=', 'Typed')]"/>
                </record>
            </data>
        </openerp>
    """)
    convert_file(env, 'test_bad', path)
    partner = env.ref('test_bad.partner')
    category = env.ref('test_bad.cat')
    assert partner.credit_limit == 12.5
    assert partner.comment == '<?xml version="1.0"?>\n<link cat="%d"/>' % category.id
    assert partner.ref == 'YWJj'
    assert partner.customer is False
    assert partner.category_id == category


def test_function_on_records_values_groups_and_nested_menus(env, tmp_path, loaded_xmlids):
    path = write_addon_file(tmp_path, """
        <odoo>
            <record id="partner" model="res.partner">
                <field name="name">Before function</field>
            </record>
            <function model="res.partner" name="write" eval="[[ref('partner')]]">
                <value eval="{'comment': 'written by a function'}"/>
            </function>
            <function model="res.partner" name="search">
                <value name="domain" eval="[('id', '=', ref('partner'))]"/>
            </function>
            <menuitem id="top" name="Top" groups="base.group_user,base.group_system">
                <menuitem id="nested" name="Nested" sequence="3"/>
            </menuitem>
            <menuitem id="top" name="Top" groups="-base.group_system"/>
        </odoo>
    """)
    convert_file(env, 'test_bad', path)
    assert env.ref('test_bad.partner').comment == 'written by a function'
    top = env.ref('test_bad.top')
    assert env.ref('test_bad.nested').parent_id == top
    assert top.groups_id == env.ref('base.group_user')


def test_ir_set_is_skipped_with_a_warning(env, tmp_path, loaded_xmlids, caplog):
    path = write_addon_file(tmp_path, """
        <openerp>
            <data>
                <ir_set>
                    <field name="key">action</field>
                </ir_set>
            </data>
        </openerp>
    """)
    convert_file(env, 'test_bad', path)
    assert '<ir_set> is not supported and was skipped' in caplog.text


def test_xml_field_with_several_roots_is_wrapped(env, tmp_path, loaded_xmlids):
    path = write_addon_file(tmp_path, """
        <odoo>
            <record id="p" model="res.partner">
                <field name="name">Two roots</field>
                <field name="comment" type="xml"><a/><b/></field>
            </record>
        </odoo>
    """)
    convert_file(env, 'test_bad', path)
    assert env.ref('test_bad.p').comment == '<?xml version="1.0"?>\n<data><a/><b/></data>'


def test_report_shortcut(env, tmp_path, loaded_xmlids):
    path = write_addon_file(tmp_path, """
        <odoo>
            <report id="report_partner" string="Partner Sheet" model="res.partner"
                    name="res.partner.sheet" rml="test_bad/report/partner.rml"/>
        </odoo>
    """)
    convert_file(env, 'test_bad', path)
    report = env.ref('test_bad.report_partner')
    assert (report.name, report.model, report.report_name) == ('Partner Sheet', 'res.partner', 'res.partner.sheet')
    assert report.report_file == 'test_bad/report/partner.rml'


# ----------------------------------------------------------------------
# upgrade: update mode, noupdate, vanished external ids
# ----------------------------------------------------------------------

def test_upgrade_updates_keeps_noupdate_and_removes_vanished(test_data, loaded_xmlids):
    env = test_data
    protected = env.ref('test_data.partner_protected')
    protected.write({'name': 'Renamed by a user'})
    vanishing = env.ref('test_data.partner_vanishing')
    loaded_xmlids.clear()                         # a new run starts

    load(env, 'test_data_v2.xml', mode='update')
    env['ir.model.data']._process_end(['test_data'])

    main = env.ref('test_data.partner_main')
    assert main.name == 'Main Company (renamed)'
    assert main.category_id.mapped('name') == ['VIP']
    assert protected.exists() and protected.name == 'Renamed by a user'
    assert not vanishing.exists()
    assert env.ref('test_data.partner_vanishing', raise_if_not_found=False) in (None, False)
    assert env.ref('test_data.menu_partners').exists()
    assert not loaded_xmlids                       # cleared for the next run


def test_upgrade_recreates_a_deleted_noupdate_record(test_data, loaded_xmlids):
    env = test_data
    env.ref('test_data.partner_protected').unlink()
    loaded_xmlids.clear()
    load(env, 'test_data_v2.xml', mode='update')
    assert env.ref('test_data.partner_protected').name == 'Protected Partner, changed in version 2'


# ----------------------------------------------------------------------
# errors: file, line and reason, in one sentence
# ----------------------------------------------------------------------

BROKEN_FILES = [
    ('unknown field', """
        <odoo>
            <record id="p" model="res.partner">
                <field name="nam">x</field>
            </record>
        </odoo>
    """, 3, "field 'nam' does not exist on model 'res.partner'"),
    ('unknown model', """
        <odoo>
            <record id="p" model="res.partnr">
                <field name="name">x</field>
            </record>
        </odoo>
    """, 2, "model 'res.partnr' does not exist"),
    ('bad ref', """
        <odoo>
            <record id="p" model="res.partner">
                <field name="name">x</field>
                <field name="parent_id" ref="nope"/>
            </record>
        </odoo>
    """, 4, "External ID not found in the system: test_bad.nope"),
    ('bad eval syntax', """
        <odoo>
            <record id="p" model="res.partner">
                <field name="name" eval="'unclosed"/>
            </record>
        </odoo>
    """, 3, "invalid Python expression"),
    ('unknown name in eval', """
        <odoo>
            <record id="p" model="res.partner">
                <field name="credit_limit" eval="undefined_name + 1"/>
            </record>
        </odoo>
    """, 3, "name 'undefined_name' is not defined"),
    ('forbidden eval', """
        <odoo>
            <function model="res.partner" name="search" eval="[().__class__]"/>
        </odoo>
    """, 2, "not allowed"),
    ('malformed xml', """
        <odoo>
            <record id="p" model="res.partner">
                <field name="name">x</field>
            </recrod>
        </odoo>
    """, 4, "malformed XML"),
    ('unknown tag', """
        <odoo>
            <recrod id="p" model="res.partner"/>
        </odoo>
    """, 2, "unknown element <recrod>"),
    ('wrong root', """
        <partners>
        </partners>
    """, 1, "the root element must be <odoo> or <openerp>"),
    ('unknown method', """
        <odoo>
            <function model="res.partner" name="no_such_method"/>
        </odoo>
    """, 2, "model 'res.partner' has no method 'no_such_method'"),
    ('menu with unknown action', """
        <odoo>
            <menuitem id="m" name="M" action="missing_action"/>
        </odoo>
    """, 2, "External ID not found in the system: test_bad.missing_action"),
]


@pytest.mark.parametrize('body,line,reason', [case[1:] for case in BROKEN_FILES],
                         ids=[case[0] for case in BROKEN_FILES])
def test_broken_file_names_file_line_and_reason(env, tmp_path, loaded_xmlids, body, line, reason):
    path = write_addon_file(tmp_path, body)
    with pytest.raises(DataError) as info:
        convert_file(env, 'test_bad', path)
    error = info.value
    assert error.line == line
    assert error.filename.endswith(os.path.join('test_bad', 'data', 'bad.xml'))
    assert reason in error.message
    assert str(error).startswith('%s, line %d: ' % (error.filename, line))


def test_missing_file_is_a_data_error(env, tmp_path):
    with pytest.raises(DataError, match='data file not found'):
        convert_file(env, 'test_bad', str(tmp_path / 'nowhere.xml'))


def test_display_name_of_a_repository_file_is_relative(env, loaded_xmlids, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    broken = os.path.join(ROOT, 'tests', 'addons', 'test_broken_data', 'data', 'broken.xml')
    with pytest.raises(DataError) as info:
        convert_file(env, 'test_broken_data', broken)
    assert str(info.value) == ("tests/addons/test_broken_data/data/broken.xml, line 7: "
                               "field 'nam' does not exist on model 'res.partner'")


# ----------------------------------------------------------------------
# through the module loader
# ----------------------------------------------------------------------

def _snapshot(dbname):
    from framework.db import db_connect
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT count(*) FROM res_partner")
        partners = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM ir_model_data")
        xmlids = cr.fetchone()[0]
        cr.execute("SELECT name, state FROM ir_module_module WHERE name = 'test_broken_data'")
        state = cr.fetchall()
    return partners, xmlids, state


def test_installing_a_broken_addon_fails_and_changes_nothing(fresh_db):
    from framework.modules.loading import load_modules
    dbname = fresh_db()
    before = _snapshot(dbname)
    with pytest.raises((ModuleError, DataError)) as info:
        load_modules(dbname, init=['test_broken_data'])
    message = str(info.value)
    assert 'test_broken_data' in message and os.path.join('data', 'broken.xml') in message
    assert 'line 7' in message
    assert "field 'nam' does not exist on model 'res.partner'" in message
    assert _snapshot(dbname) == before


def test_installing_the_test_data_addon(fresh_db):
    from framework.db import db_connect
    from framework.modules.loading import load_modules
    dbname = fresh_db()
    load_modules(dbname, init=['test_data'])
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT p.name FROM ir_model_data d JOIN res_partner p ON p.id = d.res_id"
                   " WHERE d.module = 'test_data' AND d.name = 'partner_main'")
        assert cr.fetchall() == [('Main Company',)]
        cr.execute("SELECT count(*) FROM ir_model_data WHERE module = 'test_data' AND name LIKE 'category_csv%%'")
        assert cr.fetchone()[0] == 2


def _xmlids(dbname, module):
    from framework.db import db_connect
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT name, model, res_id FROM ir_model_data WHERE module = %s ORDER BY name", [module])
        return cr.fetchall()


def test_upgrading_keeps_every_loaded_record(fresh_db):
    from framework.modules.loading import load_modules
    dbname = fresh_db()
    load_modules(dbname, init=['test_data'])
    before = {module: _xmlids(dbname, module) for module in ('base', 'test_data')}
    load_modules(dbname, update=['base'])
    after = {module: _xmlids(dbname, module) for module in ('base', 'test_data')}
    assert after == before
