#!/usr/bin/env python3
"""Content search benchmark: finding attachments by words of their content among 10,000 indexed ones.

    .venv/bin/python bench/document_search.py [--documents 10000] [--runs 20]

In a fresh database of the embedded server (base and document, no demo
data; dropped at the end) it attaches N plain-text documents of 150 words
each (a vocabulary of 5,000 words; the word "quetzalcoatl" in 10 of them,
"harbour" in about a third) through the ORM, runs the indexing job over all
of them (the job's own time is printed too), then times, on the database
side (ORM calls in-process, median of ``--runs`` after one warm-up):
``search([('index_content', 'ilike', word)])``, ``search_count`` and
``search_content(word)`` (ranked, with excerpts, limit 80), against the
same match in raw psycopg2 (``index_vector @@ plainto_tsquery``). It
prints EXPLAIN ANALYZE of the match query: it must use the GIN index.
Budget: the ORM search answers within 50 ms.
"""
import argparse
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.benchdb import database, drop  # noqa: E402 (after the path)
from bench.timing import timed  # noqa: E402

DBNAME = 'bench_document_search'
#: time allowed to the ORM content search, in seconds
BUDGET = 0.050
BATCH = 1000
RARE, COMMON = 'quetzalcoatl', 'harbour'
WORDS_PER_DOCUMENT = 150


def setup_database():
    """A new database with base and document installed (no demo); one left by a killed run is dropped."""
    return database(DBNAME, ['base', 'document'], fresh=True)


def drop_database():
    drop(DBNAME)


def vocabulary(size=5000):
    """Made-up but pronounceable words, none of them the two searched words."""
    rng = random.Random(7)
    syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'dor', 'len', 'mar', 'tis', 'gul']
    words = set()
    while len(words) < size:
        words.add(''.join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words - {RARE, COMMON})


def create_documents(count):
    """Attach ``count`` text documents to nothing in particular, then index them all; return seconds."""
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    rng = random.Random(42)
    words = vocabulary()
    rare = set(rng.sample(range(count), 10))
    registry = Registry.open(DBNAME)
    with db_connect(DBNAME).cursor() as cr:
        env = Environment(cr, 1, {}, registry=registry)
        # database storage for the bulk load: the search does not depend on where bytes live,
        # and 10,000 fsyncs would only time this disk
        env['ir.config_parameter'].set_param('ir_attachment.location', 'db')
        for first in range(0, count, BATCH):
            vals = []
            for i in range(first, min(first + BATCH, count)):
                text = rng.choices(words, k=WORDS_PER_DOCUMENT)
                if i % 3 == 0:
                    text[rng.randrange(len(text))] = COMMON
                if i in rare:
                    text[rng.randrange(len(text))] = RARE
                vals.append({'name': 'doc%05d.txt' % i, 'raw': ' '.join(text).encode()})
            env['ir.attachment'].create(vals)
            env.flush_all()
            env.invalidate_all()
        cr.commit()
        start = time.perf_counter()
        while env['ir.attachment']._index_pending(limit=2000):
            cr.commit()
        index_seconds = time.perf_counter() - start
        cr.execute("ANALYZE ir_attachment")
        cr.commit()
    return index_seconds



def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--documents', type=int, default=10000, help='documents attached (default 10000)')
    parser.add_argument('--runs', type=int, default=20, help='timed runs of each call (default 20)')
    args = parser.parse_args()
    import logging
    logging.basicConfig(level=logging.WARNING)

    start = time.perf_counter()
    keywords = setup_database()
    install_seconds = time.perf_counter() - start
    try:
        start = time.perf_counter()
        index_seconds = create_documents(args.documents)
        create_seconds = time.perf_counter() - start - index_seconds
        rows, explain = measure(keywords, args.runs)
    finally:
        drop_database()
    print(f"database {DBNAME}: base+document installed in {install_seconds:.1f} s; "
          f"{args.documents} documents attached in {create_seconds:.1f} s, indexed by the job in "
          f"{index_seconds:.1f} s ({args.documents / max(index_seconds, 1e-9):.0f} documents/s)")
    print(f"times: in-process ORM calls as superuser, median of {args.runs} after 1 warm-up; "
          f"SQL: raw psycopg2 on its own connection")
    print()
    print(f"{'call':<66}{'median ms':>10}{'min ms':>9}{'SQL ms':>9}{'ORM/SQL':>9}")
    for label, median, minimum, baseline in rows:
        ratio = f"{median / baseline:8.1f}x" if baseline else f"{'':9}"
        sql_ms = f"{baseline * 1000:9.2f}" if baseline else f"{'-':>9}"
        print(f"{label:<66}{median * 1000:10.2f}{minimum * 1000:9.2f}{sql_ms}{ratio}")
    print()
    print("EXPLAIN ANALYZE of the match query the ORM runs:")
    print('\n'.join('    ' + line for line in explain))
    uses_gin = any('ir_attachment_index_vector_gin' in line for line in explain)
    print(f"GIN index used: {'yes' if uses_gin else 'NO'}")
    worst = max(median for label, median, _m, _b in rows if label.startswith('search(['))
    verdict = 'MET' if worst <= BUDGET and uses_gin else 'NOT MET'
    print(f"budget: ORM content search within {BUDGET * 1000:.0f} ms: {worst * 1000:.2f} ms -> {verdict}")
    from framework.db import close_all, embedded
    close_all()
    embedded.stop()


def measure(keywords, runs):
    import psycopg2
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(DBNAME)
    rows = []
    conn = psycopg2.connect(dbname=DBNAME, **keywords)
    cr = db_connect(DBNAME).cursor()
    try:
        env = Environment(cr, 1, {}, registry=registry)
        Attachment = env['ir.attachment']
        with conn.cursor() as raw:
            for word in (RARE, COMMON):
                def sql():
                    raw.execute("SELECT id FROM ir_attachment WHERE index_vector @@ plainto_tsquery('english', %s) "
                                "ORDER BY id DESC", [word])
                    return raw.fetchall()
                sql_time, _, sql_rows = timed(sql, runs)

                def orm():
                    env.invalidate_all()
                    return Attachment.search([('index_content', 'ilike', word)])
                median, minimum, found = timed(orm, runs)
                assert len(found) == len(sql_rows), 'ORM and SQL disagree'
                rows.append((f"search([('index_content','ilike','{word}')]) -> {len(found)}",
                             median, minimum, sql_time))
                median, minimum, count = timed(lambda: Attachment.search_count(
                    [('index_content', 'ilike', word)]), runs)
                rows.append((f"search_count(... '{word}') -> {count}", median, minimum, None))
                median, minimum, hits = timed(lambda: Attachment.search_content(word, limit=80), runs)
                rows.append((f"search_content('{word}', limit=80) -> {len(hits)} with excerpts",
                             median, minimum, None))
            raw.execute("EXPLAIN ANALYZE SELECT id FROM ir_attachment WHERE index_vector @@ "
                        "(plainto_tsquery('english', %s) || plainto_tsquery('simple', %s))", [RARE, RARE])
            explain = [row[0] for row in raw.fetchall()]
        conn.rollback()
    finally:
        conn.close()
        cr.rollback()
        cr.close()
    return rows, explain


if __name__ == '__main__':
    main()
