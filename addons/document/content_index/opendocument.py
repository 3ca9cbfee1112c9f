"""OpenDocument (.odt, .ods, .odp) and OpenOffice.org 1 (.sxw, .sxc, .sxi) files: zip + content.xml.

Both keep their text in ``content.xml`` with paragraph (``text:p``) and
heading (``text:h``) elements; OpenOffice.org 1 uses the older namespace.
"""
from .xml_text import open_zip, parse_part

_TEXT_NAMESPACES = ('urn:oasis:names:tc:opendocument:xmlns:text:1.0', 'http://openoffice.org/2000/text')
_BLOCKS = {'p', 'h'}


def _local(tag):
    return tag.rsplit('}', 1)[-1] if isinstance(tag, str) else ''


def _namespace(tag):
    return tag[1:].split('}', 1)[0] if isinstance(tag, str) and tag.startswith('{') else ''


def _inline_text(element, out):
    """Append the text of ``element`` and its inline children, with ``text:s/tab/line-break``."""
    if element.text:
        out.append(element.text)
    for child in element:
        local = _local(child.tag)
        if _namespace(child.tag) in _TEXT_NAMESPACES and local in ('tab', 'line-break'):
            out.append('\t' if local == 'tab' else '\n')
        elif _namespace(child.tag) in _TEXT_NAMESPACES and local == 's':
            out.append(' ' * int(child.get('{%s}c' % _namespace(child.tag), '1') or 1))
        elif _namespace(child.tag) in _TEXT_NAMESPACES and local == 'note-citation':
            pass
        else:
            _inline_text(child, out)
        if child.tail:
            out.append(child.tail)


def extract(content):
    """The text of an OpenDocument or OpenOffice.org 1 file, one paragraph per line."""
    archive = open_zip(content, 'OpenDocument')
    root = parse_part(archive, 'content.xml')
    if root is None:
        from .errors import ExtractionError
        raise ExtractionError('no content.xml in the archive')
    lines = []
    for element in root.iter():
        if _local(element.tag) in _BLOCKS and _namespace(element.tag) in _TEXT_NAMESPACES:
            # paragraphs nested in a paragraph (notes, frames) are read on their own
            if any(_local(a.tag) in _BLOCKS and _namespace(a.tag) in _TEXT_NAMESPACES
                   for a in element.iterancestors()):
                continue
            out = []
            _inline_text(element, out)
            lines.append(''.join(out))
    return '\n'.join(lines)
