"""``odoo-bin shell -d DB``: a Python prompt with ``env`` as the superuser.

With a terminal the prompt is interactive and changes are rolled back at
exit unless ``env.cr.commit()`` is called; piped code is run and committed.
"""
import code
import sys

from framework.config import config

from .common import environment, require_database, setup


def run(argv):
    """Run the shell command; return the exit code."""
    setup(argv, config.build_parser(prog='odoo-bin shell'))
    dbname = config['db_name']
    require_database(dbname, 'shell')
    with environment(dbname) as env:
        names = {'env': env, 'cr': env.cr, 'registry': env.registry}
        if sys.stdin.isatty():
            banner = (f"odoo-crm shell on database {dbname}: `env` is the superuser's environment.\n"
                      f"Changes are rolled back at exit; call env.cr.commit() to keep them.")
            code.interact(banner=banner, local=names, exitmsg='')
            env.cr.rollback()
            return 0
        source = sys.stdin.read()
        try:
            exec(compile(source, '<stdin>', 'exec'), names)
        except SystemExit:
            raise
        except BaseException:
            env.cr.rollback()
            # an error in the user's own code: its traceback is what they need
            import traceback
            traceback.print_exc()
            return 1
        env.cr.commit()
    return 0
