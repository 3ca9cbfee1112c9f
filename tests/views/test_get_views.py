"""What a client receives from get_views / get_view / fields_view_get."""
from lxml import etree


def test_get_views_returns_combined_archs_and_field_descriptions(env):
    result = env['test.views.order'].get_views([[False, 'form'], [False, 'list'], [False, 'search']])
    form = result['views']['form']
    assert form['id'] == env.ref('test_views.order_form').id and form['model'] == 'test.views.order'
    arch = etree.fromstring(form['arch'])
    assert arch.xpath("//field[@name='amount']")              # extensions applied
    assert set(result['views']) == {'form', 'list', 'search'}
    assert result['views']['list']['id'] == env.ref('test_views.order_tree').id
    order_fields = result['models']['test.views.order']
    assert {'name', 'date', 'amount', 'partner_id', 'line_ids', 'notes', 'state'} <= set(order_fields)
    assert order_fields['partner_id']['relation'] == 'res.partner'
    assert order_fields['state']['selection'] == [['draft', 'Draft'], ['done', 'Done']]
    # the x2many sub-view's fields are described under the comodel
    assert set(result['models']['test.views.line']) == {'product', 'quantity'}
    assert 'line_ids' in form['fields']


def test_get_view_of_a_given_view_id(env):
    view = env['test.views.order'].get_view(env.ref('test_views.order_form_simple').id, 'form')
    assert '<notebook' not in view['arch']
    assert view['models'] == {'test.views.order': ['state', 'name', 'date', 'amount', 'partner_id']}


def test_model_without_views_gets_defaults(env):
    result = env['test.views.line'].get_views([[False, 'form'], [False, 'tree'], [False, 'search'],
                                              [False, 'graph']])
    form = etree.fromstring(result['views']['form']['arch'])
    shown = [n.get('name') for n in form.iter('field')]
    assert shown == ['order_id', 'product', 'quantity']               # no log fields
    assert result['views']['form']['id'] is False
    tree = etree.fromstring(result['views']['tree']['arch'])
    assert tree.tag == 'tree' and [n.get('name') for n in tree.iter('field')]
    calendar = env['test.orm.order'].get_view(view_type='calendar')
    assert etree.fromstring(calendar['arch']).get('date_start') == 'date'


def test_fields_view_get_moves_sub_views_into_the_field_description(env):
    fvg = env['test.views.order'].fields_view_get(view_type='form')
    assert fvg['model'] == 'test.views.order' and fvg['type'] == 'form'
    assert fvg['view_id'] == env.ref('test_views.order_form').id
    assert fvg['name'] == 'test.views.order.form' and fvg['field_parent'] is False
    line_views = fvg['fields']['line_ids']['views']
    assert set(line_views) == {'tree', 'form'}
    assert set(line_views['tree']['fields']) == {'product', 'quantity'}
    assert '<tree' not in fvg['arch'] and '<tree' in line_views['tree']['arch']
    assert 'toolbar' not in fvg


def test_fields_view_get_toolbar_lists_bound_reports_and_actions(env):
    toolbar = env['test.views.order'].fields_view_get(view_type='tree', toolbar=True)['toolbar']
    assert [r['report_name'] for r in toolbar['print']] == ['test_views.report_order']
    assert toolbar['print'][0]['type'] == 'ir.actions.report'
    assert {a['name'] for a in toolbar['action']} == {'Customers', 'Confirm Orders'}
    assert [a['name'] for a in toolbar['relate']] == ['Order Lines']


def test_user_does_not_see_nodes_of_groups_they_are_not_in(env):
    user = env['res.users'].create({'name': 'Viewer', 'login': 'viewer_views',
                                    'groups_id': [(6, 0, [env.ref('base.group_user').id])]})
    arch = env['test.views.order'].with_user(user).get_view(view_type='form')['arch']
    assert 'name="admin"' not in arch and 'name="secret"' not in arch
    assert 'name="admin"' in env['test.views.order'].get_view(view_type='form')['arch']


def test_actions_have_their_own_toolbar_too(env):
    """ir.actions.actions has a _get_toolbar(model_name) of its own: get_views must not trip on it."""
    views = env['ir.actions.act_window'].get_views([[False, 'form']], {'toolbar': True})
    assert set(views['views']['form']['toolbar']) == {'print', 'action', 'relate'}
