"""Who may use the FTP server: the users of the databases where ``document`` is installed.

A login succeeds when the login and password are right in at least one
of the served databases; the session then sees exactly those databases,
each as the user of that login there. Passwords are checked by
``framework.security.authenticate``, which throttles repeated wrong
passwords per login as RPC logins are.
"""
import logging

from pyftpdlib.authorizers import AuthenticationFailed

from framework.api import Environment
from framework.db.errors import DatabaseError
from framework.exceptions import AccessDenied
from framework.orm.sql import SQL
from framework.security.throttle import TOO_MANY
from framework.service.transaction import run_in_transaction

_logger = logging.getLogger(__name__)

WRONG = 'Authentication failed.'
#: every FTP command is allowed by pyftpdlib; the ORM decides what each user may do
PERMISSIONS = 'elradfmwMT'


def _document_installed(env):
    rows = env.execute(SQL("SELECT 1 FROM ir_module_module WHERE name = %s AND state = %s",
                           'document', 'installed'))
    return bool(rows)


def document_installed_in(dbname):
    """Whether the ``document`` module is installed in database ``dbname``."""
    return run_in_transaction(dbname, lambda cr, registry: _document_installed(
        Environment(cr, 1, {}, registry=registry)))


def login_uids(databases, login, password):
    """``{dbname: uid}`` of the databases of ``databases`` where ``login``/``password`` is right."""
    from framework.security import authenticate
    uids, throttled = {}, False
    for dbname in databases:
        def call(cr, registry):
            env = Environment(cr, 1, {}, registry=registry)
            if not _document_installed(env):
                return None
            return authenticate(env, login, password)
        try:
            uid = run_in_transaction(dbname, call)
        except AccessDenied as error:
            _logger.info('FTP login %r refused on %s: %s', login, dbname, error)
            throttled = throttled or str(error) == TOO_MANY
            continue
        except DatabaseError as error:
            _logger.warning('FTP login %r: database %s is not usable: %s', login, dbname, error)
            continue
        if uid:
            uids[dbname] = uid
    if not uids and throttled:
        raise AccessDenied(TOO_MANY)
    return uids


class DocumentAuthorizer:
    """pyftpdlib authorizer checking logins against the served databases' users.

    ``databases`` is a callable returning the names of the databases to serve.
    """

    def __init__(self, databases):
        self.databases = databases

    def validate_authentication(self, username, password, handler):
        try:
            uids = login_uids(self.databases(), username, password)
        except AccessDenied as error:
            raise AuthenticationFailed(str(error))
        if not uids:
            raise AuthenticationFailed(WRONG)
        handler.document_uids = uids

    def get_home_dir(self, username):
        return '/'

    def has_user(self, username):
        return True

    def has_perm(self, username, perm, path=None):
        return perm in PERMISSIONS

    def get_perms(self, username):
        return PERMISSIONS

    def get_msg_login(self, username):
        return 'Welcome %s: your documents are under /<database>/.' % username

    def get_msg_quit(self, username):
        return 'Goodbye.'

    def impersonate_user(self, username, password):
        pass        # the files are records: nothing to do as an operating system user

    def terminate_impersonation(self, username):
        pass
