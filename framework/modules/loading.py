"""Installing, upgrading and loading the addons of a database.

`load_modules` runs in one transaction: it lists the available addons in
``ir_module_module``, decides which to install (the requested ones, their
dependencies and the auto-install ones whose dependencies are there) and
which to upgrade (the requested ones and everything depending on them),
then walks the addons in dependency order. For each addon it imports the
Python package, sets the models up, creates or alters the tables, reflects
the models into ``ir.model``, loads the data (and demo) files and marks the
addon installed. Upgrades end by deleting the records whose external ids
left the addons' data files. Any error rolls everything back and comes out
as one `ModuleError` naming the addon, the file, the line and the reason.
"""
import logging
import time

from ..db import db_connect
from ..exceptions import DataError, ModuleError, UserError
from ..orm.environment import Environment, SUPERUSER_ID
from ..orm.model_schema import SchemaSnapshot
from ..orm.registry import Registry, SetupError
from ..orm import signaling
from ..tools.progress import progress
from . import graph, manifest as manifests_mod
from .module_list import read_states, update_module_list, mark_installed, mark_uninstalled
from .reflection import reflect_models, remove_vanished_fields
from ..i18n.languages import load_new_module_translations
from .bootstrap import create_superuser
from .uninstall import remove_module_schema

_logger = logging.getLogger(__name__)


class DatabaseNotInitialized(UserError):
    """The database exists but has no addons installed."""


def load_modules(dbname, init=(), update=(), demo=None, uninstall=()):
    """Install `init`, upgrade `update` and uninstall `uninstall` in `dbname`.

    `update` may contain ``'all'``. `demo` (default True) loads demo data of
    newly installed addons. Returns the new registry, published for the
    database; on error the database and the published registry are left as
    they were and `ModuleError` is raised.
    """
    started = time.time()
    cr = db_connect(dbname).cursor()
    try:
        registry = _load(cr, dbname, set(init or ()), set(update or ()), set(uninstall or ()),
                         True if demo is None else demo)
        cr.commit()
    except (DataError, SetupError, UserError) as error:
        cr.rollback()
        # the error's own sentence may end with a full stop: one sentence, one stop
        raise ModuleError('%s; nothing was changed.' % str(error).rstrip('.')) from error
    except Exception as error:
        cr.rollback()
        _logger.exception('Loading modules failed')
        raise ModuleError('Loading modules failed: %s: %s; nothing was changed.'
                          % (type(error).__name__, error)) from error
    finally:
        cr.close()
    # after the commit, so that a process seeing the signal also sees the new modules
    registry.signal_sequence = signaling.bump(dbname)
    Registry.publish(registry)
    _logger.info('Modules loaded in %.2fs (%d models)', time.time() - started, len(registry))
    return registry


def load_registry(dbname):
    """The registry of the addons installed in `dbname`, changing nothing."""
    cr = db_connect(dbname).cursor()
    try:
        sequence = signaling.current(cr)  # first: the snapshot is not older than the signal
        registry = _load(cr, dbname, set(), set(), set(), False, read_only=True)
        registry.signal_sequence = sequence
        return registry
    finally:
        cr.rollback()
        cr.close()


def _table_exists(cr, table):
    cr.execute("SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r'", (table,))
    return bool(cr.fetchone())


