"""What one RPC request may hold: how deeply its values nest.

The body size is limited by the WSGI application (``limit_request_body``,
see ``wsgi``); nesting is limited here, for XML-RPC while the body is
parsed and for JSON-RPC right after, so that no deeply nested value ever
reaches code that walks it recursively (``repr``, the marshallers).
"""

#: how deeply arrays and structs (objects) may nest in a request
MAX_DEPTH = 64

TOO_DEEP = ("The request nests arrays or structs more than %d levels deep: "
            "send flatter values" % MAX_DEPTH)


class TooDeep(ValueError):
    """A request nests its values deeper than ``MAX_DEPTH``."""

    def __init__(self):
        super().__init__(TOO_DEEP)


def check_depth(value):
    """Raise ``TooDeep`` when lists, tuples or dicts in ``value`` nest beyond ``MAX_DEPTH``.

    The walk uses a stack of its own, never recursion.
    """
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, (list, tuple)):
            continue
        if depth > MAX_DEPTH:
            raise TooDeep()
        stack.extend((child, depth + 1) for child in item if isinstance(child, (list, tuple, dict)))


def too_large(request):
    """The 413 answer to a body beyond the request's ``max_content_length``: one sentence, no page."""
    from werkzeug.wrappers import Response
    return Response("The request body is larger than the %d bytes this server accepts: "
                    "send less data at once.\n" % request.max_content_length,
                    status=413, content_type='text/plain; charset=utf-8')
