"""The world of SPEC-crm §14 for the case-core tests: Support / Support L2, Alice, Bob, Agrolait.

``build_world(env)`` creates it in any environment (the rolled-back ``env``
or a committed database) and returns a :class:`World` with the records as
attributes. The demo data may already hold a section coded ``support``:
its code is taken away so that ours is the one the scenarios talk about.
"""
from types import SimpleNamespace

EVENT_KEYS = ('draft', 'open', 'pending', 'done', 'cancel')


def _ref(env, xmlid):
    return env.ref(xmlid, raise_if_not_found=False)


def _user(env, name, login, email, signature):
    """A CRM user with an address email and a signature."""
    partner = env['res.partner'].create({'name': name})
    address = env['res.partner.address'].create(
        {'partner_id': partner.id, 'name': name, 'email': email, 'type': 'contact'})
    groups = [g.id for g in (_ref(env, 'base.group_user'), _ref(env, 'crm.group_crm_user')) if g]
    return env['res.users'].create({
        'name': name, 'login': login, 'password': login + '-secret', 'partner_id': partner.id,
        'address_id': address.id, 'signature': signature, 'groups_id': [(6, 0, groups)],
    })


def enable_case_events(env):
    """Make sure the five ``crm_case_*`` partner event types exist and are active."""
    EventType = env['res.partner.event.type'].with_context(active_test=False)
    for key in EVENT_KEYS:
        types = EventType.search([('key', '=', 'crm_case_' + key)])
        if types:
            types.write({'active': True})
        else:
            EventType.create({'name': 'CRM: %s Case' % key, 'key': 'crm_case_' + key})
    if not env['res.request.link'].search([('object', '=', 'crm.case')]):
        env['res.request.link'].create({'name': 'Case', 'object': 'crm.case'})


def build_world(env):
    """Create the §14 set-up and return it as a namespace of records."""
    Section = env['crm.case.section'].with_context(active_test=False)
    Section.search([('code', '=', 'support')]).write({'code': False})
    alice = _user(env, 'Alice', 'alice', 'alice@co.com', 'Alice')
    bob = _user(env, 'Bob', 'bob', 'bob@co.com', 'Bob')
    support = Section.create({'name': 'Support', 'code': 'support', 'reply_to': 'support@co.com',
                              'user_id': alice.id})
    support_l2 = Section.create({'name': 'Support L2', 'parent_id': support.id, 'user_id': bob.id})
    agrolait = env['res.partner'].create({'name': 'Agrolait'})
    contact = env['res.partner.address'].create(
        {'partner_id': agrolait.id, 'name': 'Info', 'type': 'contact', 'email': 'info@agrolait.com'})
    enable_case_events(env)
    if 'crm.case.rule' in env:
        # the scenarios of the case core assume no rule (the demo may ship some)
        env['crm.case.rule'].search([]).write({'active': False})
    return SimpleNamespace(env=env, alice=alice, bob=bob, support=support, support_l2=support_l2,
                           agrolait=agrolait, contact=contact)


def new_case(world, user=None, **values):
    """Create a case "Printer broken" in Support as ``user`` (default Alice) and return it as that user."""
    user = user or world.alice
    values.setdefault('name', 'Printer broken')
    values.setdefault('section_id', world.support.id)
    return world.env['crm.case'].with_user(user).create(values)


def agrolait_case(world, user=None, **values):
    """A case of Agrolait with its contact and email, as ``user``."""
    values.setdefault('partner_id', world.agrolait.id)
    values.setdefault('partner_address_id', world.contact.id)
    values.setdefault('email_from', 'info@agrolait.com')
    return new_case(world, user, **values)


def partner_events(world, case):
    """The partner events of the case's partner that point to the case, oldest first."""
    events = world.env['res.partner.event'].search(
        [('partner_id', '=', world.agrolait.id), ('document', '=', 'crm.case,%d' % case.id)])
    return events.sorted('id')


def log_names(case):
    """The names of the case's log lines, oldest first."""
    return case.log_ids.sorted('id').mapped('name')
