"""Fixtures of the sale tests: a copy of the template database with ``sale`` installed (once).

``env`` is overridden so that the root fixtures built on it (``queries``)
work on that database; each test's work is rolled back.
"""
import pytest

from tests.installed import drop, install_copy, rolled_back_env


@pytest.fixture(scope='session')
def sale_db(template_db):
    name = install_copy(template_db, ['sale'], 'sale')
    yield name
    drop(name)


@pytest.fixture
def env(sale_db):
    with rolled_back_env(sale_db) as environment:
        yield environment
