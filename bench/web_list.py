#!/usr/bin/env python3
"""Web list benchmark: the server time of opening the cases list, as the web client does.

    .venv/bin/python bench/web_list.py [--cases 10000] [--runs 15]

In a fresh database of the embedded server (base and crm, no demo data;
dropped at the end) it creates N cases in batches through the ORM, serves
the real application on 127.0.0.1 in a thread, logs in through
``/web/session/authenticate`` and times, as wall time of each HTTP round
trip seen by this process (median of ``--runs`` after one warm-up), the
calls the client makes to open a list: ``get_views`` (list and search,
with the toolbar), ``web_search_read`` of the first 80 rows with the list
view's fields, and ``read_group`` by state. The baseline is the same page
read with raw psycopg2 (the stored columns in ``_order``, LIMIT 80, and a
COUNT(*)), and the grouping as one GROUP BY. Opening the list
(``get_views`` + ``web_search_read``) has a budget of 300 ms.
"""
import argparse
import http.client
import json
import os
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.benchdb import database, drop  # noqa: E402 (after the path)
from bench.timing import timed  # noqa: E402

DBNAME = 'bench_web_list'
MODEL = 'crm.case'
PAGE = 80
#: server time allowed to open the list (get_views + web_search_read), in seconds
BUDGET = 0.300
STATES = ['draft', 'open', 'pending', 'done', 'cancel']
BATCH = 1000


def setup_database():
    """A new database with base and crm installed (no demo); one left by a killed run is dropped first."""
    return database(DBNAME, ['base', 'crm'], fresh=True)


def drop_database():
    drop(DBNAME)


def create_cases(count):
    """Create `count` cases (one section, 100 partners, 5 users, every state and priority); commit."""
    import datetime
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(DBNAME)
    with db_connect(DBNAME).cursor() as cr:
        env = Environment(cr, 1, {}, registry=registry)
        section = env['crm.case.section'].create({'name': 'Bench', 'code': 'bench'})
        partners = env['res.partner'].create([{'name': 'Partner %03d' % i} for i in range(100)]).ids
        users = env['res.users'].create([{'name': 'User %d' % i, 'login': 'bench_user_%d' % i}
                                         for i in range(5)]).ids
        start = datetime.datetime(2026, 1, 1, 9, 0)
        for first in range(0, count, BATCH):
            env['crm.case'].create([{
                'name': 'Case %05d' % i,
                'section_id': section.id,
                'partner_id': partners[i % len(partners)],
                'user_id': users[i % len(users)],
                'priority': str(1 + i % 5),
                'state': STATES[i % len(STATES)],
                'date': start + datetime.timedelta(hours=i),
                'date_deadline': start + datetime.timedelta(days=30 + i % 90),
                'planned_revenue': 100.0 * (i % 50),
                'planned_cost': 10.0 * (i % 30),
            } for i in range(first, min(first + BATCH, count))])
            env.flush_all()
            env.invalidate_all()    # keep the cache small between batches
        cr.commit()


