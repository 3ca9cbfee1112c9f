"""Scenario 36: the "Business Opportunities" report, printed over OpenERP 5.0's /xmlrpc/report."""
import base64
import re
import threading
import xmlrpc.client
import zlib

import pytest
from werkzeug.serving import make_server

from addons.crm.report.business_opportunities import (case_series, funnel_y,
                                                       render_business_opportunities, y_range)

#: a page object of the PDF (not the /Pages tree node)
PAGE_OBJECT = re.compile(rb'/Type\s*/Page(?![a-zA-Z])')


STREAM = re.compile(rb'stream\r?\n(.*?)endstream', re.S)


def pages(pdf):
    return len(PAGE_OBJECT.findall(pdf))


def page_text(pdf):
    """The drawing operators of the PDF's streams, decoded (ReportLab: ASCII85 then Flate)."""
    text = b''
    for data in STREAM.findall(pdf):
        data = data.strip()
        if data.endswith(b'~>'):
            data = base64.a85decode(data[:-2])
        try:
            text += zlib.decompress(data)
        except zlib.error:
            text += data
    return text


@pytest.fixture(scope='module')
def server(pg_server):
    """Base URL of the application served by a thread of this process."""
    from framework.service.wsgi import application
    httpd = make_server('127.0.0.1', 0, application, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d' % httpd.server_port
    httpd.shutdown()
    thread.join(10)


def make_pipeline(env):
    """5 cases of 2 responsibles (Alice 3, Bob 2) in the demo Sales section; returns their ids."""
    users = {}
    for name in ('Alice', 'Bob'):
        users[name] = env['res.users'].create({
            'name': name, 'login': name.lower(),
            'groups_id': [(6, 0, [env.ref('crm.group_crm_user').id])]})
    sales = env.ref('crm.section_sales')
    rows = [('Alice', 10, 5000, 2000), ('Alice', 50, 8000, 3000), ('Alice', 90, 12000, 4000),
            ('Bob', 30, 7000, 6500), ('Bob', 70, 20000, 9000)]
    cases = env['crm.case'].create([
        {'name': 'Deal %d' % index, 'section_id': sales.id, 'user_id': users[user].id,
         'probability': probability, 'planned_revenue': revenue, 'planned_cost': cost}
        for index, (user, probability, revenue, cost) in enumerate(rows)])
    return cases.ids


def test_the_report_is_an_action_printable_from_the_case_list(env):
    report = env.ref('crm.crm_business_opportunities_report')
    assert report.name == 'Business Opportunities'
    assert report.model == 'crm.case' and report.report_name == 'crm.case'
    assert report.binding_model_id.model == 'crm.case'
    toolbar = env['crm.case'].fields_view_get(view_type='tree', toolbar=True)['toolbar']
    assert 'Business Opportunities' in [action['name'] for action in toolbar['print']]


def test_series_by_responsible_and_funnel(env):
    cases = env['crm.case'].browse(make_pipeline(env))
    series = case_series(cases)
    assert [user for user, _points in series] == ['Alice', 'Bob']
    assert [len(points) for _user, points in series] == [3, 2]
    assert series[0][1][0] == (10, 3000, 2000, 5000)   # probability, benefit, cost, revenue
    low, high = y_range(series)
    assert high == pytest.approx(1.2 * 11000) and low == pytest.approx(500 - 0.05 * 11000)
    middle = (low + high) / 2
    assert funnel_y(3000, 0, low, high) == 3000
    assert funnel_y(3000, 100, low, high) == pytest.approx((3000 + middle) / 2)


def test_scenario_36_prints_a_one_page_pdf_over_xmlrpc(fresh_db, server):
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    db = fresh_db()
    registry = Registry.open(db)
    with db_connect(db).cursor() as cr:
        ids = make_pipeline(Environment(cr, 1, {}, registry=registry))
        cr.commit()

    common = xmlrpc.client.ServerProxy(server + '/xmlrpc/common', allow_none=True)
    uid = common.login(db, 'admin', 'admin')
    assert uid
    report = xmlrpc.client.ServerProxy(server + '/xmlrpc/report', allow_none=True)
    report_id = report.report(db, uid, 'admin', 'crm.case', ids, {'model': 'crm.case', 'id': ids[0]}, {})
    answer = report.report_get(db, uid, 'admin', report_id)
    assert answer['state'] and answer['format'] == 'pdf'
    pdf = base64.b64decode(answer['result'])
    assert pdf.startswith(b'%PDF')
    assert pages(pdf) == 1
    # the legend names both responsibles, the inset its two amounts
    drawn = page_text(pdf)
    for text in (b'Alice', b'Bob', b'Planned amounts', b'Cost', b'Revenue', b'Business Opportunities'):
        assert text in drawn, text


def test_an_empty_selection_still_prints_one_page(env):
    pdf, fmt = render_business_opportunities(env['crm.case'])
    assert fmt == 'pdf' and pdf.startswith(b'%PDF') and pages(pdf) == 1


def test_cases_without_responsible_are_grouped_under_slash(env):
    sales = env.ref('crm.section_sales')
    case = env['crm.case'].create({'name': 'Nobody', 'section_id': sales.id, 'user_id': False,
                                   'probability': 40, 'planned_revenue': 100})
    assert case_series(case) == [('/', [(40, 100, 0.0, 100)])]
    pdf, _fmt = render_business_opportunities(case)
    assert pages(pdf) == 1
