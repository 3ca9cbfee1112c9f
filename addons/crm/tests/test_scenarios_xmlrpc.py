"""SPEC-crm §14 scenarios 1–4, 6–14 and 34 end to end: XML-RPC against a real server.

A threaded server (``tests/rpc/conftest.py``) serves a database holding the
§14 world, committed (``rpc_world.crm_rpc_db``). Alice and Bob log in with
their passwords and press the buttons as a client does: ``execute_kw`` on
``/xmlrpc/2/object`` and, for scenarios 1, 2, 4 and 8, OpenERP 5's
``execute`` on ``/xmlrpc/object``. The tests assert only what a user sees
through the API: the values read back and the faults. Mails (scenarios 11
and 14) are received by a real SMTP server after the queue job has run,
as the cron runs it, on a cursor of its own.
"""
import xmlrpc.client
from xml.etree import ElementTree

import pytest

from tests.mail.conftest import smtp_sink  # noqa: F401  (fixture)
from tests.rpc.conftest import forget_login_failures, server  # noqa: F401  (fixtures)

from .rpc_world import (admin, alice, alice_legacy, bob, bob_legacy, crm_rpc_db,  # noqa: F401
                        is_now, run_committed, world)


def fault_of(call, *args, **kwargs):
    """The XML-RPC fault raised by ``call(*args, **kwargs)``."""
    with pytest.raises(xmlrpc.client.Fault) as info:
        call(*args, **kwargs)
    return info.value


def process_mail_queue(world):
    """Run the outgoing mail queue once, as the cron does (after the RPC call committed)."""
    run_committed(world.name, lambda env: env['mail.mail'].process_email_queue())


def body_of(message):
    return message.get_body(('plain',)).get_content().replace('\r\n', '\n').rstrip('\n')


def test_1_create_defaults_over_legacy_execute(world, alice_legacy, alice):
    case_id = alice_legacy('crm.case', 'create', {'name': 'Printer broken', 'section_id': world.support})
    [case] = alice_legacy('crm.case', 'read', [case_id],
                          ['state', 'priority', 'user_id', 'date', 'active', 'section_id'])
    assert case['state'] == 'draft' and case['priority'] == '3' and case['active'] is True
    assert case['user_id'][0] == world.alice and case['section_id'] == [world.support, 'Support']
    assert is_now(case['date'])
    assert alice.events(world, case_id) == []                  # no partner, no event
    assert alice.logs(case_id) == []


def test_1_create_runs_the_rules_with_button_pressed_draft(world, admin, bob):
    rule = admin('crm.case.rule', 'create', {
        'name': 'On create', 'trg_state_to': 'draft', 'trg_section_id': world.support_l2,
        'act_priority': '1'})
    try:
        case_id = bob.new_case(world, section_id=world.support_l2)
        case = bob.case(case_id, 'priority', 'date_action_last', 'log_ids')
        assert case['priority'] == '1' and is_now(case['date_action_last'])
        assert case['log_ids'] == []                           # a rule's write logs nothing
    finally:
        admin('crm.case.rule', 'unlink', [rule])


def test_2_partner_onchange(world, alice, alice_legacy):
    assert alice('crm.case', 'onchange_partner_id', [], world.agrolait, False) == {
        'value': {'partner_address_id': world.contact, 'email_from': 'info@agrolait.com'}}
    # an email already typed is kept
    assert alice('crm.case', 'onchange_partner_id', [], world.agrolait, 'jo@agrolait.com') == {
        'value': {'partner_address_id': world.contact}}
    # the 5.0 client: execute(..., 'onchange_partner_id', ids, part, email)
    assert alice_legacy('crm.case', 'onchange_partner_id', [], world.agrolait, False) == {
        'value': {'partner_address_id': world.contact, 'email_from': 'info@agrolait.com'}}
    assert alice('crm.case', 'onchange_partner_id', [], False, False) == {
        'value': {'partner_address_id': False}}


def test_3_category_onchange(world, alice):
    assert alice('crm.case', 'onchange_categ_id', [], world.hardware) == {'value': {'probability': 30.0}}


def test_4_open_as_bob_over_legacy_execute(world, alice, bob, bob_legacy):
    case_id = alice.agrolait_case(world, user_id=False)
    assert alice.case(case_id, 'user_id')['user_id'] is False
    assert bob_legacy('crm.case', 'case_open', [case_id]) is True
    case = bob.case(case_id, 'state', 'user_id')
    assert case['state'] == 'open' and case['user_id'] == [world.bob, 'Bob']
    assert bob.logs(case_id) == [('Open', 'Bob')]
    assert bob.events(world, case_id) == ['Case draft: Printer broken', 'Case open: Printer broken']


