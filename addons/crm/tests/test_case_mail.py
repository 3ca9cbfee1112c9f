"""Mails about a case, received by a real SMTP server: Send Partner & Historize, reminders (§3.2, §6, §14 scenarios 11, 12, 14).

The mail tests commit into a fresh database and run the mail queue as the
cron does, then read what the SMTP sink received.
"""
import base64

import pytest

from framework.exceptions import UserError
from tests.mail.conftest import MailDb, smtp_sink  # noqa: F401  (fixture)

from .case_world import agrolait_case, build_world, new_case


def body_of(message):
    return message.get_body(('plain',)).get_content().replace('\r\n', '\n').rstrip('\n')


@pytest.fixture
def crm_db(fresh_db):
    """A committed database with the §14 world; ``crm_db.world`` holds the record ids."""
    db = MailDb(fresh_db())

    def build(env):
        world = build_world(env)
        return {name: getattr(world, name).id for name in
                ('alice', 'bob', 'support', 'support_l2', 'agrolait', 'contact')}
    db.ids = db.run(build)
    return db


def in_world(db, func):
    """Run ``func(world)`` in a committed transaction, ``world`` rebuilt from the stored ids."""
    from types import SimpleNamespace

    def run(env):
        world = SimpleNamespace(env=env, **{
            name: env[model].browse(db.ids[name]) for name, model in (
                ('alice', 'res.users'), ('bob', 'res.users'), ('support', 'crm.case.section'),
                ('support_l2', 'crm.case.section'), ('agrolait', 'res.partner'),
                ('contact', 'res.partner.address'))})
        return func(world)
    return db.run(run)


def test_send_partner_and_historize(crm_db, smtp_sink):
    """Scenario 11."""
    def send(world):
        case = agrolait_case(world, email_cc='boss@agrolait.com', description='Fixed')
        case.case_log_reply()
        assert not case.description
        assert case.history_line.name == 'Send' and case.history_line.description == 'Fixed'
        assert case.history_line.email == 'alice@co.com'
        return case.id
    case_id = in_world(crm_db, send)
    crm_db.process()
    assert len(smtp_sink.messages) == 1
    sender, recipients, message = smtp_sink.received[0]
    assert message['From'] == 'alice@co.com'
    assert sorted(recipients) == ['boss@agrolait.com', 'info@agrolait.com']
    assert message['Subject'] == '[%d] Printer broken' % case_id
    assert body_of(message) == 'Fixed\n\nAlice'
    assert 'support@co.com' in message['Reply-To']
    assert '-tinycrm-%d@' % case_id in message['Message-Id']


def test_reminders(crm_db, smtp_sink):
    """Scenario 14: to the partner from the team mailbox (signed), to the team from the partner."""
    def remind(world):
        case = agrolait_case(world, description='Your printer is fixed')
        case.case_log()
        case.case_open()
        case.remind_partner()
        case.remind_user()
        return case.id
    case_id = in_world(crm_db, remind)
    crm_db.process()
    to_partner, to_team = smtp_sink.received
    assert to_partner[0] == 'support@co.com' and to_partner[1] == ['info@agrolait.com']
    assert to_partner[2]['Subject'] == 'Reminder: [%d] Printer broken' % case_id
    assert body_of(to_partner[2]) == 'Your printer is fixed\n\nAlice'
    assert 'support@co.com' in to_partner[2]['Reply-To']
    assert '-tinycrm-%d@' % case_id in to_partner[2]['Message-Id']
    assert to_team[0] == 'info@agrolait.com' and to_team[1] == ['support@co.com']
    assert body_of(to_team[2]) == 'Your printer is fixed'


def test_reminder_with_the_case_attachments(crm_db, smtp_sink):
    def remind(world):
        case = agrolait_case(world, description='See the offer')
        world.env['ir.attachment'].create({
            'name': 'offer.txt', 'datas_fname': 'offer.txt', 'res_model': 'crm.case',
            'res_id': case.id, 'datas': base64.b64encode(b'turbine offer')})
        case.remind_partner(attach=True)
    in_world(crm_db, remind)
    crm_db.process()
    message = smtp_sink.messages[0]
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert list(files) == ['offer.txt']
    assert files['offer.txt'] in (b'turbine offer', 'turbine offer')


def test_reminders_do_nothing_without_section_reply_to(crm_db, smtp_sink):
    def remind(world):
        world.support.reply_to = False
        case = agrolait_case(world, description='text')
        before = world.env['mail.mail'].search_count([])
        case.remind_partner()
        case.remind_user()
        no_email = new_case(world, name='No email', description='x')
        world.support.reply_to = 'support@co.com'
        no_email.remind_partner()
        return world.env['mail.mail'].search_count([]) - before
    assert in_world(crm_db, remind) == 0
    crm_db.process()
    assert smtp_sink.messages == []


@pytest.fixture
def world(env):
    return build_world(env)


def test_send_needs_a_partner_email(world):
    """Scenario 12: refused, nothing historized, no mail queued."""
    case = new_case(world, description='Fixed')
    with pytest.raises(UserError, match='You must put a Partner eMail to use this action!'):
        case.case_log_reply()
    assert not case.history_line and case.description == 'Fixed'
    assert not world.env['mail.mail'].search([('model', '=', 'crm.case'), ('res_id', '=', case.id)])


def test_send_needs_a_text(world):
    case = agrolait_case(world)
    with pytest.raises(UserError, match='Can not send mail with empty body,you should have '
                                        'description in the body'):
        case.case_log_reply()
    assert not case.log_ids


def test_send_needs_a_responsible(world):
    case = agrolait_case(world, user_id=False, description='Fixed')
    with pytest.raises(UserError, match='You must define a responsible user for this case in order '
                                        'to use this action!'):
        case.case_log_reply()


def test_send_needs_a_responsible_with_an_email(world):
    world.alice.address_id.email = False
    case = agrolait_case(world, description='Fixed')
    with pytest.raises(UserError, match='No E-Mail ID Found for your Company address!'):
        case.case_log_reply()


def test_mail_tool_queues_a_tagged_mail(world):
    """The tool the rules and the gateway use (§6.1)."""
    case = agrolait_case(world)
    Case = world.env['crm.case']
    mail = Case._email_send('alice@co.com', ['info@agrolait.com', '', 'info@agrolait.com', 'x@y.com'],
                            'Subject', 'Body', reply_to='support@co.com', case=case,
                            attach=[('a.txt', b'hello')], email_cc='qa@co.com')
    assert mail.state == 'outgoing'
    assert mail.email_to == 'info@agrolait.com, x@y.com' and mail.email_cc == 'qa@co.com'
    assert mail.reply_to == 'alice@co.com, support@co.com'
    assert '-tinycrm-%d@' % case.id in mail.message_id
    assert mail.model == 'crm.case' and mail.res_id == case.id
    assert mail.attachment_ids.mapped('name') == ['a.txt']
    assert not Case._email_send('alice@co.com', ['', False], 'S', 'B')
