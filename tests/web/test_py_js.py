"""The browser's Python expression evaluator (views/static/js/py.js) and date helpers (dates.js).

Both modules run in a real headless Chromium: one browser for the module,
views/static served by a small HTTP server, the page's clock fixed at
2024-03-15 23:30:45 UTC (already 2024-03-16 00:30:45 in Brussels, the
browser's zone) so that "today" is known and local.
"""
import datetime
import functools
import http.server
import os
import re

import pytest

from tests.serving import served

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
STATIC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                      'views', 'static')
NOW = datetime.datetime(2024, 3, 15, 23, 30, 45, tzinfo=datetime.timezone.utc)

pytestmark = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                                reason=f'the py.js tests run in Chromium, which is not at {CHROMIUM}')


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """views/static as files; modules must come as JavaScript or the browser refuses them."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, '.js': 'text/javascript'}

    def log_message(self, *args):
        pass


@pytest.fixture(scope='module')
def static_url():
    """Base URL of a threaded HTTP server serving views/static (stopped at the end)."""
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(StaticHandler, directory=STATIC))
    with served(httpd=httpd) as url:
        yield url


@pytest.fixture(scope='module')
def py_page(static_url):
    """One page in Europe/Brussels with a fixed clock, on the static server."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(locale='en-US', timezone_id='Europe/Brussels')
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        page.goto(f'{static_url}/')
        yield page
        browser.close()


class JsError(Exception):
    """An exception thrown by the module, as `name: message`."""


RUN = """async ([module, fn, args]) => {
    const py = await import('/js/py.js');
    const m = await import(module);
    try {
        return {ok: true, value: py.fromPyValue(m[fn](...args))};
    } catch (e) {
        return {ok: false, error: `${e.name}: ${e.message}`};
    }
}"""


def call(page, fn, *args, module='/js/py.js'):
    """`fn(*args)` of the module in the page; its result as JSON, or JsError."""
    result = page.evaluate(RUN, [module, fn, list(args)])
    if not result['ok']:
        raise JsError(result['error'])
    return result['value']


def evaluate(page, expr, context=None):
    return call(page, 'evaluate', expr, context or {})


# ----------------------------------------------------------------- evaluate

