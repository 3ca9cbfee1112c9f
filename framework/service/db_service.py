"""The ``db`` service: list, create, copy, drop, dump and restore databases.

Every method that changes databases takes the master password first
(``admin_passwd``); ``list``, ``exist_db``/``db_exist``, ``list_lang`` and
``server_version`` do not, and ``list`` answers only when ``list_db`` is on.
"""
import base64
import binascii
import itertools
import re
import threading

from framework.api import Environment, SUPERUSER_ID
from framework.config import config
from framework.db import admin, db_connect
from framework.exceptions import AccessDenied, UserError

from .master import check_master_password, set_master_password

#: Odoo's rule for database names
DBNAME_PATTERN = re.compile(r'^[a-zA-Z0-9][a-zA-Z0-9_.-]+$')

_progress = {}          # OpenERP 5.0 create() ids -> created database name
_counter = itertools.count(1)
_lock = threading.Lock()


def _check_name(name):
    if not isinstance(name, str) or not DBNAME_PATTERN.match(name):
        raise UserError("Invalid database name %r: use letters, digits, '_', '-' and '.', "
                        "starting with a letter or digit" % (name,))


def _forget(name):
    from framework.orm.registry import Registry
    Registry.delete(name)


# --- without the master password ---------------------------------------

def list_dbs(document=False):
    """The names of the databases on the server; ``AccessDenied`` when ``list_db`` is off."""
    if not config['list_db']:
        raise AccessDenied()
    return admin.list_dbs()


def exist_db(name):
    """Tell whether database ``name`` exists."""
    return isinstance(name, str) and admin.exists(name)


def server_version():
    """The server's version series (e.g. ``'1.0'``)."""
    from .version import version_info
    return version_info()['server_version']


def list_lang():
    """``[code, name]`` of the languages a database can be created in (from babel's locales)."""
    from babel import Locale, localedata
    result = []
    for code in localedata.locale_identifiers():
        parts = code.split('_')
        if len(parts) != 2 or len(parts[1]) != 2:
            continue
        try:
            locale = Locale.parse(code)
        except (ValueError, TypeError):
            continue
        name = (locale.get_display_name('en_US') or code)
        result.append([code, name])
    return sorted(result, key=lambda item: item[1])


# --- with the master password ------------------------------------------

def create_database(name, demo, lang, user_password, login='admin', country_code=None, phone=None):
    """Create ``name`` with base installed; the admin user gets ``login``/``user_password``/``lang``.

    The whole creation succeeds or the database is dropped again.
    """
    from framework.modules.loading import load_modules
    _check_name(name)
    admin.create_db(name)
    try:
        load_modules(name, init=['base'], demo=bool(demo))
        with db_connect(name).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {})
            _setup_admin(env, lang, user_password, login, country_code, phone)
    except BaseException:
        _forget(name)
        admin.drop_db(name)
        raise
    return True


def _setup_admin(env, lang, password, login, country_code, phone):
    user = env.ref('base.user_admin', raise_if_not_found=False)
    if user is None:
        return
    values = {'login': login or 'admin'}
    if password:
        values['password'] = password
    if lang and lang != 'en_US' and 'lang' in user._fields:
        from framework.i18n.languages import load_language
        load_language(env, lang)  # activates it and loads the modules' translations
        values['lang'] = lang
    if phone and 'phone' in user._fields:
        values['phone'] = phone
    user.write(values)
    if country_code:
        country = env['res.country'].search([('code', '=ilike', country_code)], limit=1)
        if country:
            env.company.partner_id.write({'country_id': country.id})


def duplicate_database(source, target, neutralize_database=False):
    """Create ``target`` as a copy of ``source`` (its filestore too)."""
    _check_name(target)
    _forget(source)
    admin.duplicate_db(source, target)
    return True


def drop(name):
    """Drop database ``name`` and its filestore; False when it does not exist."""
    if not isinstance(name, str) or not admin.exists(name):
        return False
    _forget(name)
    admin.drop_db(name)
    return True


def dump(name, backup_format='zip'):
    """The base64 text of a zip backup of ``name`` (``dump.sql``, ``manifest.json``, filestore)."""
    from .backup import dump_zip
    if backup_format != 'zip':
        raise UserError("Only the 'zip' backup format is supported, not %r" % (backup_format,))
    return base64.b64encode(dump_zip(name)).decode('ascii')


def restore(name, data, copy=False):
    """Create ``name`` from the base64 zip backup ``data``."""
    from .backup import restore_zip
    _check_name(name)
    try:
        raw = base64.b64decode(data, validate=False) if isinstance(data, (str, bytes)) else b''
    except (binascii.Error, ValueError):
        raise UserError("The backup is not valid base64 text") from None
    restore_zip(name, raw)
    return True


def rename(old, new):
    """Rename database ``old`` to ``new`` (OpenERP 5.0)."""
    _check_name(new)
    if not admin.exists(old):
        raise UserError("Database %s does not exist" % old)
    _forget(old)
    duplicate_database(old, new)
    drop(old)
    return True


def change_admin_password(new_password):
    """Make ``new_password`` the master password and save it (hashed) in the config file."""
    if not isinstance(new_password, str) or not new_password:
        raise UserError("The new master password cannot be empty")
    set_master_password(new_password)
    return True


def create(name, demo, lang, user_password='admin'):
    """OpenERP 5.0's create: done at once; returns the id that ``get_progress`` takes."""
    create_database(name, demo, lang, user_password)
    with _lock:
        create_id = next(_counter)
        _progress[create_id] = name
    return create_id


def get_progress(create_id):
    """OpenERP 5.0: ``(1.0, users)`` of a finished ``create`` (creation is synchronous here)."""
    name = _progress.get(create_id)
    users = []
    if name:
        with db_connect(name).cursor() as cr:
            cr.execute("SELECT login FROM res_users WHERE active ORDER BY id")
            users = [{'login': row[0], 'password': '', 'name': row[0]} for row in cr.fetchall()]
    return [1.0, users]


PUBLIC = {
    'list': list_dbs, 'exist_db': exist_db, 'db_exist': exist_db,
    'server_version': server_version, 'list_lang': list_lang,
}
GUARDED = {
    'create_database': create_database, 'duplicate_database': duplicate_database, 'drop': drop,
    'dump': dump, 'restore': restore, 'rename': rename, 'change_admin_password': change_admin_password,
    'create': create, 'get_progress': get_progress,
}


def dispatch(method, params):
    """Run ``method``: public ones directly, the others after checking the master password in ``params[0]``."""
    if method in PUBLIC:
        return PUBLIC[method](*params)
    if method in GUARDED:
        if not params:
            raise AccessDenied()
        check_master_password(params[0])
        return GUARDED[method](*params[1:])
    raise AttributeError("The db service has no method '%s'" % method)
