"""The §14 world in a database served by a real server, and XML-RPC clients acting as its users.

``crm_rpc_db`` is a copy of the session's template database (crm
installed) in which :func:`case_world.build_world` ran in a committed
transaction, plus the category "Hardware" (probability 30) of Support.
Its attributes are the database name and the ids of the world's records.
Alice and Bob are CRM users whose passwords are ``alice-secret`` and
``bob-secret`` (set by ``case_world``).

``Rpc`` calls ``execute_kw`` on ``/xmlrpc/2/object``; ``LegacyRpc`` calls
OpenERP 5's ``execute`` on ``/xmlrpc/object``, with the arguments a 5.0
client sends.
"""
import datetime
import xmlrpc.client
from types import SimpleNamespace

import pytest

from framework.api import Environment
from framework.db import db_connect
from tests.installed import copy, drop

from .case_world import build_world

WORLD_RECORDS = ('alice', 'bob', 'support', 'support_l2', 'agrolait', 'contact')


def _build(env):
    world = build_world(env)
    ids = {name: getattr(world, name).id for name in WORLD_RECORDS}
    ids['hardware'] = env['crm.case.categ'].create(
        {'name': 'Hardware', 'probability': 30, 'section_id': world.support.id}).id
    return ids


@pytest.fixture(scope='module')
def crm_rpc_db(template_db):
    """The committed §14 world in a database of its own, dropped at the end of the module."""
    name = copy(template_db, 'crmrpc')
    with db_connect(name).cursor() as cr:          # committed when the block ends
        ids = _build(Environment(cr, 1, {}))
    yield SimpleNamespace(name=name, **ids)
    drop(name)


def run_committed(db_name, func):
    """Return ``func(env)`` run as superuser in a transaction of its own, committed at the end."""
    with db_connect(db_name).cursor() as cr:
        return func(Environment(cr, 1, {}))


class Rpc:
    """One user of the database on ``/xmlrpc/2/object``: ``rpc(model, method, *args, **kwargs)``."""

    def __init__(self, server, db, login, password):
        self.db, self.password = db, password
        common = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/common', allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        assert self.uid, 'cannot log in as %s' % login
        self.proxy = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/2/object', allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)

    def read_one(self, model, record_id, fields):
        [row] = self(model, 'read', [record_id], fields)
        return row

    def new_case(self, world, **values):
        """Create a case "Printer broken" in Support and return its id."""
        values.setdefault('name', 'Printer broken')
        values.setdefault('section_id', world.support)
        return self('crm.case', 'create', values)

    def agrolait_case(self, world, **values):
        """A case of Agrolait with its contact and email."""
        values.update(partner_id=world.agrolait, partner_address_id=world.contact,
                      email_from=values.get('email_from', 'info@agrolait.com'))
        return self.new_case(world, **values)

    def case(self, case_id, *fields):
        return self.read_one('crm.case', case_id, list(fields))

    def logs(self, case_id):
        """``[(name, user name)]`` of the case's log lines, oldest first."""
        log_ids = self.case(case_id, 'log_ids')['log_ids']
        rows = sorted(self('crm.case.log', 'read', log_ids, ['name', 'user_id']), key=lambda r: r['id'])
        return [(row['name'], row['user_id'] and row['user_id'][1]) for row in rows]

    def events(self, world, case_id):
        """Names of Agrolait's partner events linked to the case, oldest first."""
        ids = self('res.partner.event', 'search', [('partner_id', '=', world.agrolait),
                                                  ('document', '=', 'crm.case,%d' % case_id)])
        return [row['name'] for row in sorted(self('res.partner.event', 'read', ids, ['name']),
                                              key=lambda r: r['id'])]


class LegacyRpc:
    """One user on OpenERP 5's ``/xmlrpc/object``: ``legacy(model, method, *args)`` = ``execute``."""

    def __init__(self, server, db, login, password):
        self.db, self.password = db, password
        self.uid = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/common').login(db, login, password)
        assert self.uid, 'cannot log in as %s' % login
        self.proxy = xmlrpc.client.ServerProxy(f'{server}/xmlrpc/object', allow_none=True)

    def __call__(self, model, method, *args):
        return self.proxy.execute(self.db, self.uid, self.password, model, method, *args)


def parse_utc(value):
    """A datetime read over RPC ('YYYY-MM-DD HH:MM:SS', UTC) as a naive datetime."""
    return datetime.datetime.strptime(value, '%Y-%m-%d %H:%M:%S')


def is_now(value, slack=120):
    """True when the datetime string read over RPC is within ``slack`` seconds of now (UTC)."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return abs((parse_utc(value) - now).total_seconds()) < slack


@pytest.fixture
def world(crm_rpc_db):
    return crm_rpc_db


@pytest.fixture
def alice(server, crm_rpc_db):
    return Rpc(server, crm_rpc_db.name, 'alice', 'alice-secret')


@pytest.fixture
def bob(server, crm_rpc_db):
    return Rpc(server, crm_rpc_db.name, 'bob', 'bob-secret')


@pytest.fixture
def admin(server, crm_rpc_db):
    return Rpc(server, crm_rpc_db.name, 'admin', 'admin')


@pytest.fixture
def alice_legacy(server, crm_rpc_db):
    return LegacyRpc(server, crm_rpc_db.name, 'alice', 'alice-secret')


@pytest.fixture
def bob_legacy(server, crm_rpc_db):
    return LegacyRpc(server, crm_rpc_db.name, 'bob', 'bob-secret')
