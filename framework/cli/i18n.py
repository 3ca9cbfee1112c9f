"""The translation flags of ``odoo-bin``: --load-language, --i18n-export, --i18n-import.

They run after -i/-u, on the database of -d. Export and import stop the
program when done (as Odoo's); --load-language goes on to serve unless
--stop-after-init is given.
"""
import logging
import os

from .common import environment
from .errors import CliError

_logger = logging.getLogger(__name__)


def run_translation_flags(config):
    """Do what the translation flags of `config` ask; return True when the program should stop."""
    wanted = config['load_language'] or config['translate_out'] or config['translate_in']
    if not wanted:
        return False
    dbname = config['db_name']
    if not dbname:
        raise CliError('--load-language, --i18n-export and --i18n-import need a database: '
                       'add -d NAME', code=2)
    if config['translate_out'] and not config['language'] \
            and not config['translate_out'].endswith('.pot'):
        raise CliError('--i18n-export of a .po file needs its language: add -l fr_FR '
                       '(or name the file .pot for a template)', code=2)
    if config['translate_in'] and not config['language']:
        raise CliError('--i18n-import needs the language of the file: add -l fr_FR', code=2)
    from framework.db import admin
    from framework.db.errors import DatabaseNotFound
    if not admin.exists(dbname):
        raise DatabaseNotFound(dbname)
    from framework.i18n import export, importer, languages
    with environment(dbname) as env:
        for code in [c.strip() for c in (config['load_language'] or '').split(',') if c.strip()]:
            languages.load_language(env, code, overwrite=bool(config['overwrite_existing_translations']))
            _logger.info('language %s loaded', code)
        if config['translate_in']:
            lang = config['language']
            languages.activate_lang(env, lang)
            result = importer.import_file(env, config['translate_in'], lang,
                                          overwrite=bool(config['overwrite_existing_translations']))
            _logger.info('imported %s: %d values, %d view terms', config['translate_in'],
                         result.model, result.terms)
        env.cr.commit()
        if config['translate_out']:
            path = config['translate_out']
            lang = config['language'] or None
            modules = config['translate_modules'] or None
            installed = export.installed_modules(env)
            unknown = [m for m in modules or () if m not in installed]
            if unknown:
                raise CliError("cannot export module '%s': it is not installed in %s"
                               % (unknown[0], dbname), code=2)
            folder = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(folder):
                raise CliError('cannot write %s: folder %s does not exist' % (path, folder), code=2)
            count = export.export_file(env, path, modules, lang)
            _logger.info('exported %d terms to %s', count, path)
    return bool(config['translate_out'] or config['translate_in'] or config['stop_after_init'])
