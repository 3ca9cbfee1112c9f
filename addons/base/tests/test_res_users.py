"""Users log in with a password that is never stored in clear."""
import pytest

from addons.base import password as password_module
from framework.exceptions import AccessDenied, ValidationError


@pytest.fixture
def quick_hashes(monkeypatch):
    """Hash new passwords with few rounds: the tests are about behaviour, not cost."""
    monkeypatch.setattr(password_module, 'DEFAULT_ROUNDS', 1000)


def _stored_password(env, user):
    env.flush_all()
    env.cr.execute('SELECT password FROM res_users WHERE id = %s', (user.id,))
    return env.cr.fetchone()[0]


def _user(env, login='jdoe', password='s3cret pass'):
    return env['res.users'].create([{'name': 'John Doe', 'login': login, 'password': password}])


def test_superuser_is_1_and_admin_is_2(env):
    assert env.ref('base.user_root').id == 1
    assert env.ref('base.user_admin').id == 2


def test_admin_logs_in_with_admin(env):
    assert env['res.users'].authenticate('admin', 'admin') == 2
    stored = _stored_password(env, env.ref('base.user_admin'))
    assert stored.startswith('$pbkdf2-sha512$600000$')


def test_password_is_stored_only_as_a_hash(env, quick_hashes):
    user = _user(env)
    stored = _stored_password(env, user)
    assert stored.startswith('$pbkdf2-sha512$1000$')
    assert 's3cret' not in stored
    user.write({'password': 'changed it'})
    assert _stored_password(env, user) not in (stored, 'changed it')
    assert user.read(['password'])[0]['password'] == ''


def test_authenticate_right_password_gives_uid_and_login_date(env, quick_hashes):
    user = _user(env)
    assert not user.login_date
    assert env['res.users'].authenticate('jdoe', 's3cret pass') == user.id
    assert user.login_date


@pytest.mark.parametrize('login, password', [
    ('jdoe', 'wrong'), ('jdoe', ''), ('nobody', 's3cret pass'), ('', ''),
])
def test_authenticate_refuses_wrong_credentials(env, quick_hashes, login, password):
    _user(env)
    with pytest.raises(AccessDenied):
        env['res.users'].authenticate(login, password)


def test_inactive_user_cannot_log_in(env, quick_hashes):
    user = _user(env)
    user.active = False
    with pytest.raises(AccessDenied):
        env['res.users'].authenticate('jdoe', 's3cret pass')


def test_user_name_lives_on_its_partner(env, quick_hashes):
    user = _user(env)
    assert user.partner_id.name == 'John Doe'
    assert user.name == 'John Doe'


def test_has_group_follows_implied_groups(env, quick_hashes):
    user = _user(env)
    user.write({'groups_id': [(6, 0, [env.ref('base.group_system').id])]})
    assert user.has_group('base.group_system')
    assert user.has_group('base.group_user')  # Settings implies Access Rights implies Employee
    assert not user.has_group('base.group_portal')
    assert not user.has_group('base.no_such_group')


def test_admin_is_employee_and_settings_manager(env):
    admin = env.ref('base.user_admin')
    assert len(admin.groups_id) > 1
    assert admin.has_group('base.group_user') and admin.has_group('base.group_system')
    assert env.ref('base.group_system').full_name == 'Administration / Settings'


def test_demo_user_has_address_and_signature(env):
    demo = env.ref('base.user_demo')
    assert demo.address_id.email == 'demo@yourcompany.com'
    assert 'Demo User' in demo.signature
    assert not demo.has_group('base.group_system')


def test_two_users_cannot_share_a_login(env, quick_hashes):
    _user(env)
    with pytest.raises(ValidationError, match='two users with the same login'):
        _user(env)
