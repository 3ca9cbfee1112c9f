"""Calendar, graph, report, import and export of the web client, in a real browser."""
import csv
import io

import pytest

from .browser import wait_idle

CASES = 'crm.crm_case_categ0-act'


def goto(page, base_url, fragment, selector):
    page.goto(f'{base_url}/web#{fragment}')
    wait_idle(page)
    page.wait_for_selector(selector)


def test_business_opportunities_graph(logged_in_page, web_server, screenshot):
    page = logged_in_page
    goto(page, web_server, f'action={CASES}&view_type=graph', 'svg.o_graph')
    bars = page.locator('svg.o_graph rect.o_graph_bar')
    assert bars.count() >= 1
    titles = ' '.join(page.locator('svg.o_graph rect.o_graph_bar title').all_text_contents())
    assert 'Administrator' in titles
    screenshot(page, 'cases-graph-bar')
    page.locator('button.o_graph_pie_mode').click()
    wait_idle(page)
    assert page.locator('svg.o_graph path.o_graph_slice').count() >= 1
    screenshot(page, 'cases-graph-pie')


def test_business_opportunities_report_is_a_pdf(logged_in_page, web_server):
    page = logged_in_page
    goto(page, web_server, f'action={CASES}&view_type=list', 'tr.o_data_row')
    page.locator('th.o_list_record_selector input').check()
    report = page.locator('.o_cp_action_menus button', has_text='Business Opportunities')
    with page.context.expect_page() as popup_info:
        report.click()
    popup = popup_info.value
    popup.wait_for_load_state()
    ids = page.evaluate("() => Array.from(document.querySelectorAll('tr.o_data_row')).map(r => r.dataset.id).join(',')")
    assert popup.url.endswith(f'/web/report/pdf/crm.case/{ids}')
    # the popup shows Chromium's PDF viewer: fetch the same address to read the document itself
    response = page.request.get(popup.url)
    assert response.status == 200
    assert response.headers['content-type'] == 'application/pdf'
    assert response.body()[:5] == b'%PDF-'
    popup.close()


def test_cases_calendar(logged_in_page, web_server, screenshot):
    page = logged_in_page
    goto(page, web_server, f'action={CASES}&view_type=calendar', '.o_calendar_view')
    # the demo cases are dated today: they are in this month's calendar
    assert page.locator('.o_calendar_event').count() >= 1
    screenshot(page, 'cases-calendar')
    page.locator('button[data-scale=week]').click()
    wait_idle(page)
    assert page.locator('.o_calendar_event').count() >= 1


def partners_csv(count=50, bad_lines=(12, 40)):
    """A CSV of `count` partners; the rows at CSV line numbers `bad_lines` carry a bad date/number."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(['Name', 'Active', 'Ref'])
    for line in range(2, count + 2):
        active = 'maybe-not' if line in bad_lines else '1'
        writer.writerow([f'Imported partner {line:03d}', active, f'IMP{line:03d}'])
    return out.getvalue().encode()


def test_import_partners_with_two_bad_rows(logged_in_page, web_server, tmp_path, screenshot):
    page = logged_in_page
    goto(page, web_server, 'model=res.partner&view_type=list', 'table.o_list_table')
    before = int(page.locator('.o_pager_limit').inner_text())
    path = tmp_path / 'partners.csv'
    path.write_bytes(partners_csv())
    page.locator('button.o_button_import').click()
    page.locator('.o_import_view input.o_import_file').set_input_files(str(path))
    wait_idle(page)
    page.wait_for_selector('select.o_import_field')
    assert page.locator('select.o_import_field[data-column="0"]').input_value() == 'name'
    page.locator('button.o_import_test').click()
    wait_idle(page)
    messages = page.locator('.o_import_message').all_inner_texts()
    assert len(messages) == 2, messages
    assert messages[0].startswith('Line 12') and messages[1].startswith('Line 40')
    screenshot(page, 'import-errors')

    # fix the file and import for real
    path.write_bytes(partners_csv(bad_lines=()))
    page.locator('.o_import_view input.o_import_file').set_input_files(str(path))
    wait_idle(page)
    page.locator('button.o_import_run').click()
    wait_idle(page)
    assert '50' in page.locator('.o_import_success').inner_text()
    page.locator('.o_dialog_close').click()
    wait_idle(page)
    page.wait_for_function(f"() => parseInt(document.querySelector('.o_pager_limit').textContent) === {before + 50}")


def test_export_selection_downloads_csv(logged_in_page, web_server):
    page = logged_in_page
    goto(page, web_server, f'action={CASES}&view_type=list', 'tr.o_data_row')
    rows = page.locator('tr.o_data_row')
    names = [rows.nth(i).locator('td[data-name=name]').inner_text() for i in range(2)]
    for i in range(2):
        rows.nth(i).locator('td.o_list_record_selector input').check()
    with page.expect_download() as download_info:
        page.locator('button.o_action_export').click()
    content = open(download_info.value.path(), encoding='utf-8').read()
    lines = list(csv.reader(io.StringIO(content)))
    assert len(lines) == 3
    assert {line[lines[0].index('Description')] if 'Description' in lines[0] else line[3] for line in lines[1:]} == set(names)


@pytest.mark.allow_js_errors('404')
def test_unknown_page_is_a_readable_404(page, web_server):
    response = page.goto(f'{web_server}/web/no/such/page')
    assert response.status == 404
    text = page.locator('body').inner_text()
    assert 'Traceback' not in text and 'not found' in text.lower()
