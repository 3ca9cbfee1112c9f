"""The crm email gateway (spec §7, scenarios 23–28) end to end.

The 5.0 script ``scripts/openerp-mailgate/openerp-mailgate.py`` runs as a
subprocess with a message on stdin, against a real server (the WSGI app on
a free port, serving a fresh copy of the template database, which has crm)
and a real SMTP server (aiosmtpd) that receives its forwards; the rules'
mails (the acknowledgement) go through the mail queue to the same server.
The server-side hooks (``mail.thread.message_process`` on ``crm.case``, what
``odoo-bin mailgate --model crm.case`` calls) are checked at the end.
"""
import email
import email.policy
import os
import socket
import subprocess
import sys
import threading

import pytest
from aiosmtpd.controller import Controller
from werkzeug.serving import make_server

from framework.api import Environment
from framework.config import config
from framework.db import db_connect

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                      'scripts', 'openerp-mailgate', 'openerp-mailgate.py')
PDF = b'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'


# --- servers ---------------------------------------------------------------------------------

class Sink:
    """An SMTP server keeping what it accepts; ``refuse`` holds recipients it answers 550."""

    def __init__(self):
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            self.port = sock.getsockname()[1]
        self.received = []  # (envelope sender, envelope recipients, message)
        self.refuse = set()
        self.controller = Controller(self, hostname='127.0.0.1', port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return '550 5.1.1 Mailbox unavailable'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos),
                              email.message_from_bytes(envelope.original_content or envelope.content,
                                                       policy=email.policy.default)))
        return '250 Message accepted for delivery'

    def to(self, address):
        """The messages whose envelope has ``address`` among the recipients."""
        return [message for _sender, rcpt, message in self.received if address in rcpt]


@pytest.fixture
def sink(monkeypatch):
    """A running SMTP sink; the server's smtp options (the mail queue) point at it too."""
    server = Sink()
    server.controller.start()
    for key, value in (('smtp_server', '127.0.0.1'), ('smtp_port', server.port), ('smtp_user', False),
                       ('smtp_password', False), ('smtp_ssl', False)):
        monkeypatch.setitem(config.options, key, value)
    yield server
    server.controller.stop()


