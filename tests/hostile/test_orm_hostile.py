"""The ORM facing hostile domains, orders, field lists, contexts and ids.

Each property draws input from `strategies` and calls the ORM as a
superuser in a rolled-back savepoint: the call returns, or is refused with
a `UserError` whose message is one sentence (see `verdict`). Where the
culprit is known, the message must name it.
"""
from hypothesis import given, settings, strategies as st

from tests.hostile import strategies as hs
from tests.hostile.verdict import outcome

HOSTILE = settings.get_profile('hostile')


@settings(HOSTILE)
@given(model=st.sampled_from(hs.MODELS), data=st.data())
def test_random_domains_are_answered_or_refused(hostile_env, model, data):
    domain = data.draw(hs.domains(model))
    outcome(hostile_env, lambda: hostile_env[model].search(domain, limit=5))
    outcome(hostile_env, lambda: hostile_env[model].search_count(domain))


@settings(HOSTILE)
@given(model=st.sampled_from(hs.MODELS), data=st.data())
def test_random_orders_are_answered_or_refused(hostile_env, model, data):
    order = data.draw(hs.orders(model))
    outcome(hostile_env, lambda: hostile_env[model].search([], order=order, limit=3))


@settings(HOSTILE)
@given(model=st.sampled_from(hs.MODELS), data=st.data())
def test_random_field_lists_are_answered_or_refused(hostile_env, model, data):
    fields = data.draw(hs.field_lists(model))
    outcome(hostile_env, lambda: hostile_env[model].search_read([], fields, limit=2))
    outcome(hostile_env, lambda: hostile_env[model].search([], limit=2).read(fields))


@settings(HOSTILE)
@given(model=st.sampled_from(hs.MODELS), context=hs.contexts(), data=st.data())
def test_random_contexts_are_answered_or_refused(hostile_env, model, context, data):
    domain = data.draw(st.sampled_from([[], [('name', 'ilike', 'a')], [('id', '>', 0)]]))

    def call():
        records = hostile_env[model].with_context(context)
        return records.search_read(domain, ['name', 'display_name'], limit=3)
    outcome(hostile_env, call)


@settings(HOSTILE)
@given(model=st.sampled_from(hs.MODELS), ids=hs.ids())
def test_random_ids_are_answered_or_refused(hostile_env, model, ids):
    outcome(hostile_env, lambda: hostile_env[model].browse(ids).read(['name']))
    outcome(hostile_env, lambda: hostile_env[model].browse(ids).exists().ids)


@settings(HOSTILE)
@given(limit=st.one_of(hs.scalars, st.integers()), offset=st.one_of(hs.scalars, st.integers()))
def test_random_limits_and_offsets_are_answered_or_refused(hostile_env, limit, offset):
    outcome(hostile_env, lambda: hostile_env['res.partner'].search([], offset=offset, limit=limit))
