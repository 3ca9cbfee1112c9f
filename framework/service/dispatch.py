"""The RPC services by name, as XML-RPC's URL and JSON-RPC's ``service`` name them.

``common`` (login, version), ``object`` (model methods), ``db`` (database
management) and ``report`` (5.0 printing). :func:`dispatch` is what every
transport calls; it returns plain Python values for the transport to
marshal and raises the exceptions ``faults`` knows how to present.
"""
from . import common, db_service, object, report_service

SERVICES = {
    'common': common.METHODS,
    'object': object.METHODS,
    'report': report_service.METHODS,
}


def dispatch(service, method, params):
    """Call ``method`` of ``service`` with the positional ``params``; return its result.

    An unknown service or method raises ``AttributeError`` naming it;
    parameters that do not fit the method raise ``TypeError``.
    """
    params = list(params or ())
    if service == 'db':
        return db_service.dispatch(method, params)
    methods = SERVICES.get(service)
    if methods is None:
        raise AttributeError("Unknown service '%s'; the services are: common, db, object, report" % service)
    func = methods.get(method)
    if func is None:
        raise AttributeError("The %s service has no method '%s'" % (service, method))
    return func(*params)
