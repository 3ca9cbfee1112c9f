"""Files found by their content in the browser (document): attach on a case, Search a File."""
from .browser import wait_idle
from tests.installed import run_committed

CASES = 'crm.crm_case_categ0-act'


def index_pending(web_db):
    """Run the indexing job now, as the scheduler would after the upload's commit."""

    def run(env):
        env['ir.attachment']._index_pending()
    run_committed(web_db, run)


def test_a_file_attached_to_a_case_is_found_by_a_word_inside(logged_in_page, web_server, web_db,
                                                             tmp_path, screenshot):
    page = logged_in_page
    page.goto(f'{web_server}/web#action={CASES}&view_type=form&id=2')
    wait_idle(page)
    page.wait_for_selector('.o_form_view.o_form_readonly')
    from addons.document.tests import samples
    offer = tmp_path / 'offer.txt'
    offer.write_text('Our offer: one quadricycle turbine, delivered in spring.')
    specification = tmp_path / 'specification.odt'
    specification.write_bytes(samples.odt(['Blades of a hexapodal windmill, forty metres long.']))
    page.locator('.o_attachments input.o_attachment_input').set_input_files([str(offer), str(specification)])
    wait_idle(page)
    page.wait_for_selector('.o_attachments .o_attachment:has-text("specification.odt")')
    index_pending(web_db)

    page.locator('a.o_menu_top[data-menu-xmlid="document.menu_document"]').click()
    wait_idle(page)
    page.locator('.o_sidebar a.o_menu_item[data-menu-xmlid="document.menu_document_files"]').click()
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    page.locator('input.o_searchview_input').fill('quadricycle')
    page.locator('.o_searchview_autocomplete li', has_text='Indexed Content').click()
    wait_idle(page)
    rows = page.locator('tr.o_data_row')
    assert rows.count() == 1
    assert rows.first.locator('td[data-name=name]').inner_text() == 'offer.txt'
    mark = rows.first.locator('td[data-name=index_excerpt] mark')
    assert mark.inner_text() == 'quadricycle'
    screenshot(page, 'search-a-file')

    # a word only the OpenDocument file holds
    page.locator('.o_searchview_facet .o_facet_remove').click()
    page.locator('input.o_searchview_input').fill('hexapodal')
    page.locator('.o_searchview_autocomplete li', has_text='Indexed Content').click()
    wait_idle(page)
    assert page.locator('tr.o_data_row td[data-name=name]').all_inner_texts() == ['specification.odt']
    assert page.locator('tr.o_data_row td[data-name=index_excerpt] mark').inner_text() == 'hexapodal'
