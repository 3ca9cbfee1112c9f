"""Every main screen fits a laptop (1280x800) and a phone (390 px) without scrolling sideways;
errors read as sentences; bulk actions on a selection."""
import pytest

from .browser import login, no_horizontal_scroll, wait_idle
from tests.installed import run_committed

CASES = 'crm.crm_case_categ0-act'

SCREENS = [
    ('cases-list', f'action={CASES}&view_type=list', 'table.o_list_table'),
    ('case-form', f'action={CASES}&view_type=form&id=1', '.o_form_view'),
    ('case-new', f'action={CASES}&view_type=form', '.o_form_view.o_form_editable'),
    ('cases-calendar', f'action={CASES}&view_type=calendar', '.o_calendar_view'),
    ('cases-graph', f'action={CASES}&view_type=graph', 'svg.o_graph'),
    ('sections', 'action=crm.crm_case_section_act&view_type=list', 'table.o_list_table'),
    ('partner-form', 'model=res.partner&view_type=form&id=1', '.o_form_view'),
]


@pytest.mark.parametrize('name, fragment, selector', SCREENS, ids=[s[0] for s in SCREENS])
def test_screen_fits_a_phone(phone_page, web_server, web_db, screenshot, name, fragment, selector):
    page = login(phone_page, web_server, web_db)
    page.goto(f'{web_server}/web#{fragment}')
    wait_idle(page)
    page.wait_for_selector(selector)
    screenshot(page, f'{name}-phone')
    assert no_horizontal_scroll(page), f'{name} scrolls sideways at 390 px'


@pytest.mark.parametrize('name, fragment, selector', SCREENS, ids=[s[0] for s in SCREENS])
def test_screen_fits_a_laptop(logged_in_page, web_server, name, fragment, selector):
    page = logged_in_page
    page.goto(f'{web_server}/web#{fragment}')
    wait_idle(page)
    page.wait_for_selector(selector)
    assert no_horizontal_scroll(page), f'{name} scrolls sideways at 1280 px'


def test_phone_menu_opens_from_the_toggle(phone_page, web_server, web_db):
    page = login(phone_page, web_server, web_db)
    assert not page.locator('.o_sidebar').is_visible()
    page.locator('.o_menu_toggle').click()
    page.locator('.o_sidebar a.o_menu_item[data-menu-xmlid="crm.menu_crm_case_categ0-act"]').click()
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    assert not page.locator('.o_sidebar').is_visible()


def test_a_refused_button_says_why_and_keeps_the_form(logged_in_page, web_server):
    page = logged_in_page
    page.goto(f'{web_server}/web#action={CASES}&view_type=form')
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_editable')
    page.locator('.o_field_widget[name=name] input').fill('No email here')
    page.locator('.o_field_widget[name=section_id] select').select_option(index=1)
    page.locator('.o_field_widget[name=description] textarea').fill('Please call me back')
    # "Send Partner & Historize" needs the partner's email: the server refuses in one sentence
    page.locator('.o_form_view button[name=case_log_reply]').first.click()
    wait_idle(page)
    error = page.locator('.o_notification_error').inner_text()
    assert 'You must put a Partner eMail to use this action!' in error
    assert 'Traceback' not in page.content()
    assert page.locator('.o_field_widget[name=description] textarea').input_value() == 'Please call me back'


def test_archive_then_find_in_archived(logged_in_page, web_server):
    page = logged_in_page
    page.goto(f'{web_server}/web#action=crm.crm_case_section_act&view_type=list')
    wait_idle(page)
    page.wait_for_selector('tr.o_data_row')
    before = page.locator('tr.o_data_row').count()
    row = page.locator('tr.o_data_row').last
    name = row.locator('td[data-name=name]').inner_text()
    row.locator('td.o_list_record_selector input').check()
    page.locator('button.o_action_archive').click()
    wait_idle(page)
    page.wait_for_function(f"() => document.querySelectorAll('tr.o_data_row').length === {before - 1}")
    page.locator('button.o_filters_toggle').click()
    page.locator('.o_filter_menu a[data-filter=archived]').click()
    wait_idle(page)
    assert page.locator('tr.o_data_row td[data-name=name]').all_inner_texts() == [name]
    page.locator('tr.o_data_row td.o_list_record_selector input').check()
    page.locator('button.o_action_unarchive').click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelectorAll('tr.o_data_row').length === 0")


def test_delete_asks_first(logged_in_page, web_server, web_db):

    def disposable(env):
        return env['crm.case'].create({'name': 'Disposable case', 'section_id': env.ref('crm.section_sales').id}).id
    case_id = run_committed(web_db, disposable)
    page = logged_in_page
    page.goto(f'{web_server}/web#action={CASES}&view_type=list')
    wait_idle(page)
    row = page.locator(f'tr.o_data_row[data-id="{case_id}"]')
    row.wait_for()
    before = int(page.locator('.o_pager_limit').inner_text())
    row.locator('td.o_list_record_selector input').check()
    page.locator('button.o_action_delete').click()
    page.locator('.o_dialog button:has-text("Cancel")').click()
    assert int(page.locator('.o_pager_limit').inner_text()) == before
    page.locator('button.o_action_delete').click()
    page.locator('.o_dialog button:has-text("Ok")').click()
    wait_idle(page)
    page.wait_for_function(f"() => parseInt(document.querySelector('.o_pager_limit').textContent) === {before - 1}")
    assert row.count() == 0


@pytest.mark.allow_js_errors('403')
def test_a_forbidden_download_is_the_403_page(browser, web_server, web_db, request):
    import base64

    def create_order(env):
        # an order with a file: only the superuser may touch test orders
        return env['test.orm.order'].create({'name': 'Secret order', 'data': base64.b64encode(b'secret')}).id
    order_id = run_committed(web_db, create_order)
    context = browser.new_context()
    page = context.new_page()
    try:
        login(page, web_server, web_db, login='demo', password='demo')
        response = page.goto(f'{web_server}/web/content/test.orm.order/{order_id}/data')
        assert response.status == 403
        text = page.locator('body').inner_text()
        assert 'Traceback' not in text and text.strip()
    finally:
        context.close()
