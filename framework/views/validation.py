"""Checking an arch against its model, and listing the fields it uses.

Both walk the arch the same way: ``<field name>`` nodes name fields of the
model being described, and the view elements nested in an x2many (or
many2one) field — ``<field name="line_ids"><tree>…</tree></field>`` —
describe the field's comodel instead. A calendar's ``date_start``,
``date_stop``, ``date_delay`` and ``color`` attributes name fields too.
"""
from framework.exceptions import ValidationError

# elements nested in a relational <field> that describe its comodel
SUB_VIEW_TAGS = ('tree', 'list', 'form', 'kanban', 'graph', 'calendar', 'search')
# root attributes of some view types that name fields
FIELD_ATTRIBUTES = {
    'calendar': ('date_start', 'date_stop', 'date_delay', 'color', 'all_day'),
    'tree': ('default_group_by',),
    'kanban': ('default_group_by',),
}


def iter_field_nodes(env, model_name, root):
    """Yield ``(model_name, node, field_name)`` for every field the arch `root` names.

    ``field_name`` is the name as written; its model is the one the node's
    (sub-)view describes. Nodes of sub-views of relational fields come with
    the comodel's name, and only when the field exists.
    """
    yield from _walk(env, model_name, root, root)


def _walk(env, model_name, view_root, node):
    model = env[model_name]
    if node is view_root:
        for attribute in FIELD_ATTRIBUTES.get(node.tag, ()):
            if node.get(attribute):
                yield model_name, node, node.get(attribute)
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == 'field' and child.get('name'):
            name = child.get('name')
            yield model_name, child, name
            field = model._fields.get(name)
            comodel = getattr(field, 'comodel_name', None) if field is not None else None
            for sub in child:
                if isinstance(sub.tag, str) and sub.tag in SUB_VIEW_TAGS and comodel:
                    yield from _walk(env, comodel, sub, sub)
            continue
        yield from _walk(env, model_name, view_root, child)


def _iter_buttons(env, model_name, node):
    """Yield ``(model_name, button)`` for the buttons of the arch, sub-views included."""
    model = env[model_name]
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == 'button':
            yield model_name, child
        if child.tag == 'field':
            field = model._fields.get(child.get('name') or '')
            comodel = getattr(field, 'comodel_name', None) if field is not None else None
            for sub in child:
                if isinstance(sub.tag, str) and sub.tag in SUB_VIEW_TAGS and comodel:
                    yield from _iter_buttons(env, comodel, sub)
            continue
        yield from _iter_buttons(env, model_name, child)


def check_arch(env, model_name, root, view_name='view'):
    """Raise ValidationError naming the first problem of `root` as a view of `model_name`.

    Problems: a field the model does not have, a ``<field>`` without name,
    a ``<button type="object">`` whose method the model does not have (or is
    private, hence not callable by a client).
    """
    if model_name not in env.registry:
        raise ValidationError("View %s is for the model '%s', which does not exist."
                              % (view_name, model_name))
    for node in root.iter('field'):
        if not node.get('name'):
            raise ValidationError('View %s has a <field> without name attribute (line %s of the arch).'
                                  % (view_name, node.sourceline))
    for field_model, node, name in iter_field_nodes(env, model_name, root):
        if name not in env[field_model]._fields:
            raise ValidationError("View %s uses the field '%s', which does not exist in model '%s'."
                                  % (view_name, name, field_model))
    for button_model, button in _iter_buttons(env, model_name, root):
        if button.get('type') != 'object':
            continue
        method_name = button.get('name') or ''
        method = getattr(type(env[button_model]), method_name, None)
        if not method_name or method_name.startswith('_') or not callable(method):
            raise ValidationError("View %s has a button calling '%s', which is not a public method "
                                  "of model '%s'." % (view_name, method_name, button_model))


def collect_fields(env, model_name, root):
    """Return ``{model name: [field names]}`` of the fields `root` uses, in order of use.

    The view's own model is always a key, even when the arch names no field.
    """
    used = {model_name: {}}
    for field_model, _node, name in iter_field_nodes(env, model_name, root):
        if name in env[field_model]._fields:
            used.setdefault(field_model, {})[name] = None
    return {model: list(names) for model, names in used.items()}
