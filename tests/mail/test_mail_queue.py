"""The outgoing mail queue against a real SMTP server: sent after commit, once, with retries."""
import base64
import threading

import pytest

from framework.service.transaction import run_in_transaction


def _mail(**values):
    return dict({'email_to': 'customer@example.com', 'subject': 'Hello', 'body': 'Hi.'}, **values)


def test_a_mail_queued_in_a_rolled_back_transaction_is_never_sent(mail_db, smtp_sink):
    from framework.api import Environment
    from framework.db import db_connect
    cr = db_connect(mail_db.name).cursor()
    try:
        env = Environment(cr, 1, {})
        env['mail.mail'].create(_mail(subject='Never'))
        # even the queue job run meanwhile cannot see it: it is not committed
        assert env['mail.mail'].process_email_queue() == 0
        cr.rollback()
    finally:
        cr.close()
    assert mail_db.process() == 0
    assert smtp_sink.received == []
    assert mail_db.run(lambda env: env['mail.mail'].search_count([])) == 0


def test_a_committed_mail_arrives_with_its_headers_body_and_attachment(mail_db, smtp_sink):
    def queue(env):
        attachment = env['ir.attachment'].create({'name': 'offre été.pdf',
                                                  'datas': base64.b64encode(b'%PDF-1.4 offer')})
        return env['mail.mail'].create({
            'email_from': 'Zoé Dupré <zoe@example.com>',
            'email_to': 'Jürgen <j@example.de>, b@example.com',
            'email_cc': 'c@example.com', 'email_bcc': 'hidden@example.com',
            'reply_to': 'cases@example.com', 'subject': 'Réunion — café ☕',
            'body': 'Bonjour,\nça va ?', 'body_html': '<p>Bonjour,<br/>ça va ?</p>',
            'in_reply_to': '<parent@example.com>',
            'references': '<root@example.com> <parent@example.com>',
            'headers': '{"X-Case-Id": "42"}',
            'model': 'res.partner', 'res_id': 3,
            'attachment_ids': [(6, 0, attachment.ids)],
        }).id
    mail_id = mail_db.run(queue)
    assert smtp_sink.received == []  # queued only: the cron sends it
    assert mail_db.process() == 1
    [(sender, recipients, message)] = smtp_sink.received
    assert sender == 'zoe@example.com'
    assert sorted(recipients) == ['b@example.com', 'c@example.com', 'hidden@example.com', 'j@example.de']
    assert message['From'].addresses[0].display_name == 'Zoé Dupré'
    assert [a.display_name for a in message['To'].addresses] == ['Jürgen', '']
    assert message['Cc'] == 'c@example.com' and message['Bcc'] is None
    assert message['Reply-To'] == 'cases@example.com'
    assert message['Subject'] == 'Réunion — café ☕'
    assert message['In-Reply-To'] == '<parent@example.com>'
    assert message['References'] == '<root@example.com> <parent@example.com>'
    assert message['X-Case-Id'] == '42'
    assert message['Date']
    stored = mail_db.read(mail_id, 'message_id', 'state', 'failure_reason', 'sent_date')
    assert message['Message-Id'] == stored['message_id']
    assert '-openerp-3@' in stored['message_id']
    assert stored['state'] == 'sent' and not stored['failure_reason'] and stored['sent_date']
    assert message.get_body(('plain',)).get_content().replace('\r\n', '\n') == 'Bonjour,\nça va ?\n'
    assert 'ça va' in message.get_body(('html',)).get_content()
    [attachment] = message.iter_attachments()
    assert attachment.get_filename() == 'offre été.pdf'
    assert attachment.get_content_type() == 'application/pdf'
    assert attachment.get_payload(decode=True) == b'%PDF-1.4 offer'
    # a second run sends nothing more
    assert mail_db.process() == 0 and len(smtp_sink.received) == 1


