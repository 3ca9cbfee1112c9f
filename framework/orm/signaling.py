"""Tell the other server processes that the models of a database changed.

As Odoo's ``base_registry_signaling``: a PostgreSQL sequence per database
that the module loader bumps after it commits an install, upgrade or
uninstall. Each registry remembers the value it was built at; before
serving a request a process reads the sequence (one cheap query) and, when
another process moved it, rebuilds its registry. Sequences are outside
transactions, so the value read is always the latest one.
"""
import logging

_logger = logging.getLogger(__name__)

SEQUENCE = 'base_registry_signaling'


def current(cr):
    """Return the signal value of ``cr``'s database (0 while the sequence does not exist)."""
    # one query that never fails: NULL when the sequence is missing or never bumped
    cr.execute("SELECT pg_sequence_last_value(to_regclass(%s))", [SEQUENCE])
    return cr.fetchone()[0] or 0


def bump(dbname):
    """Move the signal of ``dbname`` forward (after a commit changed its modules); return it."""
    from ..db import db_connect
    with db_connect(dbname).cursor() as cr:
        cr.execute("CREATE SEQUENCE IF NOT EXISTS base_registry_signaling")
        cr.execute("SELECT nextval('base_registry_signaling')")
        return cr.fetchone()[0]


def stamp(registry, cr):
    """Record on ``registry`` the signal value of the database it was just built from."""
    registry.signal_sequence = current(cr)


def check(dbname, cr):
    """Return the registry of ``dbname``, rebuilt first if another process changed its modules.

    Costs one query on ``cr`` when nothing changed.
    """
    from .registry import Registry
    registry = Registry.open(dbname)
    known = getattr(registry, 'signal_sequence', None)
    value = current(cr)
    if known is not None and value != known:
        _logger.info("registry of %s changed in another process (signal %s -> %s): reloading",
                     dbname, known, value)
        Registry.delete(dbname)
        registry = Registry.open(dbname)
        if getattr(registry, 'signal_sequence', None) is None:
            registry.signal_sequence = value
    elif known is None:
        registry.signal_sequence = value
    return registry
