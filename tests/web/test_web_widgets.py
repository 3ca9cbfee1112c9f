"""Every field widget of the form in a real browser: what the user sees, and what the server
got (read back over JSON-RPC). The screen is ``test.orm.order`` (tests/addons/test_orm/views/
order_views.xml: a field of every type). The user's time zone is Europe/Brussels, the locale en-US.
"""
import uuid

from .browser import wait_idle
from .form_helpers import ORDER, current_id, edit, field, open_form, read, rpc, save, shown, unique


# ----------------------------------------------------------------------
# simple fields
# ----------------------------------------------------------------------
def test_char_text_integer_and_float_are_saved_and_shown_in_the_locale(logged_in_page, web_server):
    page = logged_in_page
    name = unique('CHAR')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    field(page, 'priority').locator('input').fill('1234')
    field(page, 'note').locator('textarea').fill('First line\nSecond line')
    save(page)
    order_id = current_id(page)
    assert shown(page, 'name') == name
    assert shown(page, 'priority') == '1,234'          # en-US groups thousands
    assert shown(page, 'note') == 'First line\nSecond line'
    assert read(page, ORDER, order_id, ['name', 'priority', 'note']) == {
        'id': order_id, 'name': name, 'priority': 1234, 'note': 'First line\nSecond line'}

    # a float computed from lines: two decimals (digits=(16, 2)) and grouped thousands
    rpc(page, ORDER, 'write', [[order_id], {'line_ids': [[0, 0, {'product': 'Desk', 'quantity': 2, 'price': 1234.5}]]}])
    open_form(page, web_server, ORDER, order_id)
    assert shown(page, 'amount_total') == '2,469.00'
    row = field(page, 'line_ids').locator('tr.o_data_row').first
    assert row.locator('td[data-name=price]').inner_text().strip() == '1,234.50'


def test_boolean_hides_a_field_live_and_is_saved(logged_in_page, web_server):
    page = logged_in_page
    name = unique('BOOL')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    checkbox = field(page, 'active').locator('input[type=checkbox]')
    assert checkbox.is_checked()                        # the default
    assert field(page, 'note').is_visible()
    checkbox.uncheck()
    # attrs="{'invisible': [('active', '=', False)]}" applies without a round-trip
    page.wait_for_selector('.o_form_view .o_field_widget[name=note]', state='hidden')
    assert not page.locator('.o_form_view label.o_form_label', has_text='Note').is_visible()
    save(page)
    order_id = current_id(page)
    assert read(page, ORDER, order_id, ['active'])['active'] is False
    assert not field(page, 'note').is_visible()
    edit(page)
    field(page, 'active').locator('input[type=checkbox]').check()
    assert field(page, 'note').is_visible()
    save(page)
    assert read(page, ORDER, order_id, ['active'])['active'] is True


def test_selection_changes_states_and_attrs_live(logged_in_page, web_server):
    page = logged_in_page
    name = unique('SEL')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    mark_done = page.locator('.o_form_view button[name=action_done]')
    assert mark_done.is_visible()                                     # states="draft"
    assert field(page, 'date').locator('input').count() == 1          # editable in draft
    field(page, 'state').locator('select').select_option('done')
    # states= hides the button, attrs' readonly takes the input away, both at once
    mark_done.wait_for(state='hidden')
    assert field(page, 'date').locator('input').count() == 0
    assert 'o_readonly_modifier' in field(page, 'date').get_attribute('class')
    save(page)
    order_id = current_id(page)
    assert shown(page, 'state') == 'Done'
    assert read(page, ORDER, order_id, ['state'])['state'] == 'done'


def test_date_and_datetime_are_typed_in_the_users_time_zone(logged_in_page, web_server):
    page = logged_in_page
    name = unique('DATE')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    field(page, 'date').locator('input').fill('2026-03-29')
    # Brussels switched to summer time (UTC+2) at 02:00 that morning
    field(page, 'moment').locator('input').fill('2026-03-29T10:00')
    save(page)
    order_id = current_id(page)
    assert read(page, ORDER, order_id, ['date', 'moment']) == {
        'id': order_id, 'date': '2026-03-29', 'moment': '2026-03-29 08:00:00'}
    assert '10:00' in shown(page, 'moment')
    assert '29' in shown(page, 'date')

    # a winter date is one hour ahead of UTC only
    edit(page)
    field(page, 'moment').locator('input').fill('2026-03-28T10:00')
    save(page)
    assert read(page, ORDER, order_id, ['moment'])['moment'] == '2026-03-28 09:00:00'
    edit(page)
    assert field(page, 'moment').locator('input').input_value() == '2026-03-28T10:00'


