"""Where a module's translation files are: ``<addon>/i18n/<lang>.po``.

For ``fr_FR`` a module may ship ``fr.po`` (the language) and ``fr_FR.po``
(the country variant, loaded after it so that its entries win), as Odoo.
"""
import os

from ..modules.manifest import get_module_path


def lang_files(module, lang):
    """The existing ``.po`` files of `module` for `lang`, most general first."""
    folder = get_module_path(module)
    if not folder:
        return []
    names = [lang.split('_')[0], lang] if '_' in lang else [lang]
    paths = [os.path.join(folder, 'i18n', name + '.po') for name in dict.fromkeys(names)]
    return [path for path in paths if os.path.isfile(path)]


def pot_path(module):
    """The path of `module`'s template ``i18n/<module>.pot`` (which may not exist yet)."""
    folder = get_module_path(module)
    return os.path.join(folder, 'i18n', module + '.pot') if folder else None
