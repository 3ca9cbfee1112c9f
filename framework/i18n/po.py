"""Reading and writing ``.po``/``.pot`` files with babel, in Odoo's layout.

Each entry names its module in an automatic comment (``#. module: base``)
and its occurrences in location comments, e.g.
``#: model:ir.model.fields,field_description:base.field_res_partner__name``,
``#: model_terms:ir.ui.view,arch_db:base.view_partner_form`` or
``#: code:addons/base/models/res_company.py:54``. Babel drops locations whose
part after the last colon is not a line number; `read_po` keeps them.
"""
import dataclasses
import datetime

from babel.messages import pofile
from babel.messages.catalog import Catalog

from ..exceptions import UserError


@dataclasses.dataclass
class Entry:
    """One translated string: source, translation, modules and occurrences."""

    source: str
    translation: str = ''
    modules: list = dataclasses.field(default_factory=list)
    occurrences: list = dataclasses.field(default_factory=list)   # (location, line or None)


class _OdooPoParser(pofile.PoFileParser):
    """Babel's parser, keeping ``model:...:module.xmlid`` locations."""

    def _process_comment(self, line):
        if line[:2] != '#:':
            return super()._process_comment(line)
        self._finish_current_message()
        for location in pofile._extract_locations(line[2:]):
            head, colon, tail = location.rpartition(':')
            if colon and tail.isdigit():
                self.locations.append((head, int(tail)))
            else:
                self.locations.append((location, None))


def read_po(fileobj, path='<file>'):
    """Return the `Entry` list of an open binary ``.po``/``.pot`` file (header skipped).

    A malformed file raises `UserError` naming `path` and the problem.
    """
    catalog = Catalog()
    parser = _OdooPoParser(catalog, ignore_obsolete=True, abort_invalid=True)
    try:
        parser.parse(fileobj)
    except (pofile.PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise UserError('Cannot read translation file %s: %s; fix the file and try again.'
                        % (path, exc)) from None
    entries = []
    for message in catalog:
        if not message.id or isinstance(message.id, (list, tuple)):
            continue
        modules = [c.split(':', 1)[1].strip() for c in message.auto_comments
                   if c.startswith('module:')]
        modules = [m for text in modules for m in text.split(',') if m.strip()]
        entries.append(Entry(message.id, message.string or '', [m.strip() for m in modules],
                             list(message.locations)))
    return entries


def write_po(fileobj, entries, lang=None, project='Odoo Server'):
    """Write `entries` as a ``.po`` (with `lang`) or a ``.pot`` (without) to a binary file."""
    catalog = Catalog(locale=lang or None, project=project, version='', charset='utf-8',
                      creation_date=datetime.datetime.now(datetime.timezone.utc),
                      fuzzy=False, language_team='')
    catalog.header_comment = '# Translation of %s.\n# This file contains the translation of the ' \
                             'following modules:\n%s' % (
                                 project, ''.join('#\t* %s\n' % m for m in sorted(
                                     {m for e in entries for m in e.modules})).rstrip('\n'))
    for entry in entries:
        catalog.add(entry.source, entry.translation if lang else '',
                    locations=[(loc, line) for loc, line in entry.occurrences],
                    auto_comments=['module: %s' % ', '.join(entry.modules)] if entry.modules else ())
    pofile.write_po(fileobj, catalog, width=76, sort_output=False, include_lineno=True)
