#!/usr/bin/env python3
"""ORM benchmark: the same work through the ORM and through raw psycopg2.

    .venv/bin/python bench/orm.py [--sizes 1000,10000] [--profile OP]

For each size N it times, on ``res.partner`` in one database of the
embedded server: create one by one, create in one batch, search, read
(with the many2one display names), write (one call for all records, and
one call per record) and unlink; then the same work in hand-written SQL on
the same cursor. It prints both times and the ratio ORM / raw SQL. Every
run happens in a transaction that is rolled back, so runs do not pile up.
`--profile OP` runs that operation under pyinstrument and prints where the
time goes.
"""
import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.benchdb import database  # noqa: E402 (after the path)

DBNAME = 'bench_orm'


def setup_database():
    """A database with base installed (no demo), created on first use."""
    database(DBNAME, ['base'], demo=False)


def timed(func):
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


class Bench:
    """The operations, each as an ORM version and a raw SQL version."""

    def __init__(self, env, size):
        self.env = env
        self.cr = env.cr
        self.size = size
        self.Partner = env['res.partner']
        self.orm_ids = []
        self.raw_ids = []

    def values(self, i, prefix):
        return {'name': '%s %06d' % (prefix, i), 'ref': '%s%06d' % (prefix, i),
                'comment': 'benchmark partner', 'user_id': 2}

    # --- create one by one ---
    def orm_create_single(self):
        create = self.Partner.create
        self.orm_ids = [create(self.values(i, 'orm')).id for i in range(self.size)]
        self.env.flush_all()

    def raw_create_single(self):
        execute, fetch = self.cr.execute, self.cr.fetchone
        ids = []
        for i in range(self.size):
            v = self.values(i, 'raw')
            execute('INSERT INTO res_partner (name, ref, comment, user_id, active, create_uid, '
                    'create_date, write_uid, write_date) VALUES (%s, %s, %s, %s, TRUE, 1, '
                    "now() at time zone 'UTC', 1, now() at time zone 'UTC') RETURNING id",
                    (v['name'], v['ref'], v['comment'], v['user_id']))
            ids.append(fetch()[0])
        self.raw_ids = ids

    # --- create in one batch ---
    def orm_create_batch(self):
        self.orm_ids = self.Partner.create([self.values(i, 'orm') for i in range(self.size)]).ids
        self.env.flush_all()

    def raw_create_batch(self):
        ids = []
        rows = [self.values(i, 'raw') for i in range(self.size)]
        for start in range(0, len(rows), 1000):
            chunk = rows[start:start + 1000]
            params = []
            for v in chunk:
                params.extend((v['name'], v['ref'], v['comment'], v['user_id']))
            placeholders = ', '.join(["(%s, %s, %s, %s, TRUE, 1, now() at time zone 'UTC', 1, "
                                      "now() at time zone 'UTC')"] * len(chunk))
            self.cr.execute('INSERT INTO res_partner (name, ref, comment, user_id, active, create_uid, '
                            'create_date, write_uid, write_date) VALUES ' + placeholders +
                            ' RETURNING id', params)
            ids.extend(r[0] for r in self.cr.fetchall())
        self.raw_ids = ids

    # --- search ---
    SEARCHES = 10     # repeated, so that small sizes are measured above the noise

    def orm_search(self):
        for _ in range(self.SEARCHES):
            found = self.Partner.search([('ref', '=like', 'orm%'), ('comment', 'ilike', 'benchmark')])
            assert len(found) == self.size, len(found)

    def raw_search(self):
        for _ in range(self.SEARCHES):
            self.cr.execute('SELECT id FROM res_partner WHERE active = TRUE AND ref LIKE %s '
                            'AND comment ILIKE %s ORDER BY name, id', ('raw%', '%benchmark%'))
            assert len(self.cr.fetchall()) == self.size

    # --- read ---
    def orm_read(self):
        self.env.invalidate_all()
        rows = self.Partner.browse(self.orm_ids).read(['name', 'ref', 'comment', 'user_id'])
        assert len(rows) == self.size and rows[0]['user_id'][1]

    def raw_read(self):
        rows = []
        for start in range(0, len(self.raw_ids), 1000):
            chunk = tuple(self.raw_ids[start:start + 1000])
            self.cr.execute('SELECT id, name, ref, comment, user_id FROM res_partner WHERE id IN %s',
                            (chunk,))
            rows.extend(self.cr.fetchall())
        users = tuple({r[4] for r in rows if r[4]})
        self.cr.execute('SELECT u.id, p.name FROM res_users u JOIN res_partner p '
                        'ON p.id = u.partner_id WHERE u.id IN %s', (users,))
        names = dict(self.cr.fetchall())
        result = [{'id': r[0], 'name': r[1], 'ref': r[2], 'comment': r[3],
                   'user_id': (r[4], names[r[4]]) if r[4] else False} for r in rows]
        assert len(result) == self.size

    # --- write ---
    def orm_write_batch(self):
        self.Partner.browse(self.orm_ids).write({'comment': 'changed'})

    def raw_write_batch(self):
        for start in range(0, len(self.raw_ids), 1000):
            self.cr.execute("UPDATE res_partner SET comment = %s, write_uid = 1, "
                            "write_date = now() at time zone 'UTC' WHERE id IN %s",
                            ('changed', tuple(self.raw_ids[start:start + 1000])))

    def orm_write_single(self):
        for record in self.Partner.browse(self.orm_ids):
            record.write({'comment': 'changed %d' % record.id})

    def raw_write_single(self):
        for record_id in self.raw_ids:
            self.cr.execute("UPDATE res_partner SET comment = %s, write_uid = 1, "
                            "write_date = now() at time zone 'UTC' WHERE id = %s",
                            ('changed %d' % record_id, record_id))

    # --- unlink ---
    def orm_unlink(self):
        self.Partner.browse(self.orm_ids).unlink()

    def raw_unlink(self):
        for start in range(0, len(self.raw_ids), 1000):
            chunk = tuple(self.raw_ids[start:start + 1000])
            self.cr.execute('DELETE FROM res_partner WHERE id IN %s', (chunk,))
            self.cr.execute("DELETE FROM ir_model_data WHERE model = 'res.partner' AND res_id IN %s",
                            (chunk,))


