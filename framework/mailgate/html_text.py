"""HTML mail bodies as readable plain text, with the standard library's ``html.parser``.

The rendering follows OpenERP 5.0's gateway: links become ``text [n]``
with the numbered URLs listed at the end, ``<b>``/``<strong>``/``<h3>``
become ``*text*``, ``<h1>``/``<h2>`` ``**text**``, ``<em>``/``<i>``
``/text/``; block elements and ``<br>`` end lines; scripts, styles and
comments vanish; entities are decoded.
"""
from html.parser import HTMLParser
import re

_BLOCKS = {'p', 'div', 'br', 'tr', 'li', 'ul', 'ol', 'table', 'blockquote', 'pre', 'hr',
           'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'address', 'section', 'article',
           'header', 'footer'}
_MARKS = {'b': '*', 'strong': '*', 'h3': '*', 'h1': '**', 'h2': '**', 'em': '/', 'i': '/'}
_SKIP = {'script', 'style', 'head', 'title'}


class _TextBuilder(HTMLParser):
    """Collects the text of an HTML document as lines, links numbered."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.links = []
        self.skipping = 0
        self.href = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
            return
        if tag in _BLOCKS:
            self.out.append('\n')
        if tag == 'li':
            self.out.append('* ')
        if tag in ('td', 'th'):
            self.out.append(' ')
        if tag in _MARKS:
            self.out.append(_MARKS[tag])
        if tag == 'a':
            self.href.append(dict(attrs).get('href'))
        if tag == 'img':
            alt = dict(attrs).get('alt')
            if alt:
                self.out.append(alt)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in _MARKS:
            self.out.append(_MARKS[tag])
        if tag == 'a' and self.href:
            href = self.href.pop()
            if href and not href.startswith(('#', 'javascript:')):
                self.links.append(href)
                self.out.append(' [%d]' % len(self.links))
        if tag in _BLOCKS and tag not in ('li', 'tr', 'dt', 'dd'):  # the next item starts a line
            self.out.append('\n')

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(re.sub(r'\s+', ' ', data))

    def text(self):
        lines = [line.strip() for line in ''.join(self.out).split('\n')]
        text = re.sub(r'\n{3,}', '\n\n', '\n'.join(lines)).strip()
        if self.links:
            text += '\n\n' + '\n'.join('[%d] %s' % (n, url) for n, url in enumerate(self.links, 1))
        return text


def html_to_text(html):
    """Return the readable text of an HTML fragment or document (never raises)."""
    builder = _TextBuilder()
    try:
        builder.feed(html or '')
        builder.close()
    except Exception:  # html.parser is lenient; keep whatever was read if it gives up
        pass
    return builder.text()
