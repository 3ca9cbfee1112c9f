"""The form's behaviours in a real browser: modifiers, workflow and confirmed buttons, line
buttons, the record pager, discard, server errors, phone width. The screens are the test
addons' forms: ``test.orm.order``, ``test.wkf.order`` (workflow buttons) and
``test.views.order`` (a button on its lines).
"""
from .browser import login, no_horizontal_scroll, wait_idle
from .form_helpers import ORDER, current_id, edit, field, open_form, read, rpc, save, shown, unique


def test_required_by_attrs_blocks_the_save_until_filled(logged_in_page, web_server):
    page = logged_in_page
    name = unique('REQ')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    note = field(page, 'note')
    assert 'o_required_modifier' not in note.get_attribute('class')
    field(page, 'priority').locator('input').fill('6')
    # attrs="{'required': [('priority', '>', 5)]}" while typing, before leaving the input
    page.wait_for_selector('.o_form_view .o_field_widget[name=note].o_required_modifier')
    page.locator('button.o_form_button_save').click()
    page.locator('.o_notification_error', has_text='Note').wait_for()
    assert 'o_field_invalid' in note.get_attribute('class')
    assert page.locator('.o_form_view.o_form_editable').count() == 1
    assert rpc(page, ORDER, 'search', [[['name', '=', name]]]) == []
    note.locator('textarea').fill('Big customer')
    save(page)
    assert read(page, ORDER, current_id(page), ['note', 'priority']) == {
        'id': current_id(page), 'note': 'Big customer', 'priority': 6}


def test_readonly_field_from_the_model_has_no_input(logged_in_page, web_server):
    page = logged_in_page
    open_form(page, web_server, ORDER)
    total = field(page, 'amount_total')                  # a computed field: readonly
    assert total.locator('input').count() == 0
    assert 'o_readonly_modifier' in total.get_attribute('class')
    assert field(page, 'priority').locator('input').count() == 1


# ----------------------------------------------------------------------
# buttons
# ----------------------------------------------------------------------
def test_workflow_buttons_move_the_state(logged_in_page, web_server):
    page = logged_in_page
    name = unique('WKF')
    open_form(page, web_server, 'test.wkf.order')
    field(page, 'name').locator('input').fill(name)
    field(page, 'amount').locator('input').fill('30')
    save(page)
    order_id = current_id(page)
    assert read(page, 'test.wkf.order', order_id, ['state'])['state'] == 'draft'
    assert shown(page, 'state') == 'Draft'
    confirm = page.locator('.o_form_view button[name=order_confirm]')
    assert confirm.get_attribute('data-type') == 'workflow'
    confirm.click()
    wait_idle(page)
    page.wait_for_function(
        "() => document.querySelector('.o_field_widget[name=state]').textContent.trim() === 'Confirmed'")
    assert not confirm.is_visible()                     # states="draft"
    assert read(page, 'test.wkf.order', order_id, ['state'])['state'] == 'confirmed'
    page.locator('.o_form_view button[name=pay]').click()
    wait_idle(page)
    page.locator('.o_form_view button[name=ship]').click()
    wait_idle(page)
    page.wait_for_function(
        "() => document.querySelector('.o_field_widget[name=state]').textContent.trim() === 'Done'")
    assert read(page, 'test.wkf.order', order_id, ['state', 'paid', 'shipped']) == {
        'id': order_id, 'state': 'done', 'paid': True, 'shipped': True}