@pytest.mark.parametrize('expr, context, expected', [
    # literals
    ('42', {}, 42),
    ('1.5', {}, 1.5),
    ('.5e1', {}, 5),
    ("'it\\'s'", {}, "it's"),
    ('"say \\"hi\\"\\n"', {}, 'say "hi"\n'),
    ("u'caf\\xe9 \\u00e0'", {}, 'café à'),
    ("r'a\\n'", {}, 'a\\n'),
    ("'con' 'cat'", {}, 'concat'),
    ('True', {}, True),
    ('False', {}, False),
    ('None', {}, None),
    # containers
    ('(1, 2)', {}, [1, 2]),
    ('(1,)', {}, [1]),
    ('()', {}, []),
    ('(3)', {}, 3),
    ("[1, 'a', None, [2]]", {}, [1, 'a', None, [2]]),
    ("{'a': 1, 'b': (2, 3),}", {}, {'a': 1, 'b': [2, 3]}),
    ('{}', {}, {}),
    ('1, 2', {}, [1, 2]),
    # names
    ('uid', {'uid': 7}, 7),
    ('active_id', {'active_id': None}, None),
    # and / or / not return operands with Python truthiness
    ("[] or 'x'", {}, 'x'),
    ("'' or {}", {}, {}),
    ('0 and 5', {}, 0),
    ('1 and 5', {}, 5),
    ("None or 0 or ''", {}, ''),
    ('not []', {}, True),
    ("not {'a': 1}", {}, False),
    ("not ''", {}, True),
    ('not 0.0', {}, True),
    ('not x', {'x': [0]}, False),
    # comparisons
    ('1 < 2 < 3', {}, True),
    ('1 < 3 < 2', {}, False),
    ('3 > 2 >= 2', {}, True),
    ('1 == 1.0 != 2', {}, True),
    ('[1, [2, 3]] == [1, [2, 3]]', {}, True),
    ('[1, 2] != [1, 3]', {}, True),
    ('x == [1, 2]', {'x': [1, 2]}, True),
    ("{'a': [1]} == {'a': [1]}", {}, True),
    ('True == 1', {}, True),
    ("'2024-01-05' < '2024-02-01'", {}, True),
    ("'b' > 'abc'", {}, True),
    ('[1, 2] < [1, 3]', {}, True),
    ('1 <> 2', {}, True),
    # membership and identity
    ("'a' in ['a', 'b']", {}, True),
    ("'c' not in ('a', 'b')", {}, True),
    ("'ell' in 'hello'", {}, True),
    ("'k' in {'k': 1}", {}, True),
    ('[1, 2] in [[1, 2]]', {}, True),
    ("state in ('draft', 'open')", {'state': 'open'}, True),
    ('x is None', {'x': None}, True),
    ('x is not None', {'x': False}, True),
    ('False is False', {}, True),
    # arithmetic
    ('1 + 2 * 3', {}, 7),
    ('(1 + 2) * 3', {}, 9),
    ('10 - 2 - 3', {}, 5),
    ('7 / 2', {}, 3.5),
    ('7 // 2', {}, 3),
    ('-7 // 2', {}, -4),
    ('-7 % 3', {}, 2),
    ('7 % -3', {}, -2),
    ('2 ** 3 ** 2', {}, 512),
    ('-2 ** 2', {}, -4),
    ('- x', {'x': 3}, -3),
    ('True + True', {}, 2),
    ("'ab' + 'cd'", {}, 'abcd'),
    ("'ab' * 2", {}, 'abab'),
    ('[1] + [2]', {}, [1, 2]),
    ("'%s-%03d' % ('a', 7)", {}, 'a-007'),
    ("'%(n)s!' % {'n': 'hi'}", {}, 'hi!'),
    # conditional expression
    ("'y' if x else 'n'", {'x': []}, 'n'),
    ('1 if False else 2 if True else 3', {}, 2),
    # attribute and item access, calls
    ('record.name', {'record': {'name': 'A'}}, 'A'),
    ('parent.partner_id', {'parent': {'partner_id': 4}}, 4),
    ("d['k']", {'d': {'k': [1]}}, [1]),
    ('l[-1]', {'l': [1, 2, 3]}, 3),
    ('l[1:]', {'l': [1, 2, 3]}, [2, 3]),
    ("'abc'[1]", {}, 'b'),
    ("context.get('a', 5)", {'context': {}}, 5),
    ("context.get('lang')", {'context': {'lang': 'fr_BE'}}, 'fr_BE'),
    ("context.get('missing')", {'context': {}}, None),
    ("dict(a=1, b='x')", {}, {'a': 1, 'b': 'x'}),
    ("'a,b'.split(',')", {}, ['a', 'b']),
    ("name.startswith('Ag')", {'name': 'Agrolait'}, True),
    # builtins
    ('str(5)', {}, '5'),
    ('str(None)', {}, 'None'),
    ("str([1, 'a', True])", {}, "[1, 'a', True]"),
    ("int('42')", {}, 42),
    ('int(3.9)', {}, 3),
    ("float('2.5')", {}, 2.5),
    ('bool([])', {}, False),
    ("bool('x')", {}, True),
    ('len([1, 2, 3])', {}, 3),
    ("len('héllo')", {}, 5),
    ("len({'a': 1})", {}, 1),
    ('abs(-3)', {}, 3),
    ('max(1, 5, 3)', {}, 5),
    ('min([4, 2])', {}, 2),
])
def test_evaluate(py_page, expr, context, expected):
    assert evaluate(py_page, expr, context) == expected


