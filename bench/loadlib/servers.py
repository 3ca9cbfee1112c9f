"""The servers of a load run: real ``odoo-bin --workers N`` processes on one database, and CPU accounting.

Each server gets its own port and log file (a pipe nobody reads would
block a busy server once full). :func:`cpu_seconds` reads ``/proc`` to
tell how much CPU a process and its descendants used: with the machine's
total it says which of clients, servers and PostgreSQL was the bottleneck.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO_BIN = os.path.join(ROOT, 'odoo-bin')
#: what a server logs when it runs a call again after a serialization conflict (framework.db.retry)
RETRY_LINE = 'concurrency conflict'
_TICKS = os.sysconf('SC_CLK_TCK')


def free_port():
    """A TCP port of 127.0.0.1 free right now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class Server:
    """One ``odoo-bin`` process serving ``dbname`` with ``workers`` processes; ``url`` once started."""

    def __init__(self, dbname, workers, db_flags, log_path, extra_flags=()):
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.log_path = log_path
        self.log = open(log_path, 'w')
        environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))
        self.process = subprocess.Popen(
            [sys.executable, ODOO_BIN, '-d', dbname, '--workers', str(workers), '--http-port', str(self.port),
             '--max-cron-threads', '0', '--log-level', 'info', *db_flags, *extra_flags],
            env=environ, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_serving(self, timeout=60):
        """Return once the server answers ``version()``; raise ``RuntimeError`` if it dies or stays silent."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError('the server on port %d exited: %s' % (self.port, self.output()[-2000:]))
            try:
                return xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/common').version()
            except OSError:
                time.sleep(0.1)  # still starting: poll the socket
        raise RuntimeError('the server on port %d did not answer within %d s' % (self.port, timeout))

    def stop(self):
        """SIGTERM, as an administrator would; SIGKILL after 30 s. Returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def output(self):
        """What the server logged so far."""
        self.log.flush()
        with open(self.log_path, errors='replace') as log:
            return log.read()

    def retried_conflicts(self):
        """How many calls the server ran again after a serialization conflict or deadlock."""
        return self.output().count(RETRY_LINE)


def start_servers(count, dbname, workers, db_flags, log_dir, extra_flags=()):
    """Start ``count`` servers on ``dbname`` and wait until each answers; return them."""
    os.makedirs(log_dir, exist_ok=True)
    servers = [Server(dbname, workers, db_flags, os.path.join(log_dir, 'server%d.log' % number), extra_flags)
               for number in range(count)]
    try:
        for server in servers:
            server.wait_until_serving()
    except BaseException:
        stop_servers(servers)
        raise
    return servers


def stop_servers(servers):
    for server in servers:
        server.stop()


def _stat(pid):
    """``(parent pid, CPU seconds)`` of a live process, or None."""
    try:
        with open('/proc/%d/stat' % pid) as stat:
            fields = stat.read().rsplit(')', 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS


def cpu_seconds(root_pids):
    """CPU seconds (user + system) used so far by the live processes ``root_pids`` and their descendants."""
    stats = {}
    for name in os.listdir('/proc'):
        if name.isdigit():
            found = _stat(int(name))
            if found:
                stats[int(name)] = found
    children = {}
    for pid, (parent, _) in stats.items():
        children.setdefault(parent, []).append(pid)
    total, todo, seen = 0.0, list(root_pids), set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in stats:
            continue
        seen.add(pid)
        total += stats[pid][1]
        todo += children.get(pid, [])
    return total


def machine_busy_seconds():
    """``(busy, total)`` CPU seconds of the whole machine since boot (``/proc/stat``)."""
    with open('/proc/stat') as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values) - idle) / _TICKS, sum(values) / _TICKS


def postmaster_pid(pgdata):
    """The PostgreSQL server's pid from ``pgdata/postmaster.pid``, or None."""
    try:
        with open(os.path.join(pgdata, 'postmaster.pid')) as pidfile:
            return int(pidfile.readline())
    except (OSError, ValueError):
        return None
