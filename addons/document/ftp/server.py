"""The FTP server of the document tree: a pyftpdlib server in a daemon thread of the server process.

``start(databases, host, port)`` returns a running :class:`FtpServerThread`;
``stop()`` on it closes every connection and joins the thread. Each FTP
connection is served by a thread of its own (the ORM calls block).
"""
import logging
import threading

from pyftpdlib.handlers import DTPHandler, FTPHandler
from pyftpdlib.servers import ThreadedFTPServer

from .authorizer import DocumentAuthorizer
from .filesystem import DocumentFilesystem, UploadFile

_logger = logging.getLogger(__name__)

#: connection limits of §12.5
MAX_CONNECTIONS = 300
MAX_CONNECTIONS_PER_IP = 50


class DocumentDTPHandler(DTPHandler):
    """Data channel that stores an upload only when its transfer completed, and reports a refusal.

    pyftpdlib closes the file it wrote to before answering the client; the
    attachment is written then, so an error there (a duplicate name, an
    access right) must replace the "226 Transfer complete." reply.
    """

    def close(self):
        if not self._closed and isinstance(self.file_obj, UploadFile) and not self.file_obj.closed:
            if not self.transfer_finished:
                self.file_obj.discard()
            else:
                try:
                    self.file_obj.close()
                except Exception as error:     # noqa: BLE001 - the client must get an answer
                    text = str(error) or 'Operation not permited'
                    _logger.info('FTP upload %s refused: %s', self.file_obj.name, text)
                    self._resp = ('550 %s.' % text.rstrip('.'), _logger.info)
        super().close()


def make_handler(databases, passive_ports=None, auth_failed_timeout=None):
    """An FTPHandler class serving the document tree of ``databases()`` (a callable)."""
    attributes = {
        'authorizer': DocumentAuthorizer(databases),
        'abstracted_fs': DocumentFilesystem,
        'dtp_handler': DocumentDTPHandler,
        'banner': 'OpenERP document FTP server ready.',
        'permit_foreign_addresses': False,
    }
    if passive_ports:
        attributes['passive_ports'] = list(passive_ports)
    if auth_failed_timeout is not None:
        attributes['auth_failed_timeout'] = auth_failed_timeout
    return type('DocumentFTPHandler', (FTPHandler,), attributes)


class FtpServerThread(threading.Thread):
    """A daemon thread running one FTP server until :meth:`stop`."""

    def __init__(self, server):
        super().__init__(name='document-ftp', daemon=True)
        self.server = server
        self._stopping = threading.Event()

    @property
    def address(self):
        """``(host, port)`` the server listens on (the port chosen when 0 was asked)."""
        return self.server.socket.getsockname()[:2]

    def run(self):
        try:
            while not self._stopping.is_set():
                self.server.serve_forever(timeout=0.2, blocking=False, handle_exit=False)
        finally:
            self.server.close_all()

    def stop(self, timeout=10):
        """Stop serving, close the connections and wait for the thread."""
        self._stopping.set()
        self.join(timeout)


def start(databases, host='127.0.0.1', port=8021, passive_ports=None, auth_failed_timeout=None):
    """Start serving ``databases`` (a list of names, or a callable returning one) on ``host:port``."""
    names = databases if callable(databases) else (lambda: list(databases))
    handler = make_handler(names, passive_ports, auth_failed_timeout)
    server = ThreadedFTPServer((host, port), handler)
    server.max_cons = MAX_CONNECTIONS
    server.max_cons_per_ip = MAX_CONNECTIONS_PER_IP
    server.poll_timeout = 0.2       # how soon a connection's thread notices the server stopping
    thread = FtpServerThread(server)
    thread.start()
    host, port = thread.address
    _logger.info('FTP server of the documents listening on ftp://%s:%s/', host, port)
    return thread


def start_from_config(config):
    """Start the FTP server the options ask for (``ftp_port``), or return None.

    It listens on ``http_interface`` and serves ``db_name`` when that
    database has ``document`` installed (every database where it is, when
    no database is named); it is not started otherwise.
    """
    port = config.get('ftp_port')
    if not port:
        return None
    from framework.db import admin
    dbname = config.get('db_name')
    if dbname:
        from .authorizer import document_installed_in
        if not document_installed_in(dbname):
            _logger.warning('--ftp-port ignored: the document module is not installed in %s; '
                            'install it with -i document', dbname)
            return None
        databases = [dbname]
    else:
        databases = admin.list_dbs
    try:
        thread = start(databases, config.get('http_interface') or '127.0.0.1', port)
    except OSError as error:
        _logger.error('cannot serve FTP on port %s: %s; choose another --ftp-port', port, error)
        return None
    host, port = thread.address
    print(f"documents are served on ftp://{host}:{port}/", flush=True)
    return thread