def serve():
    """Serve the application on a free loopback port in a daemon thread; return ``(port, server)``."""
    from werkzeug.serving import make_server
    from framework.service.wsgi import application
    server = make_server('127.0.0.1', 0, application, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_port, server


class Client:
    """A JSON-RPC client on one keep-alive connection that carries the session cookie."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
        self.cookie = None
        self.context = {}
        self.next_id = 0

    def post(self, path, params):
        self.next_id += 1
        body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': self.next_id})
        headers = {'Content-Type': 'application/json'}
        if self.cookie:
            headers['Cookie'] = self.cookie
        self.connection.request('POST', path, body, headers)
        response = self.connection.getresponse()
        answer = json.loads(response.read())
        cookie = response.getheader('Set-Cookie')
        if cookie:
            self.cookie = cookie.split(';', 1)[0]
        if 'error' in answer:
            raise RuntimeError(f"{path}: {answer['error'].get('message')} {answer['error'].get('data', '')}")
        return answer['result']

    def login(self, db, login, password):
        info = self.post('/web/session/authenticate', {'db': db, 'login': login, 'password': password})
        self.context = info['user_context']
        return info

    def call(self, model, method, args, kwargs=None):
        """``call_kw`` as the client's ``call()`` does: the user context in ``kwargs.context``."""
        kwargs = dict(kwargs or {}, context=dict(self.context, **(kwargs or {}).get('context', {})))
        return self.post(f'/web/dataset/call_kw/{model}/{method}',
                         {'model': model, 'method': method, 'args': args, 'kwargs': kwargs})



def list_fields(arch):
    """The names of the fields shown as columns of a list arch (its top-level ``field`` nodes)."""
    from lxml import etree
    root = etree.fromstring(arch.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    return [node.get('name') for node in root.iterchildren('field')]


def sql_baseline(keywords, fields, runs):
    """Medians of the raw psycopg2 page read (+ count) and of the GROUP BY state, on their own connection."""
    import psycopg2
    from psycopg2 import sql
    from framework.orm.registry import Registry
    Case = Registry.open(DBNAME)[MODEL]
    columns = [name for name in fields if name == 'id' or getattr(Case._fields[name], 'column', False)]
    order = sql.SQL(', ').join(
        sql.SQL(' ').join([sql.Identifier(term.split()[0])] + [sql.SQL(word.upper()) for word in term.split()[1:]
                                                               if word.lower() in ('asc', 'desc')])
        for term in Case._order.split(','))
    page = sql.SQL('SELECT {} FROM {} WHERE active ORDER BY {} LIMIT %s').format(
        sql.SQL(', ').join(map(sql.Identifier, columns)), sql.Identifier(Case._table), order)
    count = sql.SQL('SELECT count(*) FROM {} WHERE active').format(sql.Identifier(Case._table))
    group = sql.SQL('SELECT state, count(*), sum(planned_revenue), sum(planned_cost) FROM {} '
                    'WHERE active GROUP BY state ORDER BY state').format(sql.Identifier(Case._table))
    conn = psycopg2.connect(dbname=DBNAME, **keywords)
    try:
        with conn.cursor() as cr:
            def read_page():
                cr.execute(page, [PAGE])
                rows = cr.fetchall()
                cr.execute(count)
                return rows, cr.fetchone()[0]

            def read_groups():
                cr.execute(group)
                return cr.fetchall()
            page_time, _, (rows, length) = timed(read_page, runs)
            group_time, _, groups = timed(read_groups, runs)
        conn.rollback()
    finally:
        conn.close()
    return page_time, len(rows), length, group_time, len(groups), columns


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--cases', type=int, default=10000, help='cases created (default 10000)')
    parser.add_argument('--runs', type=int, default=15, help='timed runs of each call (default 15)')
    args = parser.parse_args()
    import logging
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger('werkzeug').setLevel(logging.ERROR)

    start = time.perf_counter()
    keywords = setup_database()
    install_seconds = time.perf_counter() - start
    server = None
    try:
        start = time.perf_counter()
        create_cases(args.cases)
        create_seconds = time.perf_counter() - start
        port, server = serve()
        client = Client(port)
        client.login(DBNAME, 'admin', 'admin')

        views_args = [[[False, 'list'], [False, 'search']], {'toolbar': True}]
        get_views, get_views_min, views = timed(lambda: client.call(MODEL, 'get_views', views_args), args.runs)
        fields = list_fields(views['views']['list']['arch'])
        search_read, search_read_min, page = timed(
            lambda: client.call(MODEL, 'web_search_read', [[], fields, 0, PAGE, None]), args.runs)
        group_args = [[], ['state', 'planned_revenue', 'planned_cost'], ['state']]
        read_group, read_group_min, groups = timed(
            lambda: client.call(MODEL, 'read_group', group_args, {'lazy': True}), args.runs)
        sql_page, sql_rows, sql_length, sql_group, sql_groups, columns = sql_baseline(keywords, fields, args.runs)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        drop_database()

    assert page['length'] == sql_length and len(page['records']) == sql_rows, 'ORM and SQL disagree'
    opening = get_views + search_read
    print(f"database {DBNAME}: base+crm installed in {install_seconds:.1f} s, "
          f"{args.cases} cases created in {create_seconds:.1f} s (ORM create, batches of {BATCH})")
    print(f"list view columns: {', '.join(fields)}")
    print(f"server time = wall time of each HTTP round trip (JSON-RPC, keep-alive, 127.0.0.1), "
          f"median of {args.runs} after 1 warm-up")
    print()
    print(f"{'call':<58}{'median ms':>11}{'min ms':>9}{'SQL ms':>9}{'ORM/SQL':>9}")
    rows = [
        ("get_views([[False,'list'],[False,'search']], toolbar)", get_views, get_views_min, None),
        (f"web_search_read([], {len(fields)} fields, 0, {PAGE}) -> "
         f"{len(page['records'])} of {page['length']}", search_read, search_read_min, sql_page),
        (f"read_group([], state) -> {len(groups)} groups", read_group, read_group_min, sql_group),
    ]
    for label, median, minimum, baseline in rows:
        ratio = f"{median / baseline:8.1f}x" if baseline else f"{'':9}"
        sql_ms = f"{baseline * 1000:9.2f}" if baseline else f"{'-':>9}"
        print(f"{label:<58}{median * 1000:11.1f}{minimum * 1000:9.1f}{sql_ms}{ratio}")
    print()
    print(f"SQL baseline: raw psycopg2, SELECT {len(columns)} stored columns WHERE active ORDER BY "
          f"_order LIMIT {PAGE} + COUNT(*) (no many2one names), and one GROUP BY state")
    verdict = 'MET' if opening <= BUDGET else 'NOT MET'
    print(f"budget: opening the list (get_views + web_search_read) within {BUDGET * 1000:.0f} ms "
          f"of server time: {opening * 1000:.1f} ms -> {verdict}")
    grouped = get_views + read_group
    verdict = 'MET' if grouped <= BUDGET else 'NOT MET'
    print(f"budget: opening it grouped by state (get_views + read_group) within {BUDGET * 1000:.0f} ms: "
          f"{grouped * 1000:.1f} ms -> {verdict}")
    from framework.db import close_all, embedded
    close_all()
    embedded.stop()


if __name__ == '__main__':
    main()
