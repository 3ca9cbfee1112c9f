"""From an opportunity to a quotation in the browser (sale_crm): Convert to Quote, the
quotation's Extra Info names the case, confirming it moves it through its workflow."""
from .browser import wait_idle
from tests.installed import run_committed

CASES = 'crm.crm_case_categ0-act'


def agrolait_opportunity(web_db):
    """A new open case of Agrolait (a customer with addresses), committed; its id."""

    def create(env):
        agrolait = env['res.partner'].search([('name', '=', 'Agrolait')], limit=1)
        case = env['crm.case'].create({'name': '40 laptops for Agrolait', 'partner_id': agrolait.id,
                                       'section_id': env.ref('crm.section_sales').id})
        case.case_open()
        return case.id
    return run_committed(web_db, create)


def test_convert_to_quote_then_confirm(logged_in_page, web_server, web_db, screenshot):
    case_id = agrolait_opportunity(web_db)
    page = logged_in_page
    page.goto(f'{web_server}/web#action={CASES}&view_type=form&id={case_id}')
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    case_name = page.locator('.o_field_widget[name=name]').first.inner_text()
    page.locator('.o_form_view button:has-text("Convert to Quote")').first.click()
    wait_idle(page)
    dialog = page.locator('.o_dialog')
    dialog.wait_for()
    assert dialog.locator('.o_field_widget[name=partner_id] input').first.input_value() == 'Agrolait'
    products = dialog.locator('.o_field_widget[name=products] input').first
    products.fill('Laptop')
    page.locator('.o_m2o_dropdown li', has_text='Laptop').first.click()
    wait_idle(page)
    screenshot(page, 'convert-to-quote')
    dialog.locator('button[name=makeOrder]').click()
    wait_idle(page)
    page.wait_for_selector('.o_dialog', state='detached')

    # the new quotations open: one here, whose Extra Info page names the case
    page.wait_for_selector('tr.o_data_row')
    assert page.locator('tr.o_data_row').count() == 1
    assert page.locator('.o_breadcrumb .active').inner_text() == 'Quotations'
    page.locator('tr.o_data_row').first.click()
    wait_idle(page)
    page.wait_for_selector('.o_form_view .o_field_widget[name=origin]', state='attached')
    page.locator('.o_notebook_tab', has_text='Extra Info').click()
    origin = page.locator('.o_form_view .o_field_widget[name=origin]').inner_text()
    assert origin.strip() == f'CRM:{case_id}'
    assert page.locator('.o_form_view .o_field_widget[name=state]').first.inner_text().strip() == 'Quotation'
    screenshot(page, 'quotation-extra-info')

    page.locator('.o_notebook_tab', has_text='General').click()
    page.locator('.o_form_view button[name=order_confirm]').first.click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('.o_form_view .o_field_widget[name=state]')"
                           ".textContent.trim() !== 'Quotation'")

    # the case now refers to its quotation and was closed
    page.goto(f'{web_server}/web#action={CASES}&view_type=form&id={case_id}')
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    assert page.locator('.o_field_widget[name=state]').first.inner_text().strip() == 'Close'
    page.locator('.o_notebook_tab', has_text='Extra Info').click()
    assert 'SO' in page.locator('.o_field_widget[name=ref]').first.inner_text()
    assert case_name


def test_a_customer_without_addresses_is_refused(logged_in_page, web_server, web_db):

    def world(env):
        env['res.partner'].create({'name': 'Nowhere Ltd'})
        case = env['crm.case'].create({'name': 'Lead without partner',
                                       'section_id': env.ref('crm.section_sales').id})
        return case.id, env['sale.order'].search_count([])
    case_id, orders_before = run_committed(web_db, world)

    page = logged_in_page
    page.goto(f'{web_server}/web#action={CASES}&view_type=form&id={case_id}')
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    page.locator('.o_form_view button:has-text("Convert to Quote")').first.click()
    wait_idle(page)
    dialog = page.locator('.o_dialog')
    customer = dialog.locator('.o_field_widget[name=partner_id] input').first
    customer.fill('Nowhere')
    page.locator('.o_m2o_dropdown li', has_text='Nowhere Ltd').first.click()
    wait_idle(page)
    dialog.locator('button[name=makeOrder]').click()
    wait_idle(page)
    assert 'Customer has no addresses defined!' in page.locator('.o_notification_error').inner_text()
    assert page.locator('.o_dialog').count() == 1

    def count(env):
        return env['sale.order'].search_count([]), env['crm.case'].browse(case_id).state
    assert run_committed(web_db, count) == (orders_before, 'draft')
