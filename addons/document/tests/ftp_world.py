"""A database with ``document`` installed and a real FTP server on it, for the FTP tests.

The FTP server works in transactions of its own that commit, so these tests
get a database of their own (not the shared ``document_db``): the partner
"Secret Works" is hidden from the demo user by a record rule of a group
only the demo user is in, and the server listens on a free port of
127.0.0.1 until the module's tests are done.
"""
import contextlib
import ftplib

from tests.installed import drop, install_copy, run_committed

SECRET = 'Secret Works'
OPEN = 'Open Works'


@contextlib.contextmanager
def ftp_world(template_db, tag):
    """Yield ``World``: a database with the partners and rule above, served over FTP."""
    from addons.document.ftp.server import start
    from framework.security.throttle import throttle
    dbname = install_copy(template_db, ['document'], tag)

    def setup(env):
        secret = env['res.partner'].create({'name': SECRET})
        opened = env['res.partner'].create({'name': OPEN})
        group = env['res.groups'].create({'name': 'Partners but the secret ones',
                                          'users': [(4, env.ref('base.user_demo').id)]})
        env['ir.rule'].create({
            'name': 'Not the secret partner', 'model_id': env.ref('base.model_res_partner').id,
            'groups': [(4, group.id)], 'domain_force': "[('id', '!=', %d)]" % secret.id})
        return secret.id, opened.id
    secret_id, open_id = run_committed(dbname, setup)
    server = start([dbname], '127.0.0.1', 0, auth_failed_timeout=0)
    try:
        yield World(dbname, server.address, secret_id, open_id)
    finally:
        server.stop()
        throttle.reset()
        drop(dbname)


class World:
    """The database, the server's address and the two partners' ids."""

    def __init__(self, dbname, address, secret_id, open_id):
        self.dbname = dbname
        self.host, self.port = address
        self.secret_id, self.open_id = secret_id, open_id

    def connect(self, login='admin', password='admin'):
        """An ``ftplib.FTP`` session logged in as ``login``."""
        client = ftplib.FTP()
        client.connect(self.host, self.port, timeout=30)
        client.login(login, password)
        return client

    def path(self, *names):
        return '/' + '/'.join((self.dbname,) + names)
