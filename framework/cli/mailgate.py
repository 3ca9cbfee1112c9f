"""``odoo-bin mailgate -d DB --model M``: deliver the one message on stdin (an MTA's alias pipe).

With ``--host`` the message goes over XML-RPC to a running server
(``mail.thread.message_process``, as ``--user``/``--password``); without
it the database is opened directly and the message is delivered as the
superuser (``--db-direct`` says so explicitly). Exit codes: 0 delivered (the record
id is printed), 1 the message was unreadable or refused (one sentence on
stderr; nothing of it written, the message kept as a gateway failure
when the database could be reached), 2 bad flags or database.

``--mailgate-port`` instead runs the LMTP listener (``framework.mailgate.lmtp``)
delivering every received message to ``--mailgate-model``.
"""
import json
import sys

from framework.config import config

from .common import require_database, setup
from .errors import CliError


def _parser():
    parser = config.build_parser(prog='odoo-bin mailgate')
    group = parser.add_argument_group('Mail gateway')
    group.add_argument('--model', help='model receiving the message, e.g. crm.case (must inherit mail.thread)')
    group.add_argument('--host', help='server to deliver to over XML-RPC (default: open the database directly)')
    group.add_argument('--port', type=int, default=8069, help='server XML-RPC port (default 8069)')
    group.add_argument('--user', default='admin', help='login or user id for XML-RPC (default admin)')
    group.add_argument('--password', default='admin', help='password of --user (default admin)')
    group.add_argument('--db-direct', action='store_true', help='open the database directly (the default without --host)')
    group.add_argument('--custom-values', metavar='JSON', help='values for a new record, as a JSON object')
    group.add_argument('--save-original', action='store_true', help='attach the raw message to the record')
    group.add_argument('--strip-attachments', action='store_true', help="drop the message's attachments")
    group.add_argument('--mailgate-port', type=int, metavar='PORT',
                       help='listen for LMTP on this port instead of reading stdin')
    group.add_argument('--mailgate-interface', default='127.0.0.1', metavar='ADDRESS',
                       help='address the LMTP listener binds (default 127.0.0.1)')
    group.add_argument('--mailgate-model', metavar='MODEL', help='model receiving LMTP messages (default --model)')
    group.add_argument('--mailgate-smtp', action='store_true', help='speak SMTP instead of LMTP')
    return parser


def run(argv):
    """Run the mailgate command; return the exit code."""
    args = setup(argv, _parser())
    dbname = config['db_name']
    if not dbname:
        raise CliError("mailgate needs a database: add -d NAME", code=2)
    custom_values = _custom_values(args.custom_values)
    if args.mailgate_port:
        model = args.mailgate_model or args.model
        if not model:
            raise CliError("the LMTP listener needs a model: add --mailgate-model MODEL", code=2)
        require_database(dbname, 'mailgate')
        from framework.mailgate.lmtp import serve_forever
        serve_forever(dbname, model, args.mailgate_interface, args.mailgate_port, smtp=args.mailgate_smtp)
        return 0
    if not args.model:
        raise CliError("mailgate needs the receiving model: add --model MODEL (e.g. crm.case)", code=2)
    raw = sys.stdin.buffer.read()
    options = dict(custom_values=custom_values, save_original=args.save_original,
                   strip_attachments=args.strip_attachments)
    from framework.exceptions import UserError
    try:
        if args.host and not args.db_direct:
            from framework.mailgate.delivery import deliver_over_xmlrpc
            res_id = deliver_over_xmlrpc('http://%s:%s' % (args.host, args.port), dbname,
                                         args.user, args.password, args.model, raw, **options)
        else:
            require_database(dbname, 'mailgate')
            from framework.mailgate.delivery import deliver_to_database
            res_id = deliver_to_database(dbname, args.model, raw, **options)
    except UserError as exc:
        raise CliError(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
                       code=1) from None
    print(res_id)
    return 0


def _custom_values(text):
    if not text:
        return None
    try:
        values = json.loads(text)
    except ValueError as exc:
        raise CliError("--custom-values must be a JSON object: %s" % exc, code=2) from None
    if not isinstance(values, dict):
        raise CliError("--custom-values must be a JSON object such as {\"section_id\": 1}", code=2)
    return values
