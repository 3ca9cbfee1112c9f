"""What counts as a good answer to hostile input, at the ORM level.

A call either returns, or raises one of the exceptions meant for people
(`framework.exceptions.UserError` and its kinds) with a one-sentence
message; never a psycopg2 error, a KeyError, a TypeError or a
RecursionError from deep inside, and the transaction stays usable.
"""
import contextlib

from framework.exceptions import UserError

#: the longest message we accept: one sentence, even for a huge value
MAX_MESSAGE = 600


@contextlib.contextmanager
def savepoint(env):
    """Run the block in a savepoint rolled back afterwards, so examples do not see each other."""
    env.cr.execute('SAVEPOINT hostile')
    try:
        yield
    finally:
        env.cr.execute('ROLLBACK TO SAVEPOINT hostile')
        env.invalidate_all()


def outcome(env, call):
    """Return ``('ok', result)`` or ``('refused', message)``; fail the test on any other exception.

    Before the savepoint is rolled back, a plain query checks that the
    transaction was not left aborted by an SQL error.
    """
    with savepoint(env):
        try:
            result = call()
        except UserError as exc:
            message = str(exc)
            assert message.strip(), 'an empty message for %r' % (exc,)
            assert 'Traceback' not in message
            assert len(message) <= MAX_MESSAGE, 'a message of %d characters' % len(message)
            verdict = ('refused', message)
        else:
            verdict = ('ok', result)
        env.cr.execute('SELECT 1')
        assert env.cr.fetchone() == (1,)
        return verdict
