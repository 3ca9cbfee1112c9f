"""Applying an extension view to the arch of its parent.

An extension arch is a list of *specs*, either a root ``<data>`` holding them
or a single spec as root. A spec locates one node of the parent arch:

* ``<xpath expr="//field[@name='email']" position="after">``, or
* a node of the same tag and attributes, e.g. ``<field name="email"
  position="after">``, ``<group name="main">``, ``<page name="notes">``,
  ``<notebook>`` (the first one),

then changes it according to ``position``: ``inside`` (the default, append
the spec's children), ``before``, ``after``, ``replace`` (the spec's
children take the node's place; none removes it) and ``attributes`` (each
``<attribute name="x">value</attribute>`` sets x, an empty value removes it).
A spec that locates nothing is an error, as in Odoo: a silent no-op would
hide a broken customisation.
"""
import copy

from lxml import etree

from framework.exceptions import ValidationError

POSITIONS = ('inside', 'before', 'after', 'replace', 'attributes')
# attributes of a spec that say where/how, not which node
_SPEC_ONLY = ('position', 'version')


def apply_inheritance(source, specs_root, view_name='view'):
    """Apply the specs of `specs_root` to a copy of `source`; return the new root.

    `view_name` names the extension view in errors. Raises ValidationError
    for a bad xpath, a spec locating nothing or an unknown position.
    """
    source = copy.deepcopy(source)
    specs = list(specs_root) if specs_root.tag == 'data' else [specs_root]
    for spec in specs:
        if not isinstance(spec.tag, str):
            continue
        if spec.tag == 'data':
            source = apply_inheritance(source, spec, view_name)
            continue
        node = locate_node(source, spec, view_name)
        source = _apply_spec(source, node, spec, view_name)
    return source


def locate_node(arch, spec, view_name='view'):
    """The first node of `arch` that `spec` designates; raise ValidationError if none."""
    if spec.tag == 'xpath':
        expr = spec.get('expr')
        if not expr:
            raise ValidationError('View %s has an <xpath> without expr attribute.' % view_name)
        try:
            nodes = arch.xpath(expr)
        except etree.XPathError as exc:
            raise ValidationError('View %s has an invalid xpath expression "%s": %s.'
                                  % (view_name, expr, exc)) from None
        nodes = [n for n in nodes if isinstance(n, etree._Element)]
        if nodes:
            return nodes[0]
        raise ValidationError('View %s: the xpath "%s" matches nothing in the parent view.'
                              % (view_name, expr))
    wanted = {k: v for k, v in spec.attrib.items() if k not in _SPEC_ONLY}
    for node in arch.iter(spec.tag):
        if all(node.get(k) == v for k, v in wanted.items()):
            return node
    raise ValidationError('View %s: element %s cannot be located in the parent view.'
                          % (view_name, _describe(spec)))


def _describe(spec):
    attrs = ''.join(' %s="%s"' % (k, v) for k, v in spec.attrib.items() if k not in _SPEC_ONLY)
    return '<%s%s>' % (spec.tag, attrs)


def _children(spec):
    # copies: the spec tree is the extension view's and may be applied again
    return [copy.deepcopy(child) for child in spec if isinstance(child.tag, str)]


def _apply_spec(source, node, spec, view_name):
    """Change `node` of `source` as `spec` says; return the (possibly new) root."""
    position = spec.get('position', 'inside')
    if position == 'inside':
        for child in _children(spec):
            node.append(child)
    elif position == 'after':
        anchor = node
        for child in _children(spec):
            anchor.addnext(child)
            anchor = child
    elif position == 'before':
        for child in _children(spec):
            node.addprevious(child)
    elif position == 'replace':
        children = _children(spec)
        parent = node.getparent()
        if parent is None:
            if len(children) != 1:
                raise ValidationError('View %s replaces the root of its parent with %d elements '
                                      'instead of one.' % (view_name, len(children)))
            return children[0]
        for child in children:
            node.addprevious(child)
        _remove_keeping_tail(node)
    elif position == 'attributes':
        for attribute in spec:
            if not isinstance(attribute.tag, str):
                continue
            if attribute.tag != 'attribute' or not attribute.get('name'):
                raise ValidationError('View %s: position="attributes" takes only '
                                      '<attribute name="..."> children.' % view_name)
            value = (attribute.text or '').strip()
            if value:
                node.set(attribute.get('name'), value)
            elif attribute.get('name') in node.attrib:
                del node.attrib[attribute.get('name')]
    else:
        raise ValidationError('View %s uses the unknown position "%s" (use %s).'
                              % (view_name, position, ', '.join(POSITIONS)))
    return source


def _remove_keeping_tail(node):
    """Remove `node` without losing the text that follows it."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or '') + node.tail
        else:
            parent.text = (parent.text or '') + node.tail
    parent.remove(node)
