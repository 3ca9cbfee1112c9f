"""Editable main lists: crm's partner events (editable="top") are edited in their rows."""
import uuid

import pytest

from .browser import wait_idle
from tests.installed import run_committed

URL = '/web#model=res.partner.event&view_type=list'


def _env_run(web_db, work):
    return run_committed(web_db, work)


def _events(web_db, *names):
    """ids of new partner events called `names` (the newest first in the list)."""
    return _env_run(web_db, lambda env: [env['res.partner.event'].create({'name': name, 'type': 'sale'}).id
                                         for name in names])


def _names(web_db, ids):
    return _env_run(web_db, lambda env: {e.id: e.name for e in env['res.partner.event'].browse(ids).exists()})


@pytest.fixture
def events_list(logged_in_page, web_server):
    page = logged_in_page
    page.goto(web_server + URL)
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    return page


def _row(page, record_id):
    return page.locator(f'tr.o_data_row[data-id="{record_id}"]')


def test_a_row_is_edited_in_place_and_saved_with_enter(logged_in_page, web_server, web_db, screenshot):
    tag = uuid.uuid4().hex[:6]
    [first, second] = _events(web_db, f'Call {tag}', f'Visit {tag}')
    page = logged_in_page
    page.goto(web_server + URL)
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    # crm's list of events (no partner column), not base's
    assert page.locator('th[data-name=partner_id]').count() == 0

    _row(page, first).locator('td[data-name=name]').click()
    wait_idle(page)
    editing = page.locator('tr.o_selected_row')
    assert editing.count() == 1 and editing.get_attribute('data-id') == str(first)
    assert page.locator('.o_form_view').count() == 0
    name = editing.locator('[name=name] input')
    assert name.input_value() == f'Call {tag}'
    name.fill(f'Phone call {tag}')
    editing.locator('td[data-name=type] select').select_option('purchase')
    screenshot(page, 'partner-events-editing')
    name.press('Enter')
    wait_idle(page)
    assert page.locator('tr.o_selected_row').count() == 0
    assert _row(page, first).locator('td[data-name=name]').inner_text() == f'Phone call {tag}'
    assert _row(page, first).locator('td[data-name=type]').inner_text() == 'Purchase Offer'
    assert _names(web_db, [first]) == {first: f'Phone call {tag}'}

    # Escape forgets what was typed
    _row(page, second).locator('td[data-name=name]').click()
    wait_idle(page)
    page.locator('tr.o_selected_row [name=name] input').fill('not kept')
    page.locator('tr.o_selected_row [name=name] input').press('Escape')
    wait_idle(page)
    assert page.locator('tr.o_selected_row').count() == 0
    assert _row(page, second).locator('td[data-name=name]').inner_text() == f'Visit {tag}'
    assert _names(web_db, [second]) == {second: f'Visit {tag}'}


def test_new_adds_a_row_at_the_top_checked_then_saved_by_clicking_another(events_list, web_db):
    page = events_list
    tag = uuid.uuid4().hex[:6]
    total = int(page.locator('.o_pager_limit').inner_text())
    other = page.locator('tr.o_data_row').first.get_attribute('data-id')
    page.locator('button.o_button_create').click()
    wait_idle(page)
    editing = page.locator('tbody tr').first
    assert 'o_selected_row' in editing.get_attribute('class')
    assert editing.get_attribute('data-id') == ''
    assert page.locator('.o_form_view').count() == 0

    # the name is required: Enter refuses, says which field, keeps the row
    editing.locator('[name=name] input').press('Enter')
    wait_idle(page)
    assert 'Events' in page.locator('.o_notification_error').last.inner_text()
    assert page.locator('tr.o_selected_row .o_field_invalid[name=name]').count() == 1
    assert _count(web_db, tag) == 0

    editing.locator('[name=name] input').fill(f'Meeting {tag}')
    _row(page, other).locator('td[data-name=name]').click()
    wait_idle(page)
    [new_id] = _ids(web_db, tag)
    first = page.locator('tbody tr.o_data_row').first
    assert first.get_attribute('data-id') == str(new_id)
    assert first.locator('td[data-name=name]').inner_text() == f'Meeting {tag}'
    assert int(page.locator('.o_pager_limit').inner_text()) == total + 1
    # the row clicked is in edition now
    assert page.locator('tr.o_selected_row').get_attribute('data-id') == other
    page.locator('tr.o_selected_row [name=name] input').press('Escape')
    wait_idle(page)
    assert page.locator('tr.o_selected_row').count() == 0


def test_a_server_error_keeps_the_row_in_edition(events_list, web_server, web_db):
    page = events_list
    tag = uuid.uuid4().hex[:6]
    [event_id] = _events(web_db, f'Gone {tag}')
    page.reload()
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    _row(page, event_id).locator('td[data-name=name]').click()
    wait_idle(page)
    page.locator('tr.o_selected_row [name=name] input').fill(f'Edited {tag}')
    # someone else deletes the event meanwhile: the write fails
    _env_run(web_db, lambda env: env['res.partner.event'].browse(event_id).unlink())
    page.locator('tr.o_selected_row [name=name] input').press('Enter')
    wait_idle(page)
    assert 'does not exist' in page.locator('.o_notification_error').last.inner_text()
    editing = page.locator('tr.o_selected_row')
    assert editing.get_attribute('data-id') == str(event_id)
    assert editing.locator('[name=name] input').input_value() == f'Edited {tag}'


def _ids(web_db, tag):
    return _env_run(web_db, lambda env: env['res.partner.event'].search([('name', 'like', tag)]).ids)


def _count(web_db, tag):
    return len(_ids(web_db, tag))
