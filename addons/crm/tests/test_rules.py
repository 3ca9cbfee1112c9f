"""Rules on button presses and history lines, as a user sees them (SPEC-crm §5, §14 scenarios 15–20).

Scenarios whose rules send mail run in a committed database with a real
SMTP sink: the mail arrives after the commit, when the mail queue runs.
"""
import pytest

from framework.exceptions import UserError, ValidationError
from tests.mail.conftest import smtp_sink  # noqa: F401  (fixture)

from .case_world import agrolait_case, build_world, log_names
from .rules_world import RulesDb, add_rule, received

ACK_BODY = 'Dear %(partner)s, case %(case_id)s received'


@pytest.fixture
def world(env):
    return build_world(env)


@pytest.fixture
def rules_db(fresh_db):
    return RulesDb(fresh_db())


# --- scenario 15: a rule on a button mails the partner ------------------------------------

def test_rule_on_open_mails_the_partner_once_the_transaction_committed(rules_db, smtp_sink):
    def open_case(world):
        add_rule(world, name='Ack', trg_state_from='draft', trg_state_to='open',
                 trg_section_id=world.support.id, act_mail_to_partner=True, act_mail_body=ACK_BODY)
        case = agrolait_case(world)
        case.case_open()
        return case.id, case.date_action_last
    case_id, last_action = rules_db.run(open_case)
    assert last_action, 'the fired rule sets Last Action'
    assert smtp_sink.received == [], 'nothing leaves before the queue runs'
    rules_db.send_queue()
    mails = received(smtp_sink)
    assert len(mails) == 1
    assert mails[0]['to'] == ['info@agrolait.com']
    assert mails[0]['from'] == 'alice@co.com'
    assert mails[0]['subject'] == '[%d] Printer broken' % case_id
    assert mails[0]['body'] == 'Dear Agrolait, case %d received' % case_id
    assert 'support@co.com' in mails[0]['reply_to']
    assert '-tinycrm-%d@' % case_id in mails[0]['message_id']


def test_rule_on_open_ignores_a_case_that_was_pending(rules_db, smtp_sink):
    def open_pending_case(world):
        add_rule(world, name='Ack', trg_state_from='draft', trg_state_to='open',
                 trg_section_id=world.support.id, act_mail_to_partner=True, act_mail_body=ACK_BODY)
        case = agrolait_case(world)
        case.case_pending()
        case.case_open()
        return case.date_action_last
    assert rules_db.run(open_pending_case) is False
    rules_db.send_queue()
    assert smtp_sink.received == []


def test_rule_mail_renders_every_placeholder_to_every_recipient_once(rules_db, smtp_sink):
    body = ('%(case_id)s|%(case_subject)s|%(case_date)s|%(case_description)s|%(case_user)s|'
            '%(case_user_email)s|%(case_user_phone)s|%(email_from)s|%(partner)s|'
            '%(partner_email)s|100%%')

    def open_case(world):
        add_rule(world, trg_state_to='open', act_mail_to_user=True, act_mail_to_partner=True,
                 act_mail_to_watchers=True, act_email_cc='qa@co.com',
                 act_mail_to_email='boss@co.com,qa@co.com', act_mail_body=body)
        case = agrolait_case(world, description='Paper jam', date='2026-01-02 03:04:05')
        case.case_open()
        return case.id
    case_id = rules_db.run(open_case)
    rules_db.send_queue()
    [mail] = received(smtp_sink)
    assert mail['to'] == ['alice@co.com', 'boss@co.com', 'info@agrolait.com', 'qa@co.com']
    assert mail['body'] == ('%d|Printer broken|2026-01-02 03:04:05|Paper jam|Alice|alice@co.com|/|'
                            'info@agrolait.com|Agrolait|info@agrolait.com|100%%' % case_id)


def test_rule_mail_shows_false_and_slash_for_what_the_case_lacks(rules_db, smtp_sink):
    def open_case(world):
        add_rule(world, trg_state_to='open', act_mail_to_email='boss@co.com',
                 act_mail_body='%(case_description)s %(email_from)s %(partner)s %(partner_email)s')
        case = world.env['crm.case'].with_user(world.alice).create(
            {'name': 'Bare', 'section_id': world.support.id})
        case.case_open()
    rules_db.run(open_case)
    rules_db.send_queue()
    [mail] = received(smtp_sink)
    assert mail['body'] == 'False False / /'


