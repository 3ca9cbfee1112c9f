"""Fixtures of the document tests: a copy of the template database with ``document`` installed.

``document_db`` is its name (session-scoped); ``env`` is overridden to be a
superuser environment on it whose work is rolled back after each test, so
the root fixtures built on ``env`` work there too. ``committed`` runs work
in a transaction of its own that commits (what an upload through the
server does), for the tests of what happens after commit.
"""
import pytest

from tests.installed import drop, install_copy, rolled_back_env, run_committed


@pytest.fixture(scope='session')
def document_db(template_db):
    name = install_copy(template_db, ['document'], 'document')
    yield name
    drop(name)


@pytest.fixture
def env(document_db):
    with rolled_back_env(document_db) as environment:
        yield environment


@pytest.fixture
def committed(document_db):
    """``committed(work) -> work(env)`` run as superuser on document_db and committed."""
    return lambda work: run_committed(document_db, work)


@pytest.fixture(scope='session')
def document_commit_db(template_db):
    """Another copy with ``document`` installed, for tests that commit (filestore GC, RPC)."""
    name = install_copy(template_db, ['document'], 'doccommit')
    yield name
    drop(name)
