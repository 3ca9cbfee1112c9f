"""Word 2007+ files (.docx): zip + WordprocessingML, read with lxml.

The body is in ``word/document.xml``; headers, footers, footnotes and
endnotes have parts of their own and are indexed too.
"""
from .errors import ExtractionError
from .xml_text import open_zip, parse_part

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
_PARTS_PREFIXES = ('word/header', 'word/footer')
_OTHER_PARTS = ('word/footnotes.xml', 'word/endnotes.xml')


def _paragraphs(root):
    for paragraph in root.iter('{%s}p' % W):
        out = []
        for node in paragraph.iter('{%s}t' % W, '{%s}tab' % W, '{%s}br' % W, '{%s}cr' % W):
            if node.tag == '{%s}t' % W:
                out.append(node.text or '')
            else:
                out.append('\t' if node.tag.endswith('}tab') else '\n')
        yield ''.join(out)


def extract(content):
    """The text of a .docx file: body, then headers/footers and notes, one paragraph per line."""
    archive = open_zip(content, 'Word (.docx)')
    body = parse_part(archive, 'word/document.xml')
    if body is None:
        raise ExtractionError('no word/document.xml in the archive')
    lines = list(_paragraphs(body))
    others = sorted(name for name in archive.namelist() if name.startswith(_PARTS_PREFIXES)
                    and name.endswith('.xml')) + list(_OTHER_PARTS)
    for name in others:
        part = parse_part(archive, name)
        if part is not None:
            lines.extend(_paragraphs(part))
    return '\n'.join(lines)
