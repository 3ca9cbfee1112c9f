"""XML-RPC over HTTP: Odoo's ``/xmlrpc/2/<service>`` and OpenERP 5.0's ``/xmlrpc/<service>``.

Both run the same services; they differ in how an error is told (an
integer fault code on ``/xmlrpc/2/``, 5.0's string codes on ``/xmlrpc/``,
see ``faults``). Bodies are parsed by ``xmlsafe`` (no DTD, no entities).
"""
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Response

from . import faults, limits, marshal, xmlsafe
from .dispatch import dispatch
from .wsgi import route


def handle(request, service, to_fault):
    """Answer one XML-RPC request for ``service``: the result, or the fault ``to_fault(exc)``."""
    method = '?'
    try:
        params, method = xmlsafe.loads(request.get_data())
        body = marshal.dumps_response(dispatch(service, method, params))
    except RequestEntityTooLarge:
        return limits.too_large(request)
    except HTTPException:
        raise
    except Exception as exc:
        faults.log_unexpected(exc, 'XML-RPC %s.%s' % (service, method))
        body = marshal.dumps_fault(to_fault(exc))
    return Response(body, content_type='text/xml; charset=utf-8')


@route('/xmlrpc/2/<service>', methods=('POST',))
def xmlrpc_2(request, service):
    """Odoo's External API (faults with integer codes)."""
    return handle(request, service, faults.xmlrpc_fault_v2)


@route('/xmlrpc/<service>', methods=('POST',))
def xmlrpc_legacy(request, service):
    """OpenERP 5.0's XML-RPC (faults with string codes)."""
    return handle(request, service, faults.xmlrpc_fault_legacy)
