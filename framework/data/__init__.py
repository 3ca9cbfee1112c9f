"""Data files of addons: XML (records, menus, actions...), CSV (``Model.load``) and SQL.

`convert_file` is the one entry point the module loader uses; every error it
raises is a `framework.exceptions.DataError` naming the file and the line.
"""
import os

from framework.exceptions import DataError

from .csv_loader import convert_csv_import
from .errors import located
from .xml_loader import convert_xml_import

__all__ = ['convert_file', 'convert_xml_import', 'convert_csv_import']


def convert_file(env, module, path, idref=None, mode='init', noupdate=False, kind='data', pathname=None):
    """Load the data file `path` of addon `module` into `env`, dispatching on its extension.

    `path` is absolute, or relative to the addon (then `pathname`, if given,
    is its real location, else the addon is looked up in the addons paths).
    `idref` (dict, shared by the files of one module) maps local ids to
    database ids; `mode` is 'init' or 'update'; `noupdate` is the default
    flag of the loaded records; `kind` ('data', 'demo', ...) is informative.
    Raises DataError naming the file (as shown by `display_name`) and line.
    """
    full_path = pathname or _resolve(module, path)
    display = display_name(full_path)
    if not os.path.isfile(full_path):
        raise DataError('data file not found (listed in the manifest of %s?)' % module, display)
    if idref is None:
        idref = {}
    extension = os.path.splitext(full_path)[1].lower()
    if extension == '.xml':
        return convert_xml_import(env, module, full_path, display, idref, mode, noupdate)
    if extension == '.csv':
        return convert_csv_import(env, module, full_path, display, idref, mode, noupdate)
    if extension == '.sql':
        with open(full_path, encoding='utf-8') as f:
            script = f.read()
        with located(display, None):
            # the file's own SQL, shipped with the addon: executed as written
            env.cr.execute(script)
        return None
    raise DataError('unsupported data file type %r (use .xml, .csv or .sql)' % extension, display)


def display_name(path):
    """The name of a data file shown to people: relative to the working directory when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith('..') else relative


def _resolve(module, path):
    """Return the real location of `path`, relative to the addon `module` unless absolute."""
    if os.path.isabs(path):
        return path
    try:
        from framework.modules import manifest
    except ImportError:
        manifest = None
    get_path = getattr(manifest, 'get_module_path', None) if manifest else None
    if get_path is not None:
        addon_dir = get_path(module)
        if addon_dir:
            return os.path.join(addon_dir, path)
    return path
