"""Bytes to text for mail parts whose charset is missing, wrong or unknown.

Mail in the wild declares ``iso-8859-1`` for windows-1252 text, declares
nothing for UTF-8 text, or names charsets Python does not know. Decoding
never fails here: it tries the declared charset, then UTF-8, then
windows-1252, and finally ISO-8859-1 (which maps every byte).
"""
import codecs

# what mail clients mean, as browsers read it (WHATWG): latin-1 labels are windows-1252
_ALIASES = {
    'iso-8859-1': 'windows-1252', 'latin-1': 'windows-1252', 'latin1': 'windows-1252',
    'us-ascii': 'utf-8', 'ascii': 'utf-8', 'x-unknown': 'utf-8', 'unknown-8bit': 'utf-8',
    'ks_c_5601-1987': 'cp949', 'x-mac-roman': 'mac-roman', 'utf8': 'utf-8',
}


def _codec(charset):
    """Return the Python codec name for a declared ``charset``, or None when unknown."""
    if not charset:
        return None
    label = charset.strip().strip('"\'').lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data, charset=None):
    """Return ``data`` (bytes) as text, using ``charset`` when it is known and fits.

    The contract: always returns a str, never raises for bad bytes; the
    declared charset wins when the bytes are valid in it.
    """
    if isinstance(data, str):
        return data
    candidates = [_codec(charset), 'utf-8', 'cp1252']
    for codec in candidates:
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode('latin-1')