def test_confirm_asks_before_the_button_runs(logged_in_page, web_server):
    page = logged_in_page
    # on a new record, Cancel saves nothing: the question comes before the save
    name = unique('CONF')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    page.locator('.o_form_view button[name=action_done]').click()
    dialog = page.locator('.o_dialog')
    dialog.wait_for()
    assert rpc(page, ORDER, 'search', [[['name', '=', name]]]) == []
    dialog.locator('.o_dialog_footer button', has_text='Cancel').click()
    dialog.wait_for(state='detached')
    wait_idle(page)
    assert rpc(page, ORDER, 'search', [[['name', '=', name]]]) == []
    assert page.locator('.o_form_view.o_form_editable').count() == 1
    assert field(page, 'name').locator('input').input_value() == name

    order_id = rpc(page, ORDER, 'create', [{'name': unique('CONF')}])
    open_form(page, web_server, ORDER, order_id)
    button = page.locator('.o_form_view button[name=action_done]')
    button.click()
    dialog = page.locator('.o_dialog')
    dialog.wait_for()
    assert 'Mark this order as done?' in dialog.locator('.o_dialog_body').inner_text()
    dialog.locator('.o_dialog_footer button', has_text='Cancel').click()
    dialog.wait_for(state='detached')
    wait_idle(page)
    assert read(page, ORDER, order_id, ['state'])['state'] == 'draft'
    assert shown(page, 'state') == 'Draft'

    button.click()
    dialog.wait_for()
    dialog.locator('.o_dialog_footer button', has_text='Ok').click()
    dialog.wait_for(state='detached')
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('.o_field_widget[name=state]').textContent.trim() === 'Done'")
    assert read(page, ORDER, order_id, ['state'])['state'] == 'done'
    assert not button.is_visible()


def order_clerk(web_db):
    """A new user of the 'Test Orders' group (who may create test.views.order); returns its login."""
    from addons.base.password import hash_password
    from framework.api import Environment, SUPERUSER_ID
    from framework.service.transaction import run_in_transaction
    login_name = unique('clerk')

    def create(cr, registry):
        env = Environment(cr, SUPERUSER_ID, {}, registry=registry)
        env['res.users'].create({
            'name': login_name.title(), 'login': login_name, 'password': hash_password(login_name, rounds=1000),
            'groups_id': [(6, 0, [env.ref('base.group_user').id, env.ref('test_views.group_orders').id])]})
    run_in_transaction(web_db, create)
    return login_name


def test_buttons_on_one2many_lines_run_on_the_line(page, web_server, web_db):
    clerk = order_clerk(web_db)
    login(page, web_server, web_db, login=clerk, password=clerk)
    name = unique('LINEBTN')
    open_form(page, web_server, 'test.views.order')
    field(page, 'name').locator('input').fill(name)
    lines = field(page, 'line_ids')
    lines.locator('a.o_field_x2many_list_row_add').click()
    dialog = page.locator('.o_dialog')
    dialog.wait_for()
    dialog.locator('.o_field_widget[name=product] input').fill('Split me')
    dialog.locator('.o_dialog_footer button.o_form_button_save').click()
    dialog.wait_for(state='detached')
    split = lines.locator('tr.o_data_row', has_text='Split me').locator('button[name=action_split]')
    assert split.inner_text() == 'Split'
    calls = []
    page.on('request', lambda request: calls.append(request.post_data_json)
            if '/web/dataset/call_kw' in request.url else None)
    split.click()
    # the order is saved with its line first, then the method runs on the line, by its new id
    page.wait_for_function("() => /[&#]id=\\d+/.test(location.hash)")
    wait_idle(page)
    order_id = current_id(page)
    line_ids = rpc(page, 'test.views.line', 'search', [[['order_id', '=', order_id]]])
    assert len(line_ids) == 1
    methods = [(c['params']['model'], c['params']['method'], c['params']['args']) for c in calls]
    assert ('test.views.line', 'action_split', [line_ids]) in methods
    assert [m for _model, m, _args in methods].index('create') < [m for _model, m, _args in methods].index('action_split')
    assert page.locator('.o_notification_error').count() == 0
    assert lines.locator('tr.o_data_row', has_text='Split me').count() == 1


# ----------------------------------------------------------------------
# navigation and errors
# ----------------------------------------------------------------------
def test_record_pager_moves_between_the_listed_records(logged_in_page, web_server):
    page = logged_in_page
    prefix = unique('PAGER')
    for index in range(3):
        rpc(page, ORDER, 'create', [{'name': f'{prefix}-{index}'}])
    page.goto(f'{web_server}/web#model={ORDER}&view_type=list')
    page.wait_for_selector('table.o_list_table')
    wait_idle(page)
    page.locator('input.o_searchview_input').fill(prefix)
    page.keyboard.press('Enter')
    wait_idle(page)
    page.wait_for_function("() => document.querySelectorAll('tr.o_data_row').length === 3")
    names = [text.strip() for text in page.locator('tr.o_data_row td[data-name=name]').all_inner_texts()]
    page.locator('tr.o_data_row td[data-name=name]', has_text=names[0]).click()
    page.wait_for_selector('.o_form_view.o_form_readonly')
    wait_idle(page)
    assert shown(page, 'name') == names[0]
    assert page.locator('.o_pager_value').inner_text() == '1'
    assert page.locator('.o_pager_limit').inner_text() == '3'
    page.locator('button.o_pager_next').click()
    wait_idle(page)
    page.wait_for_function("(text) => document.querySelector('.o_field_widget[name=name]').textContent.trim() === text",
                           arg=names[1])
    assert page.locator('.o_pager_value').inner_text() == '2'
    assert current_id(page) == rpc(page, ORDER, 'search', [[['name', '=', names[1]]]])[0]
    page.locator('button.o_pager_previous').click()
    wait_idle(page)
    page.locator('button.o_pager_previous').click()
    wait_idle(page)
    page.wait_for_function("(text) => document.querySelector('.o_field_widget[name=name]').textContent.trim() === text",
                           arg=names[2])
    assert page.locator('.o_pager_value').inner_text() == '3'


