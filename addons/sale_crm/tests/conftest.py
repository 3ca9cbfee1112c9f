"""Fixtures of the sale_crm tests: a copy of the template database with ``sale_crm`` installed (once).

``env`` is overridden so that the root fixtures built on it (``queries``)
work on that database; each test's work is rolled back.
"""
import pytest

from tests.installed import drop, install_copy, rolled_back_env


@pytest.fixture(scope='session')
def sale_crm_db(template_db):
    name = install_copy(template_db, ['sale_crm'], 'salecrm')
    yield name
    drop(name)


@pytest.fixture
def env(sale_crm_db):
    with rolled_back_env(sale_crm_db) as environment:
        yield environment
