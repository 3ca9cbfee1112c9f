"""Two senders working the mail queue at once send each mail exactly once, to a real SMTP server.

The first sender is held while the server receives its first mail (the
sink answers DATA only when the test says so): it then holds that mail's
row. The second sender runs meanwhile, skips the held mail without
waiting for it, and sends the others; the first one, released, finds
them sent.
"""
import asyncio
import threading
import uuid

import pytest

from tests.mail.conftest import SmtpSink, point_smtp_at

from .conftest import HANG, Blocked, run


class GatedSink(SmtpSink):
    """An SMTP sink that holds the DATA of the mail whose subject is ``gate`` until ``release``."""

    def __init__(self):
        super().__init__()
        self.gate = None
        self.arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.gate and self.gate.encode() in (envelope.original_content or envelope.content):
            self.arrived.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, HANG)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def gated_sink(monkeypatch):
    sink = GatedSink()
    sink.start()
    point_smtp_at(sink, monkeypatch)
    yield sink
    sink.release.set()
    sink.stop()


def _process(dbname, ids):
    return run(dbname, lambda env: env['mail.mail'].process_email_queue(ids=ids))


def test_two_senders_at_once_send_each_mail_exactly_once(concurrency_db, gated_sink):
    tag = uuid.uuid4().hex[:8]
    subjects = ['%s mail %d' % (tag, number) for number in range(4)]
    ids = run(concurrency_db, lambda env: env['mail.mail'].create([
        {'email_to': 'customer@example.com', 'subject': subject, 'body': 'Hello'} for subject in subjects]).ids)
    gated_sink.gate = subjects[0]           # the lowest id: the first mail a sender claims

    first = Blocked(concurrency_db, lambda: _process(concurrency_db, ids))
    assert gated_sink.arrived.wait(HANG), "the first sender never reached the SMTP server"
    # the first sender now holds mail 0's row, in the middle of sending it
    second = Blocked(concurrency_db, lambda: _process(concurrency_db, ids))
    assert second.result(hung="the second sender waits for the mail the first one holds") == 3
    gated_sink.release.set()
    assert first.result() == 1              # the others were sent meanwhile: not tried again

    received = sorted(str(message['Subject']) for message in gated_sink.messages)
    assert received == sorted(subjects)
    states = run(concurrency_db, lambda env: env['mail.mail'].browse(ids).mapped('state'))
    assert states == ['sent'] * 4
