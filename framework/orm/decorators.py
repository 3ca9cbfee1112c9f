"""Method decorators that tell the ORM how and when to call a method.

They only annotate the function; the registry reads the annotations when it
sets models up (dependencies of computed fields, constraints, onchanges).
"""
import functools


def model(method):
    """The method works on the model, not on particular records."""
    method._api = 'model'
    return method


def model_create_multi(method):
    """``create`` accepting one dict or a list of dicts; always gets a list."""
    @functools.wraps(method)
    def create(self, vals_list):
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        return method(self, vals_list)
    create._api = 'model_create'
    return create


def depends(*names):
    """Field paths a computed field's method reads (``'line_ids.amount'``)."""
    if len(names) == 1 and callable(names[0]):
        getter = names[0]
    else:
        getter = names

    def decorate(method):
        method._depends = getter
        return method
    return decorate


def depends_context(*keys):
    """Context keys a computed field depends on: its value is cached apart for each of their values."""
    def decorate(method):
        method._depends_context = keys
        return method
    return decorate


def constrains(*names):
    """The method checks the records after any of `names` was written.

    It raises `framework.exceptions.ValidationError` when a record is wrong.
    """
    def decorate(method):
        method._constrains = names
        return method
    return decorate


def onchange(*names):
    """The method updates the form when one of `names` changes."""
    def decorate(method):
        method._onchange = names
        return method
    return decorate


def ondelete(at_uninstall=False):
    """The method may refuse a deletion by raising a UserError."""
    def decorate(method):
        method._ondelete = at_uninstall
        return method
    return decorate


def returns(model_name, downgrade=None, upgrade=None):
    """The method returns records of `model_name` (informative)."""
    def decorate(method):
        method._returns = (model_name, downgrade, upgrade)
        return method
    return decorate


def autovacuum(method):
    """The method is called by the daily vacuum job."""
    method._autovacuum = True
    return method


def private(method):
    """The method is never callable over RPC."""
    method._api_private = True
    return method
