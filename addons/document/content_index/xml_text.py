"""Reading the XML parts of zipped office files safely: lxml, no entities, no network, size caps."""
import zipfile

from lxml import etree

from .errors import ExtractionError

#: the most bytes an XML part may uncompress to (a "zip bomb" stops here)
MAX_PART_SIZE = 64 * 1024 * 1024

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


def open_zip(content, what):
    """The ``ZipFile`` of ``content``, or ExtractionError naming ``what`` was expected."""
    import io
    try:
        return zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise ExtractionError('not a %s file (not a zip archive)' % what) from error


def parse_part(archive, name):
    """The root element of XML part ``name`` of ``archive`` (None when the part is absent)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_SIZE:
        raise ExtractionError('part %s is too large (%d bytes)' % (name, info.file_size))
    with archive.open(info) as handle:
        data = handle.read(MAX_PART_SIZE + 1)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise ExtractionError('part %s is not well-formed XML (%s)' % (name, error)) from error
