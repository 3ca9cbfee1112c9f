"""Translations: languages, ``.po``/``.pot`` files and translated terms.

Three kinds of terms, as in Odoo 16+:

* *model* terms: values of translated fields (``translate=True``), stored
  per language in a jsonb column; labels of models, fields and selection
  values are such fields of ``ir.model``, ``ir.model.fields`` and
  ``ir.model.fields.selection`` (see `labels`);
* *model_terms*: the strings inside a view's arch, stored per term in
  ``ir.model.terms`` and applied by `arch.translate_arch`;
* *code* terms: ``_()`` messages, read from the addons' ``i18n/*.po``
  files into a per-process `catalog`.

`po` reads and writes the files with babel, `export` collects the terms of
modules, `importer` stores a file's translations, `languages` activates a
language and loads every installed module's file for it.
"""
SOURCE_LANG = 'en_US'
