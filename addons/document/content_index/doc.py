"""Word 97-2003 binary files (.doc): olefile opens the OLE container, we read the piece table.

The format is public ([MS-DOC]): the ``WordDocument`` stream starts with
the File Information Block (FIB), which says which table stream
(``0Table``/``1Table``) holds the ``Clx``; its piece table maps runs of
character positions to byte offsets in ``WordDocument``, each run stored
either as 8-bit Windows-1252 ("compressed") or as UTF-16LE. Field codes
(``\\x13`` instructions ``\\x14`` result ``\\x15``) keep only their result.
"""
import io
import struct

from .errors import ExtractionError

WORD_MAGIC = 0xA5EC
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
#: index of the fcClx/lcbClx pair in FibRgFcLcb97
CLX_PAIR = 33
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = '\x13', '\x14', '\x15'
_TRANSLATE = str.maketrans({
    '\x07': '\t',       # end of a table cell / row
    '\x0b': '\n',       # line break
    '\x0c': '\n',       # page or section break
    '\x0d': '\n',       # end of paragraph
    '\x1e': '-',        # non-breaking hyphen
    '\x1f': None,       # optional hyphen
    '\x01': None, '\x08': None,     # anchors of pictures and drawn objects
    '\xa0': ' ',
})


def _u16(data, offset):
    return struct.unpack_from('<H', data, offset)[0]


def _u32(data, offset):
    return struct.unpack_from('<I', data, offset)[0]


def _clx_location(word):
    """``(fcClx, lcbClx, table stream name)`` read from the FIB at the start of ``word``."""
    if len(word) < 154 or _u16(word, 0) != WORD_MAGIC:
        raise ExtractionError('not a Word 97-2003 document (no Word file header)')
    if _u16(word, 2) < 101:
        raise ExtractionError('a Word 6/95 document, older than Word 97: save it in a newer format')
    flags = _u16(word, 0x0A)
    if flags & F_ENCRYPTED:
        raise ExtractionError('the document is encrypted with a password')
    offset = 32
    csw = _u16(word, offset)
    offset += 2 + csw * 2
    cslw = _u16(word, offset)
    offset += 2 + cslw * 4
    cb_fc_lcb = _u16(word, offset)
    offset += 2
    if cb_fc_lcb <= CLX_PAIR:
        raise ExtractionError('the Word file header has no piece table')
    pair = offset + CLX_PAIR * 8
    return _u32(word, pair), _u32(word, pair + 4), '1Table' if flags & F_WHICH_TABLE else '0Table'


def _pieces(clx):
    """``(cp_start, cp_end, fc, compressed)`` of each piece of the Clx structure."""
    position = 0
    while position < len(clx) and clx[position] == 0x01:       # Prc: property modifiers, skipped
        position += 3 + _u16(clx, position + 1)
    if position >= len(clx) or clx[position] != 0x02:
        raise ExtractionError('the piece table is damaged')
    size = _u32(clx, position + 1)
    plc = clx[position + 5:position + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        return []
    cps = struct.unpack_from('<%dI' % (count + 1), plc, 0)
    pieces = []
    for index in range(count):
        fc = _u32(plc, (count + 1) * 4 + index * 8 + 2)
        pieces.append((cps[index], cps[index + 1], fc & 0x3FFFFFFF, bool(fc & 0x40000000)))
    return pieces


def _drop_field_codes(text):
    """Keep the displayed result of each field, drop its instructions (fields nest)."""
    out = []
    stack = []          # per open field: True while in its instructions
    for char in text:
        if char == FIELD_BEGIN:
            stack.append(True)
        elif char == FIELD_SEPARATOR and stack:
            stack[-1] = False
        elif char == FIELD_END and stack:
            stack.pop()
        elif not (stack and stack[-1]):
            out.append(char)
    return ''.join(out)


def extract(content):
    """The text of a Word 97-2003 document (body, notes, headers), one paragraph per line."""
    import olefile
    if not olefile.isOleFile(io.BytesIO(content)):
        raise ExtractionError('not a Word 97-2003 document (not an OLE compound file)')
    ole = olefile.OleFileIO(io.BytesIO(content))
    try:
        if not ole.exists('WordDocument'):
            raise ExtractionError('not a Word document (no WordDocument stream)')
        word = ole.openstream('WordDocument').read()
        fc_clx, lcb_clx, table_name = _clx_location(word)
        if not ole.exists(table_name):
            raise ExtractionError('the %s stream is missing' % table_name)
        table = ole.openstream(table_name).read()
    finally:
        ole.close()
    clx = table[fc_clx:fc_clx + lcb_clx]
    if len(clx) != lcb_clx or not lcb_clx:
        raise ExtractionError('the piece table lies outside the table stream')
    parts = []
    for cp_start, cp_end, fc, compressed in _pieces(clx):
        length = cp_end - cp_start
        if length <= 0:
            continue
        if compressed:
            start = fc // 2
            chunk = word[start:start + length]
            parts.append(chunk.decode('cp1252', 'replace'))
        else:
            chunk = word[fc:fc + 2 * length]
            parts.append(chunk.decode('utf-16-le', 'replace'))
    return _drop_field_codes(''.join(parts)).translate(_TRANSLATE)
