"""The user-visible terms of a view's arch, and their translation.

Terms are the attributes ``string``, ``help``, ``placeholder``, ``title``,
``confirm``, ``sum`` and ``avg`` and the non-blank text of elements, each
stripped of surrounding blanks. `arch_terms` lists them (for ``.pot``
export); `translate_arch` / `translate_arch_node` replace them with their
translation from a ``{source: translation}`` map (from
``env['ir.model.terms'].get_terms(...)``) at ``get_views`` time.
"""
from lxml import etree

TRANSLATED_ATTRIBUTES = ('string', 'help', 'placeholder', 'title', 'confirm', 'sum', 'avg')
#: elements whose text is code, not words
_CODE_TAGS = ('field', 'script', 'style')


def _parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)


def _texts(root):
    """Yield (element, kind, name) for every translatable spot under `root`."""
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        for name in TRANSLATED_ATTRIBUTES:
            value = node.get(name)
            if value and value.strip():
                yield node, 'attribute', name
        if node.tag not in _CODE_TAGS and node.text and node.text.strip():
            yield node, 'text', None
        if node is not root and node.tail and node.tail.strip():
            yield node, 'tail', None


def _value(node, kind, name):
    return node.get(name) if kind == 'attribute' else node.text if kind == 'text' else node.tail


def arch_terms(arch):
    """The distinct terms of `arch` (an XML string or element), in document order."""
    root = arch
    if isinstance(arch, (str, bytes)):
        root = etree.fromstring(arch.encode() if isinstance(arch, str) else arch, _parser())
    terms = {}
    for node, kind, name in _texts(root):
        terms.setdefault(_value(node, kind, name).strip(), None)
    return list(terms)


def translate_arch_node(root, terms):
    """Replace, in place, each term under element `root` found in `terms`; return `root`."""
    if not terms:
        return root
    for node, kind, name in _texts(root):
        value = _value(node, kind, name)
        source = value.strip()
        translation = terms.get(source)
        if not translation:
            continue
        new = value.replace(source, translation, 1)
        if kind == 'attribute':
            node.set(name, new)
        elif kind == 'text':
            node.text = new
        else:
            node.tail = new
    return root


def translate_arch(arch, terms):
    """Return the XML string `arch` with its terms translated by `terms` ``{source: translation}``."""
    if not terms:
        return arch
    root = etree.fromstring(arch.encode(), _parser())
    translate_arch_node(root, terms)
    return etree.tostring(root, encoding='unicode')


#: the field name of view archs in ``.po`` occurrences and ``ir.model.terms`` (Odoo's name)
ARCH_TERMS_FIELD = 'arch_db'


def view_terms(env, view_ids):
    """``{source: translation}`` for the views `view_ids` in ``env.lang`` (empty in en_US).

    The views layer calls ``translate_arch_node(root, view_terms(env, ids))``
    on a combined arch with the ids of every view that made it.
    """
    if env.lang == 'en_US' or 'ir.model.terms' not in env.registry:
        return {}
    return env['ir.model.terms'].get_terms('ir.ui.view', list(view_ids), ARCH_TERMS_FIELD, env.lang)
