"""Reading addon manifests and finding addons on the addons path.

An addon is a folder with a ``__manifest__.py`` (or OpenERP 5's
``__terp__.py``) holding one Python dict literal. OpenERP 5's keys
(``init_xml``, ``update_xml``, ``demo_xml``, ``active``) are translated to
today's (``data``, ``demo``, ``auto_install``).
"""
import ast
import os
import sys

from ..config import config
from ..exceptions import ModuleError

MANIFEST_NAMES = ('__manifest__.py', '__openerp__.py', '__terp__.py')
DEFAULTS = {
    'name': False, 'version': '1.0', 'summary': '', 'description': '', 'author': '',
    'website': '', 'category': 'Uncategorized', 'depends': [], 'data': [], 'demo': [],
    'installable': True, 'auto_install': False, 'application': False, 'license': 'LGPL-3',
    'external_dependencies': {}, 'post_init_hook': None, 'pre_init_hook': None,
    'uninstall_hook': None, 'sequence': 100,
}


def addons_paths():
    """The folders where addons are looked for, and make them importable.

    Every folder is added to the ``addons`` package's path, so that an
    addon anywhere on the addons path imports as ``addons.<name>``.
    """
    paths = [os.path.abspath(p) for p in config['addons_path'] if os.path.isdir(p)]
    import addons
    for path in paths:
        if path not in addons.__path__:
            addons.__path__.append(path)
    return paths


def get_module_path(name):
    """The folder of addon `name`, or None when no addons path has it."""
    for path in addons_paths():
        folder = os.path.join(path, name)
        if any(os.path.isfile(os.path.join(folder, m)) for m in MANIFEST_NAMES):
            return folder
    return None


def _manifest_file(folder):
    for name in MANIFEST_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    return None


def get_manifest(name):
    """The manifest of addon `name` with defaults filled in, or None."""
    folder = get_module_path(name)
    if folder is None:
        return None
    path = _manifest_file(folder)
    try:
        with open(path, encoding='utf-8') as f:
            values = ast.literal_eval(f.read())
    except (SyntaxError, ValueError) as error:
        raise ModuleError("The manifest of module '%s' (%s) is not a Python dict literal: %s"
                          % (name, path, error)) from None
    if not isinstance(values, dict):
        raise ModuleError("The manifest of module '%s' (%s) must be a dict" % (name, path))
    manifest = dict(DEFAULTS)
    manifest.update(values)
    # OpenERP 5 manifests
    if 'init_xml' in values or 'update_xml' in values:
        manifest['data'] = list(values.get('init_xml', [])) + list(values.get('update_xml', [])) \
            + list(values.get('data', []))
    if 'demo_xml' in values:
        manifest['demo'] = list(values.get('demo_xml', [])) + list(values.get('demo', []))
    if 'active' in values and 'auto_install' not in values:
        manifest['auto_install'] = bool(values['active'])
    if not manifest['name']:
        manifest['name'] = name
    manifest['technical_name'] = name
    manifest['addons_path'] = os.path.dirname(folder)
    manifest['path'] = folder
    manifest['depends'] = list(manifest['depends'])
    if name != 'base' and 'base' not in manifest['depends'] and not manifest['depends']:
        manifest['depends'] = ['base']
    return manifest


def list_available():
    """Names of the installable addons found on the addons path, sorted."""
    names = set()
    for path in addons_paths():
        for entry in os.listdir(path):
            folder = os.path.join(path, entry)
            if os.path.isdir(folder) and _manifest_file(folder) and entry.isidentifier():
                names.add(entry)
    result = []
    for name in sorted(names):
        manifest = get_manifest(name)
        if manifest and manifest['installable']:
            result.append(name)
    return result


def import_addon(name):
    """Import the Python package of addon `name` (its models register)."""
    addons_paths()
    module_name = 'addons.%s' % name
    if module_name in sys.modules:
        return sys.modules[module_name]
    import importlib
    try:
        return importlib.import_module(module_name)
    except Exception as error:
        raise ModuleError("Module '%s' cannot be imported: %s: %s"
                          % (name, type(error).__name__, error)) from error
