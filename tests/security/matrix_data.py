"""The records of the access matrix, made once per test module by the superuser, committed.

Four users (one per key of ``USERS``, password ``PASSWORD``); for every
model of the matrix and every user, a record of its own that the user's
calls read, write, copy and delete (so that the cells do not depend on
each other's order); and, for the record-rule tests, two sections, the
"secret" one hidden from CRM users by a rule, with two cases each and an
attachment on one case of each.
"""
from addons.base.password import hash_password

from .matrix_expectations import MODELS, USERS

PASSWORD = 'matrix pw'
#: the prefix of the names of the cases the record-rule tests look at
PIPELINE = 'Pipeline'


def record_values(model, label, refs):
    """Values that create a record of `model` named after `label`, using the shared records `refs`."""
    name = 'Matrix %s %s' % (model, label)
    return {
        'crm.case': {'name': name, 'section_id': refs['open_section']},
        'crm.case.section': {'name': name},
        'crm.case.categ': {'name': name, 'section_id': refs['open_section'], 'probability': 10.0},
        'crm.case.rule': {'name': name},
        'crm.case.log': {'name': name, 'case_id': refs['anchor_case']},
        'crm.case.history': {'name': name, 'case_id': refs['anchor_case'], 'description': name},
        'crm.segmentation': {'name': name, 'categ_id': refs['partner_category']},
        'crm.segmentation.line': {'name': name, 'segmentation_id': refs['segmentation'], 'expr_value': 1.0},
        'crm.case.section.menu': {'menu_name': name, 'menu_parent_id': refs['menu'],
                                  'section_id': refs['open_section']},
        'res.partner.event': {'name': name},
    }[model]


def write_values(model):
    """A harmless change to a record of `model`."""
    return {'crm.case.section.menu': {'menu_name': 'Renamed by the matrix'},
            'crm.case.history': {'description': 'Rewritten by the matrix'}}.get(model, {'name': 'Renamed by the matrix'})


def build(env):
    """Make the users and records; return ``{'users': {key: uid}, 'targets': {(model, key): id}, ...}``."""
    users = {}
    for key, (group, _groups) in USERS.items():
        login = 'matrix_%s' % key
        users[key] = env['res.users'].create({
            'name': 'Matrix %s' % key.title(), 'login': login,
            'password': hash_password(PASSWORD, rounds=1000),
            'groups_id': [(6, 0, [env.ref(group).id])]}).id
    Section, Case = env['crm.case.section'], env['crm.case']
    open_section = Section.create({'name': 'Matrix Open Section', 'code': 'MOPEN'})
    secret_section = Section.create({'name': 'Matrix Secret Section', 'code': 'MSECRET'})
    refs = {
        'open_section': open_section.id,
        'secret_section': secret_section.id,
        'anchor_case': Case.create({'name': 'Matrix anchor case', 'section_id': open_section.id}).id,
        'partner_category': env['res.partner.category'].create({'name': 'Matrix category'}).id,
        'menu': env['ir.ui.menu'].search([], limit=1).id,
    }
    refs['segmentation'] = env['crm.segmentation'].create(
        {'name': 'Matrix segmentation', 'categ_id': refs['partner_category']}).id
    targets = {}
    for model in MODELS:
        for key in USERS:
            targets[(model, key)] = env[model].create(record_values(model, 'of ' + key, refs)).id
    # the record rule of the tests: CRM users do not see the cases of the secret section,
    # CRM managers see every case (group rules are OR-ed, and managers are CRM users too)
    case_model = env['ir.model'].search([('model', '=', 'crm.case')]).id
    env['ir.rule'].create([
        {'name': 'Matrix: CRM users see no secret case', 'model_id': case_model,
         'domain_force': "[('section_id', '!=', %d)]" % secret_section.id,
         'groups': [(6, 0, [env.ref('crm.group_crm_user').id])]},
        {'name': 'Matrix: CRM managers see every case', 'model_id': case_model,
         'domain_force': "[(1, '=', 1)]",
         'groups': [(6, 0, [env.ref('crm.group_crm_manager').id])]},
    ])
    cases = {}
    for section, label in ((open_section, 'visible'), (secret_section, 'secret')):
        cases[label] = Case.create([
            {'name': '%s %s %d' % (PIPELINE, label, number), 'section_id': section.id,
             'planned_revenue': 1000.0 * number, 'probability': 20.0 * number}
            for number in (1, 2)]).ids
    Attachment = env['ir.attachment']
    attachments = {
        'visible': Attachment.create({'name': 'visible.txt', 'raw': b'visible file',
                                      'res_model': 'crm.case', 'res_id': cases['visible'][0]}).id,
        'secret': Attachment.create({'name': 'secret.txt', 'raw': b'secret file',
                                     'res_model': 'crm.case', 'res_id': cases['secret'][0]}).id,
        'loose': Attachment.create({'name': 'loose.txt', 'raw': b'attached to nothing'}).id,
    }
    return {'users': users, 'refs': refs, 'targets': targets, 'cases': cases, 'attachments': attachments}
