"""Serve the WSGI application over HTTP until Ctrl-C or SIGTERM: one threaded process or prefork workers."""
import logging

from werkzeug.serving import run_simple

_logger = logging.getLogger(__name__)


def serve(config):
    """Run the HTTP server on ``http_interface:http_port`` until interrupted.

    ``config['workers']`` > 0 runs that many processes (see ``prefork``),
    0 one threaded process. SIGTERM must raise KeyboardInterrupt
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
    try:
        if workers > 0:
            from .prefork import Arbiter
            ensure_server()  # started once by the parent, shared by the workers
            Arbiter(application, host, port, workers).run()
        else:
            run_simple(host, port, application, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        _logger.info("stopping")
        close_all()
        embedded.stop()
