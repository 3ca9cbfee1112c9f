"""Installing, upgrading and failing to install addons, on real databases."""
import pytest

from framework.api import Environment
from framework.db import db_connect
from framework.exceptions import ModuleError
from framework.modules.loading import load_modules


def run(dbname, code):
    """Run `code(env)` in its own committed transaction and return its result."""
    from framework.orm.registry import Registry
    registry = Registry.open(dbname)
    cr = db_connect(dbname).cursor()
    try:
        result = code(Environment(cr, 1, {}, registry=registry))
        cr.commit()
        return result
    finally:
        cr.close()


def count_tables(dbname):
    cr = db_connect(dbname).cursor()
    try:
        cr.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cr.fetchone()[0]
    finally:
        cr.close()


def test_install_base_on_empty_database(fresh_db):
    name = fresh_db(empty=True)
    load_modules(name, init=['base'], demo=False)

    def check(env):
        admin = env.ref('base.user_admin')
        assert admin.id == 2 and admin.login == 'admin'
        assert env.ref('base.user_root').id == 1
        env.cr.execute('SELECT password FROM res_users WHERE id = 2')
        assert env.cr.fetchone()[0].startswith('$pbkdf2-sha512$')
        assert env['ir.module.module'].search([('name', '=', 'base')]).state == 'installed'
        model = env.ref('base.model_res_partner')
        assert model.model == 'res.partner'
        assert env['ir.model.fields'].search_count([('model', '=', 'res.partner'), ('name', '=', 'name')]) == 1
        assert not env['res.partner'].search([('name', '=', 'Agrolait')])     # no demo
    run(name, check)


def test_upgrade_twice_creates_no_duplicates(fresh_db):
    name = fresh_db()
    before = run(name, lambda env: (env['res.partner'].with_context(active_test=False).search_count([]),
                                    env['ir.model.data'].search_count([])))
    load_modules(name, update=['base'])
    load_modules(name, update=['all'])
    after = run(name, lambda env: (env['res.partner'].with_context(active_test=False).search_count([]),
                                   env['ir.model.data'].search_count([])))
    assert before == after


def test_upgrade_keeps_noupdate_changes_and_restores_others(fresh_db):
    name = fresh_db()

    def change(env):
        env.ref('base.res_partner_agrolait').name = 'Agrolait (edited by a user)'
        env.ref('base.group_user').name = 'Renamed group'
    run(name, change)
    load_modules(name, update=['base'])
    names = run(name, lambda env: (env.ref('base.res_partner_agrolait').name,
                                   env.ref('base.group_user').name))
    assert names == ('Agrolait (edited by a user)', 'Employee')


def test_broken_data_file_rolls_back_everything(fresh_db):
    name = fresh_db()
    tables = count_tables(name)
    with pytest.raises(ModuleError) as info:
        load_modules(name, init=['test_broken_data'])
    message = str(info.value)
    assert 'broken.xml, line' in message
    assert 'nothing was changed' in message
    assert count_tables(name) == tables
    state = run(name, lambda env: env['ir.module.module'].search(
        [('name', '=', 'test_broken_data')]).state)
    assert state in (False, 'uninstalled')


def test_unknown_module_is_named(fresh_db):
    name = fresh_db()
    with pytest.raises(ModuleError, match="Module 'no_such_addon' is not available"):
        load_modules(name, init=['no_such_addon'])


def test_dependencies_install_first_and_dependents_upgrade(fresh_db):
    name = fresh_db(empty=True)
    registry = load_modules(name, init=['test_orm'], demo=False)
    assert registry.loaded_modules == ['base', 'test_orm']
    states = run(name, lambda env: dict(env['ir.module.module'].search([]).mapped(
        lambda m: (m.name, m.state))))
    assert states['base'] == 'installed' and states['test_orm'] == 'installed'
    registry = load_modules(name, update=['base'])
    assert 'test.orm.order' in registry


def test_uninstall_removes_data_tables_and_columns(fresh_db):
    name = fresh_db()                       # base + test_orm + test data from the template
    tables = count_tables(name)
    registry = load_modules(name, uninstall=['test_orm'])
    assert 'test.orm.order' not in registry
    assert 'orm_loyalty' not in registry['res.partner']._fields
    assert count_tables(name) < tables

    def check(env):
        env.cr.execute("SELECT count(*) FROM information_schema.columns "
                       "WHERE table_name = 'res_partner' AND column_name = 'orm_loyalty'")
        assert env.cr.fetchone()[0] == 0
        assert not env['ir.model'].search([('model', '=', 'test.orm.order')])
        assert env['ir.module.module'].search([('name', '=', 'test_orm')]).state == 'uninstalled'
    run(name, check)
    load_modules(name, init=['test_orm'])   # and it can come back
    assert run(name, lambda env: env['res.partner'].browse(2).orm_loyalty) == 5


def test_upgrade_adds_new_columns(fresh_db, monkeypatch):
    from framework import fields
    from addons.test_orm.models.order import OrderLine
    name = fresh_db()
    monkeypatch.setattr(OrderLine, 'discount', fields.Float('Discount', default=2.5), raising=False)
    OrderLine.discount.__set_name__(OrderLine, 'discount')
    try:
        load_modules(name, update=['test_orm'])
        assert run(name, lambda env: env['test.orm.line'].create(
            {'order_id': env['test.orm.order'].create({'name': 'U'}).id}).discount) == 2.5
    finally:
        from framework.orm.registry import Registry
        Registry.delete(name)
