"""Text extraction from each indexed format, on real files the tests make (and one .doc fixture)."""
import pytest

from addons.document.content_index import ExtractionError, UnsupportedFormat, extract_text
from . import samples


@pytest.mark.parametrize('filename, content, word', [
    ('offer.odt', lambda: samples.odt(['Offer for Agrolait', 'Spare turbine blades, 12 units.']), 'turbine'),
    ('offer.sxw', lambda: samples.odt(['Legacy writer file about gearboxes.']), 'gearboxes'),
    ('offer.docx', lambda: samples.docx(['Offer for Agrolait', 'Hydraulic compressor overhaul.']), 'compressor'),
    ('offer.pdf', lambda: samples.pdf(['Offer for Agrolait', 'Annual windmill inspection.']), 'windmill'),
    ('notes.txt', lambda: 'Meeting notes: pelican crossing.\n'.encode(), 'pelican'),
    ('old.doc', samples.word97, samples.DOC_WORD),
])
def test_each_format_gives_its_words(filename, content, word):
    text = extract_text(content(), filename, None)
    assert word in text.split() or word + '.' in text or word in text
    assert 'Agrolait' in text or filename in ('notes.txt', 'old.doc', 'offer.sxw')


def test_word97_text_keeps_paragraphs_and_accents():
    text = extract_text(samples.word97(), 'old.doc', 'application/msword')
    assert text.splitlines() == [
        'Quarterly notes about the orchestra.',
        'The xylophonic section needs new mallets: café budget, naïve estimate.',
        'Signed: Agrolait purchasing.',
    ]


def test_docx_paragraphs_are_lines():
    text = extract_text(samples.docx(['first line', 'second <line> & more']), 'a.docx', None)
    assert text == 'first line\nsecond <line> & more'


def test_mimetype_chooses_the_reader_when_the_name_has_no_extension():
    text = extract_text(samples.pdf(['zeppelin hangar']), 'scan', 'application/pdf')
    assert 'zeppelin' in text


def test_plain_text_in_windows_1252_is_decoded():
    assert extract_text('Crème brûlée\r\n'.encode('cp1252'), 'menu.txt', 'text/plain') == 'Crème brûlée'


@pytest.mark.parametrize('filename', ['broken.pdf', 'broken.odt', 'broken.docx', 'broken.doc'])
def test_a_damaged_file_raises_a_clear_error(filename):
    with pytest.raises(ExtractionError) as info:
        extract_text(b'this is not really that kind of file', filename, None)
    assert not isinstance(info.value, UnsupportedFormat)
    assert filename in str(info.value)


def test_a_file_without_text_is_unsupported_not_broken():
    with pytest.raises(UnsupportedFormat):
        extract_text(b'\x89PNG\r\n\x1a\n', 'logo.png', 'image/png')


def test_xml_entities_are_not_expanded():
    # a "billion laughs" content.xml must neither expand nor reach the network
    import io
    import zipfile
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c SYSTEM "file:///etc/passwd">]>'
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
            '<text:p>safe &b; &c;</text:p></office:text></office:body></office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as archive:
        archive.writestr('content.xml', bomb)
    text = extract_text(buffer.getvalue(), 'bomb.odt', None)
    assert 'aaaaaaaaaa' not in text and 'root:' not in text
    assert text.startswith('safe')
