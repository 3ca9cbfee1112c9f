"""`-i crm` then `-u crm` on a fresh database: no error, no duplicate, user-changed noupdate data kept."""
import pytest

COUNTED = ['crm.case.section', 'crm.case.categ', 'crm.case.rule', 'crm.case', 'crm.case.history',
           'crm.case.log', 'ir.ui.menu', 'ir.ui.view', 'ir.actions.act_window', 'ir.actions.report',
           'ir.values', 'res.partner.event.type', 'res.request.link', 'ir.cron', 'res.groups',
           'ir.model.access', 'res.partner.event']


@pytest.fixture(scope='module')
def installed_db(pg_server):
    """A new database where only ``crm`` (and base) was installed, with demo data."""
    import uuid
    from framework.db import admin
    from framework.modules.loading import load_modules
    from framework.orm.registry import Registry
    name = 'test_crm_install_%s' % uuid.uuid4().hex[:8]
    admin.create_db(name)
    load_modules(name, init=['crm'], demo=True)
    yield name
    Registry.delete(name)
    if admin.exists(name):
        admin.drop_db(name)


def run(db, work):
    """Run ``work(env)`` as superuser in a committed transaction of `db`; return its result."""
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(db)
    with db_connect(db).cursor() as cr:
        result = work(Environment(cr, 1, {'active_test': False}, registry=registry))
        cr.commit()
    return result


def counts(env):
    return {model: env[model].with_context(active_test=False).search_count([]) for model in COUNTED}


def test_install_loads_data_and_demo(installed_db):
    def check(env):
        assert env['ir.module.module'].search([('name', '=', 'crm')]).state == 'installed'
        assert env.ref('crm.section_support').code == 'support'
        assert env.ref('crm.section_support1').parent_id == env.ref('crm.section_support')
        keys = env['res.partner.event.type'].search([('key', 'like', 'crm_case_%')]).mapped('key')
        assert sorted(keys) == sorted('crm_case_' + k for k in ('draft', 'open', 'pending', 'done', 'cancel'))
        assert env['res.request.link'].search([('object', '=', 'crm.case')])
        assert env.ref('crm.case_printer').history_line
        assert env.ref('crm.case_printer').email_last
        assert env.ref('crm.rule_support_ack').act_mail_body.count('%(case_id)s') == 2
    run(installed_db, check)


def test_upgrade_twice_creates_no_duplicates_and_keeps_user_changes(installed_db):
    from framework.modules.loading import load_modules

    def customize(env):
        env.ref('crm.event_type_crm_case_open').write({'active': False})       # noupdate data
        env.ref('crm.section_support').write({'name': 'Helpdesk'})             # noupdate demo
        env.ref('crm.crm_case_tree-view').write({'arch': '<tree string="Mine"><field name="name"/></tree>'})
        return counts(env)
    before = run(installed_db, customize)

    load_modules(installed_db, update=['crm'])
    load_modules(installed_db, update=['crm'])

    def check(env):
        assert counts(env) == before
        assert not env.ref('crm.event_type_crm_case_open').active
        assert env.ref('crm.section_support').name == 'Helpdesk'
        # views are not noupdate: the module's arch comes back
        assert 'planned_revenue' in env.ref('crm.crm_case_tree-view').arch
        paths = [path for path in env['ir.ui.menu'].search([]).mapped('complete_name')
                 if path.startswith('CRM & SRM')]
        assert len(paths) == len(set(paths)) == 18
    run(installed_db, check)
