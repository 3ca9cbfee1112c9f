"""Exporting records: ``POST /web/export/csv`` answers a CSV file of the chosen fields.

The form field ``data`` is JSON ``{model, ids, fields, domain}``: the
records are ``ids`` when given, else those matching ``domain``; ``fields``
are field paths (``name``, ``partner_id/name``, ``id``…, as ``export_data``
takes them) or ``{name, label}`` objects. The header row holds the labels,
the rows what ``export_data`` returns, as the session's user.
"""
import csv
import io
import json

from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from framework.service.wsgi import route

from .binary import content_disposition
from .errors import page
from .user_session import run_as_user


def parse_request(text):
    """``(model, ids, names, labels, domain)`` of the export request JSON ``text``."""
    try:
        data = json.loads(text or '')
    except ValueError:
        raise BadRequest("The export request (field data) is not JSON.") from None
    if not isinstance(data, dict) or not isinstance(data.get('model'), str):
        raise BadRequest("The export request names no model.")
    fields = data.get('fields') or []
    names, labels = [], []
    for item in fields:
        name = item.get('name') if isinstance(item, dict) else item
        if not isinstance(name, str) or not name:
            raise BadRequest("Each exported field is a name or an object with a name.")
        names.append(name)
        labels.append(item.get('label') if isinstance(item, dict) and item.get('label') else None)
    if not names:
        raise BadRequest("Choose at least one field to export.")
    ids = data.get('ids') or []
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise BadRequest("The ids to export are a list of numbers.")
    domain = data.get('domain') or []
    if not isinstance(domain, list):
        raise BadRequest("The domain of an export is a list.")
    return data['model'], ids, names, labels, domain


def label_of(model, path):
    """The label of field path ``path`` of ``model`` (``Partner/Name``); the path when unknown."""
    parts = []
    for name in path.replace(':', '/').split('/'):
        field = model._fields.get(name) if model is not None else None
        if name in ('id', '.id') or field is None:
            parts.append({'id': 'External ID', '.id': 'ID'}.get(name, name))
            model = None
            continue
        parts.append(field.string or name)
        model = model.env[field.comodel_name] if getattr(field, 'comodel_name', None) else None
    return '/'.join(parts)


def export_rows(env, model, ids, names, labels, domain):
    """The header and rows of the export as ``env``'s user."""
    if model not in env.registry:
        raise BadRequest("Model %s does not exist." % model)
    records = env[model].browse(ids).exists() if ids else env[model].search(domain)
    header = [label or label_of(env[model], name) for name, label in zip(names, labels)]
    return header, records.export_data(names)['datas']


def to_csv(header, rows):
    """CSV text (UTF-8, comma separated, every cell quoted) of ``header`` and ``rows``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(['' if value is False or value is None else value for value in row])
    return buffer.getvalue()


@route('/web/export/csv', methods=('POST',))
@page
def export_csv(request):
    """Form ``data`` (JSON ``{model, ids, fields, domain}``) and ``csrf_token`` → a CSV download."""
    model, ids, names, labels, domain = parse_request(request.form.get('data'))
    header, rows = run_as_user(
        request, lambda env, current, token: export_rows(env, model, ids, names, labels, domain),
        check_csrf=True)
    response = Response(to_csv(header, rows).encode('utf-8'), content_type='text/csv; charset=utf-8')
    response.headers['Content-Disposition'] = content_disposition(model.replace('.', '_') + '.csv')
    response.headers['Cache-Control'] = 'private, no-cache'
    return response
