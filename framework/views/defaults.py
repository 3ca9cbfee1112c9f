"""The view a model gets when no ``ir.ui.view`` of that type exists for it.

As Odoo's ``_get_default_*_view``: a form lists every field (log fields and
technical ones aside) in a group, a list and a search show the field naming
records, a calendar uses the first date field, a graph counts by that field.
"""
from lxml import etree

from framework.exceptions import UserError

# fields a person never edits in a default form
_TECHNICAL = ('id', 'display_name', 'create_uid', 'create_date', 'write_uid', 'write_date',
              'parent_path', '__last_update')


def default_arch(model, view_type):
    """Return the root element of a default `view_type` view of the recordset `model`.

    Raises UserError for a type that cannot be built (e.g. a calendar for a
    model without any date field).
    """
    builder = _BUILDERS.get('tree' if view_type == 'list' else view_type)
    if builder is None:
        raise UserError("No default view of type '%s' could be found for model '%s'."
                        % (view_type, model._name))
    return builder(model)


def _field(name, **attrs):
    return etree.Element('field', dict({'name': name}, **attrs))


def _rec_name(model):
    name = model._rec_name_field()
    return name if name in model._fields else 'id'


def _form(model):
    form = etree.Element('form', string=model._description or model._name)
    sheet = etree.SubElement(form, 'sheet')
    group = etree.SubElement(sheet, 'group')
    for name, field in model._fields.items():
        if name in _TECHNICAL or getattr(field, 'automatic', False):
            continue
        if field.type in ('one2many', 'many2many', 'text', 'html'):
            # wide widgets get the whole row, as Odoo lays them out
            group.append(_field(name, colspan='2'))
        else:
            group.append(_field(name))
    return form


def _tree(model):
    tree = etree.Element('tree', string=model._description or model._name)
    tree.append(_field(_rec_name(model)))
    return tree


def _search(model):
    """The fields marked ``select="1"`` then ``select="2"`` in the form view (OpenERP 5.0's
    search screen), or the record name when the form marks none."""
    search = etree.Element('search', string=model._description or model._name)
    names = _selected_fields(model)
    for name in names or [_rec_name(model)]:
        search.append(_field(name))
    return search


def _selected_fields(model):
    try:
        form = model._combined_view(None, 'form')['root']
    except Exception:       # no usable form view: the record name will do
        return []
    own = set(model._own_field_nodes(form))
    marked = [(node.get('select'), index, node.get('name'))
              for index, node in enumerate(form.iter('field'))      # document order
              if node in own and node.get('select') in ('1', '2') and node.get('name') in model._fields]
    names = []
    for _select, _index, name in sorted(marked):
        if name not in names:
            names.append(name)
    return names


def _date_field(model):
    for candidate in (model._date_name, 'date', 'date_start', 'create_date'):
        field = model._fields.get(candidate)
        if field is not None and field.type in ('date', 'datetime'):
            return candidate
    for name, field in model._fields.items():
        if field.type in ('date', 'datetime'):
            return name
    return None


def _calendar(model):
    date_field = _date_field(model)
    if not date_field:
        raise UserError("Model '%s' has no date field for a default calendar view." % model._name)
    calendar = etree.Element('calendar', string=model._description or model._name,
                             date_start=date_field)
    calendar.append(_field(_rec_name(model)))
    return calendar


def _graph(model):
    graph = etree.Element('graph', string=model._description or model._name)
    graph.append(_field(_rec_name(model)))
    return graph


def _kanban(model):
    kanban = etree.Element('kanban')
    kanban.append(_field(_rec_name(model)))
    templates = etree.SubElement(kanban, 'templates')
    card = etree.SubElement(templates, 't', {'t-name': 'kanban-box'})
    div = etree.SubElement(card, 'div', {'class': 'oe_kanban_global_click'})
    div.append(_field(_rec_name(model)))
    return kanban


_BUILDERS = {'form': _form, 'tree': _tree, 'search': _search, 'calendar': _calendar,
             'graph': _graph, 'kanban': _kanban}
