"""``--workers N``: N server processes sharing one listening socket (prefork).

The parent binds the socket, forks N children that each accept and serve
requests on it (one at a time, as Odoo's workers), starts a new child when
one dies, and stops them all on SIGTERM or Ctrl-C. Children share nothing
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


class Arbiter:
    """The parent process: keeps ``workers`` children alive serving ``app`` on one socket."""

    def __init__(self, app, host, port, workers):
        self.app, self.host, self.port, self.workers = app, host, port, workers
        self.children = {}   # pid -> start time
        self.sock = None

    def spawn(self):
        """Fork one child; return its pid in the parent."""
        from framework.db import close_all
        close_all()  # a connection must never be shared by two processes
        pid = os.fork()
        if pid == 0:
            _child(self.sock, self.app, self.host, self.port)
        self.children[pid] = time.monotonic()
        _logger.info("worker %d started", pid)
        return pid

    def run(self):
        """Bind, fork the children, and replace the dead ones until SIGTERM/Ctrl-C (KeyboardInterrupt)."""
        self.sock = bind(self.host, self.port)
        self.port = self.sock.getsockname()[1]
        try:
            for _ in range(self.workers):
                self.spawn()
            while True:
                pid, status = os.wait()
                started = self.children.pop(pid, None)
                if started is None:
                    continue
                _logger.warning("worker %d died (status %s); starting another", pid, status)
                if time.monotonic() - started < MIN_CHILD_LIFETIME:
                    time.sleep(MIN_CHILD_LIFETIME)
                self.spawn()
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
        deadline = time.monotonic() + STOP_TIMEOUT
        while self.children:
            for pid in list(self.children):
                try:
                    done, _ = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done = pid
                if done:
                    self.children.pop(pid, None)
            if self.children and time.monotonic() > deadline:
                for pid in list(self.children):
                    os.kill(pid, signal.SIGKILL)
                deadline = float('inf')
            if self.children:
                time.sleep(0.05)
        if self.sock is not None:
            self.sock.close()
