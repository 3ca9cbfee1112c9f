"""Values on the wire: what Python values become when they leave for an RPC client.

Odoo's conventions, shared by XML-RPC and JSON-RPC: ``None`` travels as
``False``, dates as ``'YYYY-MM-DD'`` and datetimes as ``'YYYY-MM-DD
HH:MM:SS'`` strings (UTC, as the ORM stores them), bytes as base64 text
(binary field values are base64 already, as in Odoo, and pass unchanged),
``Decimal`` as float, tuples and sets as lists, recordsets as their ids.
XML-RPC cannot carry integers beyond 32 bits: they travel as decimal
strings, as Odoo's marshaller does.
"""
import base64
import datetime
import decimal
import xmlrpc.client

DATE_FORMAT = '%Y-%m-%d'
DATETIME_FORMAT = '%Y-%m-%d %H:%M:%S'


def to_wire(value):
    """Return ``value`` made of JSON- and XML-RPC-safe types only (recursively)."""
    if value is None:
        return False
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(key) if not isinstance(key, str) else key: to_wire(item)
                for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_wire(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _bytes_to_wire(bytes(value))
    if isinstance(value, decimal.Decimal):
        return float(value)
    ids = getattr(value, 'ids', None)  # a recordset
    if isinstance(ids, list):
        return ids
    if isinstance(value, xmlrpc.client.Binary):
        return base64.b64encode(value.data).decode('ascii')
    if isinstance(value, xmlrpc.client.DateTime):
        return datetime.datetime.strptime(value.value, '%Y%m%dT%H:%M:%S').strftime(DATETIME_FORMAT)
    return str(value)


def _bytes_to_wire(data):
    # Binary fields hold base64 text as bytes already (as in Odoo): send it as
    # it is; other bytes (not ASCII) are base64-encoded here.
    try:
        return data.decode('ascii')
    except UnicodeDecodeError:
        return base64.b64encode(data).decode('ascii')


class Marshaller(xmlrpc.client.Marshaller):
    """``xmlrpc.client``'s marshaller with ``allow_none`` and integers beyond 32 bits as strings."""

    dispatch = dict(xmlrpc.client.Marshaller.dispatch)

    def __init__(self, encoding='utf-8'):
        super().__init__(encoding, allow_none=True)

    def dump_int(self, value, write):
        if xmlrpc.client.MININT <= value <= xmlrpc.client.MAXINT:
            write('<value><int>%d</int></value>\n' % value)
        else:
            write('<value><string>%d</string></value>\n' % value)
    dispatch[int] = dump_int


def dumps_response(value):
    """Return the XML-RPC method response (bytes) carrying ``value``."""
    body = Marshaller().dumps((to_wire(value),))
    return ("<?xml version='1.0'?>\n<methodResponse>\n" + body + "</methodResponse>\n").encode('utf-8')


def dumps_fault(fault):
    """Return the XML-RPC fault response (bytes) for ``xmlrpc.client.Fault`` ``fault``."""
    body = Marshaller().dumps(fault)
    return ("<?xml version='1.0'?>\n<methodResponse>\n" + body + "</methodResponse>\n").encode('utf-8')
