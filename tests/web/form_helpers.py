"""What the form tests share: the test order model, JSON-RPC from the page, and the
gestures on a form (open, save, edit, pick in a dropdown)."""
import re
import uuid

from .browser import wait_idle

ORDER = 'test.orm.order'


# ----------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------
def rpc(page, model, method, args, kwargs=None):
    """Call `model.method(*args, **kwargs)` over JSON-RPC as the page's user; return the result."""
    return page.evaluate(
        """async ([model, method, args, kwargs]) => {
            const token = document.querySelector('meta[name=csrf-token]').content;
            const response = await fetch('/web/dataset/call_kw', {
                method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token},
                body: JSON.stringify({jsonrpc: '2.0', method: 'call', id: 1,
                                      params: {model, method, args, kwargs}}),
            });
            const body = await response.json();
            if (body.error) { throw new Error(body.error.data ? body.error.data.message : body.error.message); }
            return body.result;
        }""", [model, method, args, kwargs or {}])


def read(page, model, record_id, names):
    return rpc(page, model, 'read', [[record_id], names])[0]


def unique(prefix):
    return f'{prefix}-{uuid.uuid4().hex[:6]}'


def field(page, name):
    return page.locator(f'.o_form_view .o_field_widget[name={name}]').first


def open_form(page, web_server, model, record_id=None):
    """Open the form of `model` (a new record, or `record_id`) and wait until it is drawn."""
    url = f'{web_server}/web#model={model}&view_type=form' + (f'&id={record_id}' if record_id else '')
    same = page.url == url
    page.goto(url)
    if same:            # only the hash would not change: nothing would be read again
        page.reload()
    page.wait_for_selector('.o_form_view .o_form_sheet')
    wait_idle(page)


def current_id(page):
    return int(re.search(r'[&#]id=(\d+)', page.url).group(1))


def save(page):
    page.locator('button.o_form_button_save').click()
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    wait_idle(page)


def edit(page):
    page.locator('button.o_form_button_edit').click()
    page.wait_for_selector('.o_form_view.o_form_editable')


def shown(page, name):
    return field(page, name).inner_text().strip()


def pick_in_dropdown(page, scope, text):
    scope.locator('.o_m2o_dropdown li', has_text=text).first.click()
    wait_idle(page)