def test_6_close(world, alice):
    case_id = alice.agrolait_case(world)
    alice('crm.case', 'case_open', [case_id])
    assert alice.case(case_id, 'date_closed')['date_closed'] is False
    assert alice('crm.case', 'case_close', [case_id]) is True
    case = alice.case(case_id, 'state', 'date_closed')
    assert case['state'] == 'done' and is_now(case['date_closed'])
    assert alice.logs(case_id) == [('Open', 'Alice'), ('Close', 'Alice')]
    assert alice.events(world, case_id)[-1] == 'Case done: Printer broken'


def test_7_cancel_then_reset(world, alice):
    case_id = alice.agrolait_case(world)
    alice('crm.case', 'case_cancel', [case_id])
    assert alice.case(case_id, 'state')['state'] == 'cancel'
    alice('crm.case', 'case_reset', [case_id])
    assert alice.case(case_id, 'state')['state'] == 'draft'
    assert [name for name, _user in alice.logs(case_id)] == ['Cancel', 'Draft']
    # the form a client gets: in Cancel only Reset to Draft of the state buttons shows
    arch = alice('crm.case', 'fields_view_get', False, 'form')['arch']
    shown = {button.get('name') for button in ElementTree.fromstring(arch).iter('button')
             if 'cancel' in (button.get('states') or '').split(',')}
    assert shown & {'case_open', 'case_close', 'case_pending', 'case_reset'} == {'case_reset'}


def test_8_escalate_and_top_level_refusal_over_both_apis(world, alice, bob, alice_legacy):
    case_id = bob.new_case(world, section_id=world.support_l2)
    assert bob('crm.case', 'case_escalate', [case_id]) is True
    case = bob.case(case_id, 'section_id', 'user_id', 'state')
    assert case == {'id': case_id, 'section_id': [world.support, 'Support'],
                    'user_id': [world.alice, 'Alice'], 'state': 'draft'}
    assert bob.logs(case_id) == [('Escalate', 'Bob')]

    top = alice.new_case(world)
    alice('crm.case', 'case_open', [top])
    before = alice.case(top, 'section_id', 'user_id', 'state', 'log_ids')
    fault = fault_of(alice, 'crm.case', 'case_escalate', [top])
    assert 'You can not escalate this case.' in fault.faultString
    assert 'You are already at the top level.' in fault.faultString
    legacy = fault_of(alice_legacy, 'crm.case', 'case_escalate', [top])
    assert legacy.faultCode.startswith('warning -- ')
    assert 'You can not escalate this case.\nYou are already at the top level.' in legacy.faultCode
    assert alice.case(top, 'section_id', 'user_id', 'state', 'log_ids') == before


def test_9_delete_protection(world, admin, alice):
    admin('crm.case.section', 'write', [world.support], {'allow_unlink': False})
    try:
        open_id, draft_id = alice.new_case(world), alice.new_case(world, name='Typo')
        alice('crm.case', 'case_open', [open_id])
        fault = fault_of(admin, 'crm.case', 'unlink', [open_id])
        assert 'You can not delete this case. You should better cancel it.' in fault.faultString
        assert alice('crm.case', 'search', [('id', '=', open_id)]) == [open_id]
        assert admin('crm.case', 'unlink', [draft_id]) is True
        assert alice('crm.case', 'search', [('id', '=', draft_id)]) == []
        # a CRM user may not delete cases at all (§10.6)
        assert fault_of(alice, 'crm.case', 'unlink', [open_id])
    finally:
        admin('crm.case.section', 'write', [world.support], {'allow_unlink': True})


def test_10_historize(world, alice):
    case_id = alice.agrolait_case(world, description='Called customer')
    assert alice('crm.case', 'case_log', [case_id]) is True
    case = alice.case(case_id, 'description', 'som', 'canal_id', 'email_last', 'history_line')
    assert case['description'] is False and case['som'] is False and case['canal_id'] is False
    assert case['email_last'] == 'Called customer'
    [line] = alice('crm.case.history', 'read', case['history_line'], ['name', 'email', 'description'])
    assert (line['name'], line['email'], line['description']) == (
        'Historize', 'alice@co.com', 'Called customer')
    assert alice.logs(case_id) == [('Historize', 'Alice')]
    # with an empty description only a log line is added
    alice('crm.case', 'case_log', [case_id])
    assert alice.logs(case_id) == [('Historize', 'Alice'), ('Historize', 'Alice')]
    assert len(alice.case(case_id, 'history_line')['history_line']) == 1


