"""Parse an XML-RPC request body without any of XML's entity tricks.

An XML-RPC call never needs a document type: a body declaring one (the
vehicle of "billion laughs" entity expansion and of external entities that
read local files or URLs) is refused before a single entity is defined.
Parsing is expat, as in ``xmlrpc.client``, with the DTD handlers raising.
"""
import xmlrpc.client
from xml.parsers import expat

from .limits import MAX_DEPTH, TooDeep

# each level of nesting opens <value><array><data> (or <value><struct><member>)
_MAX_ELEMENTS_DEEP = 3 * MAX_DEPTH + 6


class UnsafeXML(ValueError):
    """The request body uses a DTD, entity declarations or external entities."""


def _refuse(*_args):
    raise UnsafeXML("XML-RPC requests may not contain a DTD or entity declarations")


def loads(data):
    """Return ``(params, method_name)`` of the XML-RPC request ``data`` (bytes).

    Raises ``UnsafeXML`` for a document type, entity declaration or external
    entity reference, ``TooDeep`` for values nested beyond ``limits.MAX_DEPTH``,
    ``ValueError`` for a body that is not an XML-RPC call.
    Binary values come back as bytes and dateTime values as ``datetime``.
    """
    unmarshaller = xmlrpc.client.Unmarshaller(use_builtin_types=True)
    unmarshaller.xml(None, None)  # expat hands out str: nothing left to decode (as xmlrpc.client)
    parser = expat.ParserCreate(None, None)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def start(tag, attrs):
        nonlocal depth
        depth += 1
        if depth > _MAX_ELEMENTS_DEEP:
            raise TooDeep()
        unmarshaller.start(tag, attrs)

    def end(tag):
        nonlocal depth
        depth -= 1
        unmarshaller.end(tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = unmarshaller.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
        params = unmarshaller.close()
    except expat.ExpatError as exc:
        raise ValueError("The request is not well-formed XML: %s" % exc) from None
    except (xmlrpc.client.ResponseError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # the unmarshaller's own complaints about misplaced or invalid values
        raise ValueError("The request is not a valid XML-RPC call: %s" % (str(exc).splitlines() or [
            type(exc).__name__])[0][:200]) from None
    method = unmarshaller.getmethodname()
    if not method:
        raise ValueError("The request is not an XML-RPC call: it names no method")
    return params, method
