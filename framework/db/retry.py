"""Run a whole unit of work again when PostgreSQL reports a concurrency conflict."""
import logging
import random
import time

_logger = logging.getLogger(__name__)

#: SQLSTATEs worth retrying: serialization_failure, deadlock_detected
RETRY_CODES = ('40001', '40P01')


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
