"""Browser tests: Debian's Chromium driven by Playwright against the real server.

``web_db`` is a copy of the session's template database (base and crm
with demo data; admin/admin) that the server commits into; ``web_server``
is the base URL of the WSGI application served by a thread of this
process; ``browser`` is one headless Chromium for the session; ``page``
and ``phone_page`` are fresh pages (desktop 1280x800, phone 390x844) whose
test fails when the page logged a JavaScript error; ``logged_in_page`` is
a desktop page past the login page. ``screenshot(page, name)`` keeps a
full-page PNG under ``test-output/screenshots/`` (or
``$TEST_OUTPUT_DIR/screenshots/``).

Chromium must be at /usr/bin/chromium (``make test`` installs it): these
tests fail without it, unless ``WEB_TESTS_OPTIONAL=1`` turns that into a
skip (for a developer's machine; CI must run them).
"""
import os
import re
import uuid

import pytest

from tests.serving import served

from .browser import login

CHROMIUM = '/usr/bin/chromium'
#: flags that work in this sandbox (see NOTES-environment.md): without the
#: background-networking ones Chromium keeps trying to reach the internet
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
#: Playwright's wait for anything, in milliseconds (its own default is 30 s)
TIMEOUT = 15_000


def pytest_configure(config):
    config.addinivalue_line(
        'markers', 'allow_js_errors(*patterns): JavaScript errors matching one of these regular '
                   'expressions do not fail the test (one that shows an expected failure)')


@pytest.fixture(scope='session')
def web_db(template_db):
    """Name of a copy of the template with sale_crm and document added, for the browser tests (dropped at the end)."""
    from framework.db import admin
    from framework.orm.registry import Registry
    from framework.modules.loading import load_modules
    name = f'{template_db[:-3]}web_{uuid.uuid4().hex[:6]}'
    admin.create_db(name, template=template_db)
    # the browser drives a whole sales day: from the case to the quotation (sale_crm), and
    # finds files by their content (document)
    load_modules(name, init=['sale_crm', 'document'], demo=True)
    yield name
    Registry.delete(name)
    if admin.exists(name):
        admin.drop_db(name)


@pytest.fixture(scope='session')
def web_server(pg_server, web_db):
    """Base URL (``http://127.0.0.1:PORT``) of the application, whose login page offers ``web_db``."""
    from framework.config import config
    from framework.service import db_service
    from framework.service.wsgi import application
    # the login page offers the databases named by --database, else what list_dbs answers
    saved = config['list_db'], config['db_name']
    config['list_db'] = True
    if config['db_name']:
        config['db_name'] = f"{config['db_name']},{web_db}"
    assert web_db in db_service.list_dbs()
    with served(application) as url:
        yield url
    config['list_db'], config['db_name'] = saved


@pytest.fixture(scope='session')
def browser():
    """One headless Chromium (Debian's) for the session, with a fresh profile."""
    optional = os.environ.get('WEB_TESTS_OPTIONAL') == '1'

    def missing(reason):
        if optional:
            pytest.skip(reason)
        pytest.fail(f"{reason}; run 'make test' (it installs it), or set WEB_TESTS_OPTIONAL=1 "
                    f"to skip the browser tests on this machine", pytrace=False)

    if not os.access(CHROMIUM, os.X_OK):
        missing(f"the browser tests need Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the browser tests need Playwright for Python (the 'test' extra)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


def _open_page(browser, base_url, request, **options):
    """A page in a new context; yields it, then fails the test when JavaScript errors happened."""
    marker = request.node.get_closest_marker('allow_js_errors')
    allowed = [re.compile(pattern) for pattern in (marker.args if marker else ())]
    context = browser.new_context(base_url=base_url, locale='en-US', timezone_id='Europe/Brussels',
                                  **options)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    errors = []

    def on_console(message):
        # a page without <link rel=icon> makes Chromium fetch /favicon.ico: not the page's error
        if message.type == 'error' and not (message.location or {}).get('url', '').endswith('/favicon.ico'):
            where = message.location or {}
            errors.append(f"console error: {message.text} ({where.get('url', '?')}:{where.get('lineNumber', '?')})")

    page.on('console', on_console)
    page.on('pageerror', lambda error: errors.append(f"uncaught {error.name}: {error.message}\n{error.stack or ''}"))
    yield page
    context.close()
    errors = [error for error in errors if not any(pattern.search(error) for pattern in allowed)]
    if errors:
        pytest.fail(f"{len(errors)} error(s) in the browser console or uncaught in the page:\n" + '\n'.join(errors), pytrace=False)


@pytest.fixture
def page(browser, web_server, request):
    """A desktop page (1280x800, en-US, Europe/Brussels); the test fails on any JavaScript error."""
    yield from _open_page(browser, web_server, request, viewport={'width': 1280, 'height': 800})


@pytest.fixture
def phone_page(browser, web_server, request):
    """A phone page (390x844, touch); the test fails on any JavaScript error."""
    yield from _open_page(browser, web_server, request, viewport={'width': 390, 'height': 844},
                          is_mobile=True, has_touch=True)


@pytest.fixture
def logged_in_page(page, web_server, web_db):
    """The desktop page, logged in as admin through the login page, showing the shell."""
    return login(page, web_server, web_db)


@pytest.fixture(scope='session')
def screenshot():
    """``screenshot(page, name)``: save a full-page PNG as ``<output>/screenshots/<name>.png``; return its path."""
    folder = os.path.join(os.environ.get('TEST_OUTPUT_DIR') or os.path.join(ROOT, 'test-output'),
                          'screenshots')

    def take(page, name):
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f'{name}.png')
        page.screenshot(path=path, full_page=True)
        return path
    return take
