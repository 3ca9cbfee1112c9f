"""Tell the other server processes that the models or the caches of a database changed.

As Odoo's ``base_registry_signaling`` and ``base_cache_signaling``: two
PostgreSQL sequences per database. The module loader bumps the first after
it commits an install, upgrade or uninstall; whoever commits a change to
access rights, record rules, groups or users bumps the second (see
``framework.security.cache``). Each registry remembers the values it last
saw; before serving a request a process reads both sequences (one cheap
query) and, when another process moved one, rebuilds its registry or
forgets its cached access decisions. Sequences are outside transactions,
so the values read are always the latest ones; they are bumped only after
the commit, so a process seeing the new value also sees the new rows.
"""
import logging

_logger = logging.getLogger(__name__)

SEQUENCE = 'base_registry_signaling'
CACHE_SEQUENCE = 'base_cache_signaling'


def _read(cr):
    """Return the (registry, cache) signal values of ``cr``'s database, 0 for a missing sequence."""
    # one query that never fails: NULL when a sequence is missing or never bumped
    cr.execute("SELECT pg_sequence_last_value(to_regclass(%s)), pg_sequence_last_value(to_regclass(%s))",
               [SEQUENCE, CACHE_SEQUENCE])
    registry_value, cache_value = cr.fetchone()
    return registry_value or 0, cache_value or 0


def current(cr):
    """Return the registry signal value of ``cr``'s database (0 while the sequence does not exist)."""
    return _read(cr)[0]


def _next(dbname, sequence):
    from ..db import db_connect
    with db_connect(dbname).cursor() as cr:
        cr.execute('CREATE SEQUENCE IF NOT EXISTS "%s"' % sequence)
        cr.execute("SELECT nextval(%s)", [sequence])
        return cr.fetchone()[0]


def bump(dbname):
    """Move the registry signal of ``dbname`` forward (after a commit changed its modules); return it."""
    return _next(dbname, SEQUENCE)


def bump_caches(dbname):
    """Move the cache signal of ``dbname`` forward (after a commit changed access data); return it."""
    return _next(dbname, CACHE_SEQUENCE)


def stamp(registry, cr):
    """Record on ``registry`` the signal value of the database it was just built from."""
    registry.signal_sequence = current(cr)


def check(dbname, cr):
    """Return the registry of ``dbname``, rebuilt first if another process changed its modules,
    its access decisions forgotten first if another process changed access data.

    Costs one query on ``cr`` when nothing changed.
    """
    from .registry import Registry
    registry = Registry.open(dbname)
    known = getattr(registry, 'signal_sequence', None)
    value, cache_value = _read(cr)
    _check_caches(registry, cache_value)
    if known is not None and value != known:
        _logger.info("registry of %s changed in another process (signal %s -> %s): reloading",
                     dbname, known, value)
        Registry.delete(dbname)
        registry = Registry.open(dbname)
        if getattr(registry, 'signal_sequence', None) is None:
            registry.signal_sequence = value
        _check_caches(registry, cache_value)
    elif known is None:
        registry.signal_sequence = value
    return registry


def _check_caches(registry, value):
    """Forget the access decisions of ``registry`` when the cache signal moved since it last looked."""
    from ..security.cache import security_cache
    known = getattr(registry, 'cache_sequence', None)
    if known is not None and value != known:
        _logger.info("access data of %s changed in another process (signal %s -> %s): "
                     "forgetting cached decisions", registry.db_name, known, value)
        security_cache(registry).clear()
    registry.cache_sequence = value
