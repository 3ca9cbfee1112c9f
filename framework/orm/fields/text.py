"""Text fields: `Char` (one line, optional size), `Text`, `Html`.

With ``translate=True`` the column is ``jsonb`` holding one value per
language, ``{"en_US": "Partner", "fr_FR": "Partenaire"}`` (as Odoo 16+).
The cache holds that whole dict; ``record.name`` picks the value of
``env.lang``, falling back to ``en_US``. Creating stores the value under
``en_US`` and the current language; writing replaces only the current
language's value (all of them when the value is cleared). Domains and
ORDER BY compare ``COALESCE(col->>lang, col->>'en_US')``.
"""
import psycopg2.extras

from ..sql import SQL
from .field import Field

SOURCE_LANG = 'en_US'


class _String(Field):
    """Shared behaviour of the text types: null reads as False."""

    plain_sql_type = 'text'

    @property
    def sql_type(self):
        """``jsonb`` when translated, else the type's own text column type."""
        return 'jsonb' if self.translated else self.plain_sql_type

    @property
    def translated(self):
        """True when the column stores one value per language (jsonb)."""
        return bool(getattr(self, 'translate', False))

    def setup(self, model_class, name):
        super().setup(model_class, name)
        if self.translated:
            self.column_type = 'jsonb'

    def _clean(self, text, validate):
        return str(text)

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        if not self.translated:
            return self._clean(value, validate)
        if isinstance(value, dict):
            return {lang: None if text is None else self._clean(text, validate)
                    for lang, text in value.items()}
        text = self._clean(value, validate)
        lang = record.env.lang if record is not None else SOURCE_LANG
        return {SOURCE_LANG: text, lang: text}

    def convert_to_record(self, value, record):
        if isinstance(value, dict):
            text = value.get(record.env.lang)
            if text is None:
                text = value.get(SOURCE_LANG)
            value = text
        return False if value is None else value

    def convert_to_read(self, value, record):
        return value

    def convert_to_column(self, value):
        if self.translated and value is not None:
            return psycopg2.extras.Json(value)
        return value

    @property
    def converts_from_column(self):
        return self.translated

    def convert_from_column(self, value):
        if self.translated and isinstance(value, str):
            # a column not converted yet (or a computed value): the source text
            return {SOURCE_LANG: value}
        return value

    # --- SQL -------------------------------------------------------------
    def column_expression(self, column, env):
        if not self.translated:
            return column
        return SQL('COALESCE(%s->>%s, %s->>%s)', column, env.lang, column, SOURCE_LANG)

    def column_assignment(self, value, env):
        if not self.translated or value is None:
            return super().column_assignment(value, env)
        # only the current language changes; an empty column gets every value
        column = SQL.identifier(self.name)
        lang = env.lang
        text = value.get(lang, value.get(SOURCE_LANG))
        return SQL('%s = COALESCE(%s, %s::jsonb) || %s::jsonb', column, column,
                   psycopg2.extras.Json(value), psycopg2.extras.Json({lang: text}))

    def column_conversion(self, column, current_type):
        if self.translated and current_type.lower() != 'jsonb':
            return SQL('CASE WHEN %s IS NULL THEN NULL ELSE jsonb_build_object(%s, %s::text) END',
                       column, SOURCE_LANG, column)
        if not self.translated and current_type.lower() == 'jsonb':
            return SQL('%s->>%s', column, SOURCE_LANG)
        return super().column_conversion(column, current_type)


class Char(_String):
    """A single line of text; `size` limits its length (``varchar(size)``)."""

    type = 'char'
    column_type = 'varchar'
    _attributes = {'trim': True}

    @property
    def plain_sql_type(self):
        return 'varchar(%d)' % self.size if self.size else 'varchar'

    def _clean(self, text, validate):
        text = str(text)
        if self.size and validate:
            text = text[:self.size]
        return text


class Text(_String):
    """Multi-line text."""

    type = 'text'
    column_type = 'text'


class Html(_String):
    """HTML content, stored as text."""

    type = 'html'
    column_type = 'text'
    _attributes = {'sanitize': True}
