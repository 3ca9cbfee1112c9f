"""Import and export of records as rows (CSV-shaped data).

The work is done by `import_export`; this mixin gives recordsets Odoo's
method names for it.
"""
from . import decorators as api


class ImportExportMixin:
    """`load` and `export_data` (part of `BaseModel`)."""

    __slots__ = ()

    @api.model
    def load(self, fields, data):
        """Import `data` rows whose columns are `fields`; all rows or none.

        Returns ``{'ids': [...] or False, 'messages': [...]}`` with one
        message per problem, naming the row.
        """
        from .import_export import load
        return load(self, fields, data)

    def export_data(self, fields_to_export):
        """``{'datas': rows}`` with one row per record for `fields_to_export`."""
        from .import_export import export_data
        return export_data(self, fields_to_export)
