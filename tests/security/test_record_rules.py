"""Record rules (ir.rule): which records of a model a user sees and touches."""
import pytest

from framework.exceptions import AccessError, MissingError

FORBIDDEN = ("Due to security restrictions, you are not allowed to %s 'Security Note' "
             "(test.security.note) records. Contact your administrator to request access if necessary.")


def test_search_shows_only_own_unclassified_notes(env, employee, notes):
    found = env['test.security.note'].with_user(employee).search([])
    assert found.ids == [notes['mine'].id]


def test_group_rules_are_ored_global_rules_anded(env, manager, notes):
    # Manager implies Employee: the "own notes" and "every note" rules are OR-ed,
    # the global "not classified" rule is AND-ed with them.
    found = env['test.security.note'].with_user(manager).search([])
    assert set(found.ids) >= {notes['mine'].id, notes['other'].id}
    assert notes['classified'].id not in found.ids


def test_reading_a_forbidden_record_is_an_access_error(env, employee, notes):
    other = notes['other'].with_user(employee)
    with pytest.raises(AccessError) as info:
        other.read(['name'])
    assert str(info.value) == FORBIDDEN % 'access'
    env.invalidate_all()        # as in a new transaction: the value comes from the database
    with pytest.raises(AccessError):
        other.name
    # a record that does not exist is not forbidden: read skips it
    assert env['test.security.note'].with_user(employee).browse(999999999).read(['name']) == []
    with pytest.raises(MissingError):
        env['test.security.note'].with_user(employee).browse(999999999).name


def test_reading_allowed_records_costs_no_extra_query(env, employee, notes, queries):
    mine = notes['mine'].with_user(employee)
    mine.read(['name'])
    with queries() as counted:
        assert mine.read(['name'])[0]['name'] == 'Mine'
    assert counted.count == 1


def test_write_and_unlink_of_forbidden_records_are_refused(env, manager, notes):
    # managers may write and delete notes, but not the classified one
    classified = notes['classified'].with_user(manager)
    with pytest.raises(AccessError) as info:
        classified.write({'name': 'Declassified'})
    assert str(info.value) == FORBIDDEN % 'modify'
    with pytest.raises(AccessError) as info:
        (notes['other'] | notes['classified']).with_user(manager).unlink()
    assert str(info.value) == FORBIDDEN % 'delete'
    assert notes['classified'].name == 'Classified' and notes['other'].exists()


def test_creating_a_record_the_rules_forbid_is_refused(env, manager):
    with pytest.raises(AccessError, match='not allowed to create'):
        env['test.security.note'].with_user(manager).create({'name': 'Hush', 'classified': True})


def test_a_new_global_rule_applies_at_once_and_per_operation(env, manager, notes):
    Note = env['test.security.note'].with_user(manager)
    before = Note.search_count([])
    env['ir.rule'].create({
        'name': 'no titles starting with O', 'model_id': env.ref('test_security.model_test_security_note').id,
        'domain_force': "[('name', 'not like', 'O%')]",
        'perm_read': False, 'perm_write': True, 'perm_create': False, 'perm_unlink': False})
    assert Note.search_count([]) == before        # reading is not restricted by it
    with pytest.raises(AccessError, match='not allowed to modify'):
        notes['other'].with_user(manager).write({'name': 'Other again'})
    notes['mine'].with_user(manager).write({'name': 'Mine again'})


def test_rules_follow_paths_through_relations(env, employee, notes):
    env['ir.rule'].create({
        'name': 'owner login path', 'model_id': env.ref('test_security.model_test_security_note').id,
        'domain_force': "[('user_id.login', '=', user.login)]"})
    found = env['test.security.note'].with_user(employee).search([])
    assert found.ids == [notes['mine'].id]


def test_a_bad_rule_domain_is_refused_with_a_sentence(env):
    from framework.exceptions import ValidationError
    with pytest.raises(ValidationError, match='Invalid domain'):
        env['ir.rule'].create({'name': 'bad', 'model_id': env.ref('test_security.model_test_security_note').id,
                               'domain_force': "[('no_such_field', '=', 1)]"})


def test_portal_users_read_only_their_own_user_and_partner(env, portal, employee):
    Users = env['res.users'].with_user(portal)
    assert Users.search([]).ids == [portal.id]
    assert Users.browse(portal.id).read(['login'])[0]['login'] == portal.login
    with pytest.raises(AccessError):
        Users.browse(employee.id).read(['login'])
    assert env['res.partner'].with_user(portal).search([]).ids == [portal.partner_id.id]
    with pytest.raises(AccessError, match="not allowed to read 'Country'"):
        env['res.country'].with_user(portal).search([])
