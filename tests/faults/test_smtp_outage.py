"""The SMTP server down, then back (issue 10, "Faults").

A real SMTP server (aiosmtpd, see ``tests/mail/conftest.py``) is stopped
or says it is shutting down; the queue job runs as the cron runs it.
Mails stay queued with the reason in one sentence, go out once the
server is back, and none goes twice.
"""
import pytest

from tests.mail.conftest import MailDb, SmtpSink, point_smtp_at

SHUTTING_DOWN = '421 4.3.2 Service shutting down, try again later'


class ClosingSink(SmtpSink):
    """A sink that, while ``closing`` is set, takes ``take`` more messages, then answers 421 to the others."""

    closing = False
    take = 0

    async def handle_DATA(self, server, session, envelope):
        if self.closing:
            if not self.take:
                return SHUTTING_DOWN
            self.take -= 1
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def sink(monkeypatch):
    sink = ClosingSink()
    sink.start()
    point_smtp_at(sink, monkeypatch)
    yield sink
    sink.stop()


@pytest.fixture
def mail_db(base_copy):
    return MailDb(base_copy)


def _queue(mail_db, count):
    return mail_db.run(lambda env: env['mail.mail'].create(
        [{'email_to': 'customer@example.com', 'subject': f'Mail {n}', 'body': 'Hello'}
         for n in range(count)]).ids)


def _states(mail_db, ids):
    return mail_db.run(lambda env: {
        mail.id: (mail.state, mail.retry_count, mail.failure_reason)
        for mail in env['mail.mail'].browse(ids)})


def _subjects(sink):
    return sorted(message['Subject'] for message in sink.messages)


def test_mails_queued_while_the_server_is_down_wait_with_the_reason_then_go_once(mail_db, sink):
    sink.stop()
    ids = _queue(mail_db, 3)
    assert mail_db.process() == 3
    reason = f'Cannot reach the mail server 127.0.0.1:{sink.port}: Connection refused'
    assert _states(mail_db, ids) == {mail_id: ('outgoing', 1, reason) for mail_id in ids}

    sink.start()
    mail_db.make_due(ids)  # the retry delay has passed
    assert mail_db.process() == 3
    assert _subjects(sink) == ['Mail 0', 'Mail 1', 'Mail 2']
    assert {state for state, _count, _reason in _states(mail_db, ids).values()} == {'sent'}
    mail_db.make_due(ids)
    assert mail_db.process() == 0, 'a sent mail is never sent again'
    assert len(sink.received) == 3


def test_a_server_going_down_in_the_middle_of_a_run_sends_the_rest_once_it_is_back(mail_db, sink):
    ids = _queue(mail_db, 4)
    sink.closing, sink.take = True, 1
    assert mail_db.process() == 4
    states = _states(mail_db, ids)
    sent = [mail_id for mail_id, (state, _, _) in states.items() if state == 'sent']
    assert len(sent) == 1 and _subjects(sink) == ['Mail 0']
    reason = f'The server 127.0.0.1:{sink.port} refused the message: {SHUTTING_DOWN}'
    assert {states[mail_id] for mail_id in ids if mail_id not in sent} == {('outgoing', 1, reason)}

    sink.closing = False
    mail_db.make_due(ids)
    assert mail_db.process() == 3
    mail_db.make_due(ids)
    assert mail_db.process() == 0
    assert _subjects(sink) == ['Mail 0', 'Mail 1', 'Mail 2', 'Mail 3'], 'each mail exactly once'
