#!/usr/bin/env python3
"""RPC benchmark: per-call overhead of ``execute_kw('res.partner', 'read', ...)`` over loopback.

    .venv/bin/python bench/rpc.py [--calls 500]

Serves, in this process and the same way (werkzeug's threaded server on
127.0.0.1, keep-alive HTTP/1.1), the real application and a bare WSGI app
that echoes the XML-RPC call's params back as its response. The same
``xmlrpc.client`` client calls each ``--calls`` times after a warm-up;
it prints the time per call of both and the ratio. The difference is what
our stack costs per call: XML parsing and marshalling, the password check
(cached), the registry signal query, the transaction, the ORM read.
"""
import argparse
import os
import re
import sys
import threading
import time
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.benchdb import database  # noqa: E402 (after the path)

DBNAME = 'bench_rpc'
WARMUP = 30


def setup_database():
    """A database with base and its demo data installed, created on first use."""
    database(DBNAME, ['base'], demo=True)


_PARAMS = re.compile(rb'<params>.*</params>', re.S)


def echo_app(environ, start_response):
    """A bare WSGI app: answers an XML-RPC call with its own params (no parsing, no database)."""
    body = environ['wsgi.input'].read(int(environ.get('CONTENT_LENGTH') or 0))
    match = _PARAMS.search(body)
    params = match.group(0) if match else b'<params><param><value><boolean>1</boolean></value></param></params>'
    if params.count(b'<param>') != 1:  # a response carries exactly one value: the first param
        params = b'<params>' + params[8:params.index(b'</param>') + 8] + b'</params>'
    answer = b"<?xml version='1.0'?>\n<methodResponse>\n" + params + b"\n</methodResponse>\n"
    start_response('200 OK', [('Content-Type', 'text/xml'), ('Content-Length', str(len(answer)))])
    return [answer]


def serve(app):
    """Serve ``app`` on a free loopback port in a daemon thread; return ``(url, server)``."""
    from werkzeug.serving import make_server
    server = make_server('127.0.0.1', 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f'http://127.0.0.1:{server.server_port}', server


def per_call(func, calls):
    """Seconds per call of ``func()`` over ``calls`` calls, after a warm-up."""
    for _ in range(WARMUP):
        func()
    start = time.perf_counter()
    for _ in range(calls):
        func()
    return (time.perf_counter() - start) / calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--calls', type=int, default=500, help='calls timed per endpoint (default 500)')
    args = parser.parse_args()
    import logging
    logging.getLogger('werkzeug').setLevel(logging.ERROR)
    setup_database()
    from framework.service.wsgi import application
    app_url, app_server = serve(application)
    echo_url, echo_server = serve(echo_app)
    try:
        uid = xmlrpc.client.ServerProxy(f'{app_url}/xmlrpc/2/common').authenticate(DBNAME, 'admin', 'admin', {})
        models = xmlrpc.client.ServerProxy(f'{app_url}/xmlrpc/2/object', allow_none=True)
        echo = xmlrpc.client.ServerProxy(f'{echo_url}/xmlrpc/2/object', allow_none=True)
        [partner] = models.execute_kw(DBNAME, uid, 'admin', 'res.partner', 'search', [[]], {'limit': 1})
        call = (DBNAME, uid, 'admin', 'res.partner', 'read', [[partner]], {'fields': ['name', 'ref', 'user_id']})
        rpc = per_call(lambda: models.execute_kw(*call), args.calls)
        bare = per_call(lambda: echo.execute_kw(*call), args.calls)
    finally:
        app_server.shutdown()
        echo_server.shutdown()
    print(f"execute_kw('res.partner', 'read', 1 record, 3 fields) over loopback, {args.calls} calls each")
    print(f"  odoo-crm /xmlrpc/2/object : {rpc * 1000:8.3f} ms/call")
    print(f"  bare WSGI echo            : {bare * 1000:8.3f} ms/call")
    print(f"  ratio                     : {rpc / bare:8.1f} x  (our overhead: {(rpc - bare) * 1000:.3f} ms/call)")
    from framework.db import close_all, embedded
    close_all()
    embedded.stop()


if __name__ == '__main__':
    main()
