"""Parsing and printing view architectures (XML text) safely.

An arch comes from a data file or from a user editing a view: it is parsed
with entity resolution and network access off, so neither an entity bomb nor
an external entity can make the server read a file or open a connection.
"""
from lxml import etree

from framework.exceptions import ValidationError

VIEW_TYPES = ('form', 'tree', 'list', 'search', 'calendar', 'graph', 'kanban', 'pivot')


def _parser():
    # a fresh parser per call: lxml parsers are not thread-safe
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                           remove_blank_text=True, huge_tree=False)


def parse_arch(text, what='view'):
    """Return the root element of the arch `text`; raise ValidationError if it is not well-formed XML.

    `what` names the view in the error ("view 'partner.form'").
    """
    if isinstance(text, etree._Element):
        return text
    what = what[:1].upper() + what[1:]
    if not text or not text.strip():
        raise ValidationError('%s has an empty architecture.' % what)
    data = text.strip()
    if isinstance(data, str):
        data = data.encode('utf-8')
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ValidationError('%s is not well-formed XML: %s' % (what, exc.msg or exc)) from None
    if root.tag == 'data' and len(root) == 1 and root[0].tag in VIEW_TYPES:
        # '<data><form/></data>' as written by type="xml" fields with a single child
        root = root[0]
    return root


def arch_to_string(root):
    """Return `root` as the text a client receives (unicode, no XML declaration)."""
    return etree.tostring(root, encoding='unicode')


def view_type_of(root):
    """The view type named by the root element ('list' is Odoo's name for 'tree')."""
    return 'tree' if root.tag == 'list' else root.tag
