"""A real SMTP server for the mail tests, and a database the tests commit into.

``smtp_sink`` runs aiosmtpd on 127.0.0.1 with a free port inside the test
process; it keeps every message it accepts, refuses the recipients listed
in ``refuse`` with their 550 reason, and can be stopped and started again on
the same port to play a server that is down. The ``smtp_*`` options point
at it for the duration of the test.
"""
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from framework.api import Environment
from framework.config import config
from framework.db import db_connect


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class SmtpSink:
    """An SMTP server that stores messages (``received``) and refuses chosen recipients."""

    def __init__(self, credentials=None):
        self.port = _free_port()
        self.credentials = credentials  # (user, password) the server then requires
        self.received = []      # (envelope sender, envelope recipients, parsed message)
        self.refuse = {}        # address -> reason given with a 550
        self._controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return '550 %s' % self.refuse[address]
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return '250 Message accepted for delivery'

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword
        ok = (isinstance(auth_data, LoginPassword)
              and (auth_data.login.decode(), auth_data.password.decode()) == self.credentials)
        return AuthResult(success=ok)

    @property
    def messages(self):
        """The parsed messages received, oldest first."""
        return [message for _sender, _rcpt, message in self.received]

    def start(self):
        """Listen (again) on the sink's port."""
        extra = {}
        if self.credentials:
            extra = dict(authenticator=self._authenticate, auth_required=True, auth_require_tls=False)
        self._controller = Controller(self, hostname='127.0.0.1', port=self.port, **extra)
        self._controller.start()

    def stop(self):
        """Stop listening: connections to the port are refused."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def make_smtp_sink():
    """Factory ``make_smtp_sink(credentials=None)``: a started sink of its own, stopped after the test."""
    sinks = []

    def make(credentials=None):
        sink = SmtpSink(credentials)
        sink.start()
        sinks.append(sink)
        return sink
    yield make
    for sink in sinks:
        sink.stop()


def point_smtp_at(sink, monkeypatch):
    """Set the smtp_* options (for the test only) so that mails go to ``sink`` unauthenticated."""
    for key, value in (('smtp_server', '127.0.0.1'), ('smtp_port', sink.port), ('smtp_user', False),
                       ('smtp_password', False), ('smtp_ssl', False),
                       ('email_from', 'CRM <crm@example.com>')):
        monkeypatch.setitem(config.options, key, value)


@pytest.fixture
def smtp_sink(monkeypatch):
    """A running :class:`SmtpSink`; the smtp_* options point at it."""
    sink = SmtpSink()
    sink.start()
    point_smtp_at(sink, monkeypatch)
    yield sink
    sink.stop()


class MailDb:
    """A database the test commits into, with the few moves the mail tests make on it."""

    def __init__(self, name):
        self.name = name

    def run(self, func):
        """Return ``func(env)`` run as superuser in a transaction of its own, committed at the end."""
        with db_connect(self.name).cursor() as cr:
            return func(Environment(cr, 1, {}))

    def queue(self, **values):
        """Create one mail (committed) and return its id."""
        return self.run(lambda env: env['mail.mail'].create(values).id)

    def process(self, **kwargs):
        """Run the queue job once, as the cron does: on a cursor of its own."""
        return self.run(lambda env: env['mail.mail'].process_email_queue(**kwargs))

    def read(self, mail_id, *names):
        """Return the committed values of fields ``names`` of mail ``mail_id`` (None if deleted)."""
        def read(env):
            mail = env['mail.mail'].browse(mail_id)
            return {name: mail[name] for name in names} if mail.exists() else None
        return self.run(read)

    def make_due(self, mail_ids):
        """Pretend the retry delay has passed: the mails are due now."""
        self.run(lambda env: env['mail.mail'].browse(mail_ids).write({'scheduled_date': False}))


@pytest.fixture
def mail_db(fresh_db):
    """A :class:`MailDb` on a fresh copy of the template database (base installed)."""
    return MailDb(fresh_db())
