"""The ``object`` service: calling model methods as a user (``execute``, ``execute_kw``)."""
import functools
import inspect

from framework.api import Environment, call_kw, rpc_method
from framework.exceptions import MissingError, UserError

from . import auth
from .marshal import to_wire
from .transaction import run_in_transaction


def execute_kw(db, uid, password, model, method, args=(), kwargs=None):
    """Call ``model.method(*args, **kwargs)`` as ``uid`` in one transaction; return the result on the wire.

    ``kwargs['context']`` is the context of the call. OpenERP 5.0 clients
    pass the context as an extra last positional argument: a dict beyond
    the method's positional parameters is taken as the context.
    """
    if not isinstance(args, (list, tuple)) or not isinstance(kwargs or {}, dict):
        raise UserError("execute_kw takes the arguments as a list and the keyword arguments as a dict")

    def call(cr, registry):
        env = Environment(cr, uid, {}, registry=registry)
        auth.check_credentials(env, uid, password)
        if not isinstance(model, str) or model not in registry:
            raise UserError("Object %s doesn't exist" % (model,))
        records = env[model]
        positional, keywords = _split_legacy_context(rpc_method(records, method), list(args), dict(kwargs or {}))
        return to_wire(call_kw(records, method, positional, keywords))
    return run_in_transaction(db, call)


def execute(db, uid, password, model, method, *args):
    """``execute_kw`` with positional arguments only (OpenERP 5.0's form)."""
    return execute_kw(db, uid, password, model, method, list(args), {})


def exec_workflow(db, uid, password, model, signal, record_id):
    """Send workflow ``signal`` to record `record_id` of `model` as `uid` (OpenERP 5.0's call).

    Returns what the fired activities returned for the record (a client
    action) or False; a signal no transition accepts changes nothing.
    """
    def call(cr, registry):
        env = Environment(cr, uid, {}, registry=registry)
        auth.check_credentials(env, uid, password)
        if not isinstance(model, str) or model not in registry:
            raise UserError("Object %s doesn't exist" % (model,))
        if not isinstance(record_id, int) or isinstance(record_id, bool):
            raise UserError("exec_workflow takes one record id, not %r" % (record_id,))
        record = env[model].browse(record_id)
        if not record.exists():
            raise MissingError("Record does not exist or has been deleted: %s,%s" % (model, record_id))
        return to_wire(record.signal_workflow(signal)[record_id])
    return run_in_transaction(db, call)


def _split_legacy_context(method, args, kwargs):
    """Move a trailing context dict of a 5.0-style call into ``kwargs['context']``."""
    if 'context' in kwargs or not args or not isinstance(args[-1], dict):
        return args, kwargs
    limit = _positional_limit(method)
    api = getattr(method, '_api', None)
    given = len(args) - (0 if api in ('model', 'model_create') else 1)  # the ids are not a parameter
    if limit is not None and given > limit:
        kwargs['context'] = args.pop()
    return args, kwargs


@functools.lru_cache(maxsize=2048)
def _positional_limit(method):
    """How many positional parameters (after self) ``method`` takes; None when unlimited."""
    try:
        parameters = list(inspect.signature(method).parameters.values())[1:]
    except (TypeError, ValueError):
        return None
    if any(p.kind is p.VAR_POSITIONAL for p in parameters):
        return None
    return sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters)


METHODS = {'execute': execute, 'execute_kw': execute_kw, 'exec_workflow': exec_workflow}
