"""``fetchmail.server.fetch_mail`` against a tiny POP3 server on loopback."""
import socketserver
import threading

import pytest

TICKET = 'test.mailgate.ticket'


class Pop3Box:
    """The mailbox the test server serves: messages, and which ones were deleted at QUIT."""

    def __init__(self, messages, password='secret'):
        self.messages = list(messages)
        self.password = password
        self.deleted = []


def pop3_server(box):
    """A minimal POP3 server (USER PASS STAT RETR DELE QUIT) for ``box``; returns the started server."""
    class Handler(socketserver.StreamRequestHandler):
        def send(self, line):
            self.wfile.write(line + b'\r\n')

        def handle(self):
            marked = set()
            self.send(b'+OK test POP3 ready')
            for line in self.rfile:
                command, _, argument = line.strip().partition(b' ')
                command = command.upper()
                if command == b'USER':
                    self.send(b'+OK')
                elif command == b'PASS':
                    self.send(b'+OK logged in' if argument.decode() == box.password else b'-ERR invalid password')
                elif command == b'STAT':
                    self.send(b'+OK %d %d' % (len(box.messages), sum(map(len, box.messages))))
                elif command == b'RETR':
                    raw = box.messages[int(argument) - 1]
                    self.send(b'+OK')
                    for body_line in raw.split(b'\r\n')[:-1] if raw.endswith(b'\r\n') else raw.split(b'\r\n'):
                        self.send(b'.' + body_line if body_line.startswith(b'.') else body_line)
                    self.send(b'.')
                elif command == b'DELE':
                    marked.add(int(argument))
                    self.send(b'+OK')
                elif command == b'QUIT':
                    box.deleted.extend(sorted(marked))
                    self.send(b'+OK bye')
                    return
                else:
                    self.send(b'-ERR unknown command')

    server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def pop3():
    servers = []

    def start(box):
        server = pop3_server(box)
        servers.append(server)
        return server.server_address[1]
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _server(env, port, password='secret'):
    model = env['ir.model'].search([('model', '=', TICKET)])
    return env['fetchmail.server'].create({'name': 'Support box', 'server_type': 'pop', 'server': '127.0.0.1',
                                           'port': port, 'user': 'support', 'password': password,
                                           'object_id': model.id})


def test_fetch_mail_delivers_and_removes_each_message(committed, pop3, eml):
    dbname, run = committed
    box = Pop3Box([eml('multipart_pdf.eml'), eml('malformed.eml'), eml('latin1_subject.eml')])
    port = pop3(box)
    server_id = run(lambda env: _server(env, port).id)
    run(lambda env: env['fetchmail.server'].browse(server_id).fetch_mail())
    names = run(lambda env: sorted(env[TICKET].search([]).mapped('name')))
    assert names == ["Probl\u00e8me de t\u00e9l\u00e9phone \u00e0 l'accueil", 'Quotation for the printer']
    # the malformed one was kept as a failure, so it may leave the mailbox too
    assert run(lambda env: env['mail.gateway.failure'].search_count([])) == 1
    assert box.deleted == [1, 2, 3]
    state = run(lambda env: env['fetchmail.server'].browse(server_id).read(['state', 'date'])[0])
    assert state['state'] == 'done' and state['date']


def test_wrong_password_is_recorded_by_the_job(committed, pop3, eml):
    dbname, run = committed
    box = Pop3Box([eml('html_only.eml')])
    port = pop3(box)
    server_id = run(lambda env: _server(env, port, password='wrong').id)
    run(lambda env: env['fetchmail.server']._fetch_all())
    error = run(lambda env: env['fetchmail.server'].browse(server_id).last_error)
    assert error.startswith('The POP3 server 127.0.0.1:%d refused the mailbox support' % port)
    assert box.deleted == [] and run(lambda env: env[TICKET].search_count([])) == 0


def test_the_fetch_job_is_scheduled_every_5_minutes(env):
    cron = env.ref('base.ir_cron_mail_gateway_action')
    assert (cron.model, cron.function, cron.interval_number, cron.interval_type) == \
        ('fetchmail.server', '_fetch_all', 5, 'minutes')
