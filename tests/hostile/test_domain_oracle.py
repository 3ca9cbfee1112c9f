"""A correctness oracle: a valid random domain finds the same records as Python evaluating it.

The rows of `test.orm.order` are read once with plain SQL; the domain is
evaluated over them in Python with Odoo's meaning of NULL (``= False`` is
"not set", ``!=`` and ``not in`` include unset values, comparisons with an
unset value are false) and must select exactly the ids `search` returns.
"""
import pytest
from hypothesis import given, settings, strategies as st

from tests.hostile.verdict import savepoint

FIELDS = ('id', 'priority', 'name', 'state', 'active', 'partner_id')
COMPARISONS = ('=', '!=', 'in', 'not in', '<', '>', '<=', '>=')


@pytest.fixture(scope='module')
def rows(hostile_env):
    """Some orders of our own next to the demo ones, and every row as a dict."""
    env = hostile_env
    partners = env['res.partner'].search([], limit=2).ids
    env['test.orm.order'].create([
        {'name': 'O%d' % n, 'priority': n % 4, 'state': 'done' if n % 3 else 'draft',
         'active': bool(n % 5), 'partner_id': partners[n % 2] if n % 4 else False}
        for n in range(12)])
    env.flush_all()
    env.cr.execute('SELECT %s FROM test_orm_order' % ', '.join(FIELDS))
    return [dict(zip(FIELDS, row)) for row in env.cr.fetchall()]


def leaf_values(rows, name):
    seen = sorted({r[name] for r in rows if r[name] is not None}, key=repr)
    kinds = {'priority': st.integers(-2, 4), 'id': st.integers(0, 10 ** 6), 'name': st.text(max_size=3),
             'state': st.sampled_from(['draft', 'done', 'other']), 'active': st.booleans(),
             'partner_id': st.integers(0, 5)}
    return st.one_of(st.sampled_from(seen), kinds[name], st.just(False))


def leaves(rows):
    def leaf(name):
        operators = ('=', '!=', 'in', 'not in') if name in ('name', 'state', 'active') else COMPARISONS
        one = leaf_values(rows, name)
        return st.sampled_from(operators).flatmap(lambda op: st.tuples(
            st.just(name), st.just(op), st.lists(one, max_size=3) if op.endswith('in') else one))
    return st.sampled_from(FIELDS).flatmap(leaf)


def domains(rows):
    """Well-formed prefix domains of up to five leaves."""
    return st.recursive(leaves(rows).map(lambda leaf: [leaf]), lambda inner: st.one_of(
        st.tuples(st.sampled_from(['&', '|']), inner, inner).map(lambda t: [t[0]] + t[1] + t[2]),
        inner.map(lambda d: ['!'] + d)), max_leaves=5)


def matches(row, leaf):
    name, operator, value = leaf
    actual = row[name]
    if operator in ('in', 'not in'):
        found = any(matches(row, (name, '=', v)) for v in value)
        return found if operator == 'in' else not found
    if operator == '!=':
        return not matches(row, (name, '=', value))
    if operator == '=':
        if value is False:
            return actual is None or actual is False
        return actual is not None and actual == value
    if actual is None or value is False:
        return False
    return {'<': actual < value, '>': actual > value, '<=': actual <= value, '>=': actual >= value}[operator]


def evaluate(row, domain):
    """Evaluate a prefix domain on one row: returns (truth, rest of the domain)."""
    head, rest = domain[0], domain[1:]
    if head == '!':
        truth, rest = evaluate(row, rest)
        return not truth, rest
    if head in ('&', '|'):
        left, rest = evaluate(row, rest)
        right, rest = evaluate(row, rest)
        return (left and right) if head == '&' else (left or right), rest
    return matches(row, head), rest


@settings(settings.get_profile('hostile'), max_examples=120)
@given(data=st.data())
def test_search_agrees_with_python(hostile_env, rows, data):
    domain = data.draw(domains(rows))
    expected = sorted(r['id'] for r in rows if evaluate(r, domain)[0])
    with savepoint(hostile_env):
        found = hostile_env['test.orm.order'].with_context(active_test=False).search(domain).ids
    assert sorted(found) == expected