@pytest.mark.parametrize('expr, expected', [
    ('current_date', '2024-03-16'),
    ("context_today().strftime('%Y-%m-%d')", '2024-03-16'),
    ('context_today().year', 2024),
    ("time.strftime('%Y-%m-%d %H:%M:%S')", '2024-03-16 00:30:45'),
    ("time.strftime('%Y-%m-01')", '2024-03-01'),
    ('datetime.date.today().isoformat()', '2024-03-16'),
    ("datetime.datetime.now().strftime('%H:%M')", '00:30'),
    ('datetime.datetime.now()', '2024-03-16 00:30:45'),
    ('context_today()', '2024-03-16'),
    ("(context_today() + relativedelta(months=1)).strftime('%Y-%m-%d')", '2024-04-16'),
    ("(context_today() - datetime.timedelta(days=7)).strftime('%Y-%m-%d')", '2024-03-09'),
    ("(datetime.date.today() + relativedelta(days=-30)).strftime('%Y-%m-%d')", '2024-02-15'),
    ('(datetime.date(2024, 1, 31) + relativedelta(months=1)).isoformat()', '2024-02-29'),
    ('(datetime.date(2024, 3, 15) + relativedelta(day=1, months=-1)).isoformat()', '2024-02-01'),
    ('(datetime.date(2024, 3, 15) + relativedelta(weeks=2, days=1)).isoformat()', '2024-03-30'),
    ('(datetime.date(2024, 3, 15) + relativedelta(years=1, month=12, day=31)).isoformat()', '2025-12-31'),
    ('(datetime.date(2024, 3, 15) - relativedelta(days=15)).isoformat()', '2024-02-29'),
    ('(datetime.date(2024, 3, 15) + relativedelta(weekday=0)).isoformat()', '2024-03-18'),
    ('(datetime.date(2023, 12, 15) + relativedelta(months=2, years=-1)).isoformat()', '2023-02-15'),
    ('datetime.datetime(2024, 3, 15, 23, 0, 0) + relativedelta(hours=2)', '2024-03-16 01:00:00'),
    ('datetime.date(2024, 3, 15) < datetime.date(2024, 3, 16)', True),
    ('datetime.date(2024, 3, 15) == datetime.date(2024, 3, 15)', True),
    ('(datetime.date(2024, 3, 1) - datetime.date(2024, 2, 1)).days', 29),
    ("datetime.date(2024, 3, 5).strftime('%d/%m/%y')", '05/03/24'),
    ('str(datetime.date(2024, 3, 5))', '2024-03-05'),
    ("(context_today() + relativedelta(months=1)).strftime('%Y-%m-%d') > current_date", True),
])
def test_dates_in_expressions(py_page, expr, expected):
    """Today is the browser's local day: 2024-03-16 in Brussels while it is still the 15th in UTC."""
    assert evaluate(py_page, expr) == expected


@pytest.mark.parametrize('expr, context, message', [
    ('foo', {}, "NameError: name 'foo' is not defined (in expression: foo)"),
    ("state == 'done' and partner", {'state': 'done'}, "name 'partner' is not defined"),
    ('1 +', {}, 'SyntaxError: expected a value, found the end of the expression at position 3'),
    ('(1, 2', {}, "expected ')', found the end of the expression"),
    ("'abc", {}, 'unterminated string at position 0'),
    ('a $ b', {}, "unexpected character '$' at position 2"),
    ('a b', {}, "unexpected token, found 'b' at position 2"),
    ('', {}, 'empty expression'),
    ('[x for x in y]', {}, 'list comprehensions are not supported'),
    ('1 / 0', {}, 'ZeroDivisionError: division by zero'),
    ("'a' + 1", {}, 'TypeError: can only concatenate str (not "int") to str'),
    ('x.y', {'x': None}, "AttributeError: 'NoneType' object has no attribute 'y'"),
    ("{'a': 1}['b']", {}, "KeyError: 'b'"),
    ('date_deadline < current_date', {'date_deadline': False},
     "TypeError: '<' not supported between instances of 'bool' and 'str'"),
    ("int('x1')", {}, "ValueError: invalid literal for int() with base 10: 'x1'"),
    ('relativedelta(fortnights=1)', {}, "unexpected keyword argument 'fortnights'"),
    ('datetime.date(2024, 2, 30)', {}, 'day is out of range for month'),
    ('len(5)', {}, "object of type 'int' has no len()"),
    ('x()', {'x': 'text'}, "'str' object is not callable"),
])
def test_errors_name_the_problem(py_page, expr, context, message):
    with pytest.raises(JsError, match=re.escape(message)):
        evaluate(py_page, expr, context)


