"""From an opportunity to a quotation over XML-RPC, against a real server (the issue's story).

A threaded server (``tests/rpc/conftest.py``) serves a database of its own
with sale_crm installed and the §14 world committed. Alice (a CRM user)
converts an Agrolait opportunity to a quotation as a client does: the
wizard is created and its button pressed with the case as ``active_ids``;
the quotation is read back, its form's Extra Info page holds the Source
document, and the order is confirmed with OpenERP 5's ``exec_workflow``.
"""
import xmlrpc.client
from types import SimpleNamespace

import pytest
from lxml import etree

from tests.rpc.conftest import forget_login_failures, server  # noqa: F401  (fixtures)

from addons.crm.tests.case_world import build_world
from addons.crm.tests.rpc_world import LegacyRpc, Rpc
from tests.installed import drop, install_copy, run_committed


def _world(env):
    world = build_world(env)
    env['res.partner.address'].create({'partner_id': world.agrolait.id, 'type': 'invoice', 'name': 'Billing'})
    bare = env['res.partner'].create({'name': 'No Address Ltd'})
    return {'support': world.support.id, 'agrolait': world.agrolait.id, 'contact': world.contact.id,
            'bare': bare.id, 'alice': world.alice.id, 'shop': env.ref('sale.shop').id,
            'laptop': env.ref('product.product_laptop').id}


@pytest.fixture(scope='module')
def world(template_db):
    """The committed world in a copy of the template with sale_crm installed (dropped at the end)."""
    name = install_copy(template_db, ['sale_crm'], 'salecrmrpc')
    ids = run_committed(name, _world)
    yield SimpleNamespace(name=name, **ids)
    drop(name)


@pytest.fixture
def alice(server, world):  # noqa: F811
    return Rpc(server, world.name, 'alice', 'alice-secret')


@pytest.fixture
def alice_legacy(server, world):  # noqa: F811
    return LegacyRpc(server, world.name, 'alice', 'alice-secret')


def convert(alice, world, case_id, **values):
    """Press Convert to Quote on the case and Create Quote in the dialog; return the action."""
    context = {'active_model': 'crm.case', 'active_ids': [case_id], 'active_id': case_id}
    values.setdefault('shop_id', world.shop)
    values.setdefault('products', [(6, 0, [world.laptop])])
    defaults = alice('crm.case.make_order', 'default_get', ['partner_id', 'close'], context=context)
    wizard_id = alice('crm.case.make_order', 'create', dict(defaults, **values), context=context)
    return alice('crm.case.make_order', 'makeOrder', [wizard_id], context=context)


def test_opportunity_becomes_a_quotation_then_an_order(alice, alice_legacy, world):
    case_id = alice('crm.case', 'create', {'name': 'Big laptop deal', 'section_id': world.support,
                                           'partner_id': world.agrolait, 'partner_address_id': world.contact,
                                           'planned_revenue': 1200.0})
    alice('crm.case', 'case_open', [case_id])

    action = convert(alice, world, case_id)

    assert action['res_model'] == 'sale.order'
    [order_id] = alice('sale.order', 'search', action['domain'])
    [order] = alice('sale.order', 'read', [order_id], ['name', 'state', 'origin', 'partner_id',
                                                       'partner_invoice_id', 'amount_total', 'order_line'])
    assert order['state'] == 'draft' and order['origin'] == 'CRM:%d' % case_id
    assert order['partner_id'][0] == world.agrolait and order['partner_invoice_id'][1] == 'Agrolait, Billing'
    assert order['amount_total'] == 1200.0 and len(order['order_line']) == 1
    assert order_id in alice('sale.order', 'search', [('state', '=', 'draft')])   # Quotations

    # the order form's Extra Info page shows the Source document
    for view in (alice('sale.order', 'fields_view_get', False, 'form'),
                 alice('sale.order', 'get_views', [[False, 'form']])['views']['form']):
        arch = etree.fromstring(view['arch'].encode())
        [page] = arch.xpath("//page[@string='Extra Info']")
        assert page.xpath(".//field[@name='origin']")
    # the case shows the link: its Reference is the quotation, its history says Close
    case = alice.read_one('crm.case', case_id, ['ref', 'state', 'log_ids'])
    assert case['ref'] == 'sale.order,%d' % order_id and case['state'] == 'done'
    assert [name for name, _user in alice.logs(case_id)] == ['Open', 'Close']

    # Confirm Order: the workflow signal of 5.0's button, over 5.0's exec_workflow
    alice_legacy.proxy.exec_workflow(world.name, alice_legacy.uid, 'alice-secret', 'sale.order',
                                     'order_confirm', order_id)
    assert alice.read_one('sale.order', order_id, ['state'])['state'] == 'manual'
    alice_legacy.proxy.exec_workflow(world.name, alice_legacy.uid, 'alice-secret', 'sale.order',
                                     'order_done', order_id)
    assert alice.read_one('sale.order', order_id, ['state'])['state'] == 'done'
    events = alice('res.partner.event', 'search_read', [('document', '=', 'sale.order,%d' % order_id)],
                   ['name'])
    assert [event['name'] for event in events] == ['Sale Order: %s' % order['name']]


def test_legacy_client_passes_the_context_last(alice, alice_legacy, world):
    case_id = alice('crm.case', 'create', {'name': 'Legacy deal', 'section_id': world.support,
                                           'partner_id': world.agrolait})
    context = {'active_model': 'crm.case', 'active_ids': [case_id], 'active_id': case_id}
    wizard_id = alice_legacy('crm.case.make_order', 'create',
                             {'partner_id': world.agrolait, 'shop_id': world.shop, 'close': False}, context)
    action = alice_legacy('crm.case.make_order', 'makeOrder', [wizard_id], context)
    [order_id] = alice('sale.order', 'search', action['domain'])
    assert alice.read_one('crm.case', case_id, ['ref', 'state']) == {
        'id': case_id, 'ref': 'sale.order,%d' % order_id, 'state': 'draft'}


def test_customer_without_addresses_is_refused_and_nothing_is_created(alice, world):
    case_id = alice('crm.case', 'create', {'name': 'No address', 'section_id': world.support,
                                           'partner_id': world.bare})
    before = alice('sale.order', 'search_count', [])
    with pytest.raises(xmlrpc.client.Fault) as info:
        convert(alice, world, case_id)
    assert 'Customer has no addresses defined!' in info.value.faultString
    assert 'Traceback' not in info.value.faultString
    assert alice('sale.order', 'search_count', []) == before
    case = alice.read_one('crm.case', case_id, ['ref', 'state', 'log_ids'])
    assert (case['ref'], case['state'], case['log_ids']) == (False, 'draft', [])
