"""Users of the security tests: real users in real groups, with cheap password hashes."""
import itertools

import pytest

from addons.base.password import hash_password
from framework.security import credentials
from framework.security.throttle import throttle

PASSWORD = 'correct horse'
_logins = itertools.count()


@pytest.fixture(autouse=True)
def clean_memory():
    """Each test starts with no remembered failure and no verified password."""
    throttle.reset()
    credentials.forget()
    yield
    throttle.reset()
    credentials.forget()


@pytest.fixture
def make_user(env):
    """Factory ``make_user(*group_xmlids, password=PASSWORD) -> res.users`` with a unique login."""
    def make(*groups, password=PASSWORD):
        login = 'sec_%s_%d' % (id(env) % 100000, next(_logins))
        return env['res.users'].create({
            'name': login.title(), 'login': login,
            'password': hash_password(password, rounds=1000),
            'groups_id': [(6, 0, [env.ref(xmlid).id for xmlid in groups])],
        })
    return make


@pytest.fixture
def employee(make_user):
    return make_user('base.group_user')


@pytest.fixture
def manager(make_user):
    return make_user('base.group_manager')


@pytest.fixture
def portal(make_user):
    return make_user('base.group_portal')


@pytest.fixture
def notes(env, employee, manager):
    """Three notes: the employee's, the manager's, and a classified one of the employee."""
    Note = env['test.security.note']
    return {
        'mine': Note.create({'name': 'Mine', 'user_id': employee.id, 'secret': 'pin 1234'}),
        'other': Note.create({'name': 'Other', 'user_id': manager.id}),
        'classified': Note.create({'name': 'Classified', 'user_id': employee.id, 'classified': True}),
    }
