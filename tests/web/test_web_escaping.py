"""What people typed is shown as text by the web client, never run as markup (real Chromium).

A partner, a case (``CASE_NAME``, and a description) and a message of
the case's history hold ``EVIL``: a script element and an image whose ``onerror``
handler would set ``window.__pwned``. The list, the form, the history,
the many2one link and its dropdown, the search view's autocomplete, the
breadcrumbs, the page title, a notification and a dialog show it
literally, and ``window.__pwned`` stays undefined. (The server-rendered
pages are checked over HTTP in ``test_web_security``.)
"""

import pytest

from tests.installed import copy, drop, run_committed
from tests.serving import served

from .browser import login, wait_idle

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
#: a case's name holds 64 characters: the image alone, which would run without any script element
CASE_NAME = '<img src=x onerror="window.__pwned=3"><b>case</b>'
CASES = 'crm.crm_case_categ0-act'
#: elements or handlers that would exist if EVIL had been parsed as HTML anywhere in the page
INJECTED = """() => document.querySelectorAll('img[src="x"], [onerror]').length
    + Array.from(document.scripts).filter((s) => s.textContent.includes('__pwned')).length"""


@pytest.fixture(scope='module')
def web_db(template_db):
    """A copy of the template (crm with demo data) that the server commits into; dropped at the end."""
    name = copy(template_db, 'webesc')
    yield name
    drop(name)


@pytest.fixture(scope='module')
def web_server(pg_server, web_db):
    from framework.config import config
    from framework.service.wsgi import application
    saved = config['list_db'], config['db_name']
    config['list_db'], config['db_name'] = True, web_db
    with served(application) as url:
        yield url
    config['list_db'], config['db_name'] = saved


def _evil_records(web_db):
    """A partner and a case named EVIL, the case with an EVIL description and history message."""
    def work(env):
        partner = env['res.partner'].create({'name': EVIL})
        section = env['crm.case.section'].search([], limit=1)
        case = env['crm.case'].create({'name': CASE_NAME, 'description': EVIL, 'partner_id': partner.id,
                                       'section_id': section.id})
        case.case_log()
        case.write({'description': EVIL})
        assert case.history_line.description == EVIL
        return partner.id, case.id
    return run_committed(web_db, work)


def _clean(page):
    assert page.evaluate('() => window.__pwned') is None
    assert page.evaluate(INJECTED) == 0


def test_typed_markup_shows_as_text_everywhere(page, web_server, web_db):
    partner_id, case_id = _evil_records(web_db)
    login(page, web_server, web_db)

    # the partners list, found through the search view's autocomplete
    page.goto(f'{web_server}/web#model=res.partner&view_type=list')
    wait_idle(page)
    search = page.locator('input.o_searchview_input')
    search.fill('onerror="window')
    page.wait_for_selector('ul.o_searchview_autocomplete li')
    assert 'onerror="window' in page.locator('ul.o_searchview_autocomplete').inner_text()
    search.press('Enter')
    wait_idle(page)
    cell = page.locator(f'tr.o_data_row[data-id="{partner_id}"] td[data-name=name]')
    assert cell.inner_text() == EVIL
    _clean(page)

    # its form and the breadcrumbs that lead back to the list
    cell.click()
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    assert page.locator('.o_form_view .o_field_widget[name=name]').first.inner_text() == EVIL
    assert EVIL in page.locator('ol.o_breadcrumb').inner_text()
    assert page.title() == 'Odoo CRM'   # the application's name, never a record's
    _clean(page)

    # the case: list, form, history message, many2one link
    page.goto(f'{web_server}/web#action={CASES}')
    wait_idle(page)
    row = page.locator(f'tr.o_data_row[data-id="{case_id}"]')
    assert CASE_NAME in row.inner_text()
    row.locator('td[data-name=name]').click()
    wait_idle(page)
    form = page.locator('.o_form_view.o_form_readonly')
    form.wait_for()
    field = lambda name: form.locator(f'.o_field_widget[name={name}]').first  # noqa: E731
    assert field('name').inner_text() == CASE_NAME
    assert EVIL in field('description').inner_text()
    assert EVIL in field('history_line').inner_text()
    assert field('partner_id').locator('a').first.inner_text() == EVIL
    assert CASE_NAME in page.locator('ol.o_breadcrumb').inner_text()
    _clean(page)

    # the many2one dropdown offers the partner by its name
    page.locator('button.o_form_button_edit').click()
    partner = page.locator('.o_form_view .o_field_widget[name=partner_id] input').first
    partner.fill('window.__pwned=2')
    option = page.locator('.o_m2o_dropdown li', has_text='window.__pwned=2').first
    option.wait_for()
    assert EVIL in option.inner_text()
    partner.press('Escape')
    _clean(page)

    # a server error naming it becomes a notification; a dialog shows it as its text
    shown = page.evaluate("""async (evil) => {
        const { call } = await import('/web/static/js/rpc.js');
        const { notifyError } = await import('/web/static/js/notify.js');
        const { confirmDialog } = await import('/web/static/js/dialog.js');
        try { await call(evil, 'read', [[1]]); } catch (error) { notifyError(error); }
        confirmDialog(evil, evil);
        return [document.querySelector('.o_notification_error .o_notification_text').textContent,
                document.querySelector('.o_dialog .o_dialog_title').textContent,
                document.querySelector('.o_dialog .o_dialog_body').textContent];
    }""", EVIL)
    assert EVIL in shown[0] and shown[1] == EVIL and EVIL in shown[2]
    _clean(page)
