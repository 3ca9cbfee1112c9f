"""Fixtures of the product tests: a copy of the template database with ``product`` installed.

``env`` is overridden so that the root fixtures built on it (``queries``)
work on that database.
"""
import pytest

from tests.installed import drop, install_copy, rolled_back_env


@pytest.fixture(scope='session')
def product_db(template_db):
    name = install_copy(template_db, ['product'], 'product')
    yield name
    drop(name)


@pytest.fixture
def env(product_db):
    with rolled_back_env(product_db) as environment:
        yield environment
