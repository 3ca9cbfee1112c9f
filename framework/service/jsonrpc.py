"""JSON-RPC 2.0 over HTTP: ``/jsonrpc`` (service/method/args) and the plumbing of the web endpoints.

A request is ``{"jsonrpc": "2.0", "method": "call", "params": {...}, "id": n}``;
the answer carries ``result`` or Odoo's ``error`` (see ``faults.jsonrpc_error``).
"""
import json

from werkzeug.exceptions import BadRequest, HTTPException
from werkzeug.wrappers import Response

from . import faults, marshal
from .dispatch import dispatch
from .limits import TOO_DEEP, TooDeep, check_depth, too_large
from .wsgi import route


def read_params(request):
    """Return ``(id, params)`` of the JSON-RPC request; raise ``BadRequest`` for a malformed one."""
    try:
        body = json.loads(request.get_data() or b'null')
        check_depth(body)
    except TooDeep as exc:
        raise BadRequest(str(exc)) from None
    except RecursionError:
        raise BadRequest(TOO_DEEP) from None
    except ValueError:
        raise BadRequest("The request body is not JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("A JSON-RPC request is a JSON object")
    params = body.get('params') or {}
    if not isinstance(params, dict):
        raise BadRequest("The params of a JSON-RPC request are an object")
    return body.get('id'), params


def respond(request_id, result=None, error=None, headers=None):
    """The JSON-RPC response holding ``result`` (made wire-safe) or ``error``."""
    payload = {'jsonrpc': '2.0', 'id': request_id}
    if error is not None:
        payload['error'] = error
    else:
        payload['result'] = marshal.to_wire(result)
    return Response(json.dumps(payload), content_type='application/json', headers=headers)


def json_call(request, func, what):
    """Run ``func(params) -> result`` for a JSON-RPC request; errors become JSON-RPC errors.

    ``func`` may return a ``(result, callback)`` pair through :class:`WithResponse`
    to adjust the HTTP response (a cookie, for instance).
    """
    request_id = None
    try:
        request_id, params = read_params(request)
        result = func(params)
    except HTTPException as exc:
        if exc.code == 413:
            return too_large(request)
        return respond(request_id, error=faults.jsonrpc_error(MalformedRequest(exc.description)))
    except Exception as exc:
        faults.log_unexpected(exc, what)
        return respond(request_id, error=faults.jsonrpc_error(exc))
    if isinstance(result, WithResponse):
        response = respond(request_id, result.result)
        result.adjust(response)
        return response
    return respond(request_id, result)


class WithResponse:
    """A result with a function ``adjust(response)`` applied to the HTTP response."""

    def __init__(self, result, adjust):
        self.result = result
        self.adjust = adjust


class MalformedRequest(Exception):
    """The HTTP request is not a JSON-RPC call (told to the client as a JSON-RPC error)."""


@route('/jsonrpc', methods=('POST',))
def jsonrpc(request):
    """Odoo's ``/jsonrpc``: ``params`` = ``{"service", "method", "args"}``."""
    def call(params):
        args = params.get('args') or []
        if not isinstance(args, list):
            raise BadRequest("The args of a JSON-RPC call are a list")
        return dispatch(params.get('service'), params.get('method'), args)
    return json_call(request, call, 'JSON-RPC')
