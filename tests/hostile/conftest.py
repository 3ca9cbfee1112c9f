"""Fixtures of the hostile-input tests: a hypothesis profile, an environment, a served database.

The ``hostile`` profile (tests use it with
``@settings(settings.get_profile('hostile'))``, so that other tests keep
hypothesis's defaults) is derandomized (the same examples on every run, so CI is
reproducible) and keeps example counts modest; no deadline, since a
search on a real PostgreSQL takes a varying few milliseconds.
`hostile_env` is a superuser environment on the session's working
database shared by a module's examples, whose work is rolled back at the
end; `hostile_db` is a copy of the template that the served application
commits into, for the RPC tests.
"""

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    'hostile', max_examples=80, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large])


@pytest.fixture(scope='module')
def hostile_env(registry, work_db):
    """A superuser environment on the working database, rolled back after the module."""
    from framework.api import Environment
    from framework.db import db_connect
    cr = db_connect(work_db).cursor()
    try:
        yield Environment(cr, 1, {}, registry=registry)
    finally:
        cr.rollback()
        cr.close()


@pytest.fixture(scope='session')
def hostile_db(template_db):
    """A copy of the template database for the served application (dropped at the end)."""
    from tests.installed import copy, drop
    name = copy(template_db, 'hostile')
    yield name
    drop(name)


@pytest.fixture(scope='session')
def hostile_server(pg_server):
    """Base URL of the application served from a thread of this process."""
    from tests.serving import served
    with served() as url:
        yield url
