"""OpenERP 5.0's XML-RPC: ``/xmlrpc/common``, ``/xmlrpc/object``, ``/xmlrpc/report``, string fault codes."""
import base64
import xmlrpc.client

import pytest

PASSWORD = 'admin'


@pytest.fixture
def legacy(server):
    def proxy(service):
        return xmlrpc.client.ServerProxy(f'{server}/xmlrpc/{service}', allow_none=True)
    return proxy


@pytest.fixture
def uid(rpc_db, legacy):
    return legacy('common').login(rpc_db, 'admin', PASSWORD)


def test_login(rpc_db, legacy):
    assert legacy('common').login(rpc_db, 'admin', PASSWORD) > 1
    assert legacy('common').login(rpc_db, 'admin', 'nope') is False
    assert legacy('common').version()['server_serie'] == '1.0'


def test_crud_with_execute(rpc_db, legacy, uid):
    obj = legacy('object')
    pid = obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'create', {'name': 'Five Oh'})
    assert obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'write', [pid], {'ref': 'V50'}) is True
    [row] = obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'read', [pid], ['name', 'ref'])
    assert (row['name'], row['ref']) == ('Five Oh', 'V50')
    assert obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'search', [('ref', '=', 'V50')]) == [pid]
    assert obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'unlink', [pid]) is True


def test_context_as_last_positional_argument(rpc_db, legacy, uid):
    """5.0 clients pass the context after the method's own arguments."""
    obj = legacy('object')
    pid = obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'create', {'name': 'Old Style', 'active': False})
    [row] = obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'read', [pid], ['name'], {'lang': 'en_US'})
    assert row['name'] == 'Old Style'
    found = obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'search', [('name', '=', 'Old Style')],
                        0, None, None, False, {'active_test': False})
    assert found == [pid]


def test_faults_use_string_codes(rpc_db, legacy, uid):
    obj = legacy('object')
    with pytest.raises(xmlrpc.client.Fault) as info:
        obj.execute(rpc_db, uid, PASSWORD, 'test.rpc.item', 'create', {'name': 'Neg', 'priority': -3})
    assert info.value.faultCode == 'warning -- ValidationError\n\nThe priority of Neg cannot be negative.'
    with pytest.raises(xmlrpc.client.Fault) as info:
        obj.execute(rpc_db, uid, 'bad password', 'res.partner', 'search', [])
    assert info.value.faultCode == 'AccessDenied'
    with pytest.raises(xmlrpc.client.Fault) as info:
        obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'write', [987654321], {'name': 'x'})
    assert info.value.faultCode.startswith('warning -- MissingError\n\n')


def test_exec_workflow_drives_an_order_to_done(rpc_db, legacy, uid):
    """5.0 clients send workflow signals with ``exec_workflow(db, uid, pwd, model, signal, id)``."""
    obj = legacy('object')

    def state():
        [row] = obj.execute(rpc_db, uid, PASSWORD, 'test.wkf.order', 'read', [order], ['state', 'paid'])
        return row['state'], row['paid']
    order = obj.execute(rpc_db, uid, PASSWORD, 'test.wkf.order', 'create', {'name': 'By RPC', 'amount': 9})
    assert state() == ('draft', False)
    assert obj.exec_workflow(rpc_db, uid, PASSWORD, 'test.wkf.order', 'order_confirm', order) is False
    assert state() == ('confirmed', False)
    obj.exec_workflow(rpc_db, uid, PASSWORD, 'test.wkf.order', 'pay', order)
    assert state() == ('confirmed', True)                      # the AND-join waits for shipping
    obj.exec_workflow(rpc_db, uid, PASSWORD, 'test.wkf.order', 'no_such_signal', order)
    obj.exec_workflow(rpc_db, uid, PASSWORD, 'test.wkf.order', 'ship', order)
    assert state() == ('done', True)


def test_exec_workflow_errors(rpc_db, legacy, uid):
    obj = legacy('object')
    order = obj.execute(rpc_db, uid, PASSWORD, 'test.wkf.order', 'create', {'name': 'Refused', 'amount': 0})
    obj.exec_workflow(rpc_db, uid, PASSWORD, 'test.wkf.order', 'order_confirm', order)   # amount > 0 refuses
    [row] = obj.execute(rpc_db, uid, PASSWORD, 'test.wkf.order', 'read', [order], ['state'])
    assert row['state'] == 'draft'
    with pytest.raises(xmlrpc.client.Fault) as info:
        obj.exec_workflow(rpc_db, uid, PASSWORD, 'test.wkf.order', 'order_confirm', 987654321)
    assert info.value.faultCode.startswith('warning -- MissingError\n\n')
    with pytest.raises(xmlrpc.client.Fault) as info:
        obj.exec_workflow(rpc_db, uid, 'bad password', 'test.wkf.order', 'order_confirm', order)
    assert info.value.faultCode == 'AccessDenied'


def test_report_prints_a_pdf_table(rpc_db, legacy, uid):
    obj = legacy('object')
    ids = [obj.execute(rpc_db, uid, PASSWORD, 'res.partner', 'create', {'name': name})
           for name in ('Printed One', 'Printed Two')]
    report = legacy('report')
    report_id = report.report(rpc_db, uid, PASSWORD, 'res.partner', ids, {'model': 'res.partner'}, {})
    answer = report.report_get(rpc_db, uid, PASSWORD, report_id)
    assert answer['state'] is True and answer['format'] == 'pdf'
    pdf = base64.b64decode(answer['result'])
    assert pdf.startswith(b'%PDF-')
    with pytest.raises(xmlrpc.client.Fault) as info:  # handed over once
        report.report_get(rpc_db, uid, PASSWORD, report_id)
    assert 'already fetched' in info.value.faultCode


def test_report_through_an_action_report_record(rpc_db, models, legacy, uid):
    models.execute_kw(rpc_db, uid, PASSWORD, 'ir.actions.report', 'create', [{
        'name': 'Items', 'model': 'test.rpc.item', 'report_name': 'test.rpc.item.list'}])
    item = models.execute_kw(rpc_db, uid, PASSWORD, 'test.rpc.item', 'create', [{'name': 'On paper'}])
    report = legacy('report')
    report_id = report.report(rpc_db, uid, PASSWORD, 'test.rpc.item.list', [item], {}, {})
    assert base64.b64decode(report.report_get(rpc_db, uid, PASSWORD, report_id)['result']).startswith(b'%PDF-')


def test_unknown_report_is_a_warning(rpc_db, legacy, uid):
    with pytest.raises(xmlrpc.client.Fault) as info:
        legacy('report').report(rpc_db, uid, PASSWORD, 'no.such.report', [1], {}, {})
    assert info.value.faultCode.startswith('warning -- UserError\n\nReport')
