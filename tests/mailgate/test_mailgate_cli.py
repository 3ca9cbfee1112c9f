"""``odoo-bin mailgate``: one message on stdin, delivered over XML-RPC to a real server (or directly)."""
import os
import subprocess
import sys
import threading

import pytest
from werkzeug.serving import make_server

from framework.config import ROOT

TICKET = 'test.mailgate.ticket'


@pytest.fixture(scope='module')
def server(pg_server):
    """(host, port) of the application served by a thread of this process."""
    from framework.service.wsgi import application
    httpd = make_server('127.0.0.1', 0, application, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield '127.0.0.1', httpd.server_port
    httpd.shutdown()
    thread.join(10)


def mailgate(raw, *args):
    environ = dict(os.environ, ODOO_RC=os.path.join(ROOT, '.testdata', 'no-such.rc'))
    return subprocess.run([sys.executable, os.path.join(ROOT, 'odoo-bin'), 'mailgate', *args],
                          input=raw, capture_output=True, env=environ, timeout=120, cwd=ROOT)


def test_messages_over_xmlrpc_make_the_expected_records(server, committed, eml):
    dbname, run = committed
    host, port = server
    flags = ['-d', dbname, '--model', TICKET, '--host', host, '--port', str(port),
             '--user', 'admin', '--password', 'admin']
    ids = {}
    for name in ('multipart_pdf.eml', 'html_only.eml', 'latin1_subject.eml', 'no_charset_8bit.eml'):
        result = mailgate(eml(name), *flags)
        assert result.returncode == 0, result.stderr
        ids[name] = int(result.stdout)
    # the same message again: the same record, nothing new
    again = mailgate(eml('multipart_pdf.eml'), *flags)
    assert again.returncode == 0 and int(again.stdout) == ids['multipart_pdf.eml']
    # a reply (In-Reply-To the first message) and a [ID]-tagged subject land on existing tickets
    answer = (b'From: info@agrolait.com\r\nSubject: Re: Quotation\r\nMessage-Id: <rpc-reply@agrolait.com>\r\n'
              b'In-Reply-To: <CAF3x9Zq1-printer-quote@mail.agrolait.com>\r\n\r\nAny news?\r\n')
    assert int(mailgate(answer, *flags).stdout) == ids['multipart_pdf.eml']
    tagged = ('From: francois@laposte.example.fr\r\nSubject: Re: [%d] toujours en panne\r\n'
              'Message-Id: <rpc-tag@laposte.example.fr>\r\n\r\nToujours rien.\r\n' % ids['latin1_subject.eml'])
    assert int(mailgate(tagged.encode(), *flags).stdout) == ids['latin1_subject.eml']

    def check(env):
        tickets = env[TICKET].search([])
        assert sorted(tickets.mapped('name')) == sorted([
            'Quotation for the printer', 'Opening hours', "Probl\u00e8me de t\u00e9l\u00e9phone \u00e0 l'accueil",
            'Drucker kaputt \u2013 schnell bitte'])
        quote = env[TICKET].browse(ids['multipart_pdf.eml'])
        assert quote.state == 'pending' and quote.note_ids.body == 'Any news?'
        assert env[TICKET].browse(ids['latin1_subject.eml']).note_ids.body == 'Toujours rien.'
        assert env['ir.attachment'].search([('res_model', '=', TICKET)]).mapped('name') == ['Devis imprimante.pdf']
    run(check)


def test_malformed_message_is_one_sentence_exit_1_nothing_written(server, committed, eml):
    dbname, run = committed
    host, port = server
    result = mailgate(eml('malformed.eml'), '-d', dbname, '--model', TICKET, '--host', host, '--port', str(port))
    assert result.returncode == 1
    assert result.stderr.decode() == ('odoo-bin: The message cannot be read: it has no header lines '
                                      '(such as From: and Subject:) before its body.\n')
    assert run(lambda env: env[TICKET].search_count([])) == 0
    assert run(lambda env: env['mail.gateway.failure'].search_count([])) == 1  # kept, not lost


def test_refused_delivery_over_xmlrpc(server, committed):
    dbname, run = committed
    host, port = server
    raw = b'From: a@example.com\r\nSubject: please refuse me\r\nMessage-Id: <refuse@x.org>\r\n\r\nno\r\n'
    result = mailgate(raw, '-d', dbname, '--model', TICKET, '--host', host, '--port', str(port))
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert stderr.count('\n') == 1 and 'Tickets about "refuse me" are not accepted.' in stderr
    assert run(lambda env: env[TICKET].search_count([])) == 0


def test_wrong_password_and_unreachable_server(committed, server):
    dbname, _run = committed
    host, port = server
    raw = b'From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n'
    result = mailgate(raw, '-d', dbname, '--model', TICKET, '--host', host, '--port', str(port),
                      '--password', 'wrong')
    assert result.returncode == 1 and "refused the login 'admin'" in result.stderr.decode()
    result = mailgate(raw, '-d', dbname, '--model', TICKET, '--host', '127.0.0.1', '--port', '1')
    assert result.returncode == 1 and result.stderr.decode().startswith('odoo-bin: Cannot reach the server')


def test_direct_database_delivery(committed, eml, pg_server):
    dbname, run = committed
    flags = ['--db_host', str(pg_server['host']), '--db_port', str(pg_server.get('port') or 5432),
             '--addons-path', os.path.join(ROOT, 'tests', 'addons')]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    result = mailgate(eml('html_only.eml'), '-d', dbname, '--model', TICKET, *flags)
    assert result.returncode == 0, result.stderr
    assert run(lambda env: env[TICKET].browse(int(result.stdout)).name) == 'Opening hours'


def test_missing_model_flag_is_exit_2():
    result = mailgate(b'', '-d', 'x')
    assert result.returncode == 2 and b'add --model MODEL' in result.stderr
