"""Access rights (ir.model.access): who may read, write, create or delete a model."""
import pytest

from framework.exceptions import AccessError

RESOLUTION = 'Contact your administrator to request access if necessary.'


def test_employee_reads_but_may_not_create(env, employee):
    Note = env['test.security.note'].with_user(employee)
    assert Note.search_count([]) == 0
    with pytest.raises(AccessError) as info:
        Note.create({'name': 'Nope'})
    assert str(info.value) == (
        "You are not allowed to create 'Security Note' (test.security.note) records. "
        "This operation is allowed for the following groups: Manager. " + RESOLUTION)


def test_employee_may_not_write_or_delete(env, employee, notes):
    mine = notes['mine'].with_user(employee)
    with pytest.raises(AccessError, match="not allowed to modify 'Security Note'"):
        mine.write({'name': 'Changed'})
    with pytest.raises(AccessError, match="not allowed to delete 'Security Note'"):
        mine.unlink()
    assert notes['mine'].name == 'Mine'


def test_user_without_group_may_not_even_search(env, portal):
    Note = env['test.security.note'].with_user(portal)
    expected = ("You are not allowed to read 'Security Note' (test.security.note) records. "
                "This operation is allowed for the following groups: Employee, Manager. " + RESOLUTION)
    for call in (lambda: Note.search([]), lambda: Note.search_count([]),
                 lambda: Note.name_search('x'), lambda: Note.read_group([], ['name'], ['user_id'])):
        with pytest.raises(AccessError) as info:
            call()
        assert str(info.value) == expected


def test_model_without_any_access_line_is_refused_to_everybody_but_the_superuser(env, make_user):
    admin = env.ref('base.user_admin')
    with pytest.raises(AccessError, match='No group currently allows this operation'):
        env['test.orm.tag'].with_user(admin).search([])      # test_orm ships no access lines
    assert env['test.orm.tag'].search([]) is not None


def test_manager_has_full_rights_through_implied_employee(env, manager):
    Note = env['test.security.note'].with_user(manager)
    note = Note.create({'name': 'Managed', 'user_id': manager.id})
    note.write({'name': 'Managed well'})
    assert note.name == 'Managed well'
    note.unlink()
    assert manager.has_group('base.group_user')
    assert env.ref('base.group_user') in manager.all_group_ids


def test_a_new_access_line_applies_at_once(env, employee, notes):
    mine = notes['mine'].with_user(employee)
    with pytest.raises(AccessError):
        mine.write({'name': 'Changed'})
    env['ir.model.access'].create({
        'name': 'employees write notes', 'model_id': env.ref('test_security.model_test_security_note').id,
        'group_id': env.ref('base.group_user').id, 'perm_read': True, 'perm_write': True})
    mine.write({'name': 'Changed'})
    assert notes['mine'].name == 'Changed'


def test_joining_a_group_applies_at_once(env, portal):
    Note = env['test.security.note'].with_user(portal)
    with pytest.raises(AccessError):
        Note.search([])
    portal.write({'groups_id': [(4, env.ref('base.group_manager').id)]})
    assert Note.search([]) is not None


def test_superuser_and_sudo_bypass_everything(env, portal, notes):
    assert env['test.security.note'].search_count([]) >= 2
    assert env['test.security.note'].with_user(portal).sudo().search_count([]) >= 2


def test_admin_is_in_settings_and_reads_base_data(env):
    admin = env.ref('base.user_admin')
    assert admin.has_group('base.group_system')
    assert admin.has_group('base.group_erp_manager')
    assert admin.has_group('base.group_user')
    assert env['res.partner'].with_user(admin).search_count([]) > 0
    assert not admin.has_group('base.no_such_group')


def test_employee_reads_base_data_and_edits_partners_only(env, employee):
    Partner = env['res.partner'].with_user(employee)
    partner = Partner.create({'name': 'Made by an employee'})
    partner.write({'name': 'Edited by an employee'})
    with pytest.raises(AccessError, match="not allowed to create 'Country'"):
        env['res.country'].with_user(employee).create({'name': 'Utopia', 'code': 'UT'})
    assert env['res.country'].with_user(employee).search_count([]) > 0


def test_access_decisions_are_cached(env, employee, queries):
    Note = env['test.security.note'].with_user(employee)
    Note.search([])
    with queries() as counted:
        Note.search([])
    assert counted.count == 1
