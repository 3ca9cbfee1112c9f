"""One sentence per failure: how loading errors become `DataError`s with a place.

A data file fails at one element (XML) or one row (CSV); whatever went wrong
underneath (a missing field, an unknown external id, a constraint in the
database), the person who wrote the file gets ``file, line N: reason``.
"""
import contextlib

import psycopg2

from framework.exceptions import DataError, UserError


def describe(exc):
    """Return the reason carried by `exc` as one sentence, without a traceback."""
    if isinstance(exc, UserError):
        return str(exc.message)
    if isinstance(exc, psycopg2.Error):
        diag = getattr(exc, 'diag', None)
        primary = diag and diag.message_primary
        return 'the database refused the record: %s' % (primary or str(exc).strip().splitlines()[0])
    if isinstance(exc, SyntaxError):
        return 'invalid Python expression %r: %s' % (exc.text or '', exc.msg)
    if isinstance(exc, (ValueError, NameError, LookupError, AssertionError, OSError)):
        text = str(exc.args[0]) if len(exc.args) == 1 else str(exc)
        return text or type(exc).__name__
    return '%s: %s' % (type(exc).__name__, exc)


@contextlib.contextmanager
def located(filename, line):
    """Turn any exception raised in the block into a DataError at `filename`, `line`.

    A DataError raised deeper (which already knows a more precise place) is
    re-raised unchanged.
    """
    try:
        yield
    except DataError:
        raise
    except Exception as exc:
        raise DataError(describe(exc), filename, line) from exc
