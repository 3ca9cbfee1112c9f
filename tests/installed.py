"""Databases with more addons installed, for the tests of product, sale, sale_crm and document.

The session's template database holds base and crm; :func:`install_copy`
copies it and installs more addons once (session-scoped fixtures of the
addons' conftest files use it), :func:`rolled_back_env` gives a superuser
environment on such a database whose work is rolled back after the test.
"""
import contextlib
import uuid


def copy(template_db, tag):
    """Create a copy of ``template_db`` named after it and ``tag``; return its name (:func:`drop` it)."""
    from framework.db import admin
    name = f'{template_db[:-3]}{tag}_{uuid.uuid4().hex[:6]}'
    admin.create_db(name, template=template_db)
    return name


def install_copy(template_db, modules, tag):
    """Create a copy of ``template_db`` with ``modules`` (and demo data) installed; return its name."""
    from framework.modules.loading import load_modules
    name = copy(template_db, tag)
    load_modules(name, init=list(modules), demo=True)
    return name


def drop(name):
    """Forget the registry of database ``name`` and drop it."""
    from framework.db import admin
    from framework.orm.registry import Registry
    Registry.delete(name)
    if admin.exists(name):
        admin.drop_db(name)


@contextlib.contextmanager
def rolled_back_env(name, uid=1, context=None):
    """A superuser ``Environment`` on database ``name``; everything it did is rolled back."""
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(name)
    cr = db_connect(name).cursor()
    try:
        yield Environment(cr, uid, dict(context or {}), registry=registry)
    finally:
        cr.rollback()
        cr.close()


def run_committed(name, work):
    """Return ``work(env)`` run as superuser in a transaction of its own on ``name``, committed."""
    from framework.api import Environment
    from framework.db import db_connect
    from framework.orm.registry import Registry
    registry = Registry.open(name)
    with db_connect(name).cursor() as cr:
        result = work(Environment(cr, 1, {}, registry=registry))
        cr.commit()
    return result
