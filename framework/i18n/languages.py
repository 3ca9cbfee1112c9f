"""Activating a language and loading the installed modules' translations into it."""
import logging

import babel

from ..exceptions import UserError
from . import SOURCE_LANG
from .export import installed_modules
from .files import lang_files
from .importer import import_file

_logger = logging.getLogger(__name__)


def _lang_values(code):
    """The ``res.lang`` values of locale `code`, from babel's locale data."""
    try:
        locale = babel.Locale.parse(code)
    except (ValueError, babel.UnknownLocaleError):
        raise UserError("Unknown language '%s'; give a locale code such as fr_FR or de_DE."
                        % code) from None
    english = locale.get_display_name('en_US')
    native = locale.get_display_name(locale)
    symbols = locale.number_symbols.get('latn', locale.number_symbols) \
        if hasattr(locale.number_symbols, 'get') else {}
    return {
        'name': '%s / %s' % (english, native[:1].upper() + native[1:]) if native != english else english,
        'code': code,
        'iso_code': locale.language if not locale.territory or code == locale.language else code,
        'direction': 'rtl' if locale.character_order == 'right-to-left' else 'ltr',
        'date_format': '%m/%d/%Y' if code == 'en_US' else '%d/%m/%Y',
        'decimal_point': symbols.get('decimal', '.'),
        'thousands_sep': symbols.get('group', ','),
        'active': True,
    }


def activate_lang(env, code):
    """Return the ``res.lang`` of `code`, created from babel's data if needed, made active."""
    Lang = env['res.lang'].sudo().with_context(active_test=False)
    lang = Lang.search([('code', '=', code)], limit=1)
    if not lang:
        return Lang.create(_lang_values(code))
    if not lang.active:
        lang.write({'active': True})
    return lang


def load_module_translations(env, modules, code, overwrite=False):
    """Import `modules`' ``i18n/<lang>.po`` files into language `code`; return the files read."""
    files = []
    for module in modules:
        for path in lang_files(module, code):
            result = import_file(env, path, code, overwrite=overwrite)
            _logger.info('loaded %s: %d values, %d view terms', path, result.model, result.terms)
            files.append(path)
    return files


def load_language(env, code, overwrite=False):
    """Activate language `code` and load every installed module's translation files into it."""
    lang = activate_lang(env, code)
    if code != SOURCE_LANG:
        load_module_translations(env, installed_modules(env), code, overwrite=overwrite)
    return lang


def active_langs(env):
    """The codes of the active languages other than en_US."""
    env.cr.execute('SELECT code FROM res_lang WHERE active AND code != %s ORDER BY code', (SOURCE_LANG,))
    return [row[0] for row in env.cr.fetchall()]


def load_new_module_translations(env, module):
    """After `module` is installed or upgraded: load its files for every active language."""
    if 'res.lang' not in env.registry:
        return
    for code in active_langs(env):
        load_module_translations(env, [module], code)
