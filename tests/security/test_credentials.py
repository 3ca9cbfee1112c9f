"""Passwords: stored hashed, checked, throttled, and cached per process for XML-RPC."""
import pytest

from framework.exceptions import AccessDenied, AccessError, UserError
from framework.security import authenticate, check_credentials
from framework.security.throttle import TOO_MANY, throttle

PASSWORD = 'correct horse'   # as in conftest.py


def _stored(env, user):
    env.flush_all()
    env.cr.execute('SELECT password FROM res_users WHERE id = %s', (user.id,))
    return env.cr.fetchone()[0]


def test_password_never_in_clear(env, make_user):
    user = env['res.users'].create({'name': 'Clear', 'login': 'sec_clear_text', 'password': 'plain words'})
    stored = _stored(env, user)
    assert stored.startswith('$pbkdf2-sha512$') and 'plain words' not in stored
    assert user.read(['password'])[0]['password'] == ''


def test_right_and_wrong_password(env, employee):
    assert authenticate(env, employee.login, PASSWORD) == employee.id
    assert employee.login_date
    for login, password in ((employee.login, 'wrong'), ('sec_nobody', PASSWORD), (employee.login, '')):
        with pytest.raises(AccessDenied, match='Wrong login/password'):
            authenticate(env, login, password)
    check_credentials(env, employee.id, PASSWORD)
    with pytest.raises(AccessDenied):
        check_credentials(env, employee.id, 'wrong')


def test_inactive_users_cannot_log_in(env, employee):
    employee.write({'active': False})
    with pytest.raises(AccessDenied):
        authenticate(env, employee.login, PASSWORD)


class FakeClock:
    def __init__(self):
        import time
        self.now = time.time()

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(throttle, 'clock', fake)
    return fake


def test_repeated_failures_slow_a_login_down(env, employee, clock):
    for _ in range(5):
        with pytest.raises(AccessDenied, match='Wrong login/password'):
            authenticate(env, employee.login, 'guess')
    with pytest.raises(AccessDenied) as info:
        authenticate(env, employee.login, PASSWORD)      # even the right password waits
    assert str(info.value) == TOO_MANY == ('Too many login failures, please wait a minute '
                                           'before trying again.')
    throttle.reset()        # another worker: it learns the failures from the database
    with pytest.raises(AccessDenied, match='Too many login failures'):
        authenticate(env, employee.login, PASSWORD)
    clock.now += 61
    assert authenticate(env, employee.login, PASSWORD) == employee.id


def test_failures_of_one_login_do_not_slow_another(env, employee, make_user, clock):
    other = make_user('base.group_user')
    for _ in range(5):
        with pytest.raises(AccessDenied):
            authenticate(env, employee.login, 'guess')
    assert authenticate(env, other.login, PASSWORD) == other.id


def test_verified_password_is_cached_until_it_changes(env, employee, queries, monkeypatch):
    from addons.base import password as password_module
    check_credentials(env, employee.id, PASSWORD)
    calls = []
    real_verify = password_module.verify_password
    monkeypatch.setattr(password_module, 'verify_password',
                        lambda *args: calls.append(args) or real_verify(*args))
    with queries(1):
        check_credentials(env, employee.id, PASSWORD)
    assert calls == []                       # no PBKDF2 the second time
    with pytest.raises(AccessDenied):
        check_credentials(env, employee.id, 'wrong')
    employee.write({'password': 'a new one'})
    with pytest.raises(AccessDenied):
        check_credentials(env, employee.id, PASSWORD)    # the old pair is no longer good
    check_credentials(env, employee.id, 'a new one')


def test_users_change_their_own_password(env, employee, monkeypatch):
    from addons.base import password as password_module
    monkeypatch.setattr(password_module, 'DEFAULT_ROUNDS', 1000)
    Users = env['res.users'].with_user(employee)
    with pytest.raises(AccessDenied):
        Users.change_password('not the old one', 'new secret')
    with pytest.raises(UserError, match='empty passwords'):
        Users.change_password(PASSWORD, '')
    assert Users.change_password(PASSWORD, 'new secret') is True
    assert authenticate(env, employee.login, 'new secret') == employee.id


def test_users_change_their_preferences_but_nothing_else(env, employee, make_user):
    me = employee.with_user(employee)
    me.write({'signature': 'Regards', 'tz': 'Europe/Brussels'})
    assert employee.signature == 'Regards' and employee.tz == 'Europe/Brussels'
    env['res.users'].with_user(employee).preference_change({'signature': 'Cheers'})
    assert employee.signature == 'Cheers'
    with pytest.raises(AccessError):
        me.write({'groups_id': [(4, env.ref('base.group_system').id)]})
    with pytest.raises(AccessError):
        env['res.users'].with_user(employee).preference_change({'login': 'boss'})
    with pytest.raises(AccessError):
        make_user('base.group_user').with_user(employee).write({'signature': 'not mine'})
