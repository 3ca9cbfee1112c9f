"""Header values as people read them: RFC 2047 words decoded, raw 8-bit bytes repaired.

Also the small extractors the gateway needs from headers: email addresses,
Message-Id lists (``References``) and dates.
"""
import datetime
import email.header
import email.utils
import re

from .charsets import decode_bytes

_ADDRESS = re.compile(r'[A-Za-z0-9!#$%&\'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+')
_MESSAGE_ID = re.compile(r'<[^<>\s]+>')
# an encoded word split by folding or by a lazy client: decode_header wants them spaced
_ENCODED_WORD = re.compile(r'(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)')


def _repair_raw(value):
    """Return ``value`` with bytes smuggled in as surrogates (8-bit headers) decoded."""
    if any('\udc80' <= ch <= '\udcff' for ch in value):
        return decode_bytes(value.encode('ascii', 'surrogateescape'))
    return value


def decode_header(value):
    """Return a header value (str, ``Header`` or None) as one unicode line.

    Encoded words in any charset are decoded (an unknown or wrong charset
    falls back as in :func:`~framework.mailgate.charsets.decode_bytes`),
    raw 8-bit text is read as UTF-8 or windows-1252, folding is undone.
    Never raises; a missing header is ``''``.
    """
    if value is None:
        return ''
    if isinstance(value, email.header.Header):
        chunks = value._chunks  # (text, charset): the text is already unicode
        value = ''.join(str(text) for text, _charset in chunks)
    value = _repair_raw(str(value))
    value = re.sub(r'\r?\n[ \t]*', ' ', value)
    if '=?' not in value:
        return value.strip()
    try:
        parts = email.header.decode_header(_ENCODED_WORD.sub(r' \1 ', value))
    except (ValueError, AssertionError, LookupError):
        return value.strip()
    words = []
    for text, charset in parts:
        if isinstance(text, bytes):
            text = decode_bytes(text, charset)
        words.append((text, charset))
    # whitespace between two encoded words is not part of the text (RFC 2047 §6.2)
    out = ''
    previous_encoded = False
    for text, charset in words:
        encoded = charset is not None
        if out and not (encoded and previous_encoded):
            if not out.endswith(' ') and not text.startswith(' '):
                out += ' '
        out += text
        previous_encoded = encoded
    return re.sub(r'\s+', ' ', out).strip()


def email_addresses(value):
    """Return the email addresses found in a header value, in order, without duplicates."""
    seen = []
    for address in _ADDRESS.findall(value or ''):
        address = address.strip('.')
        if address.lower() not in [s.lower() for s in seen]:
            seen.append(address)
    return seen


def message_ids(value):
    """Return the ``<id>`` tokens of a ``References`` / ``In-Reply-To`` value, in order."""
    return _MESSAGE_ID.findall(decode_header(value))


def parse_date(value):
    """Return the ``Date`` header as a naive UTC datetime string, or None when unreadable."""
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(decode_header(value))
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment.strftime('%Y-%m-%d %H:%M:%S')
