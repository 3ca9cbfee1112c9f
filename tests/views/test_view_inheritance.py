"""Extension and primary views: what a client gets once inheritance is applied."""
import pytest
from lxml import etree

from framework.exceptions import ValidationError


def combined(env, xmlid):
    return env.ref(xmlid)._get_combined_arch()


def names(root, xpath):
    return [node.get('name') for node in root.xpath(xpath)]


def test_extensions_apply_in_priority_order_not_creation_order(env):
    root = combined(env, 'test_views.order_form')
    # amount (priority 10, created second) is placed before date (priority 20, created first)
    assert names(root, "//group[@name='main']/field") == ['name', 'date', 'amount', 'partner_id']


def test_attributes_position_sets_an_attribute(env):
    root = combined(env, 'test_views.order_form')
    assert root.xpath("//field[@name='partner_id']")[0].get('string') == 'Client'


def test_page_locator_inserts_after_the_page(env):
    root = combined(env, 'test_views.order_form')
    assert names(root, '//notebook/page') == ['lines', 'notes', 'admin']


def test_extension_view_returns_the_arch_of_the_view_it_patches(env):
    assert etree.tostring(combined(env, 'test_views.order_form_date')) == \
        etree.tostring(combined(env, 'test_views.order_form'))


def test_primary_view_inheriting_is_a_new_view_and_leaves_its_parent(env):
    simple = combined(env, 'test_views.order_form_simple')
    assert not simple.xpath('//notebook')
    assert names(simple, "//group[@name='main']/field") == ['name', 'date', 'amount', 'partner_id']
    assert combined(env, 'test_views.order_form').xpath('//notebook')
    # the default form of the model is still the priority-16 one
    assert env['ir.ui.view'].default_view('test.views.order', 'form') == env.ref('test_views.order_form').id


def make_extension(env, arch, parent='test_views.order_form', **values):
    return env['ir.ui.view'].create(dict({
        'name': 'test extension', 'inherit_id': env.ref(parent).id, 'arch': arch}, **values))


@pytest.mark.parametrize('position, expected', [
    ('before', ['name', 'date', 'amount', 'state_copy', 'partner_id']),
    ('after', ['name', 'date', 'amount', 'partner_id', 'state_copy']),
    ('replace', ['name', 'date', 'amount', 'state_copy']),
])
def test_field_positions(env, position, expected):
    make_extension(env, '<field name="partner_id" position="%s"><field name="state" string="state_copy"/>'
                        '</field>' % position, priority=30)
    root = combined(env, 'test_views.order_form')
    shown = [n.get('string') if n.get('name') == 'state' else n.get('name')
             for n in root.xpath("//group[@name='main']/field")]
    assert shown == expected


def test_xpath_inside_and_attribute_removal(env):
    make_extension(env, '<data><xpath expr="//sheet" position="inside"><field name="notes"/></xpath>'
                        '<field name="partner_id" position="attributes"><attribute name="string"/>'
                        '</field></data>', priority=30)
    root = combined(env, 'test_views.order_form')
    assert root.xpath('//sheet/field')[-1].get('name') == 'notes'
    assert root.xpath("//field[@name='partner_id']")[0].get('string') is None


def test_extension_mode_is_the_default_with_a_parent(env):
    view = make_extension(env, '<field name="name" position="after"><field name="notes"/></field>')
    assert view.mode == 'extension'
    assert view.model == 'test.views.order' and view.type == 'form'


def test_inactive_extension_is_not_applied(env):
    view = make_extension(env, '<field name="name" position="after"><field name="notes"/></field>')
    assert 'notes' in names(combined(env, 'test_views.order_form'), "//group[@name='main']/field")
    view.active = False
    assert 'notes' not in names(combined(env, 'test_views.order_form'), "//group[@name='main']/field")


def test_extension_of_an_extension_applies_after_it(env):
    first = make_extension(env, '<field name="name" position="after"><field name="notes"/></field>')
    env['ir.ui.view'].create({'name': 'second', 'inherit_id': first.id,
                              'arch': '<field name="notes" position="replace"/>'})
    assert 'notes' not in names(combined(env, 'test_views.order_form'), "//group[@name='main']/field")


def test_changing_the_parent_so_that_an_extension_breaks_is_refused(env):
    parent = env.ref('test_views.order_tree')
    make_extension(env, '<field name="date" position="after"><field name="amount"/></field>',
                   parent='test_views.order_tree')
    with pytest.raises(ValidationError, match="field name=\"date\"> cannot be located"):
        parent.arch = '<tree><field name="name"/></tree>'