# ----------------------------------------------------------------------
# many2one
# ----------------------------------------------------------------------
def test_many2one_keyboard_pick_runs_the_onchange(logged_in_page, web_server):
    page = logged_in_page
    suffix = uuid.uuid4().hex[:6]
    first, second = f'Kbd {suffix} Alpha', f'Kbd {suffix} Beta'
    partners = {label: rpc(page, 'res.partner', 'create', [{'name': label}]) for label in (first, second)}
    name = unique('M2O')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    partner = field(page, 'partner_id').locator('input').first
    partner.click()
    partner.fill(f'Kbd {suffix}')
    dropdown = field(page, 'partner_id').locator('.o_m2o_dropdown')
    page.wait_for_function(
        "(text) => [...document.querySelectorAll('.o_field_widget[name=partner_id] .o_m2o_dropdown li')]"
        ".some((li) => li.textContent.includes(text))", arg=second)
    items = dropdown.locator('li')
    assert items.nth(0).inner_text() == first and 'o_active' in items.nth(0).get_attribute('class')
    partner.press('ArrowDown')
    assert 'o_active' in items.nth(1).get_attribute('class')
    partner.press('Enter')
    wait_idle(page)
    assert partner.input_value() == second
    # test.orm.order has @api.onchange('partner_id'): fields_get says so, the form asks
    page.wait_for_function(
        "(text) => document.querySelector('.o_field_widget[name=note] textarea').value === text",
        arg=f'Customer: {second}')
    save(page)
    order_id = current_id(page)
    saved = read(page, ORDER, order_id, ['partner_id', 'note'])
    assert saved['partner_id'] == [partners[second], second]
    assert saved['note'] == f'Customer: {second}'
    assert shown(page, 'partner_id') == second


def test_many2one_search_more_dialog(logged_in_page, web_server):
    page = logged_in_page
    label = f'Searched {uuid.uuid4().hex[:6]}'
    partner_id = rpc(page, 'res.partner', 'create', [{'name': label}])
    name = unique('MORE')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    partner = field(page, 'partner_id').locator('input').first
    partner.click()
    partner.fill('zz-no-partner-like-this')
    more = field(page, 'partner_id').locator('.o_m2o_dropdown li.o_m2o_search_more')
    more.click()
    dialog = page.locator('.o_dialog')
    dialog.wait_for()
    dialog.locator('input.o_search_more_input').fill(label)
    dialog.locator('tr.o_data_row', has_text=label).click()
    dialog.wait_for(state='detached')
    wait_idle(page)
    assert partner.input_value() == label
    save(page)
    assert read(page, ORDER, current_id(page), ['partner_id'])['partner_id'] == [partner_id, label]


def test_many2one_create_and_edit_dialog(logged_in_page, web_server):
    page = logged_in_page
    label = f'Created {uuid.uuid4().hex[:6]}'
    name = unique('NEWP')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    partner = field(page, 'partner_id').locator('input').first
    partner.click()
    partner.fill(label)
    field(page, 'partner_id').locator('.o_m2o_dropdown li.o_m2o_create_edit').click()
    dialog = page.locator('.o_dialog')
    dialog.wait_for()
    wait_idle(page)
    # the typed text is the new partner's name
    assert dialog.locator('.o_field_widget[name=name] input').input_value() == label
    dialog.locator('.o_dialog_footer button.o_form_button_save').click()
    dialog.wait_for(state='detached')
    wait_idle(page)
    assert partner.input_value() == label
    save(page)
    partner_ids = rpc(page, 'res.partner', 'search', [[['name', '=', label]]])
    assert len(partner_ids) == 1
    assert read(page, ORDER, current_id(page), ['partner_id'])['partner_id'] == [partner_ids[0], label]


# ----------------------------------------------------------------------
# x2many
# ----------------------------------------------------------------------
def line_input(row, name):
    return row.locator(f'td[data-name={name}] input')


def test_one2many_add_edit_delete_lines_and_the_total_follows(logged_in_page, web_server):
    page = logged_in_page
    name = unique('O2M')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    lines = field(page, 'line_ids')
    for count, (product, quantity, price) in enumerate((('Chair', '4', '25'), ('Table', '1', '150.5')), 1):
        lines.locator('a.o_field_x2many_list_row_add').click()
        # editable="bottom": the new line is the last row, and the one being edited
        row = lines.locator(f'tr.o_data_row:nth-child({count}).o_selected_row')
        row.wait_for()
        line_input(row, 'product').fill(product)
        line_input(row, 'quantity').fill(quantity)
        line_input(row, 'price').fill(price)
    save(page)
    order_id = current_id(page)
    assert shown(page, 'amount_total') == '250.50'
    assert lines.locator('tr.o_data_row').count() == 2
    saved = rpc(page, 'test.orm.line', 'search_read', [[['order_id', '=', order_id]], ['product', 'quantity', 'price']])
    assert sorted((line['product'], line['quantity'], line['price']) for line in saved) == [
        ('Chair', 4.0, 25.0), ('Table', 1.0, 150.5)]

    # edit a line: click it, change the quantity
    edit(page)
    lines.locator('tr.o_data_row', has_text='Chair').click()
    row = lines.locator('tr.o_data_row.o_selected_row')
    line_input(row, 'quantity').fill('6')
    save(page)
    assert shown(page, 'amount_total') == '300.50'
    assert read(page, ORDER, order_id, ['amount_total'])['amount_total'] == 300.5

    # delete a line
    edit(page)
    lines.locator('tr.o_data_row', has_text='Table').locator('button.o_list_record_remove').click()
    assert lines.locator('tr.o_data_row').count() == 1
    save(page)
    assert shown(page, 'amount_total') == '150.00'
    saved = rpc(page, 'test.orm.line', 'search_read', [[['order_id', '=', order_id]], ['product', 'quantity']])
    assert [(line['product'], line['quantity']) for line in saved] == [('Chair', 6.0)]