def test_the_sender_defaults_to_email_from(mail_db, smtp_sink):
    mail_id = mail_db.queue(**_mail())
    assert mail_db.read(mail_id, 'email_from')['email_from'] == 'CRM <crm@example.com>'
    mail_db.process()
    assert smtp_sink.received[0][0] == 'crm@example.com'


def test_a_refused_recipient_is_an_exception_with_the_reason_and_the_others_still_go(mail_db, smtp_sink):
    smtp_sink.refuse['gone@example.com'] = '5.1.1 <gone@example.com>: Recipient address rejected'
    first = mail_db.queue(**_mail(subject='First'))
    refused = mail_db.queue(**_mail(subject='Refused', email_to='gone@example.com'))
    last = mail_db.queue(**_mail(subject='Last'))
    assert mail_db.process() == 3
    assert [m['Subject'] for m in smtp_sink.messages] == ['First', 'Last']
    assert mail_db.read(first, 'state')['state'] == mail_db.read(last, 'state')['state'] == 'sent'
    failed = mail_db.read(refused, 'state', 'failure_reason', 'retry_count')
    assert failed['state'] == 'exception' and failed['retry_count'] == 0
    assert 'gone@example.com: 550 5.1.1 <gone@example.com>: Recipient address rejected' \
        in failed['failure_reason']
    # an exception is final: the next runs leave it alone
    assert mail_db.process() == 0


def test_a_partly_refused_mail_goes_to_the_others_and_says_who_was_refused(mail_db, smtp_sink):
    smtp_sink.refuse['gone@example.com'] = 'No such user'
    mail_id = mail_db.queue(**_mail(email_to='gone@example.com, here@example.com'))
    mail_db.process()
    assert smtp_sink.received[0][1] == ['here@example.com']
    values = mail_db.read(mail_id, 'state', 'failure_reason')
    assert values['state'] == 'sent'
    assert values['failure_reason'] == 'Refused by the server: gone@example.com: 550 No such user'


def test_a_mail_that_cannot_be_built_is_an_exception_saying_why(mail_db, smtp_sink):
    mail_id = mail_db.queue(**_mail(email_to=False))
    mail_db.process()
    values = mail_db.read(mail_id, 'state', 'failure_reason')
    assert values == {'state': 'exception',
                      'failure_reason': 'The mail has no recipient: give it an email_to, email_cc or email_bcc.'}


def test_smtp_down_keeps_the_mail_queued_then_it_goes_once_when_the_server_is_back(mail_db, smtp_sink):
    smtp_sink.stop()
    mail_id = mail_db.queue(**_mail(subject='Patience'))
    assert mail_db.process() == 1
    values = mail_db.read(mail_id, 'state', 'retry_count', 'failure_reason', 'scheduled_date')
    assert values['state'] == 'outgoing' and values['retry_count'] == 1
    assert values['failure_reason'].startswith('Cannot reach the mail server 127.0.0.1:%d' % smtp_sink.port)
    assert values['scheduled_date'], 'a failed mail waits before the next attempt'
    smtp_sink.start()
    assert mail_db.process() == 0, 'not due yet: the retry delay has not passed'
    mail_db.make_due([mail_id])
    assert mail_db.process() == 1
    assert mail_db.process() == 0
    assert [m['Subject'] for m in smtp_sink.messages] == ['Patience']
    assert mail_db.read(mail_id, 'state', 'retry_count') == {'state': 'sent', 'retry_count': 1}


def test_a_mail_is_given_up_after_max_retries(mail_db, smtp_sink):
    smtp_sink.stop()
    mail_id = mail_db.queue(**_mail(max_retries=2))
    mail_db.process()
    mail_db.make_due([mail_id])
    mail_db.process()
    values = mail_db.read(mail_id, 'state', 'retry_count', 'failure_reason')
    assert values['state'] == 'exception' and values['retry_count'] == 2
    assert values['failure_reason'].endswith('(given up after 2 attempts)')
    # put back in the queue by hand, it goes once the server is up
    smtp_sink.start()
    mail_db.run(lambda env: env['mail.mail'].browse(mail_id).mark_outgoing())
    mail_db.make_due([mail_id])
    mail_db.process()
    assert len(smtp_sink.received) == 1


