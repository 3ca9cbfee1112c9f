"""One configuration object for the whole process, with Odoo's option names.

Values come, lowest priority first, from the defaults below, the ``PG*``
environment variables, the config file (``-c``, else ``$ODOO_RC``, else
``~/.odoorc`` when it exists) and the command line.
"""
import argparse
import configparser
import os
import sys

#: the repository root: ``framework/`` lives directly under it
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Options kept in the config file; the others describe one run only.
_RUNTIME_ONLY = ('init', 'update', 'stop_after_init', 'save', 'config', 'load_language',
                 'language', 'translate_out', 'translate_in', 'translate_modules',
                 'overwrite_existing_translations')
_INT_OPTIONS = ('db_port', 'http_port', 'db_maxconn', 'workers', 'limit_request_body', 'max_cron_threads', 'smtp_port', 'ftp_port')
_BOOL_OPTIONS = ('without_demo', 'list_db', 'test_mode', 'stop_after_init', 'smtp_ssl')
_ENV_OPTIONS = {'db_host': 'PGHOST', 'db_port': 'PGPORT',
                'db_user': 'PGUSER', 'db_password': 'PGPASSWORD'}
LOG_LEVELS = ('debug', 'info', 'warn', 'warning', 'error', 'critical')


def _default_data_dir():
    base = os.environ.get('XDG_DATA_HOME') or os.path.join(os.path.expanduser('~'), '.local', 'share')
    return os.path.join(base, 'odoo-crm')


def _default_rcfile():
    return os.environ.get('ODOO_RC') or os.path.join(os.path.expanduser('~'), '.odoorc')


