"""The databases of the benchmarks: the embedded PostgreSQL under ``.testdata/bench``, addons installed.

Every bench measures on a database of its own (named after it), made by
:func:`database` on first use (or anew, when its figures need an empty
one) and dropped by :func:`drop` when it must not outlive the run.
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def database(name, modules, demo=False, fresh=False):
    """Start the embedded PostgreSQL; make database ``name`` with ``modules`` unless it exists.

    ``fresh`` drops a database of that name first (one a killed run left).
    Returns the server's psycopg2 keywords.
    """
    from framework.config import config
    from framework.db import admin, ensure_server
    from framework.modules.loading import load_modules
    config['data_dir'] = os.path.join(ROOT, '.testdata', 'bench')
    keywords = ensure_server()
    if fresh:
        drop(name)
    if not admin.exists(name):
        admin.create_db(name)
        load_modules(name, init=list(modules), demo=demo)
    return keywords


def drop(name):
    """Forget the registry of database ``name`` and drop it (nothing when it does not exist)."""
    from framework.db import admin
    from framework.orm.registry import Registry
    Registry.delete(name)
    if admin.exists(name):
        admin.drop_db(name)
