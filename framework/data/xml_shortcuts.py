"""The shortcut tags of XML data files: ``<menuitem>``, ``<act_window>``, ``<report>``.

Each is a compact way to write a ``<record>`` of ``ir.ui.menu``,
``ir.actions.act_window`` or ``ir.actions.report``; it ends up in
``ir.model.data._load_record`` like any record, so upgrade and noupdate work
the same way.
"""
import ast

from .xml_values import str2bool


def load_menuitem(loader, element, parent_id=None):
    """Create or update the ``ir.ui.menu`` of `element` and its nested menuitems.

    Attributes: id (required), name (defaults to the action's name, then the
    id), parent, action (xmlid of an action, stored as 'model,id'), sequence,
    groups ("g1,-g2": add g1, remove g2), web_icon, active.
    """
    local_id = loader.require(element, 'id')
    Menu = loader.model('ir.ui.menu')
    values = {'parent_id': False}
    if parent_id is not None:
        values['parent_id'] = parent_id
    elif element.get('parent'):
        values['parent_id'] = loader.ref(element.get('parent'))
    if element.get('sequence'):
        values['sequence'] = int(element.get('sequence'))
    for optional in ('web_icon', 'active'):
        if element.get(optional) is not None:
            if optional not in Menu._fields:
                raise ValueError("attribute %s is not supported: ir.ui.menu has no field '%s'"
                                 % (optional, optional))
            raw = element.get(optional)
            values[optional] = str2bool(raw, True) if optional == 'active' else raw
    name = element.get('name')
    if element.get('action'):
        action_model, action_id = loader.ref_model(element.get('action'))
        values['action'] = '%s,%d' % (action_model, action_id)
        if not name:
            name = loader.env[action_model].browse(action_id).name
    values['name'] = name or local_id
    groups = _group_commands(loader, element.get('groups'))
    if groups:
        values['groups_id'] = groups

    menu = loader.env['ir.model.data']._load_record(
        'ir.ui.menu', loader.xmlid(local_id), values, noupdate=loader.noupdate, mode=loader.mode)
    if menu is not None:
        loader.idref[local_id] = menu.id
    for child in element.iterchildren('menuitem'):
        with loader.located(child):
            load_menuitem(loader, child, parent_id=menu.id if menu is not None else None)
    return menu


def load_act_window(loader, element):
    """Create or update the ``ir.actions.act_window`` of `element` (OpenERP 5 shortcut).

    Attributes: id, name, res_model (required), view_mode (default
    'tree,form'), view_type, view_id, domain, context, target, limit, usage,
    src_model with key2 (an ``ir.values`` binding in that slot, default
    client_action_multi; menu="False" binds nothing), binding_model (Odoo's
    binding on the action itself), binding_type, binding_views. ``domain`` and ``context`` are kept as text, evaluated by the
    client, but must be valid Python expressions.
    """
    local_id = loader.require(element, 'id')
    name = loader.require(element, 'name')
    res_model = loader.require(element, 'res_model')
    loader.model(res_model)               # the action must open an existing model
    Action = loader.model('ir.actions.act_window')
    values = {
        'name': name,
        'res_model': res_model,
        'view_mode': element.get('view_mode') or 'tree,form',
    }
    for attribute in ('domain', 'context'):
        if element.get(attribute):
            text = element.get(attribute)
            # only the syntax: names like active_id exist in the client alone
            ast.parse(text.strip(), mode='eval')
            values[attribute] = text
    for attribute in ('target', 'view_type', 'usage'):
        if element.get(attribute):
            values[attribute] = element.get(attribute)
    if element.get('limit'):
        values['limit'] = int(element.get('limit'))
    if element.get('view_id'):
        values['view_id'] = loader.ref(element.get('view_id'))
    if element.get('src_model'):
        loader.model(element.get('src_model'))
        values['src_model'] = element.get('src_model')
    if element.get('binding_model'):
        # Odoo's name: the action shows in the Action menu of that model
        values['binding_model_id'] = _model_id(loader, element.get('binding_model'))
        for attribute in ('binding_type', 'binding_views'):
            if element.get(attribute):
                values[attribute.replace('binding_views', 'binding_view_types')] = element.get(attribute)
    values = _known_fields(Action, values, required=('name', 'res_model'))
    action = loader.env['ir.model.data']._load_record(
        'ir.actions.act_window', loader.xmlid(local_id), values, noupdate=loader.noupdate, mode=loader.mode)
    if action is not None:
        loader.idref[local_id] = action.id
        if element.get('src_model') and str2bool(element.get('menu'), True):
            _bind_in_ir_values(loader, local_id, element, action)
    return action