def _defaults():
    return {
        'db_host': False, 'db_port': False, 'db_user': False, 'db_password': False,
        'db_name': False, 'db_maxconn': 64, 'db_template': 'template0',
        'data_dir': _default_data_dir(),
        'addons_path': [os.path.join(ROOT, 'addons')],
        'http_port': 8069, 'http_interface': '127.0.0.1', 'proxy_mode': False,
        'ftp_port': False,      # the document addon's FTP server: off unless a port is given
        'without_demo': False, 'log_level': 'info', 'admin_passwd': 'admin',
        'list_db': True, 'test_mode': False,
        'workers': 0, 'limit_request_body': 128 * 1024 * 1024, 'max_cron_threads': 1,
        # outgoing mail: --smtp, --smtp-port, --smtp-user, --smtp-password, --smtp-ssl, --email-from
        'smtp_server': 'localhost', 'smtp_port': 25, 'smtp_user': False, 'smtp_password': False,
        'smtp_ssl': False, 'email_from': False,
        'stop_after_init': False, 'init': [], 'update': [], 'save': False,
        'config': _default_rcfile(),
        # i18n: --load-language, --i18n-export/--i18n-import, -l, --modules, --i18n-overwrite
        'load_language': False, 'language': False, 'translate_out': False, 'translate_in': False,
        'translate_modules': [], 'overwrite_existing_translations': False,
    }


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one sentence on stderr and exit code 2."""

    def error(self, message):
        sys.stderr.write(f"{self.prog}: {message} (see {self.prog} --help)\n")
        sys.exit(2)


def _modules(value):
    """Turn ``'a,b'`` into ``['a', 'b']`` (Odoo's comma-separated module lists)."""
    return [name.strip() for name in value.split(',') if name.strip()]


def _to_value(key, raw):
    """Convert a string from a config file or environment to the option's type."""
    if raw is None or raw in ('False', 'None', ''):
        return False
    if key in _INT_OPTIONS:
        return int(raw)
    if key in _BOOL_OPTIONS:
        return raw.strip().lower() in ('1', 'true', 'yes', 'on')
    if key == 'addons_path':
        return [os.path.abspath(os.path.expanduser(p)) for p in _modules(raw)]
    if key in ('init', 'update'):
        return _modules(raw)
    return raw


class Config:
    """Dict-like configuration singleton (see docs/internals.md).

    ``init`` and ``update`` are lists of module names; ``addons_path`` is a
    list of absolute folders, the repository's ``addons/`` first.
    """

    def __init__(self):
        self.options = _defaults()

    # -- mapping protocol ------------------------------------------------
    def __getitem__(self, key):
        return self.options[key]

    def __setitem__(self, key, value):
        self.options[key] = value

    def __contains__(self, key):
        return key in self.options

    def get(self, key, default=None):
        """Return the option ``key`` or ``default`` when it is unknown."""
        return self.options.get(key, default)

    def reset(self):
        """Forget every value given so far and return to the defaults."""
        self.options = _defaults()

    # -- derived values --------------------------------------------------
    @property
    def use_embedded(self):
        """True when no database server was named (flag, config file or PG* variable)."""
        return not (self.options['db_host'] or self.options['db_port'])

    def filestore(self, dbname):
        """Return the folder holding the files (attachments) of database ``dbname``."""
        return os.path.join(self.options['data_dir'], 'filestore', dbname)

    # -- parsing ---------------------------------------------------------
    def build_parser(self, prog='odoo-bin', description=None):
        """Return the argparse parser holding Odoo's server flags; callers may add their own."""
        parser = ArgumentParser(prog=prog, description=description)
        self.add_arguments(parser)
        return parser

    def add_arguments(self, p):
        """Add Odoo's server flags to argparse parser ``p`` (a subcommand's, for instance)."""
        p.add_argument('-c', '--config', dest='config', metavar='FILE', help='read options from this INI file')
        p.add_argument('-s', '--save', action='store_true', default=None,
                       help='save the options to the config file and continue')
        p.add_argument('-d', '--database', dest='db_name', metavar='DATABASE', help='database to use')
        p.add_argument('-i', '--init', type=_modules, metavar='MODULES', help='comma-separated modules to install')
        p.add_argument('-u', '--update', type=_modules, metavar='MODULES', help="comma-separated modules to upgrade ('all')")
        p.add_argument('--stop-after-init', action='store_true', default=None,
                       help='stop after installing/upgrading instead of serving')
        p.add_argument('--addons-path', dest='addons_path', metavar='DIRS', help='comma-separated extra addons folders')
        p.add_argument('--data-dir', dest='data_dir', metavar='DIR', help='folder for the embedded database and files')
        p.add_argument('--db_host', dest='db_host', help='PostgreSQL host (no embedded server)')
        p.add_argument('--db_port', dest='db_port', type=int, help='PostgreSQL port')
        p.add_argument('--db_user', dest='db_user', help='PostgreSQL user')
        p.add_argument('--db_password', dest='db_password', help='PostgreSQL password')
        p.add_argument('--without-demo', dest='without_demo', action='store_true', default=None,
                       help='do not load demo data')
        p.add_argument('--http-port', dest='http_port', type=int, metavar='PORT', help='HTTP port (default 8069)')
        p.add_argument('--http-interface', dest='http_interface', metavar='ADDRESS', help='HTTP address (default 127.0.0.1)')
        p.add_argument('--proxy-mode', dest='proxy_mode', action='store_true', default=None,
                       help='behind a reverse proxy: trust its X-Forwarded-For/-Proto/-Host headers '
                            '(never without one: clients could forge them)')
        p.add_argument('--ftp-port', dest='ftp_port', type=int, metavar='PORT',
                       help="serve the document addon's files over FTP on this port "
                            "(on the HTTP address; default: no FTP server)")
        p.add_argument('--workers', dest='workers', type=int, metavar='N',
                       help='serve with N processes (prefork); 0 (default): one threaded process')
        p.add_argument('--max-cron-threads', dest='max_cron_threads', type=int, metavar='N',
                       help='scheduler runners in the server (threads, or processes with --workers); '
                            'default 1, 0 disables them')
        p.add_argument('--log-level', dest='log_level', choices=LOG_LEVELS, metavar='LEVEL', help='logging level: ' + ', '.join(LOG_LEVELS))
        smtp = p.add_argument_group('Outgoing mail (when no ir.mail_server record is active)')
        smtp.add_argument('--smtp', dest='smtp_server', metavar='HOST', help='SMTP server (default localhost)')
        smtp.add_argument('--smtp-port', dest='smtp_port', type=int, metavar='PORT', help='SMTP port (default 25)')
        smtp.add_argument('--smtp-user', dest='smtp_user', metavar='USER', help='SMTP login')
        smtp.add_argument('--smtp-password', dest='smtp_password', metavar='PASSWORD', help='SMTP password')
        smtp.add_argument('--smtp-ssl', dest='smtp_ssl', action='store_true', default=None,
                          help='encrypt SMTP connections with STARTTLS')
        smtp.add_argument('--email-from', dest='email_from', metavar='ADDRESS',
                          help='sender of mails that name none, e.g. "CRM <crm@example.com>"')
        i18n = p.add_argument_group('Internationalisation')
        i18n.add_argument('--load-language', dest='load_language', metavar='LANG',
                          help="activate a language and load the installed modules' translations, e.g. fr_FR")
        i18n.add_argument('-l', '--language', dest='language', metavar='LANG',
                          help='language of --i18n-export/--i18n-import, e.g. fr_FR (export without it: a .pot)')
        i18n.add_argument('--i18n-export', dest='translate_out', metavar='FILE',
                          help='export the terms of --modules (default: all installed) to a .po/.pot file and stop')
        i18n.add_argument('--i18n-import', dest='translate_in', metavar='FILE',
                          help='import the translations of a .po file into language -l and stop')
        i18n.add_argument('--modules', dest='translate_modules', type=_modules, metavar='MODULES',
                          help='comma-separated modules to export (default: all installed)')
        i18n.add_argument('--i18n-overwrite', dest='overwrite_existing_translations', action='store_true',
                          default=None, help='let imported translations replace existing ones')

    def parse_args(self, argv=None, parser=None):
        """Fill the configuration from ``argv`` (default ``sys.argv[1:]``), the config file and PG*.

        ``parser`` may be a parser from :meth:`build_parser` with extra
        arguments; the parsed namespace is returned so callers can read them.
        A bad flag or an unreadable config file exits with code 2.
        """
        parser = parser or self.build_parser()
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        self.reset()
        for key, var in _ENV_OPTIONS.items():
            if os.environ.get(var):
                try:
                    self.options[key] = _to_value(key, os.environ[var])
                except ValueError:
                    parser.error(f"environment variable {var} has a bad value {os.environ[var]!r}")
        if getattr(args, 'config', None):
            self.options['config'] = os.path.abspath(os.path.expanduser(args.config))
        try:
            # `-c new.conf -s` creates the file: only a file to read must exist
            must_exist = bool(getattr(args, 'config', None)) and not getattr(args, 'save', None)
            self._load_file(self.options['config'], explicit=must_exist)
        except (OSError, configparser.Error, ValueError) as exc:
            parser.error(f"cannot read config file {self.options['config']}: {exc}")
        for key in ('db_name', 'data_dir', 'db_host', 'db_port', 'db_user', 'db_password',
                    'without_demo', 'http_port', 'http_interface', 'proxy_mode', 'ftp_port', 'log_level', 'workers', 'max_cron_threads',
                    'stop_after_init', 'save', 'init', 'update', 'load_language', 'language',
                    'translate_out', 'translate_in', 'translate_modules',
                    'overwrite_existing_translations', 'smtp_server', 'smtp_port', 'smtp_user',
                    'smtp_password', 'smtp_ssl', 'email_from'):
            value = getattr(args, key, None)
            if value is not None:
                self.options[key] = value
        if getattr(args, 'addons_path', None):
            self._add_addons_paths(_to_value('addons_path', args.addons_path), parser)
        self.options['data_dir'] = os.path.abspath(os.path.expanduser(self.options['data_dir']))
        if self.options['save']:
            self.save()
        return args

    def _add_addons_paths(self, paths, parser):
        for path in paths:
            if not os.path.isdir(path):
                parser.error(f"addons path {path} is not a folder")
            if path not in self.options['addons_path']:
                self.options['addons_path'].append(path)

    def _load_file(self, path, explicit):
        if not os.path.exists(path):
            if explicit:
                raise OSError('no such file')
            return
        parser = configparser.RawConfigParser()
        with open(path, encoding='utf-8') as f:
            parser.read_file(f)
        if not parser.has_section('options'):
            return
        for key, raw in parser.items('options'):
            if key in _RUNTIME_ONLY:
                continue
            value = _to_value(key, raw)
            if key == 'addons_path':
                # the repository's own addons stay first, as the default promises
                value = [p for p in value if p not in self.options['addons_path']]
                self.options['addons_path'] = self.options['addons_path'] + value
            else:
                self.options[key] = value

    def save(self, path=None):
        """Write the persistent options to the config file (``path`` or the ``-c`` one)."""
        path = path or self.options['config']
        parser = configparser.RawConfigParser()
        parser.add_section('options')
        for key in sorted(self.options):
            if key in _RUNTIME_ONLY:
                continue
            value = self.options[key]
            if key == 'admin_passwd' and value:
                value = _hashed_master_password(value)
            if isinstance(value, list):
                value = ','.join(value)
            parser.set('options', key, str(value))
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        # the file may hold a database password: readable by its owner only
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, 'w', encoding='utf-8') as f:
            parser.write(f)


def _hashed_master_password(value):
    """The master password as the config file keeps it: a pbkdf2-sha512 hash, never clear."""
    from addons.base.password import hash_password, is_hash
    return value if is_hash(value) else hash_password(value)


#: the process-wide configuration
config = Config()
