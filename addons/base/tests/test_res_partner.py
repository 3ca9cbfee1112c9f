"""Partners and their contact addresses, as OpenERP 5.0 users know them."""


def _partner_with(env, *address_types):
    """Create a partner with one contact per type given, in that order."""
    partner = env['res.partner'].create([{'name': 'Agrolait Test'}])
    addresses = env['res.partner.address'].create([
        {'partner_id': partner.id, 'type': kind, 'name': f'{kind} contact'} for kind in address_types
    ])
    return partner, addresses


def test_address_get_picks_each_requested_type(env):
    partner, (default, invoice, contact) = _partner_with(env, 'default', 'invoice', 'contact')
    result = partner.address_get(['invoice', 'contact', 'delivery'])
    assert result == {'invoice': invoice.id, 'contact': contact.id, 'delivery': default.id}


def test_address_get_defaults_to_the_default_address(env):
    partner, (invoice, default) = _partner_with(env, 'invoice', 'default')
    assert partner.address_get() == {'default': default.id}


def test_address_get_first_of_a_type_wins(env):
    partner, (first, second) = _partner_with(env, 'contact', 'contact')
    assert partner.address_get(['contact'])['contact'] == first.id


def test_address_get_without_default_falls_back_to_first_address(env):
    partner, (invoice, contact) = _partner_with(env, 'invoice', 'contact')
    assert partner.address_get(['delivery']) == {'delivery': invoice.id}


def test_address_get_without_addresses_gives_false(env):
    partner = env['res.partner'].create([{'name': 'Nobody Yet'}])
    assert partner.address_get(['default', 'contact']) == {'default': False, 'contact': False}


def test_contact_is_displayed_with_its_partner(env):
    partner, (contact,) = _partner_with(env, 'contact')
    contact.name = 'Sylvie Lelitre'
    assert contact.display_name == 'Agrolait Test, Sylvie Lelitre'
    alone = env['res.partner.address'].create([{'name': 'Walk-in'}])
    assert alone.display_name == 'Walk-in'


def test_deleting_a_partner_deletes_its_contacts(env):
    partner, addresses = _partner_with(env, 'default', 'contact')
    partner.unlink()
    assert not addresses.exists()


def test_partner_history_lists_its_events(env):
    partner = env['res.partner'].create([{'name': 'Camptocamp Test'}])
    happy = env['res.partner.som'].create([{'name': 'Happy test', 'factor': 0.75}])
    env['res.partner.event'].create([
        {'name': 'Phone call', 'partner_id': partner.id, 'som': happy.id,
         'date': '2009-01-05 10:00:00'},
        {'name': 'Meeting', 'partner_id': partner.id, 'date': '2009-02-01 09:00:00'},
    ])
    assert partner.events.mapped('name') == ['Meeting', 'Phone call']  # newest first
    assert partner.events[1].som.factor == 0.75


def test_event_type_check_sees_only_active_switches(env):
    types = env['res.partner.event.type']
    switch = types.create([{'name': 'Test switch', 'key': 'test_switch_open'}])
    assert types.check('test_switch_open') == [switch.id]
    switch.active = False
    assert not types.check('test_switch_open')


def test_demo_agrolait_has_its_contact(env):
    agrolait = env.ref('base.res_partner_agrolait')
    contact_id = agrolait.address_get(['contact'])['contact']
    assert env['res.partner.address'].browse(contact_id).email == 'info@agrolait.com'
