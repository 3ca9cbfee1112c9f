"""Which rule fires on which case: the matching and timing of SPEC-crm §5.2, and the scheduler §5.3.

Set-based: the rules are read once, the cases in batches of
:data:`BATCH` (one read of their columns, plus one grouped count of their
history lines and one read of their partners' categories when a rule needs
them), conditions are evaluated in Python, the "Next Action" dates that
the timing sets are written with one UPDATE, and the fired rules' actions
are applied per rule to all its cases (:mod:`.crm_rule_actions`). The
number of queries grows with the number of batches and of fired rules
(and with what their ``act_method`` does), not with cases × rules:
29 queries for 20 rules over 100 to 1,000 cases, 65 over 10,000.

Quirks kept on purpose (§13): the first matching and due rule by sequence
wins for a case, nothing chains (1); ``trg_max_history`` is a minimum (2);
priorities compare as strings, '1' being the highest (3).
"""
import calendar
import datetime

from framework import fields
from framework.orm.sql import SQL

from . import crm_rule_actions

#: cases read and evaluated per batch
BATCH = 1000

#: case columns the conditions, the timing and the actions read
CASE_FIELDS = ('name', 'state', 'section_id', 'categ_id', 'user_id', 'partner_id',
               'partner_address_id', 'priority', 'date', 'create_date', 'date_deadline',
               'date_action_last', 'date_action_next', 'email_cc', 'email_from', 'description')

#: rule fields the engine reads
RULE_FIELDS = [name for name in (
    'trg_state_from', 'trg_state_to', 'trg_date_type', 'trg_date_range', 'trg_date_range_type',
    'trg_section_id', 'trg_categ_id', 'trg_user_id', 'trg_partner_id', 'trg_partner_categ_id',
    'trg_priority_from', 'trg_priority_to', 'trg_max_history', 'act_method', 'act_state',
    'act_section_id', 'act_user_id', 'act_priority', 'act_email_cc', 'act_remind_partner',
    'act_remind_user', 'act_remind_attach', 'act_mail_to_user', 'act_mail_to_partner',
    'act_mail_to_watchers', 'act_mail_to_email', 'act_mail_body')]

#: the case field each "Trigger Date" starts from
DATE_BASES = {'create': 'create_date', 'action_last': 'date_action_last',
              'deadline': 'date_deadline', 'date': 'date'}

#: conditions "equals the case's field", many2one ids on both sides
EQUAL_CONDITIONS = (('trg_section_id', 'section_id'), ('trg_categ_id', 'categ_id'),
                    ('trg_user_id', 'user_id'), ('trg_partner_id', 'partner_id'))


def add_months(moment, months):
    """Return ``moment`` plus ``months`` calendar months (the day clamped to the month's end)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def add_delay(base, number, unit):
    """Return ``base`` plus the rule's delay (``trg_date_range`` × ``trg_date_range_type``)."""
    number = number or 0
    if unit == 'minutes':
        return base + datetime.timedelta(minutes=number)
    if unit == 'hour':
        return base + datetime.timedelta(hours=number)
    if unit == 'month':
        return add_months(base, number)
    return base + datetime.timedelta(days=number)  # 'day', the default


def trigger_date(rule, case):
    """Return when a date rule becomes due for ``case`` (a dict), or None if its base date is empty."""
    base = case.get(DATE_BASES[rule['trg_date_type']])
    if not base and rule['trg_date_type'] == 'action_last':
        base = case.get('create_date')
    if not base:
        return None
    return add_delay(base, rule['trg_date_range'], rule['trg_date_range_type'])


def matches(rule, case, state_before, state_to, history_count, partner_categs):
    """Return whether every non-empty condition of ``rule`` holds for ``case`` (timing aside).

    ``state_before`` is the case's state before the button, ``state_to``
    the button ('' for a history line, False for the scheduler),
    ``history_count`` its number of history lines, ``partner_categs`` the
    set of its partner's category ids.
    """
    if rule['trg_state_from'] and rule['trg_state_from'] != state_before:
        return False
    if rule['trg_state_to'] and rule['trg_state_to'] != state_to:
        return False
    for condition, name in EQUAL_CONDITIONS:
        if rule[condition] and rule[condition] != case[name]:
            return False
    if rule['trg_max_history'] and not rule['trg_max_history'] <= history_count + 1:
        return False
    if rule['trg_partner_categ_id'] and (not case['partner_id']
                                         or rule['trg_partner_categ_id'] not in partner_categs):
        return False
    priority = case['priority'] or ''
    if rule['trg_priority_from'] and not rule['trg_priority_from'] >= priority:
        return False
    if rule['trg_priority_to'] and not rule['trg_priority_to'] <= priority:
        return False
    return True


