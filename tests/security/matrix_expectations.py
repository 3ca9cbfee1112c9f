"""What the access rules say, read from the addons' own files, not from the server.

The access matrix compares the server's answers with these expectations:
the ``ir.model.access.csv`` files of base and crm, parsed here with the
``csv`` module, and the group memberships the security XML declares,
written out below. Each RPC method needs some operations (``copy`` reads
then creates); a method is allowed when every operation it needs is.
"""
import csv
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACCESS_FILES = {'base': 'addons/base/security/ir.model.access.csv',
                'crm': 'addons/crm/security/ir.model.access.csv'}
OPERATIONS = ('read', 'write', 'create', 'unlink')

#: the models of the matrix: crm's own, and the base model crm extends (partner events)
MODELS = ('crm.case', 'crm.case.section', 'crm.case.categ', 'crm.case.rule', 'crm.case.log',
          'crm.case.history', 'crm.segmentation', 'crm.segmentation.line', 'crm.case.section.menu',
          'res.partner.event')

#: the group each test user is given, and every group it is then in, as crm_security.xml
#: and base_data.xml declare them (CRM Manager implies CRM User implies Employee)
USERS = {
    'manager': ('crm.group_crm_manager', {'crm.group_crm_manager', 'crm.group_crm_user', 'base.group_user'}),
    'user': ('crm.group_crm_user', {'crm.group_crm_user', 'base.group_user'}),
    'employee': ('base.group_user', {'base.group_user'}),
    'portal': ('base.group_portal', {'base.group_portal'}),
}

#: the operations each RPC method needs; the description methods need none: they show no record
NEEDS = {
    'search': ('read',), 'search_count': ('read',), 'search_read': ('read',), 'read': ('read',),
    'read_group': ('read',), 'name_search': ('read',), 'name_get': ('read',), 'export_data': ('read',),
    'fields_get': (), 'default_get': (), 'fields_view_get': (), 'get_views': (),
    'create': ('create',), 'write': ('write',), 'copy': ('read', 'create'),
    'case_open': ('read', 'write'), 'case_close': ('read', 'write'),
    'unlink': ('unlink',),
}

#: how an operation is worded in a refusal ("You are not allowed to modify …")
VERBS = {'read': 'read', 'write': 'modify', 'create': 'create', 'unlink': 'delete'}


def access_lines():
    """``[(model xml name, group xmlid or None, {operation: bool})]`` of every access CSV."""
    lines = []
    for module, path in ACCESS_FILES.items():
        with open(os.path.join(ROOT, path), newline='') as handle:
            for row in csv.DictReader(handle):
                model = row['model_id:id'].split('.')[-1]
                group = row['group_id:id'] or None
                if group and '.' not in group:
                    group = '%s.%s' % (module, group)
                lines.append((model, group, {op: row['perm_' + op] == '1' for op in OPERATIONS}))
    return lines


def model_xml_name(model):
    """``model_crm_case`` for ``crm.case``: how access lines name a model."""
    return 'model_' + model.replace('.', '_')


def allowed_operations(model, user, lines=None):
    """The operations `user` (a key of USERS) may do on `model` according to the CSV files."""
    groups = USERS[user][1]
    allowed = set()
    for line_model, group, perms in lines if lines is not None else access_lines():
        if line_model == model_xml_name(model) and (group is None or group in groups):
            allowed.update(op for op, granted in perms.items() if granted)
    return allowed


def refused_operations(method, allowed):
    """The operations `method` needs that are not in `allowed` (empty: the call must work)."""
    return [op for op in NEEDS[method] if op not in allowed]
