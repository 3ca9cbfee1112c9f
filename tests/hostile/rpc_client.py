"""Raw HTTP for the hostile RPC tests: send any body, get the status and the decoded answer.

Nothing here tidies the request up the way `xmlrpc.client` would: values
the standard marshaller refuses (integers beyond 32 bits, dict keys that
are not texts) are sent anyway, as a careless or hostile client would.
"""
import json
import math
import urllib.error
import urllib.request
import xmlrpc.client

from framework.service.marshal import Marshaller


def post(url, body, content_type):
    """POST `body` (bytes); return ``(status, body bytes, headers)``."""
    request = urllib.request.Request(url, data=body, headers={'Content-Type': content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers


def _keyed(value):
    if isinstance(value, dict):
        return {str(k): _keyed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_keyed(v) for v in value]
    return value


def xmlrpc_body(method, params):
    """An XML-RPC call; big integers travel as strings, dict keys as texts."""
    body = Marshaller().dumps(tuple(_keyed(p) for p in params))
    return ("<?xml version='1.0'?>\n<methodCall>\n<methodName>%s</methodName>\n%s</methodCall>\n"
            % (method, body)).encode('utf-8')


def xmlrpc_answer(data):
    """``('result', value)`` or ``('fault', faultString)`` of an XML-RPC response."""
    try:
        return 'result', xmlrpc.client.loads(data, use_builtin_types=True)[0][0]
    except xmlrpc.client.Fault as fault:
        return 'fault', fault.faultString or fault.faultCode


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def json_body(params, request_id=1):
    return json.dumps({'jsonrpc': '2.0', 'method': 'call', 'params': _finite(params),
                       'id': request_id}).encode()
