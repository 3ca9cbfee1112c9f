"""A broken view is refused with one sentence naming the problem, at create and at install."""
import pytest

from framework.exceptions import ModuleError, ValidationError
from framework.modules.loading import load_modules


def create_view(env, arch, model='test.views.order', **values):
    return env['ir.ui.view'].create(dict({'name': 'checked view', 'model': model, 'arch': arch}, **values))


@pytest.mark.parametrize('arch, message', [
    ('<form><field name="nmae"/></form>',
     "View 'checked view' uses the field 'nmae', which does not exist in model 'test.views.order'."),
    ('<form><button name="action_fly" type="object" string="Fly"/></form>',
     "View 'checked view' has a button calling 'action_fly', which is not a public method of model "
     "'test.views.order'."),
    ('<form><button name="_private" type="object"/></form>', "button calling '_private'"),
    ('<form><field name="name"></form>', "View 'checked view' is not well-formed XML"),
    ('<calendar date_start="moment"><field name="name"/></calendar>',
     "uses the field 'moment', which does not exist"),
    ('<tree><field/></tree>', 'has a <field> without name attribute'),
])
def test_broken_arch_is_refused(env, arch, message):
    with pytest.raises(ValidationError) as info:
        create_view(env, arch)
    assert message in str(info.value)


def test_sub_view_of_an_x2many_is_checked_against_the_comodel(env):
    # 'product' is a field of the lines, not of the order
    create_view(env, '<form><field name="line_ids"><tree><field name="product"/></tree></field></form>')
    with pytest.raises(ValidationError, match="field 'name', which does not exist in model 'test.views.line'"):
        create_view(env, '<form><field name="line_ids"><tree><field name="name"/></tree></field></form>')
    with pytest.raises(ValidationError, match="button calling 'action_confirm', which is not a public "
                                              "method of model 'test.views.line'"):
        create_view(env, '<form><field name="line_ids"><tree><button name="action_confirm" type="object"/>'
                         '</tree></field></form>')


def test_workflow_and_action_buttons_are_not_methods(env):
    view = create_view(env, '<form><button name="order_confirm" string="Confirm"/>'
                            '<button name="42" type="action"/></form>')
    assert view.type == 'form'


@pytest.mark.parametrize('arch, message', [
    ('<xpath expr="//field[@name=\'nowhere\']" position="after"><field name="notes"/></xpath>',
     "the xpath \"//field[@name='nowhere']\" matches nothing in the parent view"),
    ('<xpath expr="//field[" position="after"/>', 'has an invalid xpath expression "//field["'),
    ('<field name="notes" position="after"><field name="amount"/></field>',
     'element <field name="notes"> cannot be located in the parent view'),
    ('<field name="name" position="sideways"/>', 'uses the unknown position "sideways"'),
    ('<field name="name" position="after"><field name="ghost"/></field>',
     "uses the field 'ghost', which does not exist"),
])
def test_broken_extension_is_refused(env, arch, message):
    with pytest.raises(ValidationError) as info:
        create_view(env, arch, inherit_id=env.ref('test_views.order_tree').id, name='broken extension')
    assert message in str(info.value)
    assert "'broken extension'" in str(info.value)


def test_writing_a_broken_arch_is_refused(env):
    view = env.ref('test_views.order_tree')
    with pytest.raises(ValidationError, match="field 'ghost'"):
        view.arch = '<tree><field name="ghost"/></tree>'


def test_install_of_a_broken_view_names_file_line_and_problem_and_rolls_back(fresh_db):
    name = fresh_db()
    with pytest.raises(ModuleError) as info:
        load_modules(name, init=['test_views_broken'])
    message = str(info.value)
    assert 'test_views_broken/views/broken_views.xml, line 10' in message
    assert "View 'partner.form.broken' uses the field 'nmae', which does not exist in model " \
           "'res.partner'" in message
    assert 'nothing was changed' in message
    from framework.db import db_connect
    cr = db_connect(name).cursor()
    try:
        cr.execute("SELECT count(*) FROM ir_ui_view WHERE name = 'partner.form.ok'")
        assert cr.fetchone()[0] == 0
    finally:
        cr.close()
