"""The API addons use: decorators and the environment.

``from framework import api`` gives ``api.model``, ``api.depends``,
``api.constrains``, ``api.onchange``, ``api.model_create_multi`` and
``api.Environment``.
"""
from .orm.decorators import (  # noqa: F401
    model, model_create_multi, depends, depends_context, constrains, onchange,
    ondelete, returns, autovacuum, private,
)
from .orm.environment import Environment, SUPERUSER_ID  # noqa: F401


def call_kw(model, name, args, kwargs):
    """Call method ``name`` of recordset ``model`` the way an RPC client asks for it.

    Odoo's semantics: a method marked ``@api.model`` (``_api`` in ``('model',
    'model_create')``) runs on the empty ``model``; any other gets ``args[0]``
    as the ids of the records to run on. ``kwargs['context']`` becomes the
    environment's context. A recordset result comes back as its ids (a
    single id for ``create`` given one dict). Names starting with ``_``,
    methods marked ``@api.private`` and non-methods are refused with
    ``AccessError``; an unknown name raises ``AttributeError`` naming it.
    """
    from .exceptions import AccessError
    from .orm.models import BaseModel
    args, kwargs = list(args or ()), dict(kwargs or {})
    method = rpc_method(model, name)
    context = kwargs.pop('context', None)
    if context is not None:
        if not isinstance(context, dict):
            raise AccessError("The context of a call must be a dictionary, not %r" % (context,))
        model = model.with_context(**context)
    api = getattr(method, '_api', None)
    if api in ('model', 'model_create'):
        records = model
    else:
        if not args:
            raise TypeError("Method '%s' of model '%s' needs the ids of the records as first "
                            "argument" % (name, model._name))
        ids = args.pop(0)
        records = model.browse(ids if isinstance(ids, (list, tuple)) else [ids] if ids else [])
    result = getattr(records, name)(*args, **kwargs)
    if isinstance(result, BaseModel):
        if api == 'model_create' and args and isinstance(args[0], dict):
            return result.id
        downgrade = (getattr(method, '_returns', None) or (None, None, None))[1]
        return downgrade(result) if downgrade else result.ids
    return result


def rpc_method(model, name):
    """Return the function behind ``model.name`` if clients may call it, else raise.

    Raises ``AccessError`` for private names (leading ``_``, ``@api.private``)
    and ``AttributeError`` when the model has no such method.
    """
    from .exceptions import AccessError
    if not isinstance(name, str) or name.startswith('_'):
        raise AccessError("Private methods (such as %s.%s) cannot be called remotely."
                          % (model._name, name))
    method = getattr(type(model), name, None)
    if method is None or not callable(method) or isinstance(method, type):
        raise AttributeError("The method '%s' does not exist on the model '%s'" % (name, model._name))
    if getattr(method, '_api_private', False):
        raise AccessError("Private methods (such as %s.%s) cannot be called remotely."
                          % (model._name, name))
    return method
