"""Fixtures of the fault tests: a PostgreSQL cluster of their own, databases with base only."""
import os
import shutil
import tempfile
import uuid

import pytest

from .private_cluster import PrivateCluster


@pytest.fixture(scope='session')
def private_cluster():
    """A :class:`PrivateCluster` the tests may stop and restart; removed at the end.

    Its folder is made directly in the temporary folder, not under pytest's
    ``pytest-of-<user>``: every pytest run closes that one to other users
    again, and as root the server runs as another user that must reach it.
    """
    folder = tempfile.mkdtemp(prefix='odoo-faults-')
    cluster = PrivateCluster(f'{folder}/pg')
    try:
        yield cluster
    finally:
        cluster.close()
        shutil.rmtree(folder, ignore_errors=True)


def _new_name(tag):
    # the root conftest drops the test_<pid>_ databases of dead pytest runs
    return f'test_{os.getpid()}_faults_{tag}_{uuid.uuid4().hex[:6]}'


@pytest.fixture(scope='session')
def base_db(pg_server):
    """Name of a database of the session's cluster with base only (no demo data), built once."""
    from framework.db import admin, close_db
    from framework.modules.loading import load_modules
    from framework.orm.registry import Registry
    name = _new_name('base')
    admin.create_db(name)
    load_modules(name, init=['base'], demo=False)
    Registry.delete(name)
    close_db(name)  # a template must have no open connection to be copied
    yield name
    admin.drop_db(name)


@pytest.fixture
def base_copy(base_db):
    """Name of a new copy of ``base_db`` for one test, dropped after it."""
    from framework.db import admin
    from framework.orm.registry import Registry
    name = _new_name('copy')
    admin.create_db(name, template=base_db)
    yield name
    Registry.delete(name)
    if admin.exists(name):
        admin.drop_db(name)
