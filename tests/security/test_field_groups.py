"""Fields restricted to groups (``groups=``): hidden from, and refused to, other users."""
import pytest

from framework.exceptions import AccessError


def test_restricted_field_is_hidden_and_refused_to_employees(env, employee, notes):
    mine = notes['mine'].with_user(employee)
    assert 'secret' not in mine.fields_get()
    assert 'secret' not in mine.read()[0]
    with pytest.raises(AccessError) as info:
        mine.read(['name', 'secret'])
    assert "'Secret' (secret)" in str(info.value)
    assert 'read' in str(info.value)


def test_restricted_field_is_refused_on_write_and_create(env, make_user, notes):
    writer = make_user('base.group_user')
    env['ir.model.access'].create({
        'name': 'employees manage notes', 'model_id': env.ref('test_security.model_test_security_note').id,
        'group_id': env.ref('base.group_user').id,
        'perm_read': True, 'perm_write': True, 'perm_create': True, 'perm_unlink': True})
    Note = env['test.security.note'].with_user(writer)
    with pytest.raises(AccessError, match=r"not allowed to modify the field 'Secret' \(secret\)"):
        Note.create({'name': 'x', 'user_id': writer.id, 'secret': 'nope'})
    note = Note.create({'name': 'x', 'user_id': writer.id})
    with pytest.raises(AccessError, match='Secret'):
        note.write({'secret': 'nope'})


def test_managers_read_and_write_the_restricted_field(env, manager, notes):
    mine = notes['mine'].with_user(manager)
    assert mine.read(['secret'])[0]['secret'] == 'pin 1234'
    mine.write({'secret': 'pin 4321'})
    assert 'secret' in mine.fields_get()
