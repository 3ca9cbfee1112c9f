#!/usr/bin/env python3
"""Load run: concurrent XML-RPC clients doing a CRM mix against real prefork servers on one database.

    .venv/bin/python bench/load.py [--workers 4] [--clients 32] [--duration 60] [--servers 1]
                                   [--client-processes 2] [--no-baseline]

In a database of the embedded PostgreSQL (base and crm with demo data,
``bench_load``, created on first use) it starts ``--servers`` real
``odoo-bin --workers N`` processes, and ``--clients`` XML-RPC clients
(threads spread over ``--client-processes`` processes, each client on one
server) do for ``--duration`` seconds what CRM users do: case lists,
case forms, new cases, Open/Close, logged messages, mail through the
gateway. Each client keeps a ledger of the writes the server
acknowledged; afterwards the ledger is checked against the database:
every acknowledged case is there in the state of its last action, with
exactly the log lines and messages of its actions, every delivery
recorded once. Then the same run against one server with one worker
gives the baseline and the ratio.

It prints requests/s, p50 and p99 latency, the conflicts retried (by the
servers, and those the clients sent again), the failures, and where the
CPU went (clients, servers, PostgreSQL) so that the bottleneck is named.
The exit status is 1 when a request failed or the check found a
discrepancy.
"""
import argparse
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.benchdb import database  # noqa: E402 (after the path)

DBNAME = 'bench_load'


def setup_database():
    """Start the embedded PostgreSQL; create the database (base and crm, demo) on first use. Returns the flags."""
    keywords = database(DBNAME, ['base', 'crm'], demo=True)
    flags = ['--db_host', str(keywords['host'])]
    if keywords.get('port'):
        flags += ['--db_port', str(keywords['port'])]
    if keywords.get('user'):
        flags += ['--db_user', str(keywords['user'])]
    return flags


def one_run(label, servers, workers, args, db_flags, log_dir):
    """Start the servers, run the clients, stop the servers, check the ledger; print and return the run."""
    from bench.loadlib import run as load
    from bench.loadlib.servers import postmaster_pid, start_servers, stop_servers
    from framework.config import config
    running = start_servers(servers, DBNAME, workers, db_flags, log_dir,
                            ['--data-dir', os.path.join(log_dir, 'data')])
    try:
        run = load.run_load([server.url for server in running], DBNAME, args.clients, args.duration,
                            processes=args.client_processes,
                            server_pids=[server.process.pid for server in running],
                            postgres_pid=postmaster_pid(os.path.join(config['data_dir'], 'postgresql')))
    finally:
        retried = sum(server.retried_conflicts() for server in running)
        stop_servers(running)
    run['problems'] = load.check(DBNAME, run)
    print('\n'.join(load.summary('%s (%d x --workers %d)' % (label, servers, workers), run)))
    print('  conflicts retried by the servers: %d' % retried)
    for failure in run['failures'][:10]:
        print('  FAILED: ' + failure)
    if run['problems']:
        for problem in run['problems']:
            print('  CHECK: ' + problem)
    else:
        print('  check: every acknowledged write is in the database, counts exact (tag %s)' % run['tag'])
    sys.stdout.flush()
    return run


def machine():
    """One line naming the machine: cores and CPU model."""
    model = ''
    try:
        with open('/proc/cpuinfo') as cpuinfo:
            model = next((line.split(':', 1)[1].strip() for line in cpuinfo if line.startswith('model name')), '')
    except OSError:
        pass
    return 'machine: %d cores%s' % (os.cpu_count() or 1, ', ' + model if model else '')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--workers', type=int, default=4, help='worker processes per server (default 4)')
    parser.add_argument('--servers', type=int, default=1, help='odoo-bin processes on the database (default 1)')
    parser.add_argument('--clients', type=int, default=32, help='concurrent XML-RPC clients (default 32)')
    parser.add_argument('--duration', type=float, default=60, help='seconds of each run (default 60)')
    parser.add_argument('--client-processes', type=int, default=2,
                        help='processes the client threads are spread over (default 2)')
    parser.add_argument('--no-baseline', action='store_true', help='skip the single-worker run')
    args = parser.parse_args()
    for name in ('workers', 'servers', 'clients', 'client_processes'):
        if getattr(args, name) < 1:
            parser.error('--%s must be 1 or more.' % name.replace('_', '-'))
    if args.duration <= 0:
        parser.error('--duration must be a positive number of seconds.')
    import logging
    logging.basicConfig(level=logging.WARNING)
    from bench.loadlib import run as load
    from framework.db import close_all, embedded
    from framework.db.errors import DatabaseError
    try:
        db_flags = setup_database()
        print(machine())
        with tempfile.TemporaryDirectory(prefix='bench-load-') as log_dir:
            runs = [one_run('load', args.servers, args.workers, args, db_flags, os.path.join(log_dir, 'load'))]
            if not args.no_baseline:
                runs.append(one_run('baseline', 1, 1, args, db_flags, os.path.join(log_dir, 'baseline')))
    except (RuntimeError, DatabaseError) as error:   # a server that did not start, PostgreSQL unavailable
        print('bench/load.py: %s' % error, file=sys.stderr)
        return 1
    finally:
        close_all()
        embedded.stop()
    if len(runs) == 2:
        rate, base = load.throughput(runs[0])[1], load.throughput(runs[1])[1]
        print('ratio: %.2f x the requests/s of one worker (%.1f / %.1f req/s)'
              % (rate / base if base else 0.0, rate, base))
    return 1 if any(run['failures'] or run['problems'] for run in runs) else 0


if __name__ == '__main__':
    sys.exit(main())
