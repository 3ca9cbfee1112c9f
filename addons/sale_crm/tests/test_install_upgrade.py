"""`-i sale_crm` on a database with only base pulls in product, sale and crm; `-u sale_crm` is clean."""
import pytest

from tests.installed import run_committed

COUNTED = ['sale.order', 'sale.order.line', 'sale.shop', 'product.product', 'product.uom', 'ir.ui.view',
           'ir.ui.menu', 'ir.actions.act_window', 'ir.actions.report', 'ir.values', 'ir.sequence',
           'workflow', 'workflow.activity', 'workflow.transition', 'res.request.link',
           'res.partner.event.type', 'ir.model.access', 'crm.case']


def counts(env):
    return {model: env[model].with_context(active_test=False).search_count([]) for model in COUNTED}


@pytest.fixture(scope='module')
def base_only_then_sale_crm(pg_server):
    """A new database with base only, then ``-i sale_crm``; yields its name and the install order."""
    import uuid

    from framework.db import admin
    from framework.modules.loading import load_modules
    from tests.installed import drop
    name = 'test_sale_crm_install_%s' % uuid.uuid4().hex[:8]
    admin.create_db(name)
    load_modules(name, init=['base'], demo=True)
    installed = run_committed(name, lambda env: set(env['ir.module.module'].search(
        [('state', '=', 'installed')]).mapped('name')))
    assert installed == {'base'}
    load_modules(name, init=['sale_crm'], demo=True)
    yield name
    drop(name)


def test_install_pulls_in_the_dependencies_in_order(base_only_then_sale_crm):
    def check(env):
        modules = env['ir.module.module'].search([('name', 'in', ['product', 'sale', 'crm', 'sale_crm'])])
        assert {module.name: module.state for module in modules} == dict.fromkeys(
            ['product', 'sale', 'crm', 'sale_crm'], 'installed')
        # dependency order: each module's data is loaded after its dependencies' (ids grow)
        first = {}
        for module in ('base', 'product', 'sale', 'crm', 'sale_crm'):
            data = env['ir.model.data'].search([('module', '=', module)], order='id', limit=1)
            first[module] = data.id
        assert first['product'] < first['sale'] < first['sale_crm']
        assert first['crm'] < first['sale_crm']
        assert env.ref('sale_crm.action_crm_make_order').res_model == 'crm.case.make_order'
        assert env.ref('product.product_laptop').list_price == 1200.0
        assert env.ref('sale.order_camptocamp').state == 'manual'
    run_committed(base_only_then_sale_crm, check)


def test_upgrade_twice_is_clean(base_only_then_sale_crm):
    from framework.modules.loading import load_modules

    def customize(env):
        env.ref('sale.seq_sale_order').write({'prefix': 'Q'})               # noupdate data: kept
        env.ref('sale.view_order_tree').write({'arch': '<tree string="Mine"><field name="name"/></tree>'})
        return counts(env)
    before = run_committed(base_only_then_sale_crm, customize)

    load_modules(base_only_then_sale_crm, update=['sale_crm'])
    load_modules(base_only_then_sale_crm, update=['sale', 'product', 'sale_crm'])

    def check(env):
        assert counts(env) == before
        assert env.ref('sale.seq_sale_order').prefix == 'Q'
        assert 'amount_untaxed' in env.ref('sale.view_order_tree').arch       # views come back
        form = env['crm.case'].fields_view_get(view_type='form')['arch']
        assert 'Convert to Quote' in form
        paths = [m for m in env['ir.ui.menu'].search([]).mapped('complete_name') if m.startswith('Sales')]
        assert len(paths) == len(set(paths)) and 'Sales/Sales/Sales Orders' in paths
    run_committed(base_only_then_sale_crm, check)


def test_odoo_bin_installs_and_upgrades_sale_crm(pg_server):
    """As a user runs it: ``odoo-bin -i base`` then ``-i sale_crm`` then ``-u sale_crm``."""
    import os

    from framework.db import admin
    from tests.test_cli import odoo_bin
    flags = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432)]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    name = f'test_{os.getpid()}_cli_sale_crm'
    try:
        for step in (['-i', 'base'], ['-i', 'sale_crm'], ['-u', 'sale_crm']):
            result = odoo_bin('-d', name, *step, '--stop-after-init', *flags, timeout=300)
            assert result.returncode == 0, result.stderr
            assert 'Traceback' not in result.stderr
        result = odoo_bin('shell', '-d', name, *flags, stdin=(
            "print(sorted(m.name for m in env['ir.module.module'].search([('state', '=', 'installed')])))\n"))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "['base', 'crm', 'product', 'sale', 'sale_crm']"
    finally:
        if admin.exists(name):
            admin.drop_db(name)