def test_discard_restores_the_saved_values(logged_in_page, web_server):
    page = logged_in_page
    name = unique('DISC')
    order_id = rpc(page, ORDER, 'create', [{'name': name, 'priority': 3, 'note': 'kept'}])
    open_form(page, web_server, ORDER, order_id)
    edit(page)
    field(page, 'name').locator('input').fill('changed name')
    field(page, 'priority').locator('input').fill('9')
    field(page, 'note').locator('textarea').fill('changed note')
    page.locator('button.o_form_button_discard').click()
    page.wait_for_selector('.o_form_view.o_form_readonly')
    wait_idle(page)
    assert shown(page, 'name') == name
    assert shown(page, 'priority') == '3'
    assert shown(page, 'note') == 'kept'
    assert read(page, ORDER, order_id, ['name', 'priority', 'note']) == {
        'id': order_id, 'name': name, 'priority': 3, 'note': 'kept'}
    edit(page)
    assert field(page, 'name').locator('input').input_value() == name


def test_a_server_error_is_one_sentence_and_the_typed_values_stay(logged_in_page, web_server):
    page = logged_in_page
    name = unique('ERR')
    open_form(page, web_server, ORDER)
    field(page, 'name').locator('input').fill(name)
    field(page, 'priority').locator('input').fill('-1')
    field(page, 'note').locator('textarea').fill('typed by the user')
    page.locator('button.o_form_button_save').click()
    error = page.locator('.o_notification_error')
    error.wait_for()
    text = error.inner_text()
    assert f'The priority of {name} cannot be negative.' in text
    assert 'Traceback' not in text and 'File "' not in text
    assert page.locator('.o_form_view.o_form_editable').count() == 1
    assert field(page, 'name').locator('input').input_value() == name
    assert field(page, 'priority').locator('input').input_value() == '-1'
    assert field(page, 'note').locator('textarea').input_value() == 'typed by the user'
    assert rpc(page, ORDER, 'search', [[['name', '=', name]]]) == []

    # fixing the value saves what was typed
    field(page, 'priority').locator('input').fill('2')
    save(page)
    assert read(page, ORDER, current_id(page), ['name', 'priority', 'note']) == {
        'id': current_id(page), 'name': name, 'priority': 2, 'note': 'typed by the user'}


# ----------------------------------------------------------------------
# phone
# ----------------------------------------------------------------------
def test_forms_fit_a_phone_screen(phone_page, web_server, web_db, screenshot):
    page = login(phone_page, web_server, web_db)
    order_id = rpc(page, ORDER, 'create', [{
        'name': unique('PHONE'), 'note': 'A rather long note ' * 20,
        'line_ids': [[0, 0, {'product': 'A product with a long name ' * 3, 'quantity': 3, 'price': 12345.67}]]}])
    open_form(page, web_server, ORDER, order_id)
    screenshot(page, 'order-form-phone')
    assert no_horizontal_scroll(page)
    edit(page)
    wait_idle(page)
    screenshot(page, 'order-form-phone-edit')
    assert no_horizontal_scroll(page)

    page.goto(f'{web_server}/web#action=crm.crm_case_categ0-act&view_type=form&id=1')
    page.wait_for_selector('.o_form_view .o_form_sheet')
    wait_idle(page)
    screenshot(page, 'case-form-phone')
    assert no_horizontal_scroll(page)
