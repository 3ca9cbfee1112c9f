"""Smoke test of the web client: the login page leads to the shell, and fits a phone."""
from playwright.sync_api import expect

from .browser import login, no_horizontal_scroll


def test_login_leads_to_the_shell_with_the_crm_menu(page, web_server, web_db, screenshot):
    page.goto('/web/login')
    form = page.locator('form.o_login')
    expect(form.locator('input[name=login]')).to_be_visible()
    expect(form.locator('input[name=password]')).to_be_visible()
    screenshot(page, 'login')

    login(page, web_server, web_db)

    assert page.url.startswith(f'{web_server}/web')
    crm = page.locator('nav.o_main_navbar a.o_menu_top[data-menu-xmlid="crm.menu_crm"]')
    expect(crm).to_have_text('CRM & SRM')
    screenshot(page, 'home')


def test_login_page_fits_a_phone(phone_page, screenshot):
    phone_page.goto('/web/login')
    expect(phone_page.locator('form.o_login button[type=submit]')).to_be_visible()
    assert no_horizontal_scroll(phone_page), 'the login page scrolls sideways at 390 px'
    screenshot(phone_page, 'login-phone')
