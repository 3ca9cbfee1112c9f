"""The ``common`` service: version, login and server information, before any login."""
import time

from framework.api import Environment, SUPERUSER_ID
from framework.exceptions import AccessDenied
from framework.security.throttle import TOO_MANY

from . import auth
from .transaction import run_in_transaction
from .version import version_info


def login(db, login, password):
    """Return the uid of ``login`` if ``password`` is right, else ``False`` (5.0 and Odoo)."""
    return authenticate(db, login, password, {})


def authenticate(db, login, password, user_agent_env=None):
    """Return the uid of ``login`` if ``password`` is right, else ``False``; records ``login_date``.

    A login throttled after repeated failures is a fault saying to wait (``TOO_MANY``), not
    ``False``: the right password would not help, and the caller must know it.
    """
    def call(cr, registry):
        return auth.login(Environment(cr, SUPERUSER_ID, {}, registry=registry), login, password)
    try:
        return run_in_transaction(db, call)
    except AccessDenied as exc:
        if str(exc) == TOO_MANY:
            raise
        return False


def version():
    """The server version, protocol version and series."""
    return version_info()


def about(extended=False):
    """A sentence about the server, plus its version when ``extended``."""
    info = 'odoo-crm: an OpenERP/Odoo-style business framework with a CRM.'
    return [info, version_info()['server_version']] if extended else info


def timezone_get(*_args):
    """The server's time zone name (OpenERP 5.0 clients ask for it)."""
    return time.tzname[0] or 'UTC'


def login_message():
    """The message OpenERP 5.0 clients show in the login dialog."""
    return 'Welcome to odoo-crm'


def get_server_environment():
    """A short description of the server environment (5.0)."""
    import platform
    return 'Python %s on %s' % (platform.python_version(), platform.platform())


METHODS = {
    'login': login, 'authenticate': authenticate, 'version': version, 'about': about,
    'timezone_get': timezone_get, 'login_message': login_message,
    'get_server_environment': get_server_environment,
}
