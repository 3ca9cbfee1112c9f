"""``--workers 2``: a web session made by one server process is honoured by every other one."""
from tests.processes import flags, free_port, odoo_bin, stop, wait_until_serving  # noqa: F401 (flags is a fixture)

from .http_fixtures import Browser


def test_web_session_is_shared_by_the_workers(fresh_db, flags):  # noqa: F811
    name = fresh_db()
    port = free_port()
    url = f'http://127.0.0.1:{port}'
    server = odoo_bin('--workers', '2', '--http-port', str(port), '-d', name, *flags)
    try:
        wait_until_serving(url, server)
        browser = Browser(url)
        answer = browser.login(name)
        assert answer.status in (302, 303), answer.text
        token = browser.csrf_token()
        # each request is a new connection: the kernel spreads them over both workers
        for _ in range(12):
            shell = browser.get('/web')
            assert shell.status == 200
            assert shell.html().xpath('//script[@id="session-info"]')
            result = browser.call_kw('res.partner', 'search_count', [[]], csrf=token).json()
            assert result.get('result', 0) > 0, result
    finally:
        output = stop(server)
    assert server.returncode in (0, 130), output
