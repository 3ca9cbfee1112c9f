"""Loading one CSV data file: the file name is the model, the header the fields.

``security/ir.model.access.csv`` loads rows of ``ir.model.access``; a header
such as ``id,name,model_id:id,group_id/id,perm_read`` names the columns as
`Model.load()` reads them. All rows load or none; the first error becomes a
DataError naming the file and the CSV line of the faulty row.
"""
import csv
import io
import logging
import os

from framework.exceptions import DataError

from .errors import describe

_logger = logging.getLogger(__name__)


def model_of_file(path):
    """Return the model loaded by the CSV file at `path` ('res.partner-demo.csv' -> 'res.partner')."""
    return os.path.splitext(os.path.basename(path))[0].split('-')[0]


def read_csv(path, display_name):
    """Return ``(fields, rows, lines)``: header, non-empty rows and the CSV line where each starts."""
    try:
        with open(path, 'rb') as f:
            text = f.read().decode('utf-8-sig')
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError('cannot read the file: %s' % exc, display_name) from None
    reader = csv.reader(io.StringIO(text, newline=''), quotechar='"', delimiter=',')
    try:
        fields = next(reader, None)
        rows, lines = [], []
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError('malformed CSV: %s' % exc, display_name, reader.line_num) from None
    if not fields:
        raise DataError('the file is empty: its first line must name the fields', display_name, 1)
    return fields, rows, lines


def convert_csv_import(env, module, path, display_name, idref=None, mode='init', noupdate=False):
    """Load the CSV data file at `path` through ``env[model].load()``; return the record ids.

    In update mode a file without an ``id`` column is skipped (its rows
    could not be matched with the existing records).
    """
    model_name = model_of_file(path)
    try:
        Model = env[model_name]
    except KeyError:
        raise DataError("model '%s' (named by the file name) does not exist" % model_name,
                        display_name, 1) from None
    fields, rows, lines = read_csv(path, display_name)
    if mode != 'init' and 'id' not in fields:
        _logger.warning('%s: no id column, skipped in update mode', display_name)
        return []
    Model = Model.with_context(mode=mode, module=module, noupdate=noupdate,
                               install_module=module, install_filename=display_name)
    try:
        result = _load(Model, fields, rows)
    except DataError:
        raise
    except Exception as exc:
        raise DataError(describe(exc), display_name) from exc
    errors = [m for m in result.get('messages', ()) if m.get('type') == 'error']
    if errors:
        first = errors[0]
        message = first.get('message', 'error')
        if len(errors) > 1:
            message += ' (and %d more errors)' % (len(errors) - 1)
        raise DataError(message, display_name, _line_of(first, lines))
    ids = result.get('ids') or []
    return ids


def _load(Model, fields, rows):
    """`Model.load()` when the ORM offers it, else the import function it delegates to."""
    if hasattr(type(Model), 'load'):
        return Model.load(fields, rows)
    from framework.orm.import_export import load
    return load(Model, fields, rows)


def _line_of(message, lines):
    """The CSV line of the row a load() message is about (1, the header, when not about a row)."""
    index = message.get('record')
    if index is None:
        index = (message.get('rows') or {}).get('from')
    if index is None or not 0 <= index < len(lines):
        return 1
    return lines[index]
