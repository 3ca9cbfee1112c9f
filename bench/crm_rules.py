#!/usr/bin/env python3
"""Rules scheduler benchmark: ``crm.case.rule._check`` over many open cases and twenty rules.

    .venv/bin/python bench/crm_rules.py [--cases 10000] [--profile]

In a scratch database of the embedded server (base and crm installed, no
demo data, created on first use) it creates the §14 world, N open cases
(priorities 2 to 5 in turn, each with a date and a deadline) and the
twenty rules of the query-count test (``addons/crm/tests/rules_world.py``:
conditions that never hold, date rules that only set Next Action, rules
that change fields, remind with attachments, call a case method and send
template mails), then times one scheduler run and prints its queries and
seconds. Everything happens in a transaction that is rolled back, so runs
do not pile up. ``--profile`` prints where the time of the run goes
(pyinstrument).
"""
import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.benchdb import database  # noqa: E402 (after the path)

DBNAME = 'bench_crm_rules'


def setup_database():
    """A database with base and crm installed (no demo), created on first use."""
    database(DBNAME, ['base', 'crm'], demo=False)


def run(count, profile=False):
    """Create the load, run the scheduler once, and return (cases, fired, queries, seconds, mails)."""
    from addons.crm.tests.case_world import build_world
    from addons.crm.tests.rules_world import NOW, open_cases, twenty_rules
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(DBNAME)
    cr = db_connect(DBNAME).cursor()
    try:
        env = Environment(cr, 1, {}, registry=registry)
        world = build_world(env)
        start = time.perf_counter()
        cases = open_cases(world, count)
        twenty_rules(world)
        env.flush_all()
        setup_seconds = time.perf_counter() - start
        env.invalidate_all()
        profiler = None
        if profile:
            from pyinstrument import Profiler
            profiler = Profiler()
            profiler.start()
        queries = cr.sql_count
        start = time.perf_counter()
        fired = env['crm.case.rule']._check(now=NOW)
        env.flush_all()
        seconds = time.perf_counter() - start
        queries = cr.sql_count - queries
        if profiler:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False))
        mails = env['mail.mail'].search_count([('model', '=', 'crm.case'), ('res_id', 'in', cases.ids)])
        return len(cases), fired, queries, seconds, mails, setup_seconds
    finally:
        cr.rollback()
        cr.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--cases', type=int, default=10000, help='number of open cases')
    parser.add_argument('--profile', action='store_true', help='profile the scheduler run')
    args = parser.parse_args()
    import logging
    logging.basicConfig(level=logging.WARNING)
    setup_database()
    cases, fired, queries, seconds, mails, setup_seconds = run(args.cases, args.profile)
    print('load: %d open cases, 20 rules, created in %.1f s' % (cases, setup_seconds))
    print('_check: %d rules fired, %d mails queued, %d queries, %.2f s (%.0f cases/s)'
          % (fired, mails, queries, seconds, cases / seconds if seconds else 0))


if __name__ == '__main__':
    main()
