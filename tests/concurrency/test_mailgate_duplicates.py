"""The mail gateway receiving one message (one Message-Id) twice makes one case, even at the same time.

Each delivery claims the Message-Id in ``mail_gateway_message`` (a unique
index) before it routes. A second delivery while the first is still open
waits on that index; when the first commits, the second's try conflicts
and is run again, then finds the message delivered and returns the same
case without error. When the first rolls back, the second makes the case.
"""
import logging
import uuid

from framework.mailgate.delivery import deliver_to_database

from .conftest import run


def _message():
    tag = uuid.uuid4().hex[:10]
    subject = 'Printer on fire %s' % tag
    raw = ('From: Jane Customer <jane.%s@example.com>\r\n'
           'To: support@example.com\r\n'
           'Subject: %s\r\n'
           'Message-Id: <%s@mail.example.com>\r\n'
           'Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n'
           'Content-Type: text/plain; charset=utf-8\r\n'
           '\r\n'
           'It smokes.\r\n' % (tag, subject, tag)).encode()
    return raw, subject, '<%s@mail.example.com>' % tag


def _cases(dbname, subject):
    return run(dbname, lambda env: env['crm.case'].search([('name', '=', subject)]).ids)


def _claims(dbname, message_id):
    return run(dbname, lambda env: env['mail.gateway.message'].search_count([('message_id', '=', message_id)]))


def test_same_message_delivered_twice_in_a_row_makes_one_case(concurrency_db, caplog):
    raw, subject, message_id = _message()
    first = deliver_to_database(concurrency_db, 'crm.case', raw)
    with caplog.at_level(logging.INFO, logger='addons.base.models.mail_thread'):
        second = deliver_to_database(concurrency_db, 'crm.case', raw)
    assert second == first
    assert _cases(concurrency_db, subject) == [first]
    assert _claims(concurrency_db, message_id) == 1
    assert 'already delivered' in caplog.text and message_id in caplog.text


def test_same_message_delivered_by_two_transactions_at_once_makes_one_case(
        concurrency_db, session, blocked, caplog):
    raw, subject, message_id = _message()
    first = session()
    case_id = first.env['mail.thread'].message_process('crm.case', raw)
    with caplog.at_level(logging.INFO):
        second = blocked(lambda: deliver_to_database(concurrency_db, 'crm.case', raw))
        second.wait_behind(first.pid)       # waits on the Message-Id the first one claimed
        first.commit()
        assert second.result() == case_id   # a duplicate, reported as the same case, no error
    assert _cases(concurrency_db, subject) == [case_id]
    assert _claims(concurrency_db, message_id) == 1
    assert 'concurrency conflict (40001)' in caplog.text       # its first try was run again
    assert 'already delivered' in caplog.text


def test_message_whose_first_delivery_rolls_back_is_delivered_by_the_second(concurrency_db, session, blocked):
    raw, subject, message_id = _message()
    first = session()
    first.env['mail.thread'].message_process('crm.case', raw)
    second = blocked(lambda: deliver_to_database(concurrency_db, 'crm.case', raw))
    second.wait_behind(first.pid)
    first.rollback()                        # e.g. the first worker crashed
    case_id = second.result()
    assert _cases(concurrency_db, subject) == [case_id]
    assert _claims(concurrency_db, message_id) == 1
