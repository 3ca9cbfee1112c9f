"""Wizards in dialogs, preferences and logout, in a real browser."""
from .browser import wait_idle


def test_create_menus_wizard(logged_in_page, screenshot):
    page = logged_in_page
    page.locator('a.o_menu_top[data-menu-xmlid="crm.menu_crm"]').click()
    wait_idle(page)
    page.locator('.o_sidebar a.o_menu_item[data-menu-xmlid="crm.menu_wizard_case_section_menu"]').click()
    wait_idle(page)
    dialog = page.locator('.o_dialog')
    dialog.wait_for()
    dialog.locator('.o_field_widget[name=menu_name] input').fill('Hotline')
    parent = dialog.locator('.o_field_widget[name=menu_parent_id] input').first
    parent.fill('CRM')
    page.locator('.o_m2o_dropdown li', has_text='CRM & SRM').first.click()
    dialog.locator('.o_field_widget[name=section_id] select').select_option(index=1)
    screenshot(page, 'wizard-step-1')
    dialog.locator('button[name=action_propose]').click()
    wait_idle(page)
    page.wait_for_selector('.o_dialog .o_field_widget[name=menu1]')
    step2 = page.locator('.o_dialog')
    assert 'Hotline' in step2.locator('.o_field_widget[name=menu1] input').input_value()
    screenshot(page, 'wizard-step-2')
    step2.locator('button[name=action_create_menus]').click()
    wait_idle(page)
    page.wait_for_selector('.o_dialog', state='detached')
    # the new entries are in the menu straight away
    page.wait_for_selector('.o_sidebar a.o_menu_item:has-text("Hotline")')
    assert page.locator('.o_sidebar a.o_menu_item:has-text("Hotline")').count() >= 5


def test_wizard_cancel_closes_the_dialog(logged_in_page):
    page = logged_in_page
    page.locator('a.o_menu_top[data-menu-xmlid="crm.menu_crm"]').click()
    wait_idle(page)
    page.locator('.o_sidebar a.o_menu_item[data-menu-xmlid="crm.menu_wizard_case_section_menu"]').click()
    wait_idle(page)
    page.locator('.o_dialog button:has-text("Cancel")').first.click()
    page.wait_for_selector('.o_dialog', state='detached')


def test_preferences_change_the_time_zone(logged_in_page, web_server, web_db):
    page = logged_in_page
    page.locator('.o_user_menu_toggle').click()
    page.locator('a.o_preferences').click()
    dialog = page.locator('.o_dialog')
    dialog.locator('select[name=tz]').select_option('Asia/Tokyo')
    with page.expect_navigation():
        dialog.locator('button:has-text("Save")').click()
    wait_idle(page)
    info = page.evaluate("() => JSON.parse(document.getElementById('session-info').textContent).user_context")
    assert info['tz'] == 'Asia/Tokyo'
    # put it back for the other tests
    page.locator('.o_user_menu_toggle').click()
    page.locator('a.o_preferences').click()
    page.locator('.o_dialog select[name=tz]').select_option('Europe/Brussels')
    with page.expect_navigation():
        page.locator('.o_dialog button:has-text("Save")').click()


def test_logout_ends_the_session(logged_in_page, web_server):
    page = logged_in_page
    page.locator('.o_user_menu_toggle').click()
    with page.expect_navigation():
        page.locator('form.o_logout button').click()
    page.wait_for_selector('form.o_login')
    page.goto(f'{web_server}/web')
    page.wait_for_selector('form.o_login')
