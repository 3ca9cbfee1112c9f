"""Evaluating the Python expressions of data files (``eval=``, ``search=``, domains).

Data files come with addons, which are trusted code, yet an expression in an
attribute must stay an expression: no statements, no imports, no dunder
attribute (the usual ways out of a sandbox), and only a few harmless builtins.
"""
import ast

_ALLOWED_NODES = (
    ast.Expression, ast.Constant, ast.Name, ast.Load, ast.Store,
    ast.List, ast.Tuple, ast.Dict, ast.Set,
    ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp,
    ast.Call, ast.keyword, ast.Attribute, ast.Subscript, ast.Slice,
    ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.comprehension,
    ast.operator, ast.unaryop, ast.boolop, ast.cmpop,
    ast.Starred, ast.JoinedStr, ast.FormattedValue,
)

SAFE_BUILTINS = {
    'True': True, 'False': False, 'None': None,
    'abs': abs, 'all': all, 'any': any, 'bool': bool, 'dict': dict,
    'enumerate': enumerate, 'float': float, 'int': int, 'len': len,
    'list': list, 'max': max, 'min': min, 'range': range, 'round': round,
    'set': set, 'sorted': sorted, 'str': str, 'sum': sum, 'tuple': tuple,
    'zip': zip,
}


def check_expression(expression):
    """Parse `expression` and return its code object; raise SyntaxError or ValueError if not allowed.

    Allowed: literals, names, operators, calls, comprehensions, attribute
    access to names not starting with an underscore.
    """
    tree = ast.parse(expression.strip(), mode='eval')
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise ValueError('%s is not allowed in expression %r' % (type(node).__name__, expression))
        if isinstance(node, ast.Attribute) and node.attr.startswith('_'):
            raise ValueError('private attribute %r is not allowed in expression %r' % (node.attr, expression))
        if isinstance(node, ast.Name) and node.id.startswith('__'):
            raise ValueError('name %r is not allowed in expression %r' % (node.id, expression))
    return compile(tree, '<data expression>', 'eval')


def safe_eval(expression, context=None):
    """Evaluate the expression `expression` with the names of `context` and the safe builtins.

    Raises SyntaxError for bad syntax, ValueError for a forbidden construct,
    and whatever the expression itself raises (NameError for an unknown name).
    """
    code = check_expression(expression)
    # The names go into globals: comprehensions do not see an eval()'s locals.
    namespace = dict(context or {})
    namespace['__builtins__'] = SAFE_BUILTINS
    return eval(code, namespace)  # noqa: S307 - expression checked above


# Statements allowed in the code of server actions (`safe_exec`), besides expressions.
_STATEMENT_NODES = _ALLOWED_NODES + (
    ast.Module, ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Del, ast.Delete,
    ast.If, ast.For, ast.While, ast.Break, ast.Continue, ast.Pass,
    ast.Raise, ast.Try, ast.ExceptHandler, ast.Assert, ast.Lambda, ast.arguments, ast.arg,
    ast.NamedExpr,
)


def check_code(code):
    """Parse the statements `code` and return their code object; raise SyntaxError or ValueError.

    As `check_expression`, plus assignments, if/for/while, try/raise; still no
    import, no function or class definition, no dunder or private attribute.
    """
    tree = ast.parse(code.strip() or 'pass', mode='exec')
    for node in ast.walk(tree):
        if not isinstance(node, _STATEMENT_NODES):
            raise ValueError('%s is not allowed in code' % type(node).__name__)
        if isinstance(node, ast.Attribute) and node.attr.startswith('_'):
            raise ValueError('private attribute %r is not allowed in code' % node.attr)
        if isinstance(node, ast.Name) and node.id.startswith('__'):
            raise ValueError('name %r is not allowed in code' % node.id)
    return compile(tree, '<server action>', 'exec')


def safe_exec(code, context=None):
    """Run the statements `code` with the names of `context` and the safe builtins.

    Returns the namespace after the run (so the caller can read variables
    the code assigned, e.g. ``action``). Raises as `check_code` for a
    forbidden construct, and whatever the code raises.
    """
    compiled = check_code(code)
    namespace = dict(context or {})
    namespace['__builtins__'] = SAFE_BUILTINS
    exec(compiled, namespace)  # noqa: S102 - code checked above
    return namespace
