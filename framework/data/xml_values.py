"""The value of a ``<field>`` or ``<value>`` element of an XML data file.

A value is written in one of several ways: ``eval="python"``, ``ref="xmlid"``,
``search="domain"`` (with ``use=``), ``file="path"``, or the element's
content read according to ``type`` (char, int, float, list, tuple, xml,
html, base64, file). This module turns each into what the ORM expects for
the target field.
"""
import base64
import re

from lxml import etree

TRUE_STRINGS = ('1', 'true', 'yes', 'on')

# %(xmlid)d / %(xmlid)s in xml and html contents, as in OpenERP 5 views.
_REF_PATTERN = re.compile(r'(?<!%)%\(([^)]*)\)[ds]')


class SkipRecord(Exception):
    """Raised by a field whose reference is missing on a ``forcecreate="0"`` record."""


def str2bool(value, default=False):
    """Read an XML attribute or text as a boolean ('1', 'true', 'yes', 'on' are true)."""
    if value is None:
        return default
    return value.strip().lower() in TRUE_STRINGS


def eval_value(loader, node, model_name=None):
    """Return the raw value written by the ``<field>``/``<value>`` element `node`.

    `model_name` is the model searched by ``search=`` and browsed by ``obj``
    when the node has no ``model`` attribute.
    """
    model_name = node.get('model') or model_name
    if node.get('search'):
        return _search_value(loader, node, model_name, many=node.get('type') == 'list')
    if node.get('eval'):
        return loader.eval(node.get('eval'), model_name)
    kind = node.get('type', 'char')
    if kind == 'xml':
        text = ''.join(etree.tostring(child, encoding='unicode') for child in node)
        if len([child for child in node if isinstance(child.tag, str)]) > 1:
            text = '<data>%s</data>' % text      # an XML document has one root, as Odoo makes it
        return '<?xml version="1.0"?>\n' + _substitute_refs(loader, text)
    if kind == 'html':
        return _substitute_refs(
            loader, ''.join(etree.tostring(child, method='html', encoding='unicode') for child in node))
    if kind in ('list', 'tuple'):
        values = [eval_value(loader, child) for child in node.iterchildren('value')]
        return tuple(values) if kind == 'tuple' else values

    if node.get('file'):
        with open(loader.resolve_file(node.get('file')), 'rb') as f:
            data = f.read()
    else:
        data = node.text or ''
    if kind == 'base64':
        return base64.b64encode(data if isinstance(data, bytes) else data.encode()).decode('ascii')
    if isinstance(data, bytes):
        data = data.decode('utf-8')
    if kind == 'file':
        path = data.strip()
        loader.resolve_file(path)       # raises if the file is missing
        return '%s,%s' % (loader.module, path)
    if kind == 'char':
        return data
    if kind == 'int':
        data = data.strip()
        return None if data == 'None' else int(data)
    if kind == 'float':
        return float(data.strip())
    raise ValueError("unknown value type %r (use char, int, float, list, tuple, xml, html, base64 or file)"
                     % kind)


def field_value(loader, Model, node, forcecreate=True):
    """Return ``(name, value, sub_records)`` for the ``<field>`` `node` of a record of `Model`.

    `value` is converted for the field's type; `sub_records` lists the
    ``(record_element, inverse_name)`` pairs nested in a one2many field, to be
    loaded once the parent exists. Raises SkipRecord when a ``ref`` cannot be
    resolved and the record is not to be force-created.
    """
    name = node.get('name')
    if not name:
        raise ValueError('<field> needs a name attribute')
    field = Model._fields.get(name)
    if field is None:
        raise ValueError("field '%s' does not exist on model '%s'" % (name, Model._name))
    sub_records = []

    if node.get('search'):
        comodel = node.get('model') or field.comodel_name
        return name, _search_value(loader, node, comodel, many=field.type == 'many2many'), sub_records

    if node.get('ref'):
        if field.type == 'reference':
            model, res_id = loader.ref_model(node.get('ref'))
            return name, '%s,%s' % (model, res_id), sub_records
        res_id = loader.ref(node.get('ref'), raise_if_not_found=forcecreate)
        if not res_id:
            raise SkipRecord(node.get('ref'))
        if field.type in ('many2many', 'one2many'):
            return name, [(6, 0, [res_id])], sub_records
        return name, res_id, sub_records

    value = eval_value(loader, node, getattr(field, 'comodel_name', None))
    if field.type == 'one2many':
        sub_records = [(child, field.inverse_name) for child in node.iterchildren('record')]
        if isinstance(value, str):
            # nested <record>s, written on the children once the parent exists
            return name, None, sub_records
    return name, convert_for_field(field, value), sub_records


def convert_for_field(field, value):
    """Coerce an XML `value` to what `field` accepts (ids for many2one, numbers, booleans)."""
    kind = field.type
    if kind == 'many2one':
        if hasattr(value, '_name'):          # a record from obj() or env.ref()
            return value.id
        return int(value) if value else False
    if kind == 'integer':
        return int(value) if value not in (None, False, '') else 0
    if kind in ('float', 'monetary'):
        return float(value) if value not in (None, False, '') else 0.0
    if kind == 'boolean' and isinstance(value, str):
        return str2bool(value)
    if kind in ('many2many', 'one2many') and hasattr(value, '_name'):
        return [(6, 0, value.ids)]
    return value


def _search_value(loader, node, model_name, many):
    """Search `model_name` with the node's ``search`` domain and return ids (or ``use`` values)."""
    if not model_name:
        raise ValueError('search= needs a model attribute on this element')
    domain = loader.eval(node.get('search'), model_name)
    records = loader.model(model_name).search(domain)
    use = node.get('use') or 'id'
    values = [record[use] for record in records]
    values = [v.id if hasattr(v, '_name') else v for v in values]
    if many:
        return [(6, 0, values)]
    return values[0] if values else False


def _substitute_refs(loader, text):
    """Replace ``%(xmlid)d`` by the database id of xmlid (OpenERP 5 views), and ``%%`` by ``%``."""
    def replace(match):
        return str(loader.ref(match.group(1)))
    return _REF_PATTERN.sub(replace, text).replace('%%', '%')