def test_many2many_tags_add_by_autocomplete_and_remove(logged_in_page, web_server):
    page = logged_in_page
    suffix = uuid.uuid4().hex[:6]
    tags = {label: rpc(page, 'res.partner.category', 'create', [{'name': label}])
            for label in (f'Urgent {suffix}', f'Fragile {suffix}')}
    urgent, fragile = tags
    partner_id = rpc(page, 'res.partner', 'create', [{'name': f'Tagged {suffix}'}])
    open_form(page, web_server, 'res.partner', partner_id)
    edit(page)
    widget = field(page, 'category_id')
    for label in (urgent, fragile):
        box = widget.locator('input.o_m2m_tags_input')
        box.click()
        box.fill(label)
        widget.locator('.o_m2o_dropdown li', has_text=label).wait_for()
        box.press('Enter')
        widget.locator('.o_tag', has_text=label).wait_for()
    names = widget.locator('.o_tag .o_tag_name')
    assert names.all_inner_texts() == [urgent, fragile]
    widget.locator('.o_tag', has_text=urgent).locator('button.o_tag_remove').click()
    assert names.all_inner_texts() == [fragile]
    save(page)
    assert read(page, 'res.partner', partner_id, ['category_id'])['category_id'] == [tags[fragile]]
    widget.locator('.o_tag', has_text=fragile).wait_for()
    assert names.all_inner_texts() == [fragile]
    assert widget.locator('button.o_tag_remove').count() == 0         # read mode


# ----------------------------------------------------------------------
# reference, binary, html
# ----------------------------------------------------------------------
def test_reference_picks_a_model_then_a_record(logged_in_page, web_server):
    page = logged_in_page
    label = f'Referenced {uuid.uuid4().hex[:6]}'
    partner_id = rpc(page, 'res.partner', 'create', [{'name': label}])
    name = unique('REF')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    widget = field(page, 'ref')
    widget.locator('select').select_option('res.partner')
    widget.locator('input').fill(label)
    widget.locator('.o_m2o_dropdown li', has_text=label).click()
    wait_idle(page)
    save(page)
    order_id = current_id(page)
    assert read(page, ORDER, order_id, ['ref'])['ref'] == f'res.partner,{partner_id}'
    page.wait_for_function("(text) => document.querySelector('.o_field_widget[name=ref]').textContent.includes(text)",
                           arg=label)


def test_binary_upload_then_download_the_same_bytes(logged_in_page, web_server, tmp_path):
    page = logged_in_page
    content = bytes(range(256)) * 4 + b'end of the file'
    upload = tmp_path / 'payload.bin'
    upload.write_bytes(content)
    name = unique('BIN')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    field(page, 'data').locator('input[type=file]').set_input_files(str(upload))
    wait_idle(page)
    save(page)
    assert current_id(page)
    link = field(page, 'data').locator('a.o_binary_download')
    link.wait_for()
    response = page.request.get(f'{web_server}{link.get_attribute("href")}')
    assert response.ok
    assert response.body() == content


def test_html_field_is_edited_and_shown_without_scripts(logged_in_page, web_server):
    page = logged_in_page
    action_id = rpc(page, 'ir.actions.act_window', 'create', [{
        'name': unique('HTML'), 'res_model': 'res.partner',
        'help': '<p>Hello <b>there</b></p><script>window.pwned = 1</script>'}])
    open_form(page, web_server, 'ir.actions.act_window', action_id)
    page.locator('a.o_notebook_tab', has_text='Help').click()
    body = field(page, 'help')
    body.locator('b', has_text='there').wait_for()
    assert body.locator('script').count() == 0
    assert page.evaluate('() => window.pwned === undefined')
    edit(page)
    page.locator('a.o_notebook_tab', has_text='Help').click()
    editor = body.locator('[contenteditable=true]')
    editor.locator('b', has_text='there').click()
    page.keyboard.press('End')
    page.keyboard.type(' and goodbye')
    save(page)
    stored = read(page, 'ir.actions.act_window', action_id, ['help'])['help']
    assert 'goodbye' in stored and '<b>there' in stored
    assert '<script' not in stored
    page.locator('a.o_notebook_tab', has_text='Help').click()
    assert 'goodbye' in body.inner_text()


# ----------------------------------------------------------------------
# modifiers
# ----------------------------------------------------------------------
