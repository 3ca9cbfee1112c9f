"""Create, copy, list and drop databases on the configured server."""
import logging
import os
import shutil
from contextlib import contextmanager

import psycopg2
from psycopg2 import sql

from .connection import close_db
from .errors import ConnectionFailed, DatabaseExists, DatabaseNotFound

_logger = logging.getLogger(__name__)

# databases every server has and that never hold our data
_SYSTEM_DBS = ('postgres', 'template0', 'template1')


@contextmanager
def _server_cursor():
    """A cursor in autocommit on a maintenance database (CREATE/DROP DATABASE need it)."""
    from .embedded import ensure_server
    keywords = ensure_server()
    try:
        cnx = psycopg2.connect(dbname='postgres', **keywords)
    except psycopg2.OperationalError as exc:
        if 'does not exist' not in str(exc):
            raise ConnectionFailed('postgres', exc) from None
        try:
            cnx = psycopg2.connect(dbname='template1', **keywords)
        except psycopg2.OperationalError as exc2:
            raise ConnectionFailed('template1', exc2) from None
    try:
        cnx.autocommit = True
        with cnx.cursor() as cr:
            yield cr
    finally:
        cnx.close()


def list_dbs():
    """Return the names of the user databases on the server, sorted."""
    with _server_cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> ALL(%s) "
                   "ORDER BY datname", [list(_SYSTEM_DBS)])
        return [row[0] for row in cr.fetchall()]


def exists(name):
    """True when a database called ``name`` exists."""
    with _server_cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cr.fetchone() is not None


def create_db(name, template=None):
    """Create the empty UTF8 database ``name`` as a copy of ``template`` (default template0).

    Raises DatabaseExists when the name is taken, DatabaseNotFound when the
    template is missing.
    """
    template = template or 'template0'
    with _server_cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE datname IN (%s, %s)", [name, template])
        found = {row[0] for row in cr.fetchall()}
        if name in found:
            raise DatabaseExists(name)
        if template not in found:
            raise DatabaseNotFound(template)
        if template not in _SYSTEM_DBS:
            # PostgreSQL refuses to copy a database somebody is connected to
            close_db(template)
            _terminate(cr, template)
        cr.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)))
    _logger.info("created database %s from %s", name, template)


def duplicate_db(src, dst):
    """Create ``dst`` as a full copy of ``src``, filestore included."""
    create_db(dst, template=src)
    source = _filestore(src)
    if os.path.isdir(source):
        shutil.copytree(source, _filestore(dst))


def drop_db(name):
    """Drop database ``name`` after closing every connection to it; remove its filestore."""
    close_db(name)
    with _server_cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cr.fetchone() is None:
            raise DatabaseNotFound(name)
        _terminate(cr, name)
        cr.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
    shutil.rmtree(_filestore(name), ignore_errors=True)
    _logger.info("dropped database %s", name)


def _terminate(cr, name):
    cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
               "WHERE datname = %s AND pid <> pg_backend_pid()", [name])


def _filestore(name):
    from framework.config import config
    return config.filestore(name)