@pytest.fixture(scope='module')
def http_server(pg_server):
    """``(host, port)`` of the application served by a thread of this process."""
    from framework.service.wsgi import application
    httpd = make_server('127.0.0.1', 0, application, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield '127.0.0.1', httpd.server_port
    httpd.shutdown()
    thread.join(10)


class Crm:
    """A committed database with the §14 fixture, and the moves the tests make on it."""

    def __init__(self, dbname, host, port, sink):
        self.dbname, self.host, self.port, self.sink = dbname, host, port, sink
        self.ids = self.run(self._fixture)

    def run(self, func):
        """Return ``func(env)`` run as admin in a committed transaction of its own."""
        with db_connect(self.dbname).cursor() as cr:
            return func(Environment(cr, 1, {}))

    @staticmethod
    def _fixture(env):
        address = env['res.partner.address']
        users = env['res.users']

        def user(name, login, mail):
            found = users.search([('login', '=', login)])
            found = found or users.create({'name': name, 'login': login, 'password': login})
            found.write({'address_id': address.create({'name': name, 'email': mail}).id, 'signature': name})
            return found
        alice, bob = user('Alice', 'alice', 'alice@co.com'), user('Bob', 'bob', 'bob@co.com')
        admin = env.ref('base.user_admin')  # the gateway user (5.0's uid 1 is our uid 2)
        admin.write({'address_id': address.create({'name': 'Admin', 'email': 'manager@co.com'}).id})
        sections = env['crm.case.section']
        support = sections.search([('code', '=', 'support')], limit=1)
        values = {'name': 'Support', 'code': 'support', 'reply_to': 'support@co.com', 'user_id': alice.id,
                  'parent_id': False}
        support.write(values) if support else (support := sections.create(values))
        level2 = sections.create({'name': 'Support L2', 'code': 'l2', 'user_id': bob.id,
                                  'parent_id': support.id, 'reply_to': 'support@co.com'})
        agrolait = env['res.partner'].create({'name': 'Agrolait'})
        contact = address.create({'name': 'Jo', 'partner_id': agrolait.id, 'email': 'info@agrolait.com',
                                  'type': 'contact'})
        return {'admin': admin.id, 'alice': alice.id, 'bob': bob.id, 'support': support.id, 'level2': level2.id,
                'agrolait': agrolait.id, 'contact': contact.id}

    def add_ack_rule(self):
        """The acknowledgement rule of §7.4: Draft → Open in Support mails the partner."""
        self.run(lambda env: env['crm.case.rule'].create({
            'name': 'Ack', 'sequence': 1, 'trg_state_from': 'draft', 'trg_state_to': 'open',
            'trg_section_id': self.ids['support'], 'act_mail_to_partner': True,
            'act_mail_body': 'Dear %(partner)s, case %(case_id)s received'}))

    def mailgate(self, raw, *extra, section='support'):
        """Run the 5.0 script on ``raw``; return the finished process."""
        args = [sys.executable, SCRIPT, '-u', str(self.ids['admin']), '-p', 'admin', '-s', str(section), '-e', 'support@co.com',
                '-d', self.dbname, '--host', self.host, '--port', str(self.port),
                '--smtp', '127.0.0.1', '--smtp-port', str(self.sink.port), *extra]
        return subprocess.run(args, input=raw, capture_output=True, timeout=120, cwd='/')

    def deliver(self, raw, *extra, section='support'):
        """Run the script and return the case id it printed (the run must succeed)."""
        result = self.mailgate(raw, *extra, section=section)
        assert result.returncode == 0, result.stderr.decode()
        return int(result.stdout)

    def case(self, case_id, *names):
        """The committed values of a case (many2one as ids)."""
        def read(env):
            case = env['crm.case'].browse(case_id)
            return {name: (case[name].id if hasattr(case[name], '_name') and case._fields[name].type == 'many2one'
                           else case[name]) for name in names}
        return self.run(read)

    def history(self, case_id):
        """``[(description, email)]`` of the case's communication, newest first."""
        return self.run(lambda env: [(line.description, line.email)
                                     for line in env['crm.case'].browse(case_id).history_line])

    def send_queue(self):
        """Send what the transactions queued (rules' mails), as the queue job does."""
        self.run(lambda env: env['mail.mail'].process_email_queue())


@pytest.fixture
def crm(fresh_db, http_server, sink):
    host, port = http_server
    return Crm(fresh_db(), host, port, sink)


def message(subject='Cannot login', sender='Jo <info@agrolait.com>', body='I cannot log in since this morning.',
            to='support@co.com', pdf=False, **headers):
    """A raw RFC 822 message (bytes)."""
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg['From'], msg['To'], msg['Subject'] = sender, to, subject
    msg['Message-Id'] = email.utils.make_msgid(domain='agrolait.com')
    for name, value in headers.items():
        msg[name.replace('_', '-')] = value
    msg.set_content(body)
    if pdf:
        msg.add_attachment(PDF, maintype='application', subtype='pdf', filename='invoice.pdf')
    return msg.as_bytes()


# --- the 5.0 script --------------------------------------------------------------------------

def test_script_has_the_5_0_options():
    result = subprocess.run([sys.executable, SCRIPT, '--help'], capture_output=True, text=True, cwd='/')
    assert result.returncode == 0
    for option in ('-u USERID, --user=USERID', '-p PASSWORD, --password=PASSWORD', '-e EMAIL, --email=EMAIL',
                   '-s SECTION, --section=SECTION', '-m DEFAULT, --default=DEFAULT',
                   '-d DBNAME, --dbname=DBNAME', '--host=HOST', '--port=PORT', '--smtp=SMTP',
                   '--smtp-port=SMTP_PORT'):
        assert option in result.stdout
    assert result.stdout.startswith('Usage: openerp-mailgate.py [options]')
    version = subprocess.run([sys.executable, SCRIPT, '--version'], capture_output=True, text=True, cwd='/')
    assert version.stdout.strip() == 'openerp-mailgate.py v1.0'


def test_new_message_becomes_an_open_case_acknowledged_and_forwarded(crm):
    """Scenario 23."""
    crm.add_ack_rule()
    case_id = crm.deliver(message(pdf=True))
    case = crm.case(case_id, 'name', 'section_id', 'partner_id', 'partner_address_id', 'email_from',
                    'state', 'user_id', 'description')
    assert case == {'name': 'Cannot login', 'section_id': crm.ids['support'], 'partner_id': crm.ids['agrolait'],
                    'partner_address_id': crm.ids['contact'], 'email_from': 'Jo <info@agrolait.com>',
                    'state': 'open', 'user_id': crm.ids['admin'], 'description': 'I cannot log in since this morning.'}
    assert crm.history(case_id) == [('I cannot log in since this morning.', 'Jo <info@agrolait.com>')]
    attachments = crm.run(lambda env: [(a.name, a.description, a.raw) for a in env['ir.attachment'].search(
        [('res_model', '=', 'crm.case'), ('res_id', '=', case_id)])])
    assert attachments == [('invoice.pdf', 'Mail attachment', PDF)]
    # the forward: to the responsible (admin, the gateway user) only, from the gateway
    (sender, rcpt, forward), = crm.sink.received
    assert rcpt == ['manager@co.com'] and sender == 'support@co.com'
    assert forward['Subject'] == '[%d] Cannot login' % case_id
    assert forward['Reply-To'] == 'support@co.com' and forward['X-Priority'] == '3 (Normal)'
    assert '-tinycrm-%d@' % case_id in forward['Message-Id']
    # the acknowledgement is the rule's mail, queued by the server
    crm.send_queue()
    ack, = crm.sink.to('info@agrolait.com')
    assert ack.get_content().strip() == 'Dear Agrolait, case %d received' % case_id
    assert ack['Subject'] == '[%d] Cannot login' % case_id
    assert not crm.sink.to('support@co.com')


def test_section_by_id_and_unknown_sender(crm):
    """Scenario 24."""
    case_id = crm.deliver(message(sender='stranger@nowhere.org', subject='Question \u00fcber Rechnung'),
                          section=crm.ids['level2'])
    forward, = crm.sink.to('manager@co.com')
    assert forward['Subject'] == '[%d] Question \u00fcber Rechnung' % case_id
    assert crm.case(case_id, 'section_id', 'partner_id', 'partner_address_id', 'email_from', 'state') == {
        'section_id': crm.ids['level2'], 'partner_id': False, 'partner_address_id': False,
        'email_from': 'stranger@nowhere.org', 'state': 'open'}
    unknown = crm.mailgate(message(subject='Lost'), section='nosuchcode')
    assert unknown.returncode == 1
    assert b"There is no case section with the code 'nosuchcode'" in unknown.stderr


def test_partner_reply_reopens_the_case_and_is_forwarded(crm):
    """Scenario 25: the partner's reply on a Pending case."""
    case_id = crm.deliver(message())
    crm.run(lambda env: env['crm.case'].browse(case_id).write(
        {'user_id': crm.ids['alice'], 'email_cc': 'boss@agrolait.com'}))
    crm.run(lambda env: env['crm.case'].browse(case_id).case_pending())
    crm.sink.received.clear()
    assert crm.deliver(message(subject='Re: [%d] Cannot login' % case_id, sender='info@agrolait.com',
                               body='Still broken.')) == case_id
    assert crm.case(case_id, 'state', 'description') == {'state': 'open', 'description': 'Still broken.'}
    assert crm.history(case_id)[0] == ('Still broken.', 'info@agrolait.com')
    (_sender, rcpt, forward), = crm.sink.received
    assert rcpt == ['alice@co.com', 'boss@agrolait.com']
    assert forward['To'] == 'alice@co.com' and forward['Cc'] == 'boss@agrolait.com'


def test_reply_found_by_references(crm):
    """Scenario 26: no tag in the subject, the tinycrm Message-Id in References."""
    case_id = crm.deliver(message())
    reply = message(subject='Re: Cannot login', sender='info@agrolait.com', body='Any news?',
                    References='<1234.5-tinycrm-%d@host>' % case_id)
    assert crm.deliver(reply) == case_id
    assert crm.history(case_id)[0] == ('Any news?', 'info@agrolait.com')
    assert crm.run(lambda env: env['crm.case'].search_count([('name', '=', 'Re: Cannot login')])) == 0


def test_responsible_reply_with_commands(crm):
    """Scenario 27: Set-State/Set-Priority/Set-Revenue applied and stripped; the partner gets the answer."""
    case_id = crm.deliver(message())
    crm.run(lambda env: env['crm.case'].browse(case_id).write({'user_id': crm.ids['alice']}))
    crm.sink.received.clear()
    body = 'Fixed, please try again.\nSet-State: close\nSet-Priority: 1\nSet-Revenue: 5000\n\nAlice'
    crm.deliver(message(subject='Re: [%d] Cannot login' % case_id, sender='Alice <alice@co.com>', body=body))
    case = crm.case(case_id, 'state', 'priority', 'planned_revenue', 'description')
    assert case == {'state': 'done', 'priority': '1', 'planned_revenue': 5000.0,
                    'description': 'Fixed, please try again.\n\nAlice'}
    assert crm.history(case_id)[0] == ('Fixed, please try again.\n\nAlice', 'Alice <alice@co.com>')
    (_sender, rcpt, forward), = crm.sink.received
    assert rcpt == ['info@agrolait.com'] and forward['X-Priority'] == '1 (Highest)'
    text = forward.get_body(('plain',)).get_content()
    assert 'Fixed, please try again.' in text and 'Set-' not in text  # commands are not for the partner
    # without Set-State the responsible's reply makes the case Pending
    crm.run(lambda env: env['crm.case'].browse(case_id).case_open())
    crm.deliver(message(subject='Re: [%d] Cannot login' % case_id, sender='alice@co.com', body='Waiting.'))
    assert crm.case(case_id, 'state')['state'] == 'pending'


def test_smtp_refusal_goes_to_the_fallback_addresses(crm):
    """Scenario 28: the forward is refused; -m receives the message, subject prefixed."""
    crm.sink.refuse.add('manager@co.com')
    result = crm.mailgate(message(subject='Help'), '-m', 'admin@co.com')
    assert result.returncode == 0, result.stderr
    assert b'refused manager@co.com' in result.stderr
    fallback, = crm.sink.to('admin@co.com')
    assert fallback['Subject'] == '[OpenERP-CaseError] Help'
    # the case exists all the same
    assert crm.run(lambda env: env['crm.case'].search_count([('name', '=', 'Help')])) == 1


def test_server_down_without_fallback_keeps_the_message_at_the_mail_server(crm):
    # -S: a Python without site-packages (no psycopg2...), as on a bare mail server
    result = subprocess.run([sys.executable, '-S', SCRIPT, '--port', '1', '-d', crm.dbname],
                            input=message(), capture_output=True, timeout=60, cwd='/')
    assert result.returncode == 1
    assert b'Cannot reach the OpenERP server at http://localhost:1/xmlrpc/object' in result.stderr


def test_wrong_password_is_one_sentence(crm):
    result = crm.mailgate(message(), '-p', 'wrong')
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (
        'openerp-mailgate: The server refused user id %d with this password on database %s: '
        'check -u, -p and -d.' % (crm.ids['admin'], crm.dbname))


def test_odoo_bin_mailgate_reaches_the_same_hooks(crm):
    """``odoo-bin mailgate --model crm.case`` (the shared parser, the server-side hooks, the mail queue)."""
    from framework.config import ROOT as root
    environ = dict(os.environ, ODOO_RC=os.path.join(root, '.testdata', 'no-such.rc'))
    flags = ['-d', crm.dbname, '--model', 'crm.case', '--host', crm.host, '--port', str(crm.port),
             '--user', 'admin', '--password', 'admin', '--custom-values', '{"section_id": "l2"}']
    result = subprocess.run([sys.executable, os.path.join(root, 'odoo-bin'), 'mailgate', *flags],
                            input=message(subject='Via odoo-bin'), capture_output=True, timeout=120, cwd=root)
    assert result.returncode == 0, result.stderr.decode()
    case_id = int(result.stdout)
    assert crm.case(case_id, 'name', 'section_id', 'partner_id', 'state', 'user_id') == {
        'name': 'Via odoo-bin', 'section_id': crm.ids['level2'], 'partner_id': crm.ids['agrolait'],
        'state': 'open', 'user_id': crm.ids['admin']}
    # the forward waits in the queue: to the responsible, from the section's address
    crm.send_queue()
    forward, = crm.sink.to('manager@co.com')
    assert forward['Subject'] == '[%d] Via odoo-bin' % case_id and forward['From'] == 'support@co.com'


# --- the server-side hooks (odoo-bin mailgate --model crm.case) ------------------------------

def test_message_process_makes_a_case_and_queues_the_forward(env):
    support = env['crm.case.section'].search([('code', '=', 'support')], limit=1) or \
        env['crm.case.section'].create({'name': 'Support', 'code': 'support'})
    support.write({'reply_to': 'support@co.com'})
    bob = env['res.users'].create({'name': 'Bob G', 'login': 'bob_gateway', 'password': 'x'})
    bob.write({'address_id': env['res.partner.address'].create({'name': 'Bob', 'email': 'bob.g@co.com'}).id})
    raw = message(pdf=True, Cc='watcher@agrolait.com')
    case_id = env['mail.thread'].message_process('crm.case', raw, custom_values={'section_id': 'support'})
    case = env['crm.case'].browse(case_id)
    assert (case.state, case.section_id, case.email_cc) == ('open', support, 'watcher@agrolait.com')
    assert case.history_line.description == 'I cannot log in since this morning.'
    assert env['ir.attachment'].search([('res_model', '=', 'crm.case'), ('res_id', '=', case_id)]).mapped(
        'description') == ['Mail attachment']
    forwards = env['mail.mail'].search([('model', '=', 'crm.case'), ('res_id', '=', case_id),
                                        ('headers', 'like', 'X-Priority')])
    # the watcher was in Cc of the message, the partner sent it: only the responsible (no address) is left
    assert not forwards
    # the responsible's reply, by [ID] in the subject: commands applied, forwarded to partner and watcher
    case.write({'user_id': bob.id})
    reply = message(subject='Re: [%d] Cannot login' % case_id, sender='bob.g@co.com',
                    body='Done.\nSet-State: pending\nset-cost : 12.5\nSet-User: Bob G')
    assert env['mail.thread'].message_process('crm.case', reply) == case_id
    assert (case.state, case.planned_cost, case.user_id, case.description) == ('pending', 12.5, bob, 'Done.')
    forward = env['mail.mail'].search([('model', '=', 'crm.case'), ('res_id', '=', case_id),
                                       ('headers', 'like', 'X-Priority')])
    assert (forward.email_to, forward.email_cc) == ('info@agrolait.com', 'watcher@agrolait.com')
    assert forward.body == 'Done.' and forward.subject == 'Re: [%d] Cannot login' % case_id
    assert forward.email_from == 'support@co.com' and forward.reply_to == 'support@co.com'
    assert '"X-Priority": "3 (Normal)"' in forward.headers


def test_unknown_section_is_refused_with_one_sentence(env):
    from framework.mailgate import DeliveryError
    with pytest.raises(DeliveryError, match="There is no case section 'nope'"):
        env['mail.thread'].message_process('crm.case', message(), custom_values={'section_id': 'nope'})


# --- commands and recipients (pure) ----------------------------------------------------------

def test_command_lines():
    from addons.crm.gateway_commands import command_values, split_commands
    text, found = split_commands('Hello\nSET-STATE: draft\nSet-Probability: 50\nSet-Revenue: lots\nBye')
    assert text == 'Hello\nBye' and found == [('state', 'draft'), ('probability', '50'), ('revenue', 'lots')]
    assert command_values(found) == ('case_reset', {'probability': 50.0}, None)
    assert command_values([('priority', '9'), ('partner', 'x@y.com'), ('user', 'Bob')]) == \
        ('case_pending', {'email_from': 'x@y.com'}, 'Bob')


def test_forward_recipients_skip_the_sender_and_the_gateway():
    from addons.crm.gateway_commands import forward_recipients
    case = ('alice@co.com', 'Jo <info@agrolait.com>', 'boss@agrolait.com, ,support@co.com', '3')
    assert forward_recipients(case, ['info@agrolait.com', 'support@co.com', ''], ['support@co.com']) == \
        ['alice@co.com', 'boss@agrolait.com']
    assert forward_recipients((False, False, False, '3'), ['a@b.com', '', '']) == []
