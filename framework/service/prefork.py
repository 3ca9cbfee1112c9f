"""``--workers N``: N server processes sharing one listening socket (prefork).

The parent binds the socket, forks N children that each accept and serve
requests on it (one at a time, as Odoo's workers), plus ``cron_workers``
children that run the scheduler (``framework.cron``) and one child per
extra *service* (the document addon's FTP server), starts a new child
when one dies, and stops them all on SIGTERM or Ctrl-C. Children share nothing
but the database: sessions live there, and a module installed by one
process reaches the others through the registry signal
(``framework.orm.signaling``).
"""
import logging
import os
import signal
import socket
import time

_logger = logging.getLogger(__name__)

#: a child dying sooner than this after its start makes the parent wait before the next one
MIN_CHILD_LIFETIME = 1.0
STOP_TIMEOUT = 10.0


def bind(host, port):
    """Return a listening TCP socket on ``host:port`` (inheritable by the children)."""
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _child(sock, app, host, port):
    """Serve ``app`` on ``sock`` until killed; never returns."""
    from werkzeug.serving import make_server
    code = 0
    try:
        server = make_server(host, port, app, threaded=False, fd=sock.fileno())
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    except BaseException:
        _logger.exception("worker %d crashed", os.getpid())
        code = 1
    finally:
        os._exit(code)  # never run the parent's exit handlers (they stop PostgreSQL)


def _cron_child(databases):
    """Run the scheduler on ``databases`` (all when empty) until killed; never returns."""
    code = 0
    try:
        from framework.cron import Runner
        Runner(databases).run_forever()
    except KeyboardInterrupt:
        pass
    except BaseException:
        _logger.exception("cron worker %d crashed", os.getpid())
        code = 1
    finally:
        os._exit(code)


def _service_child(label, target):
    """Run ``target()`` (a service that serves until interrupted); never returns.

    A service that returns could not start (it said why): its child exits
    with ``SERVICE_GAVE_UP`` and is not started again.
    """
    code = SERVICE_GAVE_UP
    try:
        target()
    except KeyboardInterrupt:
        code = 0
    except BaseException:
        _logger.exception("%s %d crashed", label, os.getpid())
        code = 1
    finally:
        os._exit(code)


#: exit status of a service child whose service could not start (not restarted)
SERVICE_GAVE_UP = 3
WORKER, CRON = 'worker', 'cron worker'


class Arbiter:
    """The parent process: keeps ``workers`` children alive serving ``app`` on one socket.

    ``cron_workers`` more children run the scheduler on ``cron_databases``
    (every database when empty); ``services`` are ``(label, target)``
    pairs, each ``target()`` run in a child of its own (see `_service_child`).
    """

    def __init__(self, app, host, port, workers, cron_workers=0, cron_databases=(), services=()):
        self.app, self.host, self.port, self.workers = app, host, port, workers
        self.cron_workers, self.cron_databases = cron_workers, list(cron_databases)
        self.services = dict(services)
        self.children = {}   # pid -> start time
        self.kinds = {}      # pid -> WORKER, CRON or a service's label
        self.sock = None

    def spawn(self, kind=WORKER):
        """Fork one child of ``kind`` (WORKER, CRON or a service's label); return its pid in the parent."""
        from framework.db import close_all
        close_all()  # a connection must never be shared by two processes
        pid = os.fork()
        if pid == 0:
            if kind == WORKER:
                _child(self.sock, self.app, self.host, self.port)
            self.sock.close()
            if kind == CRON:
                _cron_child(self.cron_databases)
            _service_child(kind, self.services[kind])
        self.children[pid] = time.monotonic()
        self.kinds[pid] = kind
        _logger.info("%s %d started", kind, pid)
        return pid

    def run(self):
        """Bind, fork the children, and replace the dead ones until SIGTERM/Ctrl-C (KeyboardInterrupt)."""
        self.sock = bind(self.host, self.port)
        self.port = self.sock.getsockname()[1]
        try:
            for _ in range(self.workers):
                self.spawn()
            for _ in range(self.cron_workers):
                self.spawn(CRON)
            for label in self.services:
                self.spawn(label)
            while True:
                pid, status = os.wait()
                started = self.children.pop(pid, None)
                if started is None:
                    continue
                kind = self.kinds.pop(pid)
                if kind in self.services and os.WIFEXITED(status) \
                        and os.WEXITSTATUS(status) == SERVICE_GAVE_UP:
                    _logger.error("%s could not start (see above); serving without it", kind)
                    continue
                _logger.warning("%s %d died (status %s); starting another", kind, pid, status)
                if time.monotonic() - started < MIN_CHILD_LIFETIME:
                    time.sleep(MIN_CHILD_LIFETIME)
                self.spawn(kind)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self):
        """Send SIGTERM to every child, wait for them (SIGKILL after ``STOP_TIMEOUT``), close the socket."""
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.children.pop(pid, None)
                self.kinds.pop(pid, None)
        deadline = time.monotonic() + STOP_TIMEOUT
        while self.children:
            for pid in list(self.children):
                try:
                    done, _ = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done = pid
                if done:
                    self.children.pop(pid, None)
                    self.kinds.pop(pid, None)
            if self.children and time.monotonic() > deadline:
                for pid in list(self.children):
                    os.kill(pid, signal.SIGKILL)
                deadline = float('inf')
            if self.children:
                time.sleep(0.05)
        if self.sock is not None:
            self.sock.close()