def test_parsed_expressions_are_cached(py_page):
    assert py_page.evaluate("""async () => {
        const py = await import('/js/py.js');
        return py.parseExpr("state == 'done'") === py.parseExpr("state == 'done'");
    }""") is True


def test_no_javascript_eval():
    """Archs come from the database: the evaluator must never hand their text to the JS engine."""
    package = os.path.join(STATIC, 'js', 'py')
    paths = [os.path.join(STATIC, 'js', 'py.js')] + sorted(
        os.path.join(package, name) for name in os.listdir(package) if name.endswith('.js'))
    assert len(paths) > 1
    for path in paths:
        with open(path, encoding='utf-8') as f:
            source = f.read()
        assert not re.search(r'\beval\s*\(|\bFunction\s*\(|setTimeout\s*\(\s*["\'`]', source), path


# --------------------------------------------------------- domains, contexts

@pytest.mark.parametrize('domain, context, expected', [
    ("[('user_id', '=', uid), ('date', '<=', time.strftime('%Y-%m-%d'))]", {'uid': 3},
     [['user_id', '=', 3], ['date', '<=', '2024-03-16']]),
    ("['|', ('state', 'in', ('draft', 'open')), ('user_id', '=', False)]", {},
     ['|', ['state', 'in', ['draft', 'open']], ['user_id', '=', False]]),
    ("[('create_date', '>=', datetime.datetime(2024, 1, 1, 0, 0, 0))]", {},
     [['create_date', '>=', '2024-01-01 00:00:00']]),
    ("[('date', '>=', (context_today() - relativedelta(weeks=1)).strftime('%Y-%m-%d'))]", {},
     [['date', '>=', '2024-03-09']]),
    ("[('section_id', '=', context.get('section_id', False))]", {'context': {'section_id': 2}},
     [['section_id', '=', 2]]),
    ([['name', '=', 'uid'], ['x', 'in', [1, 2]]], {}, [['name', '=', 'uid'], ['x', 'in', [1, 2]]]),
    ('', {}, []),
    ('[]', {}, []),
])
def test_eval_domain(py_page, domain, context, expected):
    assert call(py_page, 'evalDomain', domain, context) == expected


@pytest.mark.parametrize('ctx, context, expected', [
    ("{'default_user_id': uid, 'search_default_open': 1}", {'uid': 5},
     {'default_user_id': 5, 'search_default_open': 1}),
    ("{'default_date': current_date, 'group_by': ['state']}", {},
     {'default_date': '2024-03-16', 'group_by': ['state']}),
    ({'lang': 'fr_BE', 'active_ids': [1, 2]}, {}, {'lang': 'fr_BE', 'active_ids': [1, 2]}),
    ('', {}, {}),
    (None, {}, {}),
])
def test_eval_context(py_page, ctx, context, expected):
    assert call(py_page, 'evalContext', ctx, context) == expected


def test_domain_and_context_must_have_the_right_shape(py_page):
    with pytest.raises(JsError, match=re.escape("a domain must be a list, not dict: {'a': 1}")):
        call(py_page, 'evalDomain', "{'a': 1}", {})
    with pytest.raises(JsError, match=re.escape("a context must be a dict, not list: [1]")):
        call(py_page, 'evalContext', '[1]', {})


# ------------------------------------------------------------------ colours

CRM_COLORS = "red:date_deadline and (date_deadline<current_date) and state=='open';grey:state in ('cancel','done')"