def _bind_in_ir_values(loader, local_id, element, action):
    """Bind `action` to its ``src_model`` in ``ir.values`` (OpenERP 5.0), in slot ``key2``.

    The binding gets the external id ``<id>_ir_values`` so that an upgrade
    updates it and removes it with the action.
    """
    if 'ir.values' not in loader.env.registry:
        return
    key2 = element.get('key2') or 'client_action_multi'
    values = {
        'name': action.name, 'key': 'action', 'key2': key2,
        'model': element.get('src_model'), 'res_id': 0,
        'value': 'ir.actions.act_window,%d' % action.id,
    }
    loader.env['ir.model.data']._load_record(
        'ir.values', loader.xmlid(local_id + '_ir_values'), values, noupdate=loader.noupdate, mode=loader.mode)


def _model_id(loader, model_name):
    """The id of the ``ir.model`` of `model_name` (which must exist)."""
    loader.model(model_name)
    model = loader.env['ir.model'].search([('model', '=', model_name)], limit=1)
    if not model:
        raise ValueError("model '%s' is not reflected in ir.model yet" % model_name)
    return model.id


def load_report(loader, element):
    """Create or update the ``ir.actions.report`` of `element` (OpenERP 5 / Odoo shortcut).

    Attributes: id, string (label), model, name (technical report name),
    rml / report_file / file (template), attachment, report_type, header,
    auto, multi, print_report_name, menu (default True: shown in the Print
    menu of the model through ``binding_model_id``). Needs an installed model ``ir.actions.report``.
    """
    local_id = loader.require(element, 'id')
    try:
        loader.env['ir.actions.report']
    except KeyError:
        raise ValueError("<report> needs the model 'ir.actions.report', which no installed addon "
                         "defines") from None
    Report = loader.env['ir.actions.report']
    model = loader.require(element, 'model')
    loader.model(model)
    values = {
        'name': loader.require(element, 'string'),
        'model': model,
        'report_name': loader.require(element, 'name'),
    }
    template = element.get('report_file') or element.get('file') or element.get('rml')
    if template:
        values['report_file'] = template
    for attribute in ('attachment', 'report_type', 'usage'):
        if element.get(attribute):
            values[attribute] = element.get(attribute)
    for attribute in ('header', 'auto', 'multi', 'attachment_use'):
        if element.get(attribute):
            values[attribute] = bool(loader.eval(element.get(attribute)))
    if element.get('rml') and 'report_type' not in values:
        values['report_type'] = 'pdf'
    for attribute in ('print_report_name',):
        if element.get(attribute):
            values[attribute] = element.get(attribute)
    if str2bool(element.get('menu'), True):
        # OpenERP 5 put a report in the Print menu of its model unless menu="False"
        values['binding_model_id'] = _model_id(loader, model)
        values['binding_type'] = 'report'
    groups = _group_commands(loader, element.get('groups'))
    if groups:
        values['groups_id'] = groups
    values = _known_fields(Report, values, required=('name', 'model', 'report_name'))
    report = loader.env['ir.model.data']._load_record(
        'ir.actions.report', loader.xmlid(local_id), values, noupdate=loader.noupdate, mode=loader.mode)
    if report is not None:
        loader.idref[local_id] = report.id
    return report


def _group_commands(loader, groups):
    """Return x2many commands for a ``groups="g1,-g2"`` attribute (link g1, unlink g2)."""
    commands = []
    for group in (groups or '').split(','):
        group = group.strip()
        if group.startswith('-'):
            commands.append((3, loader.ref(group[1:]), 0))
        elif group:
            commands.append((4, loader.ref(group), 0))
    return commands


def _known_fields(Model, values, required=()):
    """Keep the `values` whose field exists on `Model`; the `required` ones must exist."""
    for name in required:
        if name not in Model._fields:
            raise ValueError("model '%s' has no field '%s'" % (Model._name, name))
    return {name: value for name, value in values.items() if name in Model._fields}
