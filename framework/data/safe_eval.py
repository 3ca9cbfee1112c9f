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
