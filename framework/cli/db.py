"""``odoo-bin db list|create|drop|duplicate``: manage databases."""
from framework.config import config

from .common import environment, load_modules, setup
from .errors import CliError


def _parser():
    parser = config.build_parser(prog='odoo-bin db')
    actions = parser.add_subparsers(dest='action', metavar='list|create|drop|duplicate')
    actions.required = True
    sub = actions.add_parser('list', help='list the databases')
    config.add_arguments(sub)
    sub = actions.add_parser('create', help='create a database and install base (and -i modules)')
    config.add_arguments(sub)
    sub.add_argument('name')
    sub.add_argument('--admin-password', dest='admin_password', default=None,
                     help="password of the admin user (default 'admin')")
    sub = actions.add_parser('drop', help='drop a database and its files')
    config.add_arguments(sub)
    sub.add_argument('name')
    sub = actions.add_parser('duplicate', help='copy a database and its files')
    config.add_arguments(sub)
    sub.add_argument('source')
    sub.add_argument('target')
    return parser


def run(argv):
    """Run the db command; return the exit code."""
    from framework.db import admin
    args = setup(argv, _parser())
    if args.action == 'list':
        for name in admin.list_dbs():
            print(name)
    elif args.action == 'create':
        create(args.name, config['init'], args.admin_password, demo=not config['without_demo'])
    elif args.action == 'drop':
        _forget_registry(args.name)
        admin.drop_db(args.name)
        print(f"dropped database {args.name}")
    elif args.action == 'duplicate':
        admin.duplicate_db(args.source, args.target)
        print(f"copied database {args.source} to {args.target}")
    return 0


def create(name, modules=(), admin_password=None, demo=True):
    """Create database ``name`` with base and ``modules`` installed; set the admin's password.

    When installing fails the new database is dropped again: nothing is half-made.
    """
    from framework.db import admin
    if admin_password == '':
        raise CliError("--admin-password must not be empty", code=2)
    admin.create_db(name)
    try:
        load_modules(name, init=['base'] + [m for m in modules if m != 'base'], demo=demo)
        if admin_password is not None:
            with environment(name) as env:
                env.ref('base.user_admin').write({'password': admin_password})
                env.cr.commit()
    except BaseException:
        _forget_registry(name)
        admin.drop_db(name)
        raise
    shown = 'the password you chose' if admin_password is not None else "password admin"
    print(f"created database {name}; log in as admin with {shown}")


def _forget_registry(name):
    try:
        from framework.orm.registry import Registry
    except ImportError:
        return
    Registry.delete(name)