def test_rule_reminder_to_the_partner_carries_the_case_documents(rules_db, smtp_sink):
    def open_case(world):
        add_rule(world, trg_state_to='open', act_remind_partner=True, act_remind_attach=True)
        case = agrolait_case(world, description='Your printer is fixed')
        world.env['ir.attachment'].create({'name': 'report.txt', 'datas_fname': 'report.txt',
                                           'raw': b'all good', 'res_model': 'crm.case',
                                           'res_id': case.id})
        case.case_open()
        return case.id
    case_id = rules_db.run(open_case)
    rules_db.send_queue()
    [mail] = received(smtp_sink)
    assert (mail['from'], mail['to']) == ('support@co.com', ['info@agrolait.com'])
    assert mail['subject'] == 'Reminder: [%d] Printer broken' % case_id
    assert mail['body'] == 'Your printer is fixed\n\nAlice'
    assert mail['attachments'] == ['report.txt']


# --- scenario 16: field changes --------------------------------------------------------------

def _pending_rule(world):
    return add_rule(world, trg_section_id=world.support.id, trg_state_to='pending',
                    act_priority='2', act_user_id=world.bob.id, act_email_cc='qa@co.com')


@pytest.mark.parametrize('email_cc, expected', [
    (False, 'qa@co.com'),
    ('boss@agrolait.com', 'boss@agrolait.com,qa@co.com'),
    ('boss@agrolait.com,qa@co.com', 'boss@agrolait.com,qa@co.com'),
    ('nobody', 'qa@co.com'),
])
def test_rule_on_pending_changes_priority_responsible_and_watchers(world, email_cc, expected):
    _pending_rule(world)
    case = agrolait_case(world, email_cc=email_cc)
    case.case_pending()
    assert (case.state, case.priority, case.user_id, case.email_cc) == (
        'pending', '2', world.bob, expected)
    assert log_names(case) == ['Pending'], "the rule's own changes are not logged"


def test_rule_for_another_section_leaves_the_case_alone(world):
    _pending_rule(world)
    case = agrolait_case(world, section_id=world.support_l2.id)
    case.case_pending()
    assert (case.priority, case.user_id, case.email_cc) == ('3', world.alice, False)
    assert not case.date_action_last


def test_rule_can_set_state_and_section(world):
    add_rule(world, trg_state_to='open', act_state='pending', act_section_id=world.support_l2.id)
    case = agrolait_case(world)
    case.case_open()
    assert (case.state, case.section_id) == ('pending', world.support_l2)
    assert log_names(case) == ['Open']


# --- scenario 17: the first matching rule wins -------------------------------------------------

def test_only_the_first_matching_rule_by_sequence_fires(world):
    add_rule(world, name='High', sequence=2, trg_state_to='open', act_priority='2')
    add_rule(world, name='Low', sequence=1, trg_state_to='open', act_priority='4')
    case = agrolait_case(world)
    case.case_open()
    assert case.priority == '4'


def test_an_inactive_rule_never_fires(world):
    add_rule(world, name='Low', sequence=1, trg_state_to='open', act_priority='4', active=False)
    add_rule(world, name='High', sequence=2, trg_state_to='open', act_priority='2')
    case = agrolait_case(world)
    case.case_open()
    assert case.priority == '2'


# --- scenario 18: the priority range compares strings ------------------------------------------

@pytest.mark.parametrize('priority, fires', [('1', False), ('2', True), ('3', True), ('4', False),
                                             ('5', False)])
def test_priority_range_normal_to_high(world, priority, fires):
    add_rule(world, trg_state_to='open', trg_priority_from='3', trg_priority_to='2',
             act_email_cc='range@co.com')
    case = agrolait_case(world, priority=priority)
    case.case_open()
    assert (case.email_cc == 'range@co.com') is fires


# --- scenario 19: the history threshold is a minimum ------------------------------------------

def test_third_message_reaches_a_history_threshold_of_three(world):
    add_rule(world, trg_max_history=3, act_priority='2')
    case = agrolait_case(world)
    for text in ('first', 'second'):
        case.write({'description': text})
        case.case_log()
        assert case.priority == '3', 'after %s message' % text
    case.write({'description': 'third'})
    case.case_log()
    assert world.env['crm.case.history'].search_count([('case_id', '=', case.id)]) == 3
    assert case.priority == '2'


