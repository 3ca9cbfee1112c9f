"""``odoo-bin cron -d DB``: run the scheduled jobs that are due now, once, and exit.

For a system timer (cron, systemd) instead of, or besides, the runners of
the server: the row locks keep the two from running a job twice.
"""
from framework.config import config

from .common import require_database, setup
from .errors import CliError


def run(argv):
    """Run the due jobs of ``-d``'s database; print how many ran and failed; return 0."""
    setup(argv, config.build_parser(prog='odoo-bin cron',
                                    description='Run the scheduled jobs that are due now, once.'))
    dbname = config['db_name']
    require_database(dbname, 'cron')
    from framework.cron.jobs import agenda, process_jobs
    if not agenda(dbname).scheduler:
        raise CliError(f"database {dbname} has no scheduler; install base first with: "
                       f"./odoo-bin -d {dbname} -i base --stop-after-init", code=1)
    outcome = process_jobs(dbname)
    print(f"{outcome.ran} {'job' if outcome.ran == 1 else 'jobs'} ran, {outcome.failed} failed")
    return 0
