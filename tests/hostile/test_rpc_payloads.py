"""Huge, deep, malformed or entity-laden bodies: a fault or error with one sentence, never a 500.

After each, the server still answers a plain ``version`` call.
"""
import json

import pytest

from framework.service.limits import TOO_DEEP
from tests.hostile.rpc_client import json_body, post, xmlrpc_answer, xmlrpc_body

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<methodCall><methodName>version</methodName><params><param><value>&lol3;</value></param></params></methodCall>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<methodCall><methodName>version</methodName><params><param><value>&xxe;</value></param></params></methodCall>"""


def deep_xml(depth):
    return (b"<?xml version='1.0'?><methodCall><methodName>version</methodName><params><param>"
            + b'<value><array><data>' * depth + b'</data></array></value>' * depth + b'</param></params></methodCall>')


def still_serving(server):
    status, body, _ = post(f'{server}/xmlrpc/2/common', xmlrpc_body('version', []), 'text/xml')
    assert status == 200 and xmlrpc_answer(body)[0] == 'result'


def fault_of(status, body):
    assert status == 200 and b'Traceback' not in body, (status, body[:300])
    kind, message = xmlrpc_answer(body)
    assert kind == 'fault'
    return message


@pytest.mark.parametrize('body, message', [
    (LAUGHS, 'XML-RPC requests may not contain a DTD or entity declarations'),
    (EXTERNAL, 'XML-RPC requests may not contain a DTD or entity declarations'),
    (deep_xml(10_000), TOO_DEEP),
    (b'<?xml version="1.0"?><methodCall><methodName>version</methodName><params>', 'not well-formed XML'),
    (b'{"jsonrpc": "2.0"}', 'not well-formed XML'),
    (b'<methodCall><methodName>version</methodName><params><param><value><int>x</int></value></param>'
     b'</params></methodCall>', 'invalid literal'),
])
def test_bad_xmlrpc_bodies_get_one_sentence(hostile_server, body, message):
    assert message in fault_of(*post(f'{hostile_server}/xmlrpc/2/common', body, 'text/xml')[:2])
    still_serving(hostile_server)


@pytest.mark.parametrize('body, message', [
    (b'[' * 10_000 + b']' * 10_000, TOO_DEEP),
    (json_body({'service': 'common', 'method': 'version', 'args': [[[[[[]]]]]] * 1}).replace(
        b'[[[[[[]]]]]]', b'[' * 100 + b']' * 100), TOO_DEEP),
    (b'<?xml version="1.0"?><methodCall/>', 'The request body is not JSON'),
    (b'{"params": [1, 2]}', 'The params of a JSON-RPC request are an object'),
])
def test_bad_jsonrpc_bodies_get_one_sentence(hostile_server, body, message):
    status, data, _ = post(f'{hostile_server}/jsonrpc', body, 'application/json')
    assert status == 200 and b'Traceback' not in data
    assert message in json.loads(data)['error']['data']['message']
    still_serving(hostile_server)


def test_a_20_mb_string_is_answered(hostile_server, hostile_db):
    uid = xmlrpc_answer(post(f'{hostile_server}/xmlrpc/2/common', xmlrpc_body(
        'authenticate', [hostile_db, 'admin', 'admin', {}]), 'text/xml')[1])[1]
    body = xmlrpc_body('execute_kw', [hostile_db, uid, 'admin', 'res.partner', 'search',
                                      [[('name', '=', 'x' * 20_000_000)]]])
    status, data, _ = post(f'{hostile_server}/xmlrpc/2/object', body, 'text/xml')
    assert status == 200 and xmlrpc_answer(data) == ('result', [])
    still_serving(hostile_server)


def test_a_million_ids_are_answered(hostile_server, hostile_db):
    uid = xmlrpc_answer(post(f'{hostile_server}/xmlrpc/2/common', xmlrpc_body(
        'authenticate', [hostile_db, 'admin', 'admin', {}]), 'text/xml')[1])[1]
    body = json_body({'service': 'object', 'method': 'execute_kw', 'args': [
        hostile_db, uid, 'admin', 'res.partner', 'search', [[('id', 'in', list(range(1, 1_000_001)))]],
        {'limit': 1, 'order': 'id'}]})
    status, data, _ = post(f'{hostile_server}/jsonrpc', body, 'application/json')
    assert status == 200 and json.loads(data)['result'] == [1]
    still_serving(hostile_server)


def test_a_body_beyond_the_limit_is_refused_in_one_sentence(hostile_server, monkeypatch):
    from framework.config import config
    monkeypatch.setitem(config.options, 'limit_request_body', 1_000_000)
    for path, kind in (('/xmlrpc/2/common', 'text/xml'), ('/jsonrpc', 'application/json')):
        status, data, _ = post(f'{hostile_server}{path}', b' ' * 2_000_000, kind)
        assert status == 413
        assert data == b'The request body is larger than the 1000000 bytes this server accepts: ' \
                       b'send less data at once.\n'
    monkeypatch.undo()
    still_serving(hostile_server)
