"""A sales person's day with cases, in a real browser: create, open, close, historize, attach,
then find the case in the partner's history."""
import re

from .browser import wait_idle

CASES = 'crm.crm_case_categ0-act'


def field(page, name):
    return page.locator(f'.o_form_view .o_field_widget[name={name}]').first


def state_of(page):
    return field(page, 'state').inner_text().strip()


def test_case_life_in_the_form(logged_in_page, web_server, tmp_path, screenshot):
    page = logged_in_page
    page.locator('a.o_menu_top[data-menu-xmlid="crm.menu_crm"]').click()
    page.locator('.o_sidebar a.o_menu_item[data-menu-xmlid="crm.menu_crm_case_categ0-act"]').click()
    wait_idle(page)
    page.locator('button.o_button_create').click()
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_editable')

    field(page, 'name').locator('input').fill('Browser-made case: 40 seats')
    section = field(page, 'section_id').locator('select')
    section.select_option(index=1)
    partner = field(page, 'partner_id').locator('input').first
    partner.fill('Agro')
    page.locator('.o_m2o_dropdown li', has_text='Agrolait').first.click()
    wait_idle(page)
    # the 5.0 on_change filled the contact and the email from the partner
    assert field(page, 'partner_address_id').locator('input').first.input_value()
    screenshot(page, 'case-new')
    page.locator('button.o_form_button_save').click()
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    case_id = int(re.search(r'[&#]id=(\d+)', page.url).group(1))
    assert state_of(page) == 'Draft'

    page.locator('.o_form_view button[name=case_open]').first.click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('.o_form_view .o_field_widget[name=state]').textContent.trim() === 'Open'")
    assert page.locator('.o_form_view button[name=case_open]:visible').count() == 0

    # a communication: write it in the description, then Historize
    page.locator('button.o_form_button_edit').click()
    field(page, 'description').locator('textarea').fill('Called the customer: they want 40 seats.')
    page.locator('.o_form_view button[name=case_log]').first.click()
    wait_idle(page)
    history = field(page, 'history_line')
    page.wait_for_function(
        "() => document.querySelector('.o_field_widget[name=history_line]').textContent.includes('40 seats')")
    assert history.locator('tr.o_data_row').count() == 1

    # attach a file
    attachment = tmp_path / 'quote-request.txt'
    attachment.write_text('40 seats, delivery in March')
    page.locator('.o_attachments input.o_attachment_input').set_input_files(str(attachment))
    wait_idle(page)
    page.wait_for_selector('.o_attachments .o_attachment:has-text("quote-request.txt")')
    href = page.locator('.o_attachment a.o_attachment_download').first.get_attribute('href')
    assert page.request.get(f'{web_server}{href}').text() == '40 seats, delivery in March'

    page.locator('.o_form_view button[name=case_close]').first.click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('.o_form_view .o_field_widget[name=state]').textContent.trim() === 'Close'")
    assert page.locator('.o_record_log').inner_text()
    screenshot(page, 'case-form')

    # the partner's History page tells what happened to the case
    page.goto(f'{web_server}/web#model=res.partner&view_type=list')
    wait_idle(page)
    page.locator('input.o_searchview_input').fill('Agrolait')
    page.keyboard.press('Enter')
    wait_idle(page)
    page.locator('tr.o_data_row td[data-name=name]', has_text='Agrolait').first.click()
    wait_idle(page)
    page.locator('.o_notebook_tab', has_text='History').click()
    events = field(page, 'events').inner_text()
    assert 'Case open: Browser-made case: 40 seats' in events
    assert 'Case done: Browser-made case: 40 seats' in events or 'Case close' in events
    screenshot(page, 'partner-history')
    assert case_id


def test_required_fields_and_server_errors_keep_the_users_data(logged_in_page, web_server):
    page = logged_in_page
    page.goto(f'{web_server}/web#action={CASES}&view_type=form')
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_editable')
    field(page, 'email_from').locator('input').fill('someone@example.com')
    page.locator('button.o_form_button_save').click()
    wait_idle(page)
    assert page.locator('.o_field_invalid[name=name]').count() == 1
    assert 'Description' in page.locator('.o_notification_error').inner_text() or \
        'name' in page.locator('.o_notification_error').inner_text().lower()
    assert field(page, 'email_from').locator('input').input_value() == 'someone@example.com'


def test_a_bookmarked_form_opens_again(logged_in_page, web_server):
    page = logged_in_page
    page.goto(f'{web_server}/web#action={CASES}&view_type=form&id=1')
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    name = field(page, 'name').inner_text()
    page.reload()
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    assert field(page, 'name').inner_text() == name
    assert page.locator('.o_breadcrumb .active').inner_text() == name
