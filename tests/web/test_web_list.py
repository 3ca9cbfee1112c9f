"""The list and search views in a real browser: CRM & SRM / All Cases / Open Cases."""
import re

from .browser import wait_idle
from tests.installed import run_committed


def open_menu(page, xmlid):
    page.locator(f'.o_sidebar a.o_menu_item[data-menu-xmlid="{xmlid}"]').click()
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')


def test_all_cases_then_open_cases(logged_in_page, screenshot):
    page = logged_in_page
    page.locator('a.o_menu_top[data-menu-xmlid="crm.menu_crm"]').click()
    open_menu(page, 'crm.menu_crm_case_categ0-act')
    total = int(page.locator('.o_pager_limit').inner_text())
    assert total == page.locator('tr.o_data_row').count() > 0
    assert page.locator('.o_breadcrumb .active').inner_text() == 'All Cases'
    assert 'action=crm.crm_case_categ0-act' in page.url
    screenshot(page, 'cases-list')

    open_menu(page, 'crm.menu_crm_case_categ0-act_open')
    # 5.0's "Open Cases" are those not done, cancelled or pending
    states = page.locator('tr.o_data_row td[data-name=state]').all_inner_texts()
    assert states and set(states) <= {'Open', 'Draft'}
    assert int(page.locator('.o_pager_limit').inner_text()) < total

    page.go_back()
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('.o_breadcrumb .active').textContent === 'All Cases'")
    assert int(page.locator('.o_pager_limit').inner_text()) == total


def test_sort_filter_and_group(logged_in_page, screenshot):
    page = logged_in_page
    open_menu(page, 'crm.menu_crm_case_categ0-act')
    page.locator('th[data-name=name]').click()
    wait_idle(page)
    names = page.locator('tr.o_data_row td[data-name=name]').all_inner_texts()
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    assert 'o_sort_asc' in page.locator('th[data-name=name]').get_attribute('class')

    # free text on the first search field (the case's name), then remove the facet
    first = names[0]
    page.locator('input.o_searchview_input').fill(first[:5])
    page.locator('.o_searchview_autocomplete li').first.click()
    wait_idle(page)
    assert page.locator('.o_searchview_facet').count() == 1
    shown = page.locator('tr.o_data_row td[data-name=name]').all_inner_texts()
    assert shown and all(first[:5].lower() in name.lower() for name in shown)
    page.locator('.o_searchview_facet .o_facet_remove').click()
    wait_idle(page)
    assert page.locator('tr.o_data_row').count() == len(names)

    # group by state: collapsible groups with counts that add up
    page.locator('button.o_groupby_toggle').click()
    page.locator('.o_groupby_menu a[data-groupby=state]').click()
    wait_idle(page)
    counts = [int(re.sub(r'\D', '', text)) for text in page.locator('tr.o_group_header .o_group_count').all_inner_texts()]
    assert sum(counts) == len(names) and len(counts) > 1
    page.locator('tr.o_group_header').first.click()
    wait_idle(page)
    assert page.locator('tr.o_data_row').count() == counts[0]
    screenshot(page, 'cases-grouped')


def test_list_fits_a_phone(phone_page, web_server, web_db, screenshot):
    from .browser import login, no_horizontal_scroll
    page = login(phone_page, web_server, web_db)
    page.goto(f'{web_server}/web#action=crm.crm_case_categ0-act')
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    assert no_horizontal_scroll(page)
    screenshot(page, 'cases-list-phone')


def test_overdue_open_cases_are_red_and_sums_add_up(logged_in_page, web_server, web_db):

    def overdue_case(env):
        case = env['crm.case'].create({'name': 'Overdue follow-up', 'section_id': env.ref('crm.section_support').id,
                                       'date_deadline': '2020-01-01 12:00:00', 'planned_revenue': 1234.5})
        case.case_open()
        return case.id
    case_id = run_committed(web_db, overdue_case)
    page = logged_in_page
    open_menu(page, 'crm.menu_crm_case_categ0-act')
    row = page.locator(f'tr.o_data_row[data-id="{case_id}"]')
    assert row.get_attribute('data-color') == 'red'
    assert row.evaluate('r => getComputedStyle(r).color') == 'rgb(255, 0, 0)'
    others = page.locator('tr.o_data_row:not([data-color])')
    assert others.count() >= 1

    def number(text):
        return float(text.replace(',', '') or 0)
    revenues = page.locator('tr.o_data_row td[data-name=planned_revenue]').all_inner_texts()
    total = page.locator('tfoot td[data-name=planned_revenue]').inner_text()
    assert abs(sum(number(t) for t in revenues) - number(total)) < 0.01


def test_search_filters_of_the_arch(logged_in_page, web_server):
    page = logged_in_page
    page.goto(f'{web_server}/web#model=res.partner&view_type=list')
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    everyone = int(page.locator('.o_pager_limit').inner_text())
    page.locator('button.o_filters_toggle').click()
    filters = page.locator('.o_filter_menu a[data-filter]')
    assert filters.count() >= 2
    filters.first.click()
    wait_idle(page)
    assert page.locator('.o_searchview_facet').count() == 1
    assert int(page.locator('.o_pager_limit').inner_text()) <= everyone
    page.locator('.o_facet_remove').click()
    wait_idle(page)
    assert int(page.locator('.o_pager_limit').inner_text()) == everyone