def timing(rule, case, now):
    """Return ``(due, next_action)`` for a matching ``rule`` on ``case`` at ``now`` (§5.2).

    ``next_action`` is the date to write as the case's Next Action when the
    rule is not due yet (None: nothing to write).
    """
    if not rule['trg_date_type'] or rule['trg_date_type'] == 'none':
        return True, None
    moment = trigger_date(rule, case)
    if moment is None:
        return False, None
    following, last = case['date_action_next'], case['date_action_last']
    if moment <= now and (not following
                          or (moment >= following and (not last or last < following))):
        return True, None
    if not following or moment < following:
        return False, moment
    return False, None


def _history_counts(env, case_ids):
    """Return ``{case id: number of communication history lines}`` for ``case_ids``."""
    # history rows hold their case on the log row they own (delegation), which read_group
    # cannot group by: one grouped join, names from the registry
    History, Log = env['crm.case.history'], env['crm.case.log']
    link = History._inherits[Log._name]
    env.cr.execute(*SQL(
        'SELECT l.case_id, count(*) FROM %s h JOIN %s l ON l.id = h.%s '
        'WHERE l.case_id = ANY(%s) GROUP BY l.case_id',
        SQL.identifier(History._table), SQL.identifier(Log._table), SQL.identifier(link),
        list(case_ids)).as_args())
    return dict(env.cr.fetchall())


def _partner_categories(env, partner_ids):
    """Return ``{partner id: set of category ids}``."""
    if not partner_ids:
        return {}
    partners = env['res.partner'].sudo().with_context(active_test=False).browse(partner_ids)
    return {row['id']: set(row['category_id']) for row in partners.read(['category_id'], load=None)}


def run(cases, rules, state_to, check_mail=True, states_before=None, now=None):
    """Evaluate ``rules`` (ordered) on ``cases`` for button ``state_to`` and apply the fired ones.

    ``states_before`` maps case ids to their state before the button
    (default: their current state). ``now`` fixes the moment (default: the
    current UTC time). Returns the number of (case, rule) firings.
    """
    if not cases or not rules:
        return 0
    env = cases.env
    now = now or fields.Datetime.now()
    # a rule waiting for another button never matches: leave it out before reading any case
    rule_rows = [row for row in rules.sudo().read(RULE_FIELDS, load=None)
                 if not row['trg_state_to'] or row['trg_state_to'] == state_to]
    if not rule_rows:
        return 0
    states_before = states_before or {}
    by_history = any(row['trg_max_history'] for row in rule_rows)
    by_partner_categ = any(row['trg_partner_categ_id'] for row in rule_rows)
    env.flush_all()
    fired, next_actions = {}, {}
    ids = list(dict.fromkeys(cases.ids))
    for start in range(0, len(ids), BATCH):
        batch = cases.browse(ids[start:start + BATCH]).with_context(active_test=False)
        rows = batch.read(list(CASE_FIELDS), load=None)
        history = _history_counts(env, [row['id'] for row in rows]) if by_history else {}
        categs = (_partner_categories(env, list({r['partner_id'] for r in rows if r['partner_id']}))
                  if by_partner_categ else {})
        for case in rows:
            state_before = states_before.get(case['id'], case['state'])
            for rule in rule_rows:
                if not matches(rule, case, state_before, state_to, history.get(case['id'], 0),
                               categs.get(case['partner_id'], ())):
                    continue
                due, following = timing(rule, case, now)
                if following is not None:
                    # later rules of this run compare with the date just set (5.0 read a stale one)
                    next_actions[case['id']] = case['date_action_next'] = following
                if due:
                    fired.setdefault(rule['id'], []).append(case)
                    break
    crm_rule_actions.write_per_case(env, 'date_action_next', next_actions)
    rules_by_id = {row['id']: row for row in rule_rows}
    crm_rule_actions.apply(env, [(rules_by_id[rule_id], case_rows)
                                 for rule_id, case_rows in fired.items()],
                           now, check_mail=check_mail)
    return sum(len(case_rows) for case_rows in fired.values())


def due_case_ids(env, now):
    """Return the ids of the cases the scheduler looks at (§5.3), archived ones included."""
    return env['crm.case'].sudo().with_context(active_test=False).search([
        '|', ('date_action_last', '<', now), ('date_action_last', '=', False),
        '|', ('date_action_next', '<=', now), ('date_action_next', '=', False),
        ('state', 'not in', ('cancel', 'done')),
    ], order='id').ids


def check(env, rules, now):
    """The scheduler: run ``rules`` with Button Pressed False on every due case at ``now``."""
    rules = rules.filtered(lambda rule: not rule.trg_state_to)
    if not rules:
        return 0
    cases = env['crm.case'].with_context(active_test=False).browse(due_case_ids(env, now))
    return run(cases, rules, False, now=now)
