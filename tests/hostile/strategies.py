"""Hypothesis strategies for what a hostile or careless client sends.

Domains, orders, field lists, contexts and ids, each mixing the real
thing (fields of `crm.case`, `res.partner` and `test.orm.order` with
valid operators) with garbage: wrong shapes, unknown names, values of the
wrong type, SQL written into names. The ORM and the RPC tests draw from
the same strategies, so both layers face the same input.
"""
from hypothesis import strategies as st

from framework.orm.domain import TERM_OPERATORS

#: real fields of the models under attack, by model (stored, unstored and relational ones)
FIELDS = {
    'crm.case': ['id', 'name', 'priority', 'active', 'description', 'section_id', 'categ_id',
                 'planned_revenue', 'probability', 'email_from', 'email_last', 'partner_id',
                 'date', 'date_deadline', 'user_id', 'history_line', 'log_ids', 'state', 'ref',
                 'create_date', 'display_name'],
    'res.partner': ['id', 'name', 'ref', 'title', 'lang', 'tz', 'date', 'website', 'comment',
                    'active', 'customer', 'supplier', 'user_id', 'category_id', 'address',
                    'parent_id', 'child_ids', 'vat', 'credit_limit', 'display_name'],
    'test.orm.order': ['id', 'name', 'partner_id', 'partner_name', 'date', 'moment', 'state',
                       'priority', 'note', 'active', 'ref', 'data', 'line_ids', 'tag_ids',
                       'amount_total', 'line_count', 'total_doubled'],
}
MODELS = sorted(FIELDS)

#: names written by someone trying to get SQL into a query
INJECTIONS = [
    'id; drop table res_partner', 'name desc, (select 1)', '"name"', 'name"', "name'",
    'id desc; --', '(select id from res_users)', 'name collate "C"', 'id + 1', '1', 'id,',
    'name desc desc', 'name nulls', 'name asc nulls middle', 'id asc, , name', 'pg_sleep(1)',
    'res_partner.id', 'name::text', 'name -- comment', '*', 'id\x00', 'ñame', 'name\ndesc',
    'a' * 300,
]

GARBAGE_OPERATORS = ['==', 'LIKE ', 'in (', 'drop', '', ' =', 'not', '=!', '!', '&', 'ilike;', 'is']

_text = st.text(max_size=20)
_big_int = st.sampled_from([2 ** 31, -2 ** 31 - 1, 2 ** 63, -2 ** 63 - 1, 2 ** 70, 10 ** 30])
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 50), _big_int,
    st.floats(allow_nan=True, allow_infinity=True), _text,
    st.sampled_from(['2026-01-10', '2026-01-10 10:00:00', 'not a date', '2026-13-45', '1',
                     "'; drop table res_partner; --", '%', '_', '\x00', 'draft', '3']),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(st.text(max_size=5), inner, max_size=2)),
    max_leaves=8,
)


def field_names(model):
    """A real field name of `model`."""
    return st.sampled_from(FIELDS[model])


def paths(model):
    """The left side of a leaf: a field, a dotted path (sensible or not), or something else."""
    real = field_names(model)
    return st.one_of(
        real, real, real,
        st.tuples(real, st.sampled_from(['name', 'id', 'active', 'nope', 'name.id', ''])).map('.'.join),
        st.sampled_from(['nope', 'name.', '.name', 'name..id', '', 'id id', 'name; --']),
        st.sampled_from(INJECTIONS),
        st.integers(), st.none(), st.lists(real, max_size=2),
    )


def operators():
    return st.one_of(st.sampled_from(TERM_OPERATORS), st.sampled_from(TERM_OPERATORS),
                     st.sampled_from(GARBAGE_OPERATORS), st.integers(0, 2), st.none())


def leaves(model):
    """A term ``(path, operator, value)``, as a tuple or a list."""
    leaf = st.tuples(paths(model), operators(), values)
    return st.one_of(leaf, leaf.map(list))


def malformed_elements(model):
    """Domain elements that are not leaves nor operators."""
    return st.one_of(
        st.tuples(paths(model), operators()), st.tuples(paths(model), operators(), values, values),
        st.just(()), st.just([]), st.integers(), st.none(), st.text(max_size=5),
        st.dictionaries(st.text(max_size=3), scalars, max_size=2),
        st.lists(st.lists(scalars, max_size=3), max_size=3),
    )


def domains(model):
    """A domain: mostly well-formed lists, sometimes garbage (or not a list at all)."""
    element = st.one_of(leaves(model), leaves(model), leaves(model),
                        st.sampled_from(['&', '|', '!']), malformed_elements(model))
    domain = st.lists(element, max_size=6)
    return st.one_of(domain, domain, domain, domain.map(tuple), values,
                     st.just('[("name", "=", "x")]'))


def orders(model):
    """An ``order`` string: real terms with directions, or garbage."""
    term = st.one_of(
        st.tuples(field_names(model), st.sampled_from(['', ' asc', ' DESC', ' desc nulls first',
                                                       ' asc NULLS LAST', ' nulls last'])).map(''.join),
        st.sampled_from(INJECTIONS), _text,
    )
    joined = st.lists(term, min_size=1, max_size=3).map(', '.join)
    return st.one_of(joined, joined, st.none(), st.just(''), st.integers(), st.lists(term, max_size=2))


def field_lists(model):
    """The ``fields`` argument of read/search_read."""
    name = st.one_of(field_names(model), field_names(model), st.sampled_from(INJECTIONS),
                     _text, st.integers(), st.none())
    return st.one_of(st.lists(name, max_size=5), st.lists(field_names(model), max_size=4),
                     st.none(), st.just('name'), st.integers(), st.dictionaries(_text, _text, max_size=2))


def contexts():
    """A context: lang, tz and active_test with any type, plus noise."""
    return st.one_of(
        st.fixed_dictionaries({}, optional={
            'lang': st.one_of(st.sampled_from(['en_US', 'fr_FR', 'xx_XX', '', "'; --", 'en_US\x00']),
                              scalars, st.lists(scalars, max_size=2)),
            'tz': st.one_of(st.sampled_from(['Europe/Brussels', 'Mars/Olympus', '', 'UTC']), scalars),
            'active_test': st.one_of(scalars, st.lists(scalars, max_size=2)),
            'uid': scalars,
        }),
        st.dictionaries(_text, scalars, max_size=3),
    )


def ids():
    """What a client may pass as record ids."""
    one = st.one_of(st.integers(-3, 60), _big_int, st.floats(), st.text(max_size=6),
                    st.none(), st.booleans(), st.sampled_from(['1', '007', '-1', '1e3', '']))
    return st.one_of(one, st.lists(one, max_size=5), st.lists(st.lists(one, max_size=2), max_size=2),
                     st.dictionaries(_text, one, max_size=2))
