"""The database layer on a real PostgreSQL: cursors, transactions, admin, retry, COPY."""
import io
import threading

import psycopg2
import pytest

from framework.db import DatabaseExists, DatabaseNotFound, admin, db_connect
from framework.db.retry import call_with_retry


@pytest.fixture
def dbname(fresh_db):
    """An empty database with a small table ``thing(id, name)``."""
    name = fresh_db(empty=True)
    with db_connect(name).cursor() as cr:
        cr.execute("CREATE TABLE thing (id serial PRIMARY KEY, name varchar NOT NULL UNIQUE)")
    return name


def names(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT name FROM thing ORDER BY id")
        return [row[0] for row in cr.fetchall()]


def test_connect_and_fetch(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT %s AS a, %s AS b", [1, 'x'])
        assert cr.dictfetchall() == [{'a': 1, 'b': 'x'}]
        cr.execute("SELECT 1 AS a UNION ALL SELECT 2 ORDER BY a")
        assert cr.dictfetchone() == {'a': 1}
        assert cr.fetchone() == (2,)
        assert cr.description[0].name == 'a'
        cr.execute("SHOW transaction_isolation")
        assert cr.fetchone() == ('repeatable read',)


def test_missing_database_is_one_sentence(pg_server):
    with pytest.raises(DatabaseNotFound) as info:
        db_connect('test_no_such_db').cursor()
    assert str(info.value) == ("database 'test_no_such_db' does not exist; "
                               "create it with: ./odoo-bin db create test_no_such_db")


def test_with_cursor_commits_on_success_and_rolls_back_on_error(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.execute("INSERT INTO thing (name) VALUES (%s)", ['kept'])
    with pytest.raises(ZeroDivisionError):
        with db_connect(dbname).cursor() as cr:
            cr.execute("INSERT INTO thing (name) VALUES (%s)", ['lost'])
            1 / 0
    assert cr.closed
    assert names(dbname) == ['kept']


def test_close_without_commit_rolls_back(dbname):
    cr = db_connect(dbname).cursor()
    cr.execute("INSERT INTO thing (name) VALUES (%s)", ['lost'])
    cr.close()
    assert names(dbname) == []


def test_sql_count_counts_every_query(dbname):
    cr = db_connect(dbname).cursor()
    try:
        assert cr.sql_count == 0
        for i in range(3):
            cr.execute("SELECT %s", [i])
        cr.copy_from(io.StringIO("a\n"), 'thing', ['name'])
        assert cr.sql_count == 4
    finally:
        cr.close()


def test_savepoint_rolls_back_only_its_block(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.execute("INSERT INTO thing (name) VALUES (%s)", ['before'])
        with pytest.raises(psycopg2.errors.UniqueViolation):
            with cr.savepoint():
                cr.execute("INSERT INTO thing (name) VALUES (%s)", ['inside'])
                cr.execute("INSERT INTO thing (name) VALUES (%s)", ['before'])
        with cr.savepoint():
            cr.execute("INSERT INTO thing (name) VALUES (%s)", ['after'])
    assert names(dbname) == ['before', 'after']


def test_savepoint_flushes_before_and_calls_rollback_hooks(dbname):
    cr = db_connect(dbname).cursor()
    try:
        calls = []
        cr.flush_hooks.append(lambda: calls.append('flush'))
        cr.rollback_hooks.append(lambda: calls.append('rollback'))
        with cr.savepoint():
            calls.append('block')
        assert calls == ['flush', 'block', 'flush']
        calls.clear()
        with pytest.raises(ValueError):
            with cr.savepoint():
                raise ValueError('no')
        assert calls == ['flush', 'rollback']
    finally:
        cr.close()


def test_commit_runs_callbacks_in_order(dbname):
    cr = db_connect(dbname).cursor()
    calls = []
    try:
        cr.flush_hooks.append(lambda: calls.append('flush'))
        cr.precommit.add(lambda: calls.append('precommit'))
        # a postcommit callback sees the committed data from another transaction
        cr.postcommit.add(lambda: calls.append(('postcommit', names(dbname))))
        cr.postrollback.add(lambda: calls.append('postrollback'))
        cr.execute("INSERT INTO thing (name) VALUES (%s)", ['x'])
        cr.commit()
        assert calls == ['flush', 'precommit', 'flush', ('postcommit', ['x'])]
        assert len(cr.precommit) == len(cr.postcommit) == len(cr.postrollback) == 0
    finally:
        cr.close()


def test_rollback_drops_commit_callbacks_and_runs_postrollback(dbname):
    cr = db_connect(dbname).cursor()
    calls = []
    try:
        cr.precommit.add(lambda: calls.append('precommit'))
        cr.postcommit.add(lambda: calls.append('postcommit'))
        cr.postrollback.add(lambda: calls.append('postrollback'))
        cr.rollback()
        assert calls == ['postrollback']
        cr.commit()
        assert calls == ['postrollback']
    finally:
        cr.close()


def test_repeatable_read_sees_a_snapshot(dbname):
    reader = db_connect(dbname).cursor()
    try:
        reader.execute("SELECT count(*) FROM thing")
        assert reader.fetchone() == (0,)
        with db_connect(dbname).cursor() as writer:
            writer.execute("INSERT INTO thing (name) VALUES (%s)", ['new'])
        reader.execute("SELECT count(*) FROM thing")
        assert reader.fetchone() == (0,)
        reader.rollback()
        reader.execute("SELECT count(*) FROM thing")
        assert reader.fetchone() == (1,)
    finally:
        reader.close()


def test_copy_from_loads_rows_text_and_csv(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.copy_from(io.StringIO("alpha\nbeta\n"), 'thing', ['name'])
        cr.copy_from(io.StringIO('"gam,ma"\n'), 'thing', ['name'], format='csv')
    assert names(dbname) == ['alpha', 'beta', 'gam,ma']


def test_admin_create_list_duplicate_drop(pg_server, tmp_data_dir):
    import os
    from framework.config import config
    name, copy = 'test_admin_a', 'test_admin_b'
    for n in (name, copy):
        if admin.exists(n):
            admin.drop_db(n)
    admin.create_db(name)
    try:
        assert admin.exists(name)
        assert name in admin.list_dbs()
        with pytest.raises(DatabaseExists):
            admin.create_db(name)
        with db_connect(name).cursor() as cr:
            cr.execute("CREATE TABLE t (v text)")
            cr.execute("INSERT INTO t VALUES (%s)", ['ç'])
            cr.execute("SHOW server_encoding")
            assert cr.fetchone() == ('UTF8',)
        os.makedirs(config.filestore(name))
        open(os.path.join(config.filestore(name), 'f'), 'w').close()
        # the source is still pooled by this process: duplicate must cope
        admin.duplicate_db(name, copy)
        with db_connect(copy).cursor() as cr:
            cr.execute("SELECT v FROM t")
            assert cr.fetchall() == [('ç',)]
        assert os.path.exists(os.path.join(config.filestore(copy), 'f'))
        # an open transaction elsewhere does not stop the drop
        busy = db_connect(copy).cursor()
        busy.execute("SELECT 1")
        admin.drop_db(copy)
        assert not admin.exists(copy)
        assert not os.path.exists(config.filestore(copy))
    finally:
        for n in (name, copy):
            if admin.exists(n):
                admin.drop_db(n)
    assert name not in admin.list_dbs()
    with pytest.raises(DatabaseNotFound):
        admin.drop_db(name)


def test_retry_on_real_serialization_failure(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.execute("INSERT INTO thing (name) VALUES (%s)", ['v0'])
    tries = []
    # the first try reads, lets a concurrent transaction update the row,
    # then updates it too: PostgreSQL refuses with 40001 in REPEATABLE READ
    def work():
        tries.append(1)
        with db_connect(dbname).cursor() as cr:
            cr.execute("SELECT name FROM thing")
            if len(tries) == 1:
                with db_connect(dbname).cursor() as other:
                    other.execute("UPDATE thing SET name = %s", ['other'])
            cr.execute("UPDATE thing SET name = name || %s", ['+mine'])
            cr.execute("SELECT name FROM thing")
            return cr.fetchone()[0]

    assert call_with_retry(work, delay=0.001) == 'other+mine'
    assert len(tries) == 2


def conflict(dbname, tries):
    """A unit of work that always loses against a concurrent update (real 40001)."""
    tries.append(1)
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT name FROM thing")
        with db_connect(dbname).cursor() as other:
            other.execute("UPDATE thing SET name = name || %s", ['+other'])
        cr.execute("UPDATE thing SET name = %s", ['mine'])


def test_retry_gives_up_after_tries(dbname):
    with db_connect(dbname).cursor() as cr:
        cr.execute("INSERT INTO thing (name) VALUES (%s)", ['v0'])
    tries = []
    with pytest.raises(psycopg2.errors.SerializationFailure):
        call_with_retry(lambda: conflict(dbname, tries), tries=3, delay=0.001)
    assert len(tries) == 3
    assert names(dbname) == ['v0+other+other+other']


def test_retry_does_not_retry_other_errors(dbname):
    calls = []

    def fails():
        calls.append(1)
        with db_connect(dbname).cursor() as cr:
            cr.execute("SELECT * FROM no_such_table")

    with pytest.raises(psycopg2.errors.UndefinedTable):
        call_with_retry(fails, delay=0.001)
    assert len(calls) == 1


def test_pool_reuses_connections_across_threads(dbname):
    errors = []

    def work(i):
        try:
            with db_connect(dbname).cursor() as cr:
                cr.execute("INSERT INTO thing (name) VALUES (%s)", [f'n{i}'])
        except Exception as exc:  # reported to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(names(dbname)) == sorted(f'n{i}' for i in range(8))


def test_callback_queued_while_running_waits_for_next_run(dbname):
    cr = db_connect(dbname).cursor()
    calls = []

    def reset():
        calls.append('reset')
        cr.postrollback.add(reset)  # a cache reset re-arms itself

    try:
        cr.postrollback.add(reset)
        cr.rollback()
        assert calls == ['reset']
        cr.rollback()
        assert calls == ['reset', 'reset']
    finally:
        cr.postrollback.clear()
        cr.close()
