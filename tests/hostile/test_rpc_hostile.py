"""Hostile calls over real HTTP: XML-RPC ``execute_kw``, JSON-RPC ``/jsonrpc`` and ``call_kw``.

Whatever the domain, order, fields, context or ids, the answer is a
result or a fault / JSON-RPC error with a message: HTTP 200, never a 500,
never a traceback in the body.
"""
import http.cookiejar
import json
import urllib.request

import pytest
from hypothesis import given, settings, strategies as st

from tests.hostile import strategies as hs
from tests.hostile.rpc_client import json_body, post, xmlrpc_answer, xmlrpc_body

HOSTILE = settings(settings.get_profile('hostile'), max_examples=40)


def calls():
    """``(model, method, args, kwargs)`` as an RPC client would send them."""
    def for_model(model):
        search_read = st.tuples(st.just(model), st.just('search_read'), st.tuples(hs.domains(model)).map(list),
                                st.fixed_dictionaries({}, optional={
                                    'fields': hs.field_lists(model), 'order': hs.orders(model),
                                    'limit': st.one_of(st.integers(-2, 5), hs.scalars),
                                    'context': hs.contexts()}))
        read = st.tuples(st.just(model), st.just('read'), st.tuples(hs.ids(), hs.field_lists(model)).map(list),
                         st.just({}))
        search = st.tuples(st.just(model), st.just('search'), st.tuples(hs.domains(model)).map(list),
                           st.fixed_dictionaries({}, optional={'order': hs.orders(model)}))
        return st.one_of(search_read, read, search)
    return st.sampled_from(hs.MODELS).flatmap(for_model)


def assert_clean(status, body):
    assert status == 200, (status, body[:300])
    assert b'Traceback' not in body and b'internal server error' not in body


@pytest.fixture(scope='module')
def uid(hostile_server, hostile_db):
    status, body, _ = post(f'{hostile_server}/xmlrpc/2/common',
                           xmlrpc_body('authenticate', [hostile_db, 'admin', 'admin', {}]), 'text/xml')
    assert xmlrpc_answer(body)[0] == 'result'
    return xmlrpc_answer(body)[1]


@pytest.fixture(scope='module')
def web_session(hostile_server, hostile_db):
    """An opener holding the session cookie of admin, for ``/web/dataset/call_kw``."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    request = urllib.request.Request(f'{hostile_server}/web/session/authenticate',
                                     data=json_body({'db': hostile_db, 'login': 'admin', 'password': 'admin'}),
                                     headers={'Content-Type': 'application/json'})
    assert json.loads(opener.open(request).read())['result']['uid']
    return opener


@HOSTILE
@given(call=calls())
def test_xmlrpc_execute_kw_answers_with_a_result_or_a_fault(hostile_server, hostile_db, uid, call):
    model, method, args, kwargs = call
    status, body, _ = post(f'{hostile_server}/xmlrpc/2/object',
                           xmlrpc_body('execute_kw', [hostile_db, uid, 'admin', model, method, args, kwargs]),
                           'text/xml')
    assert_clean(status, body)
    kind, value = xmlrpc_answer(body)
    if kind == 'fault':
        assert isinstance(value, str) and value.strip()


@HOSTILE
@given(call=calls())
def test_jsonrpc_answers_with_a_result_or_an_error(hostile_server, hostile_db, uid, call):
    model, method, args, kwargs = call
    status, body, _ = post(f'{hostile_server}/jsonrpc', json_body({
        'service': 'object', 'method': 'execute_kw',
        'args': [hostile_db, uid, 'admin', model, method, args, kwargs]}), 'application/json')
    assert_clean(status, body)
    answer = json.loads(body)
    assert 'result' in answer or answer['error']['data']['message'].strip()


@HOSTILE
@given(call=calls())
def test_call_kw_answers_with_a_result_or_an_error(hostile_server, web_session, call):
    model, method, args, kwargs = call
    request = urllib.request.Request(f'{hostile_server}/web/dataset/call_kw', data=json_body({
        'model': model, 'method': method, 'args': args, 'kwargs': kwargs}),
        headers={'Content-Type': 'application/json'})
    with web_session.open(request) as response:
        status, body = response.status, response.read()
    assert_clean(status, body)
    answer = json.loads(body)
    assert 'result' in answer or answer['error']['data']['message'].strip()


def test_an_injected_order_is_refused_by_name(hostile_server, hostile_db, uid):
    status, body, _ = post(f'{hostile_server}/xmlrpc/2/object', xmlrpc_body('execute_kw', [
        hostile_db, uid, 'admin', 'res.partner', 'search', [[]], {'order': 'id; drop table res_partner'}]),
        'text/xml')
    assert_clean(status, body)
    assert xmlrpc_answer(body) == ('fault', "Invalid order term 'id; drop table res_partner': use "
                                            '"field [asc|desc] [nulls first|last]", separated by commas')
