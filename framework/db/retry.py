"""Run a whole unit of work again when PostgreSQL reports a concurrency conflict.

Under REPEATABLE READ a transaction that writes a row another transaction
changed and committed since its snapshot began fails with a serialization
failure (40001); two transactions waiting for each other's locks fail
with a deadlock (40P01). The cursor turns both into :class:`ConcurrencyError`
(:func:`concurrency_error`): one sentence for a person, and still the
psycopg2 error class and SQLSTATE for code that retries.
"""
import logging
import random
import time

import psycopg2.errors

from framework.exceptions import ConcurrencyError

_logger = logging.getLogger(__name__)

#: SQLSTATEs worth retrying: serialization_failure, deadlock_detected
RETRY_CODES = ('40001', '40P01')


class SerializationConflict(ConcurrencyError, psycopg2.errors.SerializationFailure):
    """A serialization failure (40001) told in words; catchable as psycopg2's class."""

    pgcode = '40001'


class DeadlockConflict(ConcurrencyError, psycopg2.errors.DeadlockDetected):
    """A deadlock (40P01) told in words; catchable as psycopg2's class."""

    pgcode = '40P01'


_CONFLICTS = {'40001': SerializationConflict, '40P01': DeadlockConflict}


def concurrency_error(exc, dbname):
    """Return the :class:`ConcurrencyError` telling psycopg2 error ``exc`` on ``dbname``, or None.

    None when ``exc`` is not a serialization failure or deadlock.
    """
    cls = _CONFLICTS.get(getattr(exc, 'pgcode', None))
    if cls is None or isinstance(exc, ConcurrencyError):
        return None
    cause = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return cls("Another transaction changed the same data of database %s at the same time (%s); "
               "nothing of this operation was saved: try it again." % (dbname, cause))


def _conflict_code(exc):
    """Return the retryable SQLSTATE carried by ``exc`` or its causes, else None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        code = getattr(exc, 'pgcode', None)
        if code in RETRY_CODES:
            return code
        exc = exc.__cause__ or exc.__context__
    return None


def call_with_retry(func, tries=5, delay=0.05):
    """Return ``func()``, calling it again on serialization failure or deadlock.

    ``func`` opens and closes its own cursor, so every try is a fresh
    transaction. Waits grow exponentially from ``delay`` seconds with
    random jitter, so that conflicting workers do not collide again; after
    ``tries`` attempts the last error propagates.
    """
    for attempt in range(1, tries + 1):
        try:
            return func()
        except Exception as exc:
            code = _conflict_code(exc)
            if code is None or attempt == tries:
                raise
            wait = delay * (2 ** (attempt - 1)) * random.uniform(0.5, 1.5)
            _logger.info("concurrency conflict (%s), try %d/%d again in %.2fs", code, attempt + 1, tries, wait)
            time.sleep(wait)
