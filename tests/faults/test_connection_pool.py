"""The connection pool and cursors of this process across a PostgreSQL restart (issue 10, "Faults").

The same story as ``test_postgres_restart`` without a server process in
between: the pool lends no connection the restart cut, a transaction cut
by it raises one sentence and saves nothing, and an outage is one
sentence naming the database and what to do.
"""
import pytest

from framework.db import close_db
from framework.db.connection import Connection
from framework.db.errors import ConnectionFailed, ConnectionLost

DB = 'pool_faults'


@pytest.fixture(scope='module')
def database(private_cluster):
    """A :class:`Connection` on a database of the private cluster holding one table, ``probe``."""
    cnx = private_cluster.connect('postgres')
    cnx.autocommit = True
    with cnx.cursor() as cr:
        cr.execute(f"CREATE DATABASE {DB}")
    cnx.close()
    connection = Connection(DB, private_cluster.keywords)
    with connection.cursor() as cr:
        cr.execute("CREATE TABLE probe (name varchar NOT NULL)")
    yield connection
    close_db(DB)


def _backend(connection):
    with connection.cursor() as cr:
        cr.execute("SELECT pg_backend_pid()")
        return cr.fetchone()[0]


def test_the_pool_does_not_lend_a_connection_the_restart_cut(database, private_cluster):
    before = _backend(database)
    assert _backend(database) == before, 'the pool reuses its idle connection'
    private_cluster.restart()
    after = _backend(database)  # no error: a new connection
    assert after != before


def test_a_transaction_cut_by_the_restart_raises_one_sentence_and_saves_nothing(database, private_cluster):
    cr = database.cursor()
    rolled_back = []
    cr.rollback_hooks.append(lambda: rolled_back.append(True))
    cr.execute("INSERT INTO probe (name) VALUES ('half written')")
    private_cluster.restart()
    with pytest.raises(ConnectionLost) as caught:
        cr.execute("INSERT INTO probe (name) VALUES ('second half')")
    assert str(caught.value) == (f"the connection to database {DB} was lost (PostgreSQL stopped or "
                                 f"restarted) and nothing of this operation was saved; try again")
    cr.rollback()  # what every caller does next: it must not fail again
    assert rolled_back == [True], 'the ORM still drops its cache'
    cr.close()
    with database.cursor() as cr:
        cr.execute("SELECT count(*) FROM probe")
        assert cr.fetchone()[0] == 0


def test_an_outage_is_one_sentence_and_the_pool_recovers_when_postgres_is_back(database, private_cluster):
    _backend(database)
    private_cluster.stop()
    try:
        with pytest.raises(ConnectionFailed) as caught:
            database.cursor()
    finally:
        private_cluster.start()
    message = str(caught.value)
    assert message.startswith(f"could not connect to database {DB}: ") and '\n' not in message
    assert message.endswith("; check that PostgreSQL is running and reachable, then try again")
    with database.cursor() as cr:
        cr.execute("INSERT INTO probe (name) VALUES ('after the outage')")
    with database.cursor() as cr:
        cr.execute("SELECT name FROM probe")
        assert cr.fetchall() == [('after the outage',)]
