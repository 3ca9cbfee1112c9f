"""The ``ir_module_module`` table: which addons exist and in which state.

Plain SQL on purpose: it runs while the registry is being built, before the
models that would wrap these tables are ready.
"""
import datetime

from ..orm.sql import SQL


def _source(text):
    # shortdesc, summary and description are translated fields (jsonb per language)
    return SQL('jsonb_build_object(%s, %s::text)', 'en_US', text)


def read_states(cr):
    """``{name: (state, demo)}`` for every known addon."""
    cr.execute('SELECT name, state, demo FROM ir_module_module')
    return {name: (state, bool(demo)) for name, state, demo in cr.fetchall()}


def update_module_list(cr, manifests):
    """Add new addons as 'uninstalled' and refresh descriptions and dependencies."""
    now = datetime.datetime.utcnow().replace(microsecond=0)
    rows = []
    for name, manifest in sorted(manifests.items()):
        rows.append(SQL('(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s, 1, %s)',
                        name, _source(manifest['name']), _source(manifest.get('summary') or ''),
                        _source(manifest.get('description') or ''), manifest.get('author') or '',
                        manifest.get('website') or '', manifest.get('category') or '',
                        bool(manifest.get('application')), bool(manifest.get('auto_install')),
                        'uninstalled', manifest['version'], False, now, now))
    if not rows:
        return
    cr.execute(*SQL(
        'INSERT INTO ir_module_module (name, shortdesc, summary, description, author, website, '
        'category, application, auto_install, state, published_version, demo, create_uid, '
        'create_date, write_uid, write_date) VALUES %s ON CONFLICT (name) DO UPDATE SET '
        'shortdesc = COALESCE(ir_module_module.shortdesc, %s::jsonb) || EXCLUDED.shortdesc, '
        'summary = COALESCE(ir_module_module.summary, %s::jsonb) || EXCLUDED.summary, '
        'description = COALESCE(ir_module_module.description, %s::jsonb) || EXCLUDED.description, '
        'author = EXCLUDED.author, website = EXCLUDED.website, '
        'category = EXCLUDED.category, application = EXCLUDED.application, '
        'auto_install = EXCLUDED.auto_install, published_version = EXCLUDED.published_version, '
        "state = CASE WHEN ir_module_module.state = 'uninstallable' THEN 'uninstalled' "
        'ELSE ir_module_module.state END', SQL.join(', ', rows), '{}', '{}', '{}').as_args())
    cr.execute('SELECT name, id FROM ir_module_module')
    ids = dict(cr.fetchall())
    cr.execute('DELETE FROM ir_module_module_dependency')
    deps = [SQL('(%s, %s)', ids[name], dep) for name, manifest in sorted(manifests.items())
            for dep in manifest['depends']]
    if deps:
        cr.execute(*SQL('INSERT INTO ir_module_module_dependency (module_id, name) VALUES %s',
                        SQL.join(', ', deps)).as_args())
    missing = [name for name in ids if name not in manifests]
    if missing:
        cr.execute("UPDATE ir_module_module SET state = 'uninstallable' "
                   "WHERE name IN %s AND state = 'uninstalled'", (tuple(missing),))


def mark_installed(cr, name, manifest, demo):
    cr.execute("UPDATE ir_module_module SET state = 'installed', latest_version = %s, demo = %s, "
               "write_date = now() at time zone 'UTC' WHERE name = %s",
               (manifest['version'], bool(demo), name))


def mark_uninstalled(cr, name):
    cr.execute("UPDATE ir_module_module SET state = 'uninstalled', latest_version = NULL, "
               "demo = FALSE WHERE name = %s", (name,))
