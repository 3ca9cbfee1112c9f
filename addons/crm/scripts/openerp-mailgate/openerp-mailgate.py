#!/usr/bin/env python3
"""OpenERP 5.0's email gateway for the CRM: one message on stdin becomes a case or a reply on one.

Kept working unchanged for the mail servers already set up with it, e.g. as
fetchmail's MDA::

    mda "openerp-mailgate.py -u 3 -p admin -s support -e support@x -m admin@x -d terp"

It talks XML-RPC to ``http://HOST:PORT/xmlrpc/object`` (``execute``) with
the calls of the spec's §7.3b, then forwards the message by SMTP (``--smtp``
/ ``--smtp-port``, default localhost:25) to the people on the case who did
not receive it. When anything fails and ``-m`` gives fallback addresses,
they receive the message with its subject prefixed ``[OpenERP-CaseError] ``.

It reads the message with the parser ``odoo-bin mailgate`` uses
(``framework.mailgate``) and the command/recipient rules of
``addons/crm/gateway_commands.py``, both found from this file's place in
the repository, so it runs as a plain script from anywhere.

Exit status: 0 when the message reached a case (or the fallback addresses),
1 when it was lost and the mail server should keep it (the reason on stderr).
"""
import base64
import email
import email.header
import email.message
import email.policy
import importlib.util
import optparse
import os
import re
import smtplib
import socket
import sys
import time
import types
import xmlrpc.client

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(HERE))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)



def _import_parser():
    """Import the gateway parser of ``framework.mailgate``, with or without the server's dependencies.

    The parser needs only the standard library, but ``framework/__init__``
    loads the ORM (psycopg2, …). A Python without those (the mail server's
    own) gets the ``framework`` and ``framework.mailgate`` packages as
    bare namespaces, so that only the parser's modules are executed.
    """
    try:
        import framework.mailgate  # noqa: F401
    except ImportError:
        for name in [name for name in sys.modules if name == 'framework' or name.startswith('framework.')]:
            del sys.modules[name]
        for name, path in (('framework', os.path.join(ROOT, 'framework')),
                           ('framework.mailgate', os.path.join(ROOT, 'framework', 'mailgate'))):
            package = types.ModuleType(name)
            package.__path__ = [path]
            sys.modules[name] = package
    from framework.mailgate import errors, headers, parser
    return parser.parse_message, errors.MessageParseError, headers.decode_header


parse_message, MessageParseError, decode_header = _import_parser()


