"""One raw RFC 822 message (bytes) to the dict the gateway and the ``mail.thread`` hooks read.

The dict (:func:`parse_message`):

``message_id``  the ``Message-Id`` (``<…>``), or a stable one made from the bytes when absent
``subject``     decoded (RFC 2047), one line
``from``, ``to``, ``cc``  decoded header values as written (names and addresses)
``email_from``  the first address of ``From``
``date``        ``'YYYY-MM-DD HH:MM:SS'`` UTC, or None
``in_reply_to`` the ``In-Reply-To`` id or ``''``; ``references``: list of ids, oldest first
``body``        plain text; HTML-only mail converted (``html_to_text``)
``body_html``   the HTML part when there was one, else ``''``
``attachments`` list of ``(filename, bytes, mimetype)``
``headers``     {name: decoded value} (the first occurrence of each header)
"""
import email
import email.errors
import email.utils
import hashlib
import mimetypes

from .charsets import decode_bytes
from .errors import MessageParseError
from .headers import decode_header, email_addresses, message_ids, parse_date
from .html_text import html_to_text

_BODY_TYPES = ('text/plain', 'text/html')
# a multipart whose parts cannot be found is not a message we can trust half of
_FATAL_DEFECTS = (email.errors.NoBoundaryInMultipartDefect,
                  email.errors.StartBoundaryNotFoundDefect)


def _to_bytes(raw):
    if isinstance(raw, str):
        return raw.encode('utf-8', 'surrogateescape')
    if isinstance(raw, (bytes, bytearray, memoryview)):
        return bytes(raw)
    raise MessageParseError("expected the raw message as bytes or text, got %s" % type(raw).__name__)


def parse_message(raw):
    """Return the dict described in this module for ``raw`` (bytes, or str as sent over XML-RPC).

    Raises :class:`MessageParseError` ("The message cannot be read: …")
    when ``raw`` is empty, has no header block, has no ``From`` header, or
    is a multipart message whose parts cannot be found. Anything else is
    read leniently: unknown charsets, 8-bit headers, broken encodings.
    """
    data = _to_bytes(raw)
    if not data.strip():
        raise MessageParseError("it is empty")
    message = email.message_from_bytes(data)
    if not message.keys():
        raise MessageParseError("it has no header lines (such as From: and Subject:) before its body")
    if message.get('From') is None:
        raise MessageParseError("it has no From header")
    collected = {'plain': [], 'html': [], 'attachments': []}
    _walk(message, collected)
    body_html = '\n'.join(collected['html'])
    if collected['plain']:
        body = '\n\n'.join(text.strip('\n') for text in collected['plain'])
    else:
        body = html_to_text(body_html)
    headers = {}
    for name, value in message.items():
        headers.setdefault(name, decode_header(value))
    message_id = (message_ids(message.get('Message-Id')) or [''])[0]
    if not message_id:
        message_id = '<%s@mailgate.generated>' % hashlib.sha256(data).hexdigest()[:40]
    sender = decode_header(message.get('From'))
    return {
        'message_id': message_id,
        'subject': decode_header(message.get('Subject')),
        'from': sender,
        'email_from': (email_addresses(sender) or [''])[0],
        'to': decode_header(message.get('To')),
        'cc': decode_header(message.get('Cc')),
        'date': parse_date(message.get('Date')),
        'in_reply_to': (message_ids(message.get('In-Reply-To')) or [''])[0],
        'references': message_ids(message.get('References')),
        'body': body,
        'body_html': body_html,
        'attachments': collected['attachments'],
        'headers': headers,
    }


def _walk(part, collected):
    """Collect body texts and attachments of ``part`` and its sub-parts into ``collected``."""
    for defect in part.defects:
        if isinstance(defect, _FATAL_DEFECTS):
            raise MessageParseError("it is a multipart message whose parts cannot be found "
                                    "(missing or wrong boundary)")
    ctype = part.get_content_type()
    if ctype == 'message/rfc822':
        inner = part.get_payload(0) if part.is_multipart() else None
        if inner is not None:
            name = _filename(part) or (decode_header(inner.get('Subject')) or 'message') + '.eml'
            collected['attachments'].append((name, inner.as_bytes(), 'message/rfc822'))
        return
    if part.is_multipart():
        children = part.get_payload()
        if ctype == 'multipart/alternative' and children:
            children = [_best_alternative(children)]
        for child in children:
            _walk(child, collected)
        return
    filename = _filename(part)
    payload = part.get_payload(decode=True) or b''
    disposition = part.get_content_disposition()
    if ctype in _BODY_TYPES and not filename and disposition != 'attachment':
        text = decode_bytes(payload, part.get_content_charset())
        text = text.replace('\r\n', '\n').replace('\r', '\n')
        collected['plain' if ctype == 'text/plain' else 'html'].append(text)
        return
    if not filename:
        extension = mimetypes.guess_extension(ctype) or '.bin'
        filename = 'attach_file%d%s' % (len(collected['attachments']) + 1, extension)
    collected['attachments'].append((filename, payload, ctype))


def _best_alternative(children):
    """The alternative to read: the plain-text one when there is one, else the richest (last)."""
    for child in children:
        if child.get_content_type() == 'text/plain':
            return child
    return children[-1]


def _filename(part):
    """The part's file name, RFC 2231 and RFC 2047 encodings decoded, without folders; or ''."""
    try:
        name = part.get_filename()
    except (LookupError, UnicodeError, ValueError):
        name = None
    if not name:
        name = part.get_param('name')
        if isinstance(name, tuple):
            name = email.utils.collapse_rfc2231_value(name)
    if not name:
        return ''
    name = decode_header(name)
    return name.replace('\\', '/').rsplit('/', 1)[-1].strip()
