"""Text of a file's content, for the full-text index: one module per format.

``extract_text(content, filename, mimetype)`` picks the reader from the
file's extension (then its mimetype) and returns plain text; it raises
:class:`UnsupportedFormat` for a kind of file that has no text to index
(images, archives…) and :class:`ExtractionError` for a file of a known
kind that cannot be read (damaged, encrypted, not what its name says).
"""
import os

from .errors import ExtractionError, UnsupportedFormat
from . import doc, docx, opendocument, pdf, text

__all__ = ['ExtractionError', 'UnsupportedFormat', 'extract_text', 'reader_for']

#: extension -> function(bytes) -> str
READERS = {
    '.pdf': pdf.extract,
    '.odt': opendocument.extract, '.ods': opendocument.extract, '.odp': opendocument.extract,
    '.odg': opendocument.extract,
    '.sxw': opendocument.extract, '.sxc': opendocument.extract, '.sxi': opendocument.extract,
    '.docx': docx.extract,
    '.doc': doc.extract,
}
READERS.update({extension: text.extract for extension in text.EXTENSIONS})

MIMETYPE_READERS = {
    'application/pdf': pdf.extract,
    'application/vnd.oasis.opendocument.text': opendocument.extract,
    'application/vnd.oasis.opendocument.spreadsheet': opendocument.extract,
    'application/vnd.oasis.opendocument.presentation': opendocument.extract,
    'application/vnd.sun.xml.writer': opendocument.extract,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': docx.extract,
    'application/msword': doc.extract,
}


def reader_for(filename, mimetype=None):
    """The extraction function for a file named ``filename`` of type ``mimetype``, or None."""
    extension = os.path.splitext(filename or '')[1].lower()
    reader = READERS.get(extension)
    if reader is None and mimetype:
        mimetype = mimetype.split(';')[0].strip().lower()
        reader = MIMETYPE_READERS.get(mimetype)
        if reader is None and text.is_text_mimetype(mimetype):
            reader = text.extract
    return reader


def extract_text(content: bytes, filename, mimetype=None) -> str:
    """Return the text of ``content`` (a file named ``filename``), whitespace-normalised.

    Raises UnsupportedFormat when the kind of file has no text to index,
    ExtractionError when a file of a known kind cannot be read.
    """
    reader = reader_for(filename, mimetype)
    if reader is None:
        raise UnsupportedFormat('"%s" (%s) is not a kind of file whose text is indexed.'
                                % (filename or '?', mimetype or 'unknown type'))
    kind = reader.__module__.rsplit('.', 1)[-1]
    try:
        result = reader(bytes(content or b''))
    except ExtractionError as error:
        raise ExtractionError('"%s" could not be read as %s: %s' % (filename or '?', kind, error)) from error
    except Exception as error:  # a damaged file may break a parser in any way
        raise ExtractionError('"%s" could not be read as %s: %s'
                              % (filename or '?', kind, error or type(error).__name__)) from error
    return text.normalize(result)