def _load_commands():
    """Load ``addons/crm/gateway_commands.py`` by path (importing the addon package would load the ORM models)."""
    path = os.path.join(os.path.dirname(os.path.dirname(HERE)), 'gateway_commands.py')
    spec = importlib.util.spec_from_file_location('crm_gateway_commands', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


commands = _load_commands()

ERROR_PREFIX = '[OpenERP-CaseError] '
ACCESS_ERROR = 'The Specified user does not have an access to the CRM case.'
_TINYCRM_REFERENCE = re.compile(r'<.*-tinycrm-(\d+)@(.*)>')
_SUBJECT_TAG = re.compile(r'\[([0-9]+)\]')


def option_parser():
    """The 5.0 command line (§7.1), plus ``--smtp`` and ``--smtp-port`` for the forward."""
    parser = optparse.OptionParser(usage='usage: %prog [options]', version='%prog v1.0')
    group = optparse.OptionGroup(parser, 'Note',
                                 'This program parse a mail from standard input and communicate '
                                 'with the Open ERP server for case management in the CRM module.')
    parser.add_option_group(group)
    parser.add_option('-u', '--user', dest='userid', type='int', default=1,
                      help='ID of the user in Open ERP [default: %default]')
    parser.add_option('-p', '--password', dest='password', default='admin',
                      help='Password of the user in Open ERP [default: %default]')
    parser.add_option('-e', '--email', dest='email',
                      help='Email address used in the From of outgoing messages')
    parser.add_option('-s', '--section', dest='section', default='support',
                      help='ID or code of the case section [default: %default]')
    parser.add_option('-m', '--default', dest='default',
                      help='Default eMail in case of any trouble (comma separated).')
    parser.add_option('-d', '--dbname', dest='dbname', default='terp',
                      help='Database name [default: %default]')
    parser.add_option('--host', dest='host', default='localhost',
                      help='Server host [default: %default]')
    parser.add_option('--port', dest='port', default='8069',
                      help='Server port [default: %default]')
    parser.add_option('--smtp', dest='smtp', default='localhost',
                      help='SMTP server for the forwarded mail [default: %default]')
    parser.add_option('--smtp-port', dest='smtp_port', type='int', default=25,
                      help='SMTP port [default: %default]')
    return parser


class GatewayError(Exception):
    """A failure with one sentence for the mail administrator; ``stored`` tells whether the case has the message."""

    def __init__(self, message, stored=False):
        super().__init__(message)
        self.stored = stored


class Rpc:
    """``execute(db, uid, password, model, method, *args)`` on ``/xmlrpc/object``."""

    def __init__(self, host, port, dbname, userid, password):
        self.url = 'http://%s:%s/xmlrpc/object' % (host, port)
        self.proxy = xmlrpc.client.ServerProxy(self.url, allow_none=True)
        self.dbname, self.userid, self.password = dbname, userid, password

    def __call__(self, model, method, *args):
        """Call ``model.method(*args)`` on the server; raise ``GatewayError`` with the server's sentence."""
        try:
            return self.proxy.execute(self.dbname, self.userid, self.password, model, method, *args)
        except xmlrpc.client.Fault as fault:
            text = str(fault.faultString).strip()
            if text.splitlines() and text.splitlines()[-1].strip() == 'Access Denied':
                raise GatewayError('The server refused user id %s with this password on database %s: '
                                   'check -u, -p and -d.' % (self.userid, self.dbname)) from None
            if 'access' in text.lower() and model == 'crm.case':
                raise GatewayError(ACCESS_ERROR) from None
            raise GatewayError('The server refused %s.%s: %s' % (model, method, text.splitlines()[-1] if text else '?')) from None
        except (OSError, xmlrpc.client.ProtocolError) as exc:
            raise GatewayError('Cannot reach the OpenERP server at %s: %s.' % (self.url, exc)) from None


class Gateway:
    """One message in, the case (new or replied) out, the forward sent."""

    def __init__(self, options, rpc):
        self.options = options
        self.rpc = rpc

    # --- the case ---------------------------------------------------------------------------
    def process(self, raw):
        """Deliver ``raw`` (bytes); return the case id. Raises ``GatewayError``."""
        try:
            msg = parse_message(raw)
        except MessageParseError as exc:
            raise GatewayError(str(exc)) from None
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        case_id = self.find_case(msg)
        if case_id:
            case_emails = self.rpc('crm.case', 'emails_get', case_id)
            if self.is_responsible(msg, case_emails):
                text = self.user_reply(case_id, msg)
                if text != msg['body']:
                    message = without_commands(message, text, msg['attachments'])
            else:
                self.partner_reply(case_id, msg)
        else:
            case_id = self.new_case(msg)
            del message['Subject']
            message['Subject'] = header_text('[%d] %s' % (case_id, msg['subject']))
            del message['Message-Id']
            message['Message-Id'] = '<%.6f-tinycrm-%d@%s>' % (time.time(), case_id, socket.gethostname())
        self.attach(case_id, msg)
        try:
            self.forward(case_id, msg, message)
        except GatewayError as exc:
            exc.stored = True
            raise
        return case_id

    def find_case(self, msg):
        """The id of the existing case the message answers (References, then ``[ID]`` in the subject), or None."""
        match = None
        for reference in reversed(list(msg['references']) + [msg['in_reply_to']]):
            match = _TINYCRM_REFERENCE.search(reference or '')
            if match:
                break
        if not match:
            match = _SUBJECT_TAG.search(msg['subject'] or '')
        if not match:
            return None
        case_id = int(match.group(1))
        # "[2009] budget" is not a reply when there is no case 2009
        return case_id if self.rpc('crm.case', 'search', [('id', '=', case_id)]) else None

    @staticmethod
    def is_responsible(msg, case_emails):
        """Tell whether the sender is the case's responsible (``emails_get``'s first item)."""
        sender = commands.first_address(msg['from']).lower()
        responsible = commands.first_address(case_emails[0] or '').lower() if case_emails else ''
        return bool(sender) and sender == responsible

    def user_reply(self, case_id, msg):
        """The responsible's reply: commands applied and stripped, Set-State (default Pending) pressed.

        Returns the text without the command lines.
        """
        body, found = commands.split_commands(msg['body'])
        action, values, user_name = commands.command_values(found)
        if user_name:
            users = self.rpc('res.users', 'name_search', user_name)
            if users:
                values['user_id'] = users[0][0]
        self.rpc('crm.case', action, [case_id])
        values.update({'description': body,
                       'history_line': [(0, 0, {'description': body, 'email': msg['from'][:84]})]})
        self.rpc('crm.case', 'write', [case_id], values)
        return body

    def partner_reply(self, case_id, msg):
        """Anyone else's reply: the case is opened and the text added to its history."""
        self.rpc('crm.case', commands.PARTNER_ACTION, [case_id])
        self.rpc('crm.case', 'write', [case_id], {
            'description': msg['body'],
            'history_line': [(0, 0, {'description': msg['body'], 'email': msg['from'][:84]})]})

    def new_case(self, msg):
        """Create the case of a new message in the section of ``-s`` and open it; return its id."""
        section_id = self.section_id()
        values = {
            'name': (msg['subject'] or '(no subject)')[:64],
            'section_id': section_id,
            'email_from': msg['from'][:128],
            'email_cc': (msg['cc'] or '')[:252],
            'canal_id': False,
            'user_id': False,
            'description': msg['body'],
            'history_line': [(0, 0, {'description': msg['body'], 'email': msg['from'][:84]})],
        }
        values.update(self.partner_values(msg))
        case_id = self.rpc('crm.case', 'create', values)
        self.rpc('crm.case', 'case_open', [case_id])
        return case_id

    def section_id(self):
        """The section of ``-s``: an integer is an id, anything else a code (first hit)."""
        section = str(self.options.section)
        if section.isdigit():
            return int(section)
        ids = self.rpc('crm.case.section', 'search', [('code', '=', section)])
        if not ids:
            raise GatewayError('There is no case section with the code %r: give -s an existing '
                               'section code or id.' % section)
        return ids[0]

    def partner_values(self, msg):
        """``partner_id`` and ``partner_address_id`` of the contact with the sender's address (errors ignored)."""
        address = commands.first_address(msg['from'])
        if not address:
            return {}
        try:
            ids = self.rpc('res.partner.address', 'search', [('email', '=', address)])
            if not ids:
                return {}
            rows = self.rpc('res.partner.address', 'read', ids[:1], ['partner_id'])
        except GatewayError as exc:
            print('openerp-mailgate: partner look-up failed: %s' % exc, file=sys.stderr)
            return {}
        partner = rows[0].get('partner_id') if rows else False
        return {'partner_address_id': ids[0],
                'partner_id': partner[0] if isinstance(partner, (list, tuple)) else (partner or False)}

    def attach(self, case_id, msg):
        """Keep each attachment of the message on the case ("Mail attachment")."""
        for filename, content, _mimetype in msg['attachments']:
            self.rpc('ir.attachment', 'create', {
                'name': filename, 'datas': base64.b64encode(content).decode('ascii'),
                'datas_fname': filename, 'description': 'Mail attachment',
                'res_model': 'crm.case', 'res_id': case_id})

    # --- the mail ---------------------------------------------------------------------------
    def forward(self, case_id, msg, message):
        """Resend the message to the responsible, partner and watchers not already among its From/To/Cc."""
        case_emails = self.rpc('crm.case', 'emails_get', case_id)
        recipients = commands.forward_recipients(
            case_emails, [msg['from'], msg['to'], msg['cc']], exclude=[self.options.email or ''])
        priority = case_emails[3] if len(case_emails) > 3 else None
        if recipients:
            self.send(message, recipients, priority)
        return recipients

    def send(self, message, recipients, priority=None):
        """Send ``message`` from the gateway address: To the first recipient, Cc the others."""
        del message['To']
        message['To'] = recipients[0]
        del message['Cc']
        if len(recipients) > 1:
            message['Cc'] = ','.join(recipients[1:])
        del message['Reply-To']
        if self.options.email:
            message['Reply-To'] = self.options.email
        if priority:
            del message['X-Priority']
            message['X-Priority'] = commands.X_PRIORITY.get(str(priority), '3 (Normal)')
        server = '%s:%s' % (self.options.smtp, self.options.smtp_port)
        try:
            with smtplib.SMTP(self.options.smtp, self.options.smtp_port, timeout=60) as smtp:
                refused = smtp.sendmail(self.options.email or '', recipients, message.as_bytes())
        except smtplib.SMTPRecipientsRefused as exc:
            refused = exc.recipients
        except (smtplib.SMTPException, OSError) as exc:
            raise GatewayError('The SMTP server %s did not take the mail: %s.' % (server, exc)) from None
        if refused:
            reasons = '; '.join('%s (%s)' % (address, _smtp_text(reply)) for address, reply in refused.items())
            raise GatewayError('The SMTP server %s refused %s.' % (server, reasons))

    def send_error(self, raw, error):
        """Send the message, subject prefixed ``[OpenERP-CaseError] ``, to the ``-m`` addresses."""
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        subject = message['Subject'] or ''
        del message['Subject']
        message['Subject'] = header_text(ERROR_PREFIX + decode_header(subject))
        del message['X-OpenERP-Error']
        message['X-OpenERP-Error'] = str(error)[:900]
        fallback = [item.strip() for item in self.options.default.split(',') if item.strip()]
        self.send(message, fallback)


def header_text(text):
    """A header value for a compat32 message: plain ASCII as is, anything else RFC 2047-encoded."""
    try:
        text.encode('ascii')
    except UnicodeEncodeError:
        return email.header.Header(text, 'utf-8')
    return text


def without_commands(message, text, attachments):
    """Return a copy of ``message`` whose text is ``text`` (a reply's commands are not for the partner)."""
    clean = email.message.EmailMessage(policy=email.policy.SMTP)
    for name in ('From', 'To', 'Cc', 'Subject', 'Date', 'Message-Id', 'In-Reply-To', 'References'):
        if message[name] is not None:
            clean[name] = str(message[name])
    clean.set_content(text)
    for filename, content, mimetype in attachments:
        maintype, _slash, subtype = (mimetype or 'application/octet-stream').partition('/')
        clean.add_attachment(content, maintype=maintype, subtype=subtype or 'octet-stream', filename=filename)
    return clean


def _smtp_text(reply):
    code, text = reply if isinstance(reply, tuple) else (reply, b'')
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    return ('%s %s' % (code, text)).strip()


def main(argv=None, stdin=None):
    """Run the gateway on the message of ``stdin``; return the exit status."""
    options, _args = option_parser().parse_args(argv)
    raw = (stdin or sys.stdin.buffer).read()
    gateway = Gateway(options, Rpc(options.host, options.port, options.dbname, options.userid, options.password))
    try:
        case_id = gateway.process(raw)
    except GatewayError as exc:
        print('openerp-mailgate: %s' % exc, file=sys.stderr)
        if options.default:
            try:
                gateway.send_error(raw, exc)
            except GatewayError as again:
                print('openerp-mailgate: the message could not reach %s either: %s'
                      % (options.default, again), file=sys.stderr)
                return 0 if exc.stored else 1
            return 0
        return 0 if exc.stored else 1
    print(case_id)
    return 0


if __name__ == '__main__':
    sys.exit(main())