# --- partner category condition, act_method ---------------------------------------------------

def test_partner_category_condition(world):
    vip = world.env['res.partner.category'].create({'name': 'VIP'})
    add_rule(world, trg_state_to='open', trg_partner_categ_id=vip.id, act_priority='1')
    plain = agrolait_case(world)
    plain.case_open()
    assert plain.priority == '3'
    world.agrolait.write({'category_id': [(4, vip.id)]})
    case = agrolait_case(world)
    case.case_open()
    assert case.priority == '1'


def test_rule_calls_the_named_case_method(world):
    add_rule(world, trg_state_from='draft', trg_state_to='open', act_method='case_close')
    case = agrolait_case(world)
    case.case_open()
    assert case.state == 'done'
    assert log_names(case) == ['Open', 'Close']


def test_rule_naming_an_unknown_method_fails_clearly(world):
    add_rule(world, trg_state_to='open', act_method='case_explode')
    case = agrolait_case(world)
    with pytest.raises(UserError, match='Unknown method "case_explode"'):
        case.case_open()


# --- scenario 20: the mail body is checked when the rule is saved -------------------------------

@pytest.mark.parametrize('body', ['Case %(case_nr)s', '100% done', '%(case_id)d', 'Total: %'])
def test_malformed_mail_body_is_refused(env, body):
    with pytest.raises(ValidationError, match='Error: The mail is not well formated'):
        env['crm.case.rule'].create({'name': 'Bad', 'act_mail_body': body})


def test_malformed_mail_body_is_refused_on_write_too(env):
    rule = env['crm.case.rule'].create({'name': 'Good', 'act_mail_body': 'Hello'})
    with pytest.raises(ValidationError, match='Error: The mail is not well formated'):
        rule.write({'act_mail_body': '100% done'})


def test_escaped_percent_and_known_placeholder_are_accepted(env):
    rule = env['crm.case.rule'].create({'name': 'Good', 'act_mail_body': '100%% done %(case_id)s'})
    assert rule.act_mail_body == '100%% done %(case_id)s'


def test_rule_defaults(env):
    rule = env['crm.case.rule'].create({'name': 'Defaults'})
    assert (rule.active, rule.trg_date_type, rule.trg_date_range_type) == (True, 'none', 'day')
    assert not (rule.act_remind_partner or rule.act_remind_user or rule.act_mail_to_user
                or rule.act_mail_to_partner or rule.act_mail_to_watchers)


# --- mail errors and switches ---------------------------------------------------------------

def test_rule_mail_without_any_sender_address_is_refused(world):
    add_rule(world, trg_state_to='pending', act_mail_to_email='boss@co.com', act_mail_body='Hi')
    case = agrolait_case(world, section_id=world.support_l2.id, user_id=False)
    with pytest.raises(UserError, match='No E-Mail ID Found for your Company address or missing '
                                        'reply address in section!'):
        case.case_pending()


def test_rules_run_without_mail_when_asked(world):
    add_rule(world, trg_state_to='open', act_priority='2', act_mail_to_partner=True,
             act_mail_body='Hi', act_remind_user=True)
    case = agrolait_case(world)
    world.env['crm.case.rule']._run_rules(case, 'open', check_mail=False)
    assert case.priority == '2'
    assert not world.env['mail.mail'].search([('model', '=', 'crm.case'), ('res_id', '=', case.id)])


def test_extra_rule_criteria_restrict_the_rules_that_run(world):
    add_rule(world, name='Low', sequence=1, trg_state_to='open', act_priority='4')
    add_rule(world, name='High', sequence=2, trg_state_to='open', act_priority='2')
    case = agrolait_case(world)
    world.env['crm.case.rule']._run_rules(case, 'open', scrit=[('name', '=', 'High')])
    assert case.priority == '2'


def test_rule_cannot_call_a_private_method(world):
    add_rule(world, trg_state_to='open', act_method='_action')
    case = agrolait_case(world)
    with pytest.raises(UserError, match='Unknown method "_action"'):
        case.case_open()
