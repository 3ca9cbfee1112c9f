"""Parse an XML-RPC request body without any of XML's entity tricks.

An XML-RPC call never needs a document type: a body declaring one (the
vehicle of "billion laughs" entity expansion and of external entities that
read local files or URLs) is refused before a single entity is defined.
Parsing is expat, as in ``xmlrpc.client``, with the DTD handlers raising.
"""
import xmlrpc.client
from xml.parsers import expat


class UnsafeXML(ValueError):
    """The request body uses a DTD, entity declarations or external entities."""


def _refuse(*_args):
    raise UnsafeXML("XML-RPC requests may not contain a DTD or entity declarations")


def loads(data):
    """Return ``(params, method_name)`` of the XML-RPC request ``data`` (bytes).

    Raises ``UnsafeXML`` for a document type, entity declaration or external
    entity reference, ``ValueError`` for a body that is not an XML-RPC call.
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
    parser.StartElementHandler = unmarshaller.start
    parser.EndElementHandler = unmarshaller.end
    parser.CharacterDataHandler = unmarshaller.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
        params = unmarshaller.close()
    except expat.ExpatError as exc:
        raise ValueError("The request is not well-formed XML: %s" % exc) from None
    except xmlrpc.client.ResponseError as exc:
        raise ValueError("The request is not an XML-RPC call") from exc
    method = unmarshaller.getmethodname()
    if not method:
        raise ValueError("The request is not an XML-RPC call: it names no method")
    return params, method
