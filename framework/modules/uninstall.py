"""Removing what an uninstalled addon left in the database.

Its data records go first (through ``ir.model.data``), then the tables of
the models only it defined and the columns it added to other models, then
their ``ir.model`` / ``ir.model.fields`` rows and external ids. The
registry being built no longer contains the addon, so what to drop is read
from the reflection rows the addon owns.
"""
import logging

from ..orm.sql import SQL

_logger = logging.getLogger(__name__)


def remove_module_schema(cr, registry, module):
    """Drop the tables and columns that `module` alone brought."""
    cr.execute("SELECT m.model FROM ir_model_data d JOIN ir_model m ON m.id = d.res_id "
               "WHERE d.module = %s AND d.model = 'ir.model'", (module,))
    models = [row[0] for row in cr.fetchall() if row[0] not in registry]
    cr.execute("SELECT f.model, f.name, f.ttype, f.id FROM ir_model_data d "
               "JOIN ir_model_fields f ON f.id = d.res_id "
               "WHERE d.module = %s AND d.model = 'ir.model.fields'", (module,))
    columns = [(model, name, field_id) for model, name, ttype, field_id in cr.fetchall()
               if model in registry and name not in registry[model]._fields]
    for model, name, field_id in columns:
        table = registry[model]._table
        cr.execute(*SQL('ALTER TABLE %s DROP COLUMN IF EXISTS %s CASCADE', SQL.identifier(table),
                        SQL.identifier(name)).as_args())
        cr.execute('DELETE FROM ir_model_fields WHERE id = %s', (field_id,))
        _logger.info('Module %s: dropped column %s.%s', module, table, name)
    for model in models:
        table = model.replace('.', '_')
        cr.execute(*SQL('DROP TABLE IF EXISTS %s CASCADE', SQL.identifier(table)).as_args())
        cr.execute('DELETE FROM ir_model WHERE model = %s', (model,))
        _logger.info('Module %s: dropped table %s', module, table)
    cr.execute("DELETE FROM ir_model_data WHERE module = %s AND model IN ('ir.model', 'ir.model.fields')",
               (module,))