OPERATIONS = ['create_single', 'create_batch', 'search', 'read', 'write_batch', 'write_single',
              'unlink']
# create_single leaves the records that the later operations use; create_batch
# runs on its own and its records are removed again.


def run_size(size, profile=None):
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(DBNAME)
    cr = db_connect(DBNAME).cursor()
    results = []
    try:
        env = Environment(cr, 1, {}, registry=registry)
        bench = Bench(env, size)
        for op in OPERATIONS:
            orm, raw = getattr(bench, 'orm_' + op), getattr(bench, 'raw_' + op)
            if op == 'create_batch':
                kept = bench.orm_ids, bench.raw_ids
            if profile == op:
                from pyinstrument import Profiler
                profiler = Profiler()
                profiler.start()
                orm_time = timed(orm)
                profiler.stop()
                print(profiler.output_text(unicode=True, color=False))
            else:
                orm_time = timed(orm)
            raw_time = timed(raw)
            if op == 'create_batch':
                bench.orm_unlink()
                bench.raw_unlink()
                bench.orm_ids, bench.raw_ids = kept
            results.append((op, size, orm_time, raw_time))
    finally:
        cr.rollback()
        cr.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--sizes', default='1000,10000', help='comma-separated record counts')
    parser.add_argument('--profile', choices=OPERATIONS, help='profile one ORM operation')
    args = parser.parse_args()
    import logging
    logging.basicConfig(level=logging.WARNING)
    setup_database()
    print('%-14s %7s %10s %10s %8s' % ('operation', 'N', 'ORM (s)', 'SQL (s)', 'ORM/SQL'))
    for size in [int(s) for s in args.sizes.split(',')]:
        for op, n, orm_time, raw_time in run_size(size, args.profile):
            print('%-14s %7d %10.3f %10.3f %7.2fx' % (op, n, orm_time, raw_time,
                                                       orm_time / raw_time if raw_time else 0))
    print('records per second created in one ORM call at N=%s: see create_batch' % args.sizes)


if __name__ == '__main__':
    main()
