"""Small helpers for the browser tests: log in, wait for the client, measure the layout.

They take a Playwright ``Page`` and rely only on the DOM conventions of
``docs/webclient.md``.
"""
ADMIN_LOGIN = ADMIN_PASSWORD = 'admin'

#: how long the client may take to settle, in milliseconds
IDLE_TIMEOUT = 15_000


def login(page, base_url, db, login=ADMIN_LOGIN, password=ADMIN_PASSWORD):
    """Log in through ``/web/login`` as `login` on `db` and wait for the shell's navbar."""
    page.goto(f'{base_url}/web/login')
    form = page.locator('form.o_login')
    form.locator('input[name=login]').fill(login)
    form.locator('input[name=password]').fill(password)
    selector = form.locator('select[name=db]')
    if selector.count():
        selector.select_option(db)
    form.locator('button[type=submit]').click()
    page.wait_for_selector('nav.o_main_navbar')
    wait_idle(page)
    return page


def wait_idle(page, timeout=IDLE_TIMEOUT):
    """Wait until the client has no RPC in flight (``body[data-pending-rpc]`` is '0' or absent)."""
    page.wait_for_function(
        "() => !document.body || !document.body.dataset.pendingRpc"
        " || document.body.dataset.pendingRpc === '0'",
        timeout=timeout)


def no_horizontal_scroll(page):
    """Tell whether the page fits the window's width (nothing to scroll sideways).

    The screen's width counts too: on a phone, a page without
    ``<meta name=viewport>`` is laid out 980 px wide and merely zoomed out.
    """
    return page.evaluate('() => document.documentElement.scrollWidth'
                         ' <= Math.min(window.innerWidth, window.screen.width)')
