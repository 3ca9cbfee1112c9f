"""Reference fields offer the models listed in res.request.link, by priority."""
from addons.base.models.res_request_link import referencable_models


def test_referencable_models_are_ordered_by_priority(env):
    links = env['res.request.link']
    links.create([
        {'name': 'Late one', 'object': 'res.company', 'priority': 99},
        {'name': 'Early one', 'object': 'res.users', 'priority': 1},
    ])
    models = referencable_models(env)
    assert models[0] == ('res.users', 'Early one')
    assert models[-1] == ('res.company', 'Late one')
    assert ('res.partner', 'Partner') in models


def test_partner_event_document_points_to_a_referencable_record(env):
    partner = env.ref('base.main_partner')
    field = env['res.partner.event']._fields['document']
    assert ('res.partner', 'Partner') in field.get_values(env)
    event = env['res.partner.event'].create([{
        'name': 'Called', 'partner_id': partner.id, 'document': f'res.partner,{partner.id}'}])
    assert event.document == partner
