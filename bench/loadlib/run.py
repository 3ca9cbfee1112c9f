"""One load run: clients spread over processes against running servers, then the figures and the check.

:func:`run_load` starts the client processes (``spawn``: no inherited
database connection, no inherited threads), gathers what they return
and measures the CPU the clients, the servers and PostgreSQL used
meanwhile. :func:`check` compares the merged ledger with the database.
:func:`summary` turns a run into the lines the bench prints.
"""
import concurrent.futures
import multiprocessing
import os
import time
import uuid
import xmlrpc.client

from . import ledger as ledgers
from .clients import client_process
from .servers import cpu_seconds, machine_busy_seconds

#: seconds the client processes get to start and log in before the clock starts
START_DELAY = 2.0
#: cases every client replies to (``hot`` in the mix): few, so that replies meet on one row
HOT_CASES = 4


def new_tag():
    """A word that marks the cases of one run (their names contain it)."""
    return 'load-' + uuid.uuid4().hex[:8]


def run_load(urls, dbname, clients, duration, processes=2, tag=None, server_pids=(), postgres_pid=None):
    """Run ``clients`` clients for ``duration`` seconds against ``urls``; return the run as a dict.

    Keys: ``tag``, ``clients``, ``servers``, ``seconds`` (from the first
    client's start to the last one's end), ``latencies`` (action ->
    [seconds]), ``conflicts`` (faults the clients sent again),
    ``failures`` (sentences), ``ledger`` and ``cpu``: CPU seconds of ``clients``, ``servers``, ``postgres``
    (None without ``postgres_pid``), the machine's ``machine_busy`` and
    ``machine_total``, over ``wall`` seconds of the run.
    """
    tag = tag or new_tag()
    hot, setup_ledger = create_hot_cases(urls[0], dbname, tag)
    processes = max(1, min(processes, clients))
    groups = [list(range(number, clients, processes)) for number in range(processes)]
    start_at = time.time() + START_DELAY
    context = multiprocessing.get_context('spawn')
    with concurrent.futures.ProcessPoolExecutor(processes, mp_context=context) as pool:
        futures = [pool.submit(client_process, urls, dbname, tag, group, start_at, duration, hot)
                   for group in groups]
        time.sleep(max(0.0, start_at - time.time()))   # take the CPU figures at the clients' start
        before = _cpu(server_pids, postgres_pid)
        parts = [future.result() for future in futures]
        after = _cpu(server_pids, postgres_pid)
    results = [client for part in parts for client in part['clients']]
    run = {
        'tag': tag, 'clients': clients, 'servers': len(urls),
        'seconds': max(part['ended'] for part in parts) - min(part['started'] for part in parts),
        'latencies': {}, 'conflicts': sum(result['conflicts'] for result in results),
        'failures': [error for part in parts for error in part['setup_errors']]
        + [failure for result in results for failure in result['failures']],
        'ledger': ledgers.merge([setup_ledger] + [result['ledger'] for result in results]),
        'cpu': {name: None if before[name] is None else after[name] - before[name] for name in before},
    }
    run['cpu']['clients'] = sum(part['cpu'] for part in parts)
    for result in results:
        for kind, values in result['latencies'].items():
            run['latencies'].setdefault(kind, []).extend(values)
    return run


def create_hot_cases(url, dbname, tag, login='admin', password='admin'):
    """Create the run's shared cases over XML-RPC; return ``(ids, a ledger of their creation)``."""
    from .clients import SECTION_CODE
    common = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common')
    uid = common.authenticate(dbname, login, password, {})
    models = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)
    [section] = models.execute_kw(dbname, uid, password, 'crm.case.section', 'search',
                                  [[('code', '=', SECTION_CODE)]])
    ledger, ids = ledgers.new_ledger(), []
    for number in range(HOT_CASES):
        case_id = models.execute_kw(dbname, uid, password, 'crm.case', 'create', [{
            'name': '%s hot case %d' % (tag, number), 'section_id': section,
            'email_from': 'hot%d@example.com' % number}])
        ledgers.record(ledger, case_id, 'create')
        ids.append(case_id)
    return ids, ledger


