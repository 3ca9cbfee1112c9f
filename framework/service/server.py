"""Serve the WSGI application over HTTP until Ctrl-C or SIGTERM."""
import logging

from werkzeug.serving import run_simple

_logger = logging.getLogger(__name__)


def serve(config):
    """Run the HTTP server on ``http_interface:http_port`` (threaded) until interrupted.

    SIGTERM must raise KeyboardInterrupt (``framework.cli.main`` arranges it).

    Prints the URL and the default login; on exit closes the database
    connections and stops the embedded PostgreSQL.
    """
    from framework.db import close_all, embedded
    from framework.service.wsgi import application
    host, port = config['http_interface'], config['http_port']
    print(f"odoo-crm is running on http://{host}:{port}/"
          + (f" (database {config['db_name']})" if config['db_name'] else ''), flush=True)
    print("login admin / password admin", flush=True)
    try:
        run_simple(host, port, application, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        _logger.info("stopping")
        close_all()
        embedded.stop()