@pytest.mark.parametrize('record, colour', [
    ({'date_deadline': '2024-03-01', 'state': 'open'}, 'red'),
    ({'date_deadline': False, 'state': 'open'}, None),
    ({'date_deadline': '2024-03-16', 'state': 'open'}, None),
    ({'date_deadline': '2024-04-01', 'state': 'open'}, None),
    ({'date_deadline': '2024-03-01', 'state': 'pending'}, None),
    ({'date_deadline': '2024-03-01', 'state': 'done'}, 'grey'),
    ({'date_deadline': None, 'state': 'cancel'}, 'grey'),
])
def test_eval_colors_crm(py_page, record, colour):
    """The CRM case list of OpenERP 5.0: overdue open cases in red, closed ones in grey."""
    assert call(py_page, 'evalColors', CRM_COLORS, record) == colour


def test_eval_colors_compares_many2one_by_id(py_page):
    assert call(py_page, 'evalColors', 'blue:user_id==uid', {'user_id': [1, 'Administrator']}, {'uid': 1}) == 'blue'
    assert call(py_page, 'evalColors', 'blue:user_id==uid', {'user_id': [2, 'Demo']}, {'uid': 1}) is None


def test_eval_colors_names_an_unknown_field(py_page):
    with pytest.raises(JsError, match="name 'priority' is not defined"):
        call(py_page, 'evalColors', "red:priority=='1'", {'state': 'open'})


# -------------------------------------------------------- attrs and domains

ATTRS = ("{'invisible': [('state', '=', 'done')], 'readonly': [('state', 'in', ['done', 'cancel'])],"
         " 'required': ['|', ('type', '=', 'opportunity'), ('partner_id', '!=', False)]}")


@pytest.mark.parametrize('record, expected', [
    ({'state': 'draft', 'type': 'lead', 'partner_id': False},
     {'invisible': False, 'readonly': False, 'required': False}),
    ({'state': 'done', 'type': 'lead', 'partner_id': [3, 'Agrolait']},
     {'invisible': True, 'readonly': True, 'required': True}),
    ({'state': 'cancel', 'type': 'opportunity', 'partner_id': None},
     {'invisible': False, 'readonly': True, 'required': True}),
])
def test_eval_attrs(py_page, record, expected):
    assert call(py_page, 'evalAttrs', ATTRS, record) == expected


def test_eval_attrs_defaults_and_values_from_the_record(py_page):
    assert call(py_page, 'evalAttrs', '', {}) == {'invisible': False, 'readonly': False, 'required': False}
    attrs = "{'readonly': [('user_id', '!=', uid)]}"
    assert call(py_page, 'evalAttrs', attrs, {'user_id': [1, 'Admin']}, {'uid': 1})['readonly'] is False
    assert call(py_page, 'evalAttrs', attrs, {'user_id': [2, 'Demo']}, {'uid': 1})['readonly'] is True


RECORD = {'state': 'open', 'name': 'Agrolait Bid', 'amount': 150.0, 'priority': '2',
          'partner_id': [3, 'Agrolait'], 'user_id': 1, 'section_id': False, 'categ_ids': [4, 5],
          'tag_ids': [], 'date': '2024-03-01'}


