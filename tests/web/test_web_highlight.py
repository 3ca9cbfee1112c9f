"""An html column of a list shows its emphasis (the <mark> of search excerpts) and no other markup."""
import uuid

from .browser import wait_idle
from tests.installed import run_committed

EXCERPT = 'the <mark>turbine</mark> <script>x</script> <b>blades</b><img src="/nowhere.png" onerror="alert(1)">'


def _mails_with_html_column(web_db, tag):
    """id of an action listing one mail (subject, html body) whose body is EXCERPT."""

    def work(env):
        view = env['ir.ui.view'].create({
            'name': f'mail.mail.excerpts.{tag}', 'model': 'mail.mail', 'type': 'tree', 'priority': 99,
            'arch': '<tree string="Excerpts"><field name="subject"/><field name="body_html"/></tree>'})
        mail = env['mail.mail'].create({'subject': f'Excerpt {tag}', 'body_html': EXCERPT, 'state': 'cancel'})
        action = env['ir.actions.act_window'].create({
            'name': f'Excerpts {tag}', 'res_model': 'mail.mail', 'view_type': 'form', 'view_mode': 'tree',
            'view_id': view.id, 'domain': f"[('id', '=', {mail.id})]"})
        return action.id, mail.id
    return run_committed(web_db, work)


def test_marks_are_highlighted_and_the_rest_is_text(logged_in_page, web_server, web_db, screenshot):
    tag = uuid.uuid4().hex[:6]
    action_id, mail_id = _mails_with_html_column(web_db, tag)
    page = logged_in_page
    page.goto(f'{web_server}/web#action={action_id}')
    wait_idle(page)
    page.wait_for_selector('table.o_list_table')
    cell = page.locator(f'tr.o_data_row[data-id="{mail_id}"] td[data-name=body_html]')
    mark = cell.locator('mark')
    assert mark.count() == 1 and mark.inner_text() == 'turbine'
    assert cell.locator('b').inner_text() == 'blades'
    # the script is text: nothing of it runs, no other element gets through
    assert cell.locator('script, img').count() == 0
    assert cell.evaluate('td => Array.from(td.querySelectorAll("*")).map(n => n.tagName).sort().join()') == 'B,MARK'
    assert cell.inner_text().split() == ['the', 'turbine', 'x', 'blades']
    # the highlight is visible: a background of its own
    background = mark.evaluate('m => getComputedStyle(m).backgroundColor')
    assert background not in ('rgba(0, 0, 0, 0)', 'transparent',
                              cell.evaluate('td => getComputedStyle(td).backgroundColor'))
    screenshot(page, 'list-html-excerpt')