def _cpu(server_pids, postgres_pid):
    busy, total = machine_busy_seconds()
    return {'wall': time.time(), 'servers': cpu_seconds(server_pids),
            'postgres': cpu_seconds([postgres_pid]) if postgres_pid else None,
            'machine_busy': busy, 'machine_total': total}


def check(dbname, run):
    """Return the discrepancies between the run's ledger and database ``dbname`` (see ``ledger.verify``)."""
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(dbname)
    with db_connect(dbname).cursor() as cr:
        try:
            return ledgers.verify(Environment(cr, 1, {}, registry=registry), run['ledger'], run['tag'])
        finally:
            cr.rollback()


def percentile(values, fraction):
    """The ``fraction`` percentile of ``values`` (nearest rank), 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered))) - 1))]


def throughput(run):
    """``(requests, requests per second, p50 seconds, p99 seconds)`` of a run."""
    everything = [value for values in run['latencies'].values() for value in values]
    seconds = run['seconds'] or 1.0
    return len(everything), len(everything) / seconds, percentile(everything, 0.5), percentile(everything, 0.99)


def writes(run):
    """How many acknowledged writes on cases (creations, presses, logs, deliveries) the run made."""
    return sum(len(actions) for actions in run['ledger']['actions'].values())


def bottleneck(run, cores=None):
    """A sentence saying how many cores the clients, the servers and PostgreSQL kept busy, and what limited the run."""
    cores = cores or os.cpu_count() or 1
    cpu = run['cpu']
    window = cpu['wall'] or 1.0
    shares = {name: cpu[name] / window for name in ('servers', 'postgres', 'clients') if cpu[name] is not None}
    busy = cpu['machine_busy'] / window
    # the machine's figure counts every process: whatever else ran meanwhile competed for the cores
    shares['other processes'] = max(0.0, busy - sum(shares.values()))
    parts = ', '.join('%s %.2f' % (name, value) for name, value in shares.items())
    if cpu['postgres'] is None:
        parts += ' (postgres not measured: it is among the other processes)'
    top = max(shares, key=shares.get)
    if busy > 0.9 * cores and top == 'other processes':
        verdict = ('the %d cores were saturated, mostly by other processes: this run got only part of the '
                   'machine, read its CPU per request rather than its requests/s' % cores)
    elif busy > 0.9 * cores:
        verdict = 'the %d cores were saturated: the limit is CPU, and most of it went to the %s' % (cores, top)
    else:
        verdict = ('the cores were not saturated (%.2f of %d busy): the limit is waiting '
                   '(locks, I/O, too few clients), not CPU' % (busy, cores))
    return 'cores kept busy: %s; %s' % (parts, verdict)


def cpu_per_request(run):
    """``{'servers'|'postgres'|'clients': CPU milliseconds per request}``.

    Unlike requests/s, this hardly depends on what else the machine runs.
    """
    requests = throughput(run)[0] or 1
    return {name: 1000 * run['cpu'][name] / requests for name in ('servers', 'postgres', 'clients')
            if run['cpu'][name] is not None}


def summary(label, run):
    """The lines that describe one run."""
    requests, rate, p50, p99 = throughput(run)
    lines = ['%s: %d servers, %d clients, %.1f s: %d requests, %.1f req/s, p50 %.1f ms, p99 %.1f ms'
             % (label, run['servers'], run['clients'], run['seconds'], requests, rate, p50 * 1000, p99 * 1000)]
    kinds = sorted(run['latencies'])
    lines.append('  per action: ' + ', '.join(
        '%s %d (p50 %.0f ms)' % (kind, len(run['latencies'][kind]), percentile(run['latencies'][kind], 0.5) * 1000)
        for kind in kinds))
    lines.append('  acknowledged writes %d on %d cases, %d gateway deliveries; conflicts sent again by clients %d; '
                 'failures %d' % (writes(run), len(run['ledger']['actions']), len(run['ledger']['messages']),
                                  run['conflicts'], len(run['failures'])))
    lines.append('  CPU per request: ' + ', '.join('%s %.1f ms' % item for item in cpu_per_request(run).items()))
    lines.append('  ' + bottleneck(run))
    return lines