@pytest.mark.parametrize('domain, expected', [
    ([], True),
    ([('state', '=', 'open')], True),
    ([('state', '!=', 'open')], False),
    ([('state', '<>', 'open')], False),
    ([('amount', '>', 100)], True),
    ([('amount', '<=', 100)], False),
    ([('date', '<', '2024-03-16')], True),
    ([('date', '>=', '2024-03-02')], False),
    ([('section_id', '>', 0)], False),
    ([('state', 'in', ['draft', 'open'])], True),
    ([('state', 'not in', ['draft', 'open'])], False),
    ([('partner_id', '=', 3)], True),
    ([('partner_id', '=', [3, 'Agrolait'])], True),
    ([('partner_id', 'in', [2, 3])], True),
    ([('partner_id', '!=', False)], True),
    ([('section_id', '=', False)], True),
    ([('section_id', 'in', [False])], True),
    ([('user_id', '=', 1)], True),
    ([('categ_ids', '=', 5)], True),
    ([('categ_ids', 'in', [6, 4])], True),
    ([('tag_ids', '=', False)], True),
    ([('name', 'like', 'Bid')], True),
    ([('name', 'like', 'bid')], False),
    ([('name', 'ilike', 'bid')], True),
    ([('name', 'not ilike', 'bid')], False),
    ([('name', 'not like', 'bid')], True),
    ([('name', '=like', 'Agro%')], True),
    ([('name', '=ilike', 'agro_ait%')], True),
    ([('name', '=like', 'Bid%')], False),
    ([('partner_id', 'ilike', 'agro')], True),
    ([('section_id', 'ilike', 'x')], False),
    ([('state', '=', 'open'), ('amount', '<', 100)], False),
    (['|', ('state', '=', 'done'), ('amount', '>', 100)], True),
    (['&', ('state', '=', 'open'), '!', ('priority', '=', '2')], False),
    (['!', '|', ('state', '=', 'done'), ('state', '=', 'cancel')], True),
    (['|', '&', ('state', '=', 'done'), ('amount', '>', 1), ('user_id', '=', 1)], True),
    ([(1, '=', 1)], True),
    ([(0, '=', 1)], False),
    ("[('state', '=', 'open'), ('partner_id', '=', 3)]", True),
])
def test_match_domain(py_page, domain, expected):
    domain = domain if isinstance(domain, str) else [list(t) if isinstance(t, tuple) else t for t in domain]
    assert call(py_page, 'matchDomain', domain, RECORD) is expected


@pytest.mark.parametrize('domain, message', [
    ([['parent_id', 'child_of', 1]], "names field 'parent_id', which is not in the record"),
    ([['state', 'child_of', 1]], "the domain operator 'child_of' cannot be checked in the browser"),
    (['|', ['state', '=', 'open']], 'is missing operands for its operators'),
    ([['state', '=']], "a domain term must be (field, operator, value), not ['state', '=']"),
])
def test_match_domain_errors(py_page, domain, message):
    with pytest.raises(JsError, match=re.escape(message)):
        call(py_page, 'matchDomain', domain, RECORD)


@pytest.mark.parametrize('expr, record, expected', [
    ("state == 'done'", {'state': 'done'}, True),
    ("state not in ('draft', 'sent')", {'state': 'draft'}, False),
    ('not partner_id', {'partner_id': False}, True),
    ('1', {}, True),
    ('0', {}, False),
    ('', {}, False),
])
def test_odoo17_invisible_expressions(py_page, expr, record, expected):
    assert call(py_page, 'evalBoolean', expr, record) is expected


@pytest.mark.parametrize('states, record, visible', [
    ('draft,open', {'state': 'open'}, True),
    ('draft, open', {'state': 'done'}, False),
    ('', {'state': 'done'}, True),
])
def test_eval_states(py_page, states, record, visible):
    assert call(py_page, 'evalStates', states, record) is visible


# -------------------------------------------------------------------- dates

DATES = '/js/dates.js'


