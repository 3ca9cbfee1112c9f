"""Evaluating the Python of workflow definitions on records: activity actions and transition conditions.

As in OpenERP 5, the names of the code are the record's fields and methods
(``write({'state': 'confirmed'})``, ``action_confirm()``, ``amount > 0``),
plus ``self``/``object`` (the records), ``env``, ``uid``, ``context``,
``ids``, ``id``, ``time`` and ``datetime``. Code goes through
`framework.data.safe_eval` (no import, no private attribute). Only the
names the code uses are looked up on the records.

An action that uses no field of the model (only methods) runs once on the
whole recordset, so that starting the workflow of 1,000 new records with
``write({'state': 'draft'})`` is one UPDATE; an action reading fields runs
once per record.
"""
import ast
import datetime
import functools
import time

from ..data.safe_eval import check_code, safe_eval, safe_exec
from ..exceptions import UserError

_TRUE = ('', 'True', '1')


@functools.lru_cache(maxsize=1024)
def _names(code):
    """The names `code` reads (parsed once per distinct code)."""
    tree = ast.parse(code.strip() or 'pass', mode='exec')
    return frozenset(node.id for node in ast.walk(tree)
                     if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load))


def _namespace(records, code):
    names = _names(code)
    namespace = {
        'self': records, 'object': records, 'env': records.env, 'uid': records.env.uid,
        'context': records.env.context, 'ids': records.ids, 'id': records.ids[0] if records else False,
        'time': time, 'datetime': datetime,
    }
    for name in names:
        if name in namespace or name.startswith('_'):
            continue
        if name in records._fields or callable(getattr(type(records), name, None)):
            namespace[name] = getattr(records, name)
    return namespace


def uses_fields(records, code):
    """Whether `code` reads a field of the records' model (then it must run per record)."""
    return any(name in records._fields for name in _names(code))


def is_always_true(condition):
    """Whether `condition` is the constant 'True' (no evaluation needed)."""
    return (condition or '').strip() in _TRUE


def run_action(records, code, where):
    """Run the statements `code` on `records`; return the value of its last expression (or None).

    `where` ("Workflow 'x': the action of activity 'y'") prefixes the error
    raised when the code is not valid or fails with a non-user error;
    `UserError`s of the business code pass through unchanged.
    """
    code = (code or '').strip()
    if not code:
        return None
    try:
        tree = ast.parse(code, mode='exec')
    except SyntaxError as error:
        raise UserError('%s is not valid Python: %s' % (where, error)) from None
    last = tree.body[-1] if tree.body else None
    try:
        if isinstance(last, ast.Expr) and len(tree.body) == 1:
            return safe_eval(code, _namespace(records, code))
        check_code(code)
        safe_exec(code, _namespace(records, code))
        return None
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001 - reported with the workflow's names
        raise UserError('%s failed: %s: %s' % (where, type(error).__name__, error)) from error


def check_condition(record, condition, where):
    """Whether `condition` holds on `record` (one record); raise UserError naming `where` if it fails."""
    if is_always_true(condition):
        return True
    try:
        return bool(safe_eval(condition, _namespace(record, condition)))
    except Exception as error:  # noqa: BLE001 - reported with the workflow's names
        raise UserError('%s failed: %s: %s' % (where, type(error).__name__, error)) from error
