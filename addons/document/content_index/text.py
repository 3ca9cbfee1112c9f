"""Plain text files: decoded as UTF-8 (with BOM), else UTF-16 (with BOM), else Windows-1252."""
import re

EXTENSIONS = ('.txt', '.text', '.csv', '.tsv', '.md', '.rst', '.py', '.patch', '.diff',
              '.html', '.htm', '.xml', '.json', '.log', '.ini', '.cfg', '.eml')
_SPACES = re.compile(r'[ \t\r\f\v]+')
_BLANK_LINES = re.compile(r'\n\s*\n+')
# control characters other than tab and newline, and the private-use marks
# that content search uses to highlight matches
_UNWANTED = re.compile('[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]')


def is_text_mimetype(mimetype):
    """True for text/* and the few application types that are text."""
    return mimetype.startswith('text/') or mimetype in (
        'application/json', 'application/xml', 'application/x-python', 'application/csv')


def decode(content):
    """Return ``content`` decoded from the most likely encoding."""
    if content.startswith(b'\xef\xbb\xbf'):
        return content[3:].decode('utf-8', 'replace')
    if content.startswith((b'\xff\xfe', b'\xfe\xff')):
        return content.decode('utf-16', 'replace')
    try:
        return content.decode('utf-8')
    except UnicodeDecodeError:
        return content.decode('cp1252', 'replace')


def extract(content):
    """The text of a plain text file."""
    return decode(content)


def normalize(value):
    """Text without control characters, runs of spaces, or more than one blank line in a row."""
    value = _UNWANTED.sub(' ', value.replace('\r\n', '\n').replace('\r', '\n'))
    value = _SPACES.sub(' ', value)
    value = _BLANK_LINES.sub('\n\n', value)
    return '\n'.join(line.strip() for line in value.split('\n')).strip()