def test_11_send_partner_and_historize_mails_the_partner(world, alice, smtp_sink):  # noqa: F811
    case_id = alice.agrolait_case(world, email_cc='boss@agrolait.com', description='Fixed')
    assert alice('crm.case', 'case_log_reply', [case_id]) is True
    case = alice.case(case_id, 'description', 'history_line')
    assert case['description'] is False
    [line] = alice('crm.case.history', 'read', case['history_line'], ['name', 'description'])
    assert (line['name'], line['description']) == ('Send', 'Fixed')
    process_mail_queue(world)
    [(sender, recipients, message)] = [item for item in smtp_sink.received
                                       if '[%d]' % case_id in item[2]['Subject']]
    assert sender == 'alice@co.com' and message['From'] == 'alice@co.com'
    assert sorted(recipients) == ['boss@agrolait.com', 'info@agrolait.com']
    assert 'info@agrolait.com' in message['To']
    assert message['Subject'] == '[%d] Printer broken' % case_id
    assert 'support@co.com' in message['Reply-To']
    assert '-tinycrm-%d@' % case_id in message['Message-Id']
    assert body_of(message) == 'Fixed\n\nAlice'


def test_12_send_errors_are_faults_and_write_nothing(world, alice, smtp_sink):  # noqa: F811
    no_email = alice.new_case(world, description='Fixed')
    fault = fault_of(alice, 'crm.case', 'case_log_reply', [no_email])
    assert 'You must put a Partner eMail to use this action!' in fault.faultString
    no_text = alice.agrolait_case(world)
    fault = fault_of(alice, 'crm.case', 'case_log_reply', [no_text])
    assert 'Can not send mail with empty body,you should have description in the body' \
        in fault.faultString
    assert alice.case(no_email, 'description', 'history_line', 'log_ids') == {
        'id': no_email, 'description': 'Fixed', 'history_line': [], 'log_ids': []}
    assert alice.case(no_text, 'history_line', 'log_ids') == {
        'id': no_text, 'history_line': [], 'log_ids': []}
    process_mail_queue(world)
    assert not [m for m in smtp_sink.messages
                if '[%d]' % no_email in m['Subject'] or '[%d]' % no_text in m['Subject']]


def test_13_add_reply_quotes_the_last_mail(world, alice):
    case_id = alice.agrolait_case(world, description='Hi\nthanks')
    alice('crm.case', 'case_log', [case_id])
    assert alice.case(case_id, 'description')['description'] is False
    assert alice('crm.case', 'add_reply', [case_id]) is True
    assert alice.case(case_id, 'description')['description'] == '> Hi\n> thanks'


def test_14_reminders_reach_the_smtp_server(world, admin, alice, smtp_sink):  # noqa: F811
    case_id = alice.agrolait_case(world, description='Your printer is fixed')
    alice('crm.case', 'case_log', [case_id])
    alice('crm.case', 'case_open', [case_id])
    assert alice('crm.case', 'remind_partner', [case_id]) is True
    assert alice('crm.case', 'remind_user', [case_id]) is True
    process_mail_queue(world)
    mine = [item for item in smtp_sink.received if '[%d]' % case_id in item[2]['Subject']]
    to_partner, to_team = sorted(mine, key=lambda item: item[1] != ['info@agrolait.com'])
    sender, recipients, message = to_partner
    assert (sender, recipients) == ('support@co.com', ['info@agrolait.com'])
    assert message['From'] == 'support@co.com'
    assert message['Subject'] == 'Reminder: [%d] Printer broken' % case_id
    assert body_of(message) == 'Your printer is fixed\n\nAlice'
    assert 'support@co.com' in message['Reply-To']
    assert '-tinycrm-%d@' % case_id in message['Message-Id']
    sender, recipients, message = to_team
    assert (sender, recipients) == ('info@agrolait.com', ['support@co.com'])
    assert message['Subject'] == 'Reminder: [%d] Printer broken' % case_id
    assert body_of(message) == 'Your printer is fixed'

    # with the section's Reply-To empty both buttons do nothing
    admin('crm.case.section', 'write', [world.support], {'reply_to': False})
    try:
        smtp_sink.received.clear()
        assert alice('crm.case', 'remind_partner', [case_id]) is True
        assert alice('crm.case', 'remind_user', [case_id]) is True
        process_mail_queue(world)
        assert smtp_sink.received == []
    finally:
        admin('crm.case.section', 'write', [world.support], {'reply_to': 'support@co.com'})


def test_34_section_names_recursion_and_unique_code(world, admin, alice):
    assert alice('crm.case.section', 'name_get', [world.support_l2]) == [
        [world.support_l2, 'Support / Support L2']]
    fault = fault_of(admin, 'crm.case.section', 'write', [world.support],
                     {'parent_id': world.support_l2})
    assert 'Error ! You cannot create recursive sections.' in fault.faultString
    fault = fault_of(admin, 'crm.case.section', 'create', {'name': 'Other', 'code': 'support'})
    assert 'The code of the section must be unique !' in fault.faultString
    assert admin('crm.case.section', 'search', [('code', '=', 'support')]) == [world.support]
    assert alice.read_one('crm.case.section', world.support, ['parent_id'])['parent_id'] is False
