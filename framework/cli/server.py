"""``odoo-bin [server]``: install/upgrade modules when asked, then serve HTTP."""
import logging

from framework.config import config

from .common import load_modules, setup
from .errors import CliError

_logger = logging.getLogger(__name__)


def run(argv):
    """Run the default command; return the exit code."""
    setup(argv, config.build_parser(prog='odoo-bin'))
    dbname = config['db_name']
    if config['init'] or config['update']:
        from framework.db import admin
        if not dbname:
            raise CliError("-i/-u need a database: add -d NAME", code=2)
        created = False
        if not admin.exists(dbname):
            if not config['init']:
                from framework.db.errors import DatabaseNotFound
                raise DatabaseNotFound(dbname)
            admin.create_db(dbname)
            created = True
            _logger.info("created database %s", dbname)
        try:
            load_modules(dbname, init=config['init'], update=config['update'],
                         demo=not config['without_demo'])
        except BaseException:
            if created:  # a failed first install leaves no half-made database behind
                admin.drop_db(dbname)
            raise
    from .i18n import run_translation_flags
    if run_translation_flags(config):
        return 0
    if config['stop_after_init']:
        return 0
    from framework.service.server import serve
    serve(config)
    return 0
