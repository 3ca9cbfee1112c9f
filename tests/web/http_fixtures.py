"""A browser-like HTTP client for the web client's server half, and its fixtures' building blocks.

``Browser`` keeps cookies like a browser does, never follows redirects
(tests look at them), sends forms urlencoded or multipart, and parses HTML
answers with lxml so that tests select elements as the DOM conventions of
docs/webclient.md name them.
"""
import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid

import lxml.html
import pytest

from tests.serving import forget_login_failures as _forget_login_failures, served


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Answer:
    """One HTTP response: status, headers, body (and its parsed HTML or JSON on demand)."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode('utf-8')

    def html(self):
        return lxml.html.fromstring(self.body)

    def json(self):
        return json.loads(self.body)

    def set_cookies(self):
        """The raw ``Set-Cookie`` headers of the response."""
        return self.headers.get_all('Set-Cookie') or []


def multipart(fields, files):
    """``(body, content type)`` of a multipart form: ``fields`` {name: value}, ``files`` [(name, filename, bytes)]."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                      % (boundary, name, value)).encode('utf-8'))
    for name, filename, data in files:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                      'Content-Type: application/octet-stream\r\n\r\n' % (boundary, name, filename)).encode('utf-8'))
        parts.append(data + b'\r\n')
    parts.append(('--%s--\r\n' % boundary).encode('ascii'))
    return b''.join(parts), 'multipart/form-data; boundary=%s' % boundary


class Browser:
    """Cookies kept across requests, redirects not followed."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def request(self, path, data=None, headers=None, method=None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {}, method=method)
        try:
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def get(self, path, headers=None):
        return self.request(path, headers=headers)

    def post(self, path, fields=None, files=None, headers=None):
        """POST ``fields`` urlencoded, or multipart when ``files`` are given."""
        if files is not None:
            body, content_type = multipart(fields or {}, files)
        else:
            body, content_type = urllib.parse.urlencode(fields or {}).encode(), 'application/x-www-form-urlencoded'
        return self.request(path, data=body, headers=dict(headers or {}, **{'Content-Type': content_type}))

    def post_json(self, path, params, headers=None):
        """A JSON-RPC call; returns the ``Answer`` (its JSON has ``result`` or ``error``)."""
        body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': 1}).encode()
        return self.request(path, data=body, headers=dict(headers or {}, **{'Content-Type': 'application/json'}))

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def login(self, db, login='admin', password='admin', redirect=None):
        """Open the login page and submit it; return the answer of the POST."""
        page = self.get('/web/login')
        token = page.html().xpath('//form[contains(@class, "o_login")]//input[@name="csrf_token"]/@value')[0]
        fields = {'db': db, 'login': login, 'password': password, 'csrf_token': token}
        if redirect:
            fields['redirect'] = redirect
        return self.post('/web/login', fields)

    def csrf_token(self):
        """The CSRF token the shell page gives the logged-in user."""
        shell = self.get('/web')
        assert shell.status == 200, shell.status
        return shell.html().xpath('//meta[@name="csrf-token"]/@content')[0]

    def call_kw(self, model, method, args=(), kwargs=None, csrf=None):
        headers = {'X-CSRF-Token': csrf} if csrf else {}
        return self.post_json('/web/dataset/call_kw/%s/%s' % (model, method),
                              {'model': model, 'method': method, 'args': list(args), 'kwargs': kwargs or {}},
                              headers)


# -- fixtures of the HTTP test modules (import them by name into the module) --

@pytest.fixture(scope='module')
def web_server(pg_server):
    """Base URL of the application served by a thread of this process."""
    with served() as url:
        yield url


@pytest.fixture(autouse=True)
def list_every_database(monkeypatch):
    """The login page lists the server's databases (no ``--database`` given)."""
    from framework.config import config
    monkeypatch.setitem(config, 'db_name', False)
    monkeypatch.setitem(config, 'list_db', True)


@pytest.fixture(autouse=True)
def forget_login_failures(request):
    """Each test starts with no remembered wrong password (in this process and in ``web_db``)."""
    yield
    dbname = request.getfixturevalue('web_db') if 'web_db' in request.fixturenames else None
    _forget_login_failures(dbname)


@pytest.fixture
def browser(web_server):
    return Browser(web_server)
