"""A real HTTP server for the RPC tests: the WSGI app on 127.0.0.1, a free port, its own database.

``rpc_db`` is a copy of the session's template database (base and
test_orm with demo data) plus the ``test_rpc`` addon, that the server
commits into; ``server`` is the
base URL of a threaded server running the application in this process.
"""
import http.cookiejar
import json
import urllib.request
import xmlrpc.client

import pytest

from tests.installed import drop, install_copy
from tests.serving import forget_login_failures as _forget_login_failures, served

ADMIN_LOGIN = ADMIN_PASSWORD = 'admin'


@pytest.fixture(autouse=True)
def forget_login_failures(request):
    """Each test starts with no remembered wrong password (the throttle would refuse logins)."""
    yield
    _forget_login_failures(request.getfixturevalue('rpc_db') if 'rpc_db' in request.fixturenames else None)


@pytest.fixture(scope='session')
def rpc_db(template_db):
    """Name of a database copied from the template for the RPC tests (dropped at the end)."""
    name = install_copy(template_db, ['test_rpc'], 'rpc')
    yield name
    drop(name)


@pytest.fixture(scope='session')
def server(pg_server):
    """Base URL (``http://127.0.0.1:PORT``) of the application served by a thread of this process."""
    with served() as url:
        yield url


@pytest.fixture
def common(server):
    return xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/common', allow_none=True)


@pytest.fixture
def models(server):
    return xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/object', allow_none=True)


@pytest.fixture
def admin_uid(rpc_db, common):
    uid = common.authenticate(rpc_db, ADMIN_LOGIN, ADMIN_PASSWORD, {})
    assert uid
    return uid


class JsonRpc:
    """A minimal JSON-RPC client keeping cookies, as Odoo's client libraries do."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.next_id = 0

    def post(self, path, params=None, raw=None):
        """POST a JSON-RPC call to ``path``; return the decoded response (result or error)."""
        self.next_id += 1
        body = raw if raw is not None else json.dumps(
            {'jsonrpc': '2.0', 'method': 'call', 'params': params or {}, 'id': self.next_id}).encode()
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={'Content-Type': 'application/json'})
        with self.opener.open(request, timeout=60) as response:
            return json.loads(response.read())

    def call(self, path, params=None):
        """POST and return the result; fail the test with the error when there is one."""
        answer = self.post(path, params)
        assert 'error' not in answer, answer['error']
        return answer['result']


@pytest.fixture
def jsonrpc(server):
    return JsonRpc(server)
