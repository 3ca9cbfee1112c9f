"""Serve the WSGI application over HTTP until Ctrl-C or SIGTERM: one threaded process or prefork workers."""
import logging

from werkzeug.serving import run_simple

_logger = logging.getLogger(__name__)


def serve(config):
    """Run the HTTP server on ``http_interface:http_port`` until interrupted.

    ``config['workers']`` > 0 runs that many processes (see ``prefork``),
    0 one threaded process. ``config['max_cron_threads']`` scheduler runners
    serve ``db_name`` (every database when unset): threads here, processes
    of their own under prefork; so does the FTP server of ``--ftp-port``
    (a thread here, a process of its own under prefork). SIGTERM must raise KeyboardInterrupt
    (``framework.cli.main`` arranges it). Prints the URL and the default
    login; on exit closes the database connections and stops the embedded
    PostgreSQL.
    """
    from framework.db import close_all, embedded, ensure_server
    from framework.service.wsgi import application
    host, port, workers = config['http_interface'], config['http_port'], config.get('workers') or 0
    print(f"odoo-crm is running on http://{host}:{port}/"
          + (f" (database {config['db_name']})" if config['db_name'] else '')
          + (f" with {workers} worker processes" if workers else ''), flush=True)
    print("login admin / password admin", flush=True)
    cron_runners, cron_threads = max(config.get('max_cron_threads') or 0, 0), []
    ftp_server = None
    try:
        if workers > 0:
            from .prefork import Arbiter
            ensure_server()  # started once by the parent, shared by the workers
            services = [('ftp server', lambda: _serve_ftp(config))] if config.get('ftp_port') else []
            Arbiter(application, host, port, workers, cron_workers=cron_runners,
                    cron_databases=[config['db_name']] if config['db_name'] else [],
                    services=services).run()
        else:
            from framework.cron import start_threads
            if cron_runners:
                ensure_server()  # before the threads, so that only one of them may start it
            cron_threads = start_threads(cron_runners, [config['db_name']] if config['db_name'] else [])
            ftp_server = _start_ftp(config)
            run_simple(host, port, application, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        _logger.info("stopping")
        if ftp_server is not None:
            ftp_server.stop()
        if cron_threads:
            from framework.cron import stop_threads
            stop_threads(cron_threads)
        close_all()
        embedded.stop()


def _start_ftp(config):
    """The document addon's FTP server thread when ``--ftp-port`` asks for it, else None."""
    if not config.get('ftp_port'):
        return None
    from framework.db import ensure_server
    ensure_server()
    try:
        from addons.document.ftp.server import start_from_config
    except ImportError as error:   # pyftpdlib missing: say what to install, keep serving HTTP
        _logger.error("--ftp-port needs the document addon and pyftpdlib (%s)", error)
        return None
    return start_from_config(config)


def _serve_ftp(config):
    """Serve FTP until interrupted (the FTP child of prefork); return at once if it cannot start."""
    ftp_server = _start_ftp(config)
    if ftp_server is None:
        return
    try:
        while ftp_server.is_alive():
            ftp_server.join(1.0)   # a timed join, so that SIGTERM's KeyboardInterrupt gets through
    finally:
        ftp_server.stop()
