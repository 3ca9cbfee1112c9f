"""Fixtures of the mail gateway tests: the stored real-world messages and a committed database."""
import os

import pytest

MESSAGES = os.path.join(os.path.dirname(__file__), 'messages')


@pytest.fixture
def eml():
    """``eml(name) -> bytes``: a stored message of tests/mailgate/messages/."""
    def read(name):
        with open(os.path.join(MESSAGES, name), 'rb') as handle:
            return handle.read()
    return read


@pytest.fixture
def committed(fresh_db):
    """``(dbname, run)``: a fresh database and ``run(func)`` -> ``func(env)`` in a committed transaction."""
    from framework.api import Environment
    from framework.db import db_connect
    dbname = fresh_db()

    def run(func):
        with db_connect(dbname).cursor() as cr:
            return func(Environment(cr, 1, {}))
    return dbname, run