@pytest.mark.parametrize('fn, args, expected', [
    # Brussels moves from CET (+1) to CEST (+2) at 2024-03-31 01:00 UTC
    ('formatDatetime', ['2024-03-31 00:30:00', 'Europe/Brussels', 'en-GB'], '31/03/2024, 01:30:00'),
    ('formatDatetime', ['2024-03-31 01:30:00', 'Europe/Brussels', 'en-GB'], '31/03/2024, 03:30:00'),
    ('formatDatetime', ['2024-10-27 00:30:00', 'Europe/Brussels', 'en_GB'], '27/10/2024, 02:30:00'),
    ('formatDatetime', ['2024-10-27 01:30:00', 'Europe/Brussels', 'en_GB'], '27/10/2024, 02:30:00'),
    ('formatDatetime', ['2024-03-31 01:30:00', 'UTC', 'en-GB'], '31/03/2024, 01:30:00'),
    ('formatDatetime', [False, 'Europe/Brussels', 'en-GB'], ''),
    ('toServerDatetime', ['2024-03-31T01:30', 'Europe/Brussels'], '2024-03-31 00:30:00'),
    ('toServerDatetime', ['2024-03-31T03:30', 'Europe/Brussels'], '2024-03-31 01:30:00'),
    # 02:30 does not exist that night: it is read as the clock would show it, 03:30
    ('toServerDatetime', ['2024-03-31T02:30', 'Europe/Brussels'], '2024-03-31 01:30:00'),
    # 02:30 happens twice in October: the first one (still CEST)
    ('toServerDatetime', ['2024-10-27T02:30', 'Europe/Brussels'], '2024-10-27 00:30:00'),
    ('toServerDatetime', ['2024-10-27T03:30', 'Europe/Brussels'], '2024-10-27 02:30:00'),
    ('toServerDatetime', ['2024-07-01T12:00:15', 'America/New_York'], '2024-07-01 16:00:15'),
    ('toServerDatetime', ['', 'Europe/Brussels'], False),
    ('toLocalInputValue', ['2024-03-31 01:30:00', 'Europe/Brussels'], '2024-03-31T03:30'),
    ('toLocalInputValue', ['2024-01-15 11:00:05', 'Europe/Brussels'], '2024-01-15T12:00:05'),
    ('tzOffsetMinutes', None, None),
    ('formatDate', ['2024-03-31', 'en_US'], '03/31/2024'),
    ('formatDate', ['2024-03-31', 'fr_BE'], '31/03/2024'),
    ('formatDate', [False, 'en_US'], ''),
    ('todayString', [], '2024-03-16'),
    ('todayString', ['UTC'], '2024-03-15'),
    ('parseServerDate', ['2024-03-05'], {'year': 2024, 'month': 3, 'day': 5}),
    ('toServerDate', ['2024-03-05'], '2024-03-05'),
])
def test_dates(py_page, fn, args, expected):
    if fn == 'tzOffsetMinutes':
        offsets = py_page.evaluate("""async () => {
            const d = await import('/js/dates.js');
            return ['2024-03-31T00:59:59Z', '2024-03-31T01:00:00Z'].map(
                (s) => d.tzOffsetMinutes(new Date(s), 'Europe/Brussels'));
        }""")
        assert offsets == [60, 120]
        return
    assert call(py_page, fn, *args, module=DATES) == expected


def test_datetime_round_trip_across_dst(py_page):
    """Every half hour around both changes of 2024 comes back to the same UTC value."""
    values = [f'2024-{md} {h:02d}:{m:02d}:00' for md in ('03-30', '03-31', '10-26', '10-27')
              for h in range(24) for m in (0, 30)]
    back = py_page.evaluate("""async (values) => {
        const d = await import('/js/dates.js');
        return values.map((v) => d.toServerDatetime(d.toLocalInputValue(v, 'Europe/Brussels'), 'Europe/Brussels'));
    }""", values)
    # only the second pass through 02:00-03:00 in October is ambiguous: it reads as the first
    ambiguous = {'2024-10-27 01:00:00': '2024-10-27 00:00:00', '2024-10-27 01:30:00': '2024-10-27 00:30:00'}
    assert back == [ambiguous.get(v, v) for v in values]


@pytest.mark.parametrize('fn, args, message', [
    ('formatDatetime', ['2024-03-31 00:30:00', 'Europe/Bruxelles', 'en-GB'], "unknown time zone 'Europe/Bruxelles'"),
    ('parseServerDatetime', ['31/03/2024'], "'31/03/2024' is not a datetime in the form YYYY-MM-DD HH:MM:SS"),
    ('formatDate', ['2024/03/31', 'en_US'], "'2024/03/31' is not a date in the form YYYY-MM-DD"),
])
def test_date_errors(py_page, fn, args, message):
    with pytest.raises(JsError, match=re.escape(message)):
        call(py_page, fn, *args, module=DATES)
