"""Helpers shared by the subcommands: logging, databases, environments, the module loader."""
from contextlib import contextmanager

from framework.config import config

from .errors import CliError

SUPERUSER_ID = 1


def setup(argv, parser):
    """Parse ``argv`` into the configuration with ``parser``, set up logging; return the namespace."""
    from framework.tools.log import init_logger, set_dbname
    args = config.parse_args(argv, parser=parser)
    init_logger(config['log_level'])
    set_dbname(config['db_name'] or None)
    return args


def require_database(dbname, command):
    """Fail with exit code 2 unless ``dbname`` was given and exists."""
    from framework.db import admin
    from framework.db.errors import DatabaseNotFound
    if not dbname:
        raise CliError(f"{command} needs a database: add -d NAME", code=2)
    if not admin.exists(dbname):
        raise DatabaseNotFound(dbname)


def load_modules(dbname, init=(), update=(), demo=True):
    """Install ``init`` and upgrade ``update`` modules in ``dbname`` through the module loader."""
    try:
        from framework.modules.loading import load_modules as _load
    except ImportError as exc:
        raise CliError(f"cannot install or upgrade modules: the module loader is missing ({exc})") from None
    return _load(dbname, init=list(init), update=list(update), demo=demo)


@contextmanager
def environment(dbname):
    """Yield a superuser ``Environment`` on a new cursor of ``dbname``; the cursor is closed after.

    Nothing is committed here: the caller commits what it wants to keep.
    """
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    Registry.open(dbname)
    cr = db_connect(dbname).cursor()
    try:
        yield Environment(cr, SUPERUSER_ID, {})
    finally:
        cr.close()
