"""Real files of each indexed format, made here: ODT and DOCX with zipfile, PDF with reportlab.

The .doc (Word 97-2003) sample is a fixture in ``files/`` (made once with
LibreOffice, since nothing in Python writes that format); it contains the
word "xylophonic".
"""
import io
import os
import zipfile
from xml.sax.saxutils import escape

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'files')
DOC_FIXTURE = os.path.join(FILES, 'xylophonic.doc')
#: the word that only occurs inside the .doc fixture
DOC_WORD = 'xylophonic'

_ODF_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def odt(paragraphs):
    """The bytes of an OpenDocument text whose paragraphs are ``paragraphs`` (strings)."""
    body = ''.join('<text:p text:style-name="Standard">%s</text:p>' % escape(p) for p in paragraphs)
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:text>%s</office:text></office:body>'
               '</office:document-content>' % body)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as archive:
        # the mimetype entry comes first and uncompressed, as the standard asks
        archive.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text')
        archive.writestr('META-INF/manifest.xml', _ODF_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr('content.xml', content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


_DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="xml" ContentType="application/xml"/>
 <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def docx(paragraphs):
    """The bytes of a Word 2007+ document whose paragraphs are ``paragraphs``."""
    body = ''.join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(p)
                   for p in paragraphs)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body>%s</w:body></w:document>' % body)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('[Content_Types].xml', _DOCX_TYPES)
        archive.writestr('_rels/.rels', _DOCX_RELS)
        archive.writestr('word/document.xml', document)
    return buffer.getvalue()


def pdf(paragraphs):
    """The bytes of a one-page PDF (reportlab) showing ``paragraphs``, one per line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for paragraph in paragraphs:
        page.drawString(72, y, paragraph)
        y -= 18
    page.showPage()
    page.save()
    return buffer.getvalue()


def word97():
    """The bytes of the Word 97-2003 fixture (contains DOC_WORD)."""
    with open(DOC_FIXTURE, 'rb') as handle:
        return handle.read()