def test_two_senders_at_once_send_each_mail_exactly_once(mail_db, smtp_sink):
    count = 30
    ids = mail_db.run(lambda env: env['mail.mail'].create(
        [_mail(subject='Mail %d' % n) for n in range(count)]).ids)
    start, done = threading.Barrier(2), []

    def sender():
        start.wait()
        done.append(mail_db.process())

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(done) == count
    subjects = sorted(m['Subject'] for m in smtp_sink.messages)
    assert subjects == sorted('Mail %d' % n for n in range(count))
    assert mail_db.run(lambda env: set(env['mail.mail'].browse(ids).mapped('state'))) == {'sent'}


class _Conflict(Exception):
    """What PostgreSQL raises when two transactions collide (SQLSTATE 40001)."""
    pgcode = '40001'


def test_a_retried_rpc_call_queues_and_sends_one_mail(mail_db, smtp_sink):
    attempts = []

    def call(cr, registry):
        from framework.api import Environment
        Environment(cr, 1, {})['mail.mail'].create(_mail(subject='Once'))
        attempts.append(1)
        if len(attempts) == 1:
            raise _Conflict('could not serialize access')
        return True

    run_in_transaction(mail_db.name, call)
    assert len(attempts) == 2
    mail_db.process()
    mail_db.process()
    assert [m['Subject'] for m in smtp_sink.messages] == ['Once']


def test_process_email_queue_can_be_limited_to_some_mails(mail_db, smtp_sink):
    first = mail_db.queue(**_mail(subject='Wanted'))
    mail_db.queue(**_mail(subject='Later'))
    assert mail_db.process(ids=[first]) == 1
    assert [m['Subject'] for m in smtp_sink.messages] == ['Wanted']


def test_a_mail_server_record_is_preferred_to_the_config(mail_db, smtp_sink, monkeypatch):
    from framework.config import config
    monkeypatch.setitem(config.options, 'smtp_port', 1)  # nothing listens there
    mail_db.run(lambda env: env['ir.mail_server'].create(
        {'name': 'Sink', 'smtp_host': '127.0.0.1', 'smtp_port': smtp_sink.port}))
    mail_id = mail_db.queue(**_mail())
    mail_db.process()
    assert mail_db.read(mail_id, 'state')['state'] == 'sent'
    assert len(smtp_sink.received) == 1


def test_send_email_sends_at_once_and_returns_the_message_id(mail_db, smtp_sink):
    def send(env):
        servers = env['ir.mail_server']
        message = servers.build_email('a@example.com', ['b@example.com'], 'Direct', '<p>now</p>',
                                      subtype='html', message_id='<direct@example.com>')
        return servers.send_email(message)
    assert mail_db.run(send) == '<direct@example.com>'
    assert smtp_sink.messages[0].get_content_type() == 'text/html'


def test_cancelled_mails_are_not_sent(mail_db, smtp_sink):
    mail_id = mail_db.queue(**_mail())
    mail_db.run(lambda env: env['mail.mail'].browse(mail_id).cancel())
    assert mail_db.process() == 0 and smtp_sink.received == []


def test_an_employee_may_queue_a_mail_but_not_touch_the_queue_or_the_servers(env):
    from framework.exceptions import AccessError
    user_env = env(user=env.ref('base.user_demo').id)
    mail = user_env['mail.mail'].create(_mail(subject='From a user'))
    assert mail.state == 'outgoing' and mail.message_id
    with pytest.raises(AccessError):
        mail.write({'state': 'sent'})
    with pytest.raises(AccessError):
        user_env['ir.mail_server'].search([])
