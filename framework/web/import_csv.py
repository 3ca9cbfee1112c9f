"""Importing a CSV file: ``POST /web/import/preview`` shows it, ``/web/import/execute`` loads it.

The file's delimiter (``,`` or ``;``) is sniffed; its first line is the
header, matched to the model's fields by technical name or label (case
does not matter). Execution calls the model's ``load(fields, rows)`` as the
session's user inside a savepoint, rolled back for a dry run or when any
row is wrong, so a file is imported whole or not at all. Every message
names the CSV line it is about, counting the header as line 1.
"""
import csv
import io
import json

from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from framework.orm.import_export import LOG_FIELDS
from framework.service.wsgi import route

from .errors import json_endpoint
from .user_session import run_as_user

PREVIEW_ROWS = 10
DELIMITERS = ',;'
HEADER_LINE = 1
TRUE_WORDS = ('1', 'true', 'yes', 'on')


class CsvFile:
    """A parsed CSV file: its header, its data rows and the line each row starts on."""

    def __init__(self, headers, rows, lines, delimiter):
        self.headers = headers
        self.rows = rows
        self.lines = lines
        self.delimiter = delimiter

    def line_of(self, index):
        """The CSV line of data row ``index`` (the header when ``index`` is None)."""
        if index is None or not 0 <= index < len(self.lines):
            return HEADER_LINE
        return self.lines[index]


def decode(data):
    """The text of an uploaded file: UTF-8 (with or without BOM), else Latin-1."""
    try:
        return data.decode('utf-8-sig')
    except UnicodeDecodeError:
        return data.decode('latin-1')


def sniff_delimiter(text):
    """``,`` or ``;``, whichever separates the columns of ``text``."""
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ''
        return ';' if first.count(';') > first.count(',') else ','


def parse(data):
    """The ``CsvFile`` of the uploaded bytes ``data``; ``BadRequest`` when it has no header."""
    text = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delimiter)
    try:
        headers = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise BadRequest("The file is empty: its first line must name the columns.") from None
    except csv.Error as exc:
        raise BadRequest("Line 1: the header is not valid CSV (%s)." % exc) from None
    if not any(headers):
        raise BadRequest("Line 1 must name the columns, and it is empty.")
    rows, lines = [], []
    start = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row + [''] * (len(headers) - len(row)))
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BadRequest("Line %d is not valid CSV: %s." % (start, exc)) from None
    return CsvFile(headers, rows, lines, delimiter)


def importable_fields(model):
    """``[{name, string, type, required}]`` of the fields of ``model`` a file may fill."""
    result = [{'name': 'id', 'string': 'External ID', 'type': 'id', 'required': False}]
    for name, field in sorted(model._fields.items()):
        if name in LOG_FIELDS or name == 'id' or field.type == 'one2many':
            continue
        if not field.store and not getattr(field, 'inverse', None):
            continue
        result.append({'name': name, 'string': field.string or name, 'type': field.type,
                       'required': bool(field.required)})
    return result


def match_columns(model, headers):
    """``{header: field path or ''}``: each column's field, by technical name or label, any case."""
    fields = importable_fields(model)
    by_name = {f['name'].lower(): f['name'] for f in fields}
    by_label = {}
    for f in fields:
        by_label.setdefault(f['string'].strip().lower(), f['name'])
    matches = {}
    for header in headers:
        key = header.strip().lower()
        if key == '.id':
            matches[header] = '.id'
            continue
        found = by_name.get(key) or by_label.get(key)
        if not found and '/' in key:
            base, _, suffix = key.replace(':', '/').partition('/')
            name = by_name.get(base) or by_label.get(base)
            if name and suffix in ('id', '.id') and model._fields[name].relational:
                found = '%s/%s' % (name, suffix)
        matches[header] = found or ''
    return matches


def _model(env, name):
    if not isinstance(name, str) or name not in env.registry:
        raise BadRequest("Model %s does not exist." % (name,))
    return env[name]


def _uploaded(request):
    upload = request.files.get('file')
    if upload is None:
        raise BadRequest("Choose a CSV file to import (field file).")
    return upload.read()


def _json(value):
    return Response(json.dumps(value), content_type='application/json')


@route('/web/import/preview', methods=('POST',))
@json_endpoint
def preview(request):
    """Multipart ``model, file, csrf_token`` → ``{headers, rows (first 10), matches, fields}``."""
    parsed = parse(_uploaded(request))
    model_name = request.form.get('model')

    def work(env, current, token):
        model = _model(env, model_name)
        # a file is only shown to someone who may import it: its rows would become new records
        model._check_access('create')
        return {
            'headers': parsed.headers,
            'rows': parsed.rows[:PREVIEW_ROWS],
            'matches': match_columns(model, parsed.headers),
            'fields': importable_fields(model),
            'delimiter': parsed.delimiter,
            'row_count': len(parsed.rows),
        }
    return _json(run_as_user(request, work, check_csrf=True))


class _Rollback(Exception):
    """Leave the import's savepoint by rolling it back, keeping the result of ``load``."""

    def __init__(self, result):
        super().__init__()
        self.result = result


def chosen_columns(parsed, fields):
    """``(field names, rows)`` keeping only the columns given a field ('' skips a column)."""
    if not isinstance(fields, list) or len(fields) != len(parsed.headers) or \
            not all(isinstance(name, str) for name in fields):
        raise BadRequest("Give one field name (or '' to skip it) per column of the file: %d columns."
                         % len(parsed.headers))
    kept = [index for index, name in enumerate(fields) if name.strip()]
    if not kept:
        raise BadRequest("Choose a field for at least one column.")
    return [fields[i].strip() for i in kept], [[row[i] for i in kept] for row in parsed.rows]


def with_lines(parsed, messages):
    """``load``'s messages, each starting with ``Line N:`` and carrying ``line``."""
    result = []
    for message in messages:
        message = dict(message)
        line = parsed.line_of(message.get('record'))
        message['line'] = line
        message['message'] = 'Line %d: %s' % (line, message.get('message', ''))
        rows = message.get('rows')
        if isinstance(rows, dict):
            message['lines'] = {'from': parsed.line_of(rows.get('from')), 'to': parsed.line_of(rows.get('to'))}
        result.append(message)
    return result


def load_rows(model, fields, rows, dry_run):
    """``model.load(fields, rows)`` in a savepoint, rolled back for a dry run or any error."""
    try:
        with model.env.cr.savepoint():
            result = model.load(fields, rows)
            if dry_run or any(m.get('type') == 'error' for m in result.get('messages', [])):
                raise _Rollback(result)
    except _Rollback as rollback:
        result = rollback.result
        if any(m.get('type') == 'error' for m in result.get('messages', [])):
            result = dict(result, ids=False)
    return result


@route('/web/import/execute', methods=('POST',))
@json_endpoint
def execute(request):
    """Multipart ``model, file, fields, dry_run, csrf_token`` → ``{ids, messages}`` naming CSV lines."""
    parsed = parse(_uploaded(request))
    try:
        fields = json.loads(request.form.get('fields') or 'null')
    except ValueError:
        raise BadRequest("The fields of an import are a JSON list.") from None
    names, rows = chosen_columns(parsed, fields)
    dry_run = (request.form.get('dry_run') or '').strip().lower() in TRUE_WORDS
    model_name = request.form.get('model')

    def work(env, current, token):
        result = load_rows(_model(env, model_name), names, rows, dry_run)
        return {'ids': result.get('ids') or False, 'messages': with_lines(parsed, result.get('messages', [])),
                'dry_run': dry_run}
    return _json(run_as_user(request, work, check_csrf=True))