def _load(cr, dbname, init, update, uninstall, demo, read_only=False):
    initialized = _table_exists(cr, 'ir_module_module')
    if not initialized:
        if read_only:
            raise DatabaseNotInitialized("Database '%s' has no modules installed; install them "
                                         "with: ./odoo-bin -d %s -i base" % (dbname, dbname))
        init.add('base')
    available = manifests_mod.list_available()
    manifests = {name: manifests_mod.get_manifest(name) for name in available}
    states = read_states(cr) if initialized else {}
    installed = {name for name, (state, _) in states.items() if state in ('installed', 'to upgrade')}
    installed &= set(manifests) | {'base'}
    missing_installed = {name for name, (state, _) in states.items()
                         if state == 'installed' and name not in manifests}
    if missing_installed:
        _logger.warning('Installed modules not found in the addons path: %s',
                        ', '.join(sorted(missing_installed)))

    if 'all' in update:
        update = set(installed)
    unknown = (init | update) - set(manifests)
    if unknown:
        raise ModuleError("Module '%s' is not available in the addons path; check its name or "
                          "add its folder with --addons-path" % sorted(unknown)[0])
    to_install = graph.dependency_closure(init, manifests) - installed
    to_install |= _auto_installs(manifests, installed | to_install)
    to_upgrade = graph.dependents(update & installed, installed, manifests) if update else set()
    to_remove = graph.dependents(uninstall & installed, installed, manifests) if uninstall else set()
    if 'base' in to_remove:
        raise ModuleError("Module 'base' cannot be uninstalled")
    wanted = (installed | to_install) - to_remove
    order = graph.install_order(wanted, manifests)

    # The module list is refreshed once base's tables match the code: right
    # away, unless base itself is being upgraded (then after its schema).
    listed = read_only or not initialized
    if not listed and 'base' not in to_upgrade:
        update_module_list(cr, manifests)
        listed = True
    registry = Registry(dbname)
    pending_setup = False
    todo = [m for m in order if m in to_install or m in to_upgrade]
    steps = progress(order, total=len(order), label='Loading modules') if todo else order
    for name in steps:
        manifests_mod.import_addon(name)
        registry.load(name)
        pending_setup = True
        if name not in to_install and name not in to_upgrade:
            continue
        registry.setup_models()
        pending_setup = False
        env = _fresh_env(cr, registry)
        _init_schema(cr, registry)
        if name == 'base' and not initialized:
            create_superuser(cr)
            update_module_list(cr, manifests)
            initialized = True
        elif not listed:
            update_module_list(cr, manifests)
            listed = True
        reflect_models(cr, registry)
        mode = 'init' if name in to_install else 'update'
        with_demo = demo if name in to_install else states.get(name, (None, False))[1]
        _load_data(env, name, manifests[name], mode, with_demo)
        env.flush_all()
        load_new_module_translations(env, name)
        mark_installed(cr, name, manifests[name], with_demo)
        _logger.info('Module %s %s', name, 'installed' if mode == 'init' else 'upgraded')
    if pending_setup:
        registry.setup_models()
    if to_upgrade or to_install or to_remove:
        env = _fresh_env(cr, registry)
        if to_remove:
            _uninstall(cr, env, registry, to_remove, manifests)
        remove_vanished_fields(cr, registry)
        if to_upgrade:
            env['ir.model.data']._process_end(sorted(to_upgrade))
        env.flush_all()
    _fresh_env(cr, registry)
    registry.run_register_hooks(cr)
    cr._orm_transaction.detach()
    cr._orm_transaction = None
    registry.loaded_xmlids = set()
    return registry


def _auto_installs(manifests, present):
    """Auto-install addons whose dependencies are all present (repeatedly)."""
    added = set()
    changed = True
    while changed:
        changed = False
        for name, manifest in manifests.items():
            if name in present or name in added or not manifest['auto_install']:
                continue
            if name != 'base' and set(manifest['depends']) <= (present | added):
                added.add(name)
                changed = True
    return added


def _fresh_env(cr, registry):
    """An environment on `registry` with an empty cache (fields changed)."""
    previous = getattr(cr, '_orm_transaction', None)
    if previous is not None:
        previous.detach()
        cr._orm_transaction = None
    return Environment(cr, SUPERUSER_ID, {}, registry=registry)


def _init_schema(cr, registry):
    snapshot = SchemaSnapshot(cr)
    for model_class in registry.models.values():
        model_class._auto_init(snapshot)
    for model_class in registry.models.values():
        model_class._auto_init_relations(snapshot, registry)


def _load_data(env, name, manifest, mode, with_demo):
    from ..data import convert_file
    idref = {}
    kinds = [('data', manifest['data'])]
    if with_demo:
        kinds.append(('demo', manifest['demo']))
    for kind, files in kinds:
        for path in files:
            _logger.debug('Module %s: loading %s', name, path)
            try:
                convert_file(env, name, path, idref, mode, noupdate=(kind == 'demo'), kind=kind)
            except DataError as error:
                raise ModuleError("Module '%s': %s" % (name, error)) from error


def _uninstall(cr, env, registry, names, manifests):
    """Remove the data and tables of addons `names` (dependents first)."""
    for name in reversed(graph.install_order(names, manifests)):
        env['ir.model.data']._module_data_uninstall([name])
        remove_module_schema(cr, registry, name)
        mark_uninstalled(cr, name)
        _logger.info('Module %s uninstalled', name)
