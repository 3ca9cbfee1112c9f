"""Files of records: ``GET /web/content/<model>/<id>/<field>`` downloads a binary field,
``POST /web/binary/upload_attachment`` attaches uploaded files to a record.

Both act as the session's user, so access rights and record rules decide
what may be read or attached. A download is always sent as an attachment
(never rendered by the browser, whatever its type).
"""
import base64
import json
import mimetypes
from urllib.parse import quote

from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.wrappers import Response

from framework.service.wsgi import route

from .errors import json_endpoint, page
from .user_session import run_as_user

ATTACHMENT = 'ir.attachment'
OCTET_STREAM = 'application/octet-stream'


def content_disposition(filename, disposition='attachment'):
    """A Content-Disposition header naming ``filename`` (ASCII fallback plus RFC 5987 UTF-8 form)."""
    fallback = ''.join(c if 32 <= ord(c) < 127 and c not in '"\\' else '_' for c in filename) or 'download'
    return "%s; filename=\"%s\"; filename*=UTF-8''%s" % (disposition, fallback, quote(filename, safe=''))


def _binary_field(env, model, field):
    if model not in env.registry:
        raise NotFound()
    definition = env[model]._fields.get(field)
    if definition is None or definition.type != 'binary':
        raise NotFound()
    return env[model]


def _filename(env, record, field, values, requested):
    """The download's file name: the asked field, the attachment's name, or one made up."""
    if requested and requested in values and values[requested]:
        return str(values[requested])
    if record._name == ATTACHMENT:
        return values.get('datas_fname') or values.get('name') or 'attachment'
    holder = env[ATTACHMENT].search([('res_model', '=', record._name), ('res_id', '=', record.id),
                                     ('res_field', '=', field)], limit=1) if ATTACHMENT in env.registry else None
    if holder:
        return holder.name
    return '%s-%s-%s' % (record._name.replace('.', '_'), record.id, field)


def read_content(env, model, record_id, field, filename_field=None):
    """``(bytes, filename, mimetype)`` of ``field`` of record ``model(record_id)`` as ``env``'s user."""
    records = _binary_field(env, model, field)
    record = records.browse(record_id)
    if not record.exists():
        raise NotFound()
    names = [field]
    if record._name == ATTACHMENT:
        names += ['name', 'datas_fname', 'mimetype']
    if filename_field and filename_field in records._fields and filename_field not in names:
        names.append(filename_field)
    values = record.read(names)[0]
    if not values.get(field):
        raise NotFound()
    content = base64.b64decode(values[field])
    filename = _filename(env, record, field, values, filename_field)
    mimetype = (values.get('mimetype') or mimetypes.guess_type(filename)[0] or OCTET_STREAM)
    return content, filename, mimetype


@route('/web/content/<string:model>/<int:record_id>/<string:field>', methods=('GET',))
@page
def content(request, model, record_id, field):
    """Download ``field`` of a record (``?filename_field=`` names the field holding its file name)."""
    data, filename, mimetype = run_as_user(
        request, lambda env, current, token: read_content(env, model, record_id, field,
                                                          request.args.get('filename_field')))
    response = Response(data, mimetype=mimetype)
    response.headers['Content-Disposition'] = content_disposition(filename)
    response.headers['X-Content-Type-Options'] = 'nosniff'
    response.headers['Cache-Control'] = 'private, no-cache'
    return response


def attach(env, model, record_id, files):
    """Attach ``files`` (``(name, mimetype, bytes)``) to record ``model(record_id)``; describe them."""
    if model not in env.registry:
        raise BadRequest("Model %s does not exist." % model)
    record = env[model].browse(record_id)
    if not record.exists():
        raise NotFound()
    record._check_access('write')
    vals_list = []
    for name, mimetype, data in files:
        name = name or 'upload'
        mimetype = mimetype if mimetype and mimetype != OCTET_STREAM else None
        vals_list.append({
            'name': name,
            'datas_fname': name,
            'raw': data,
            'mimetype': mimetype or mimetypes.guess_type(name)[0] or OCTET_STREAM,
            'res_model': model,
            'res_id': record.id,
            'res_name': record.display_name,
        })
    attachments = env[ATTACHMENT].create(vals_list)
    return [{'id': a.id, 'name': a.name, 'mimetype': a.mimetype, 'file_size': a.file_size}
            for a in attachments]


@route('/web/binary/upload_attachment', methods=('POST',))
@json_endpoint
def upload_attachment(request):
    """Multipart ``model, id, ufile[], csrf_token`` → JSON list of ``{id, name, mimetype, file_size}``."""
    model = request.form.get('model', '')
    try:
        record_id = int(request.form.get('id', ''))
    except ValueError:
        raise BadRequest("The id of the record to attach files to is a number.") from None
    # read once: the transaction may be retried
    files = [(upload.filename, upload.mimetype, upload.read())
             for upload in request.files.getlist('ufile') + request.files.getlist('ufile[]')]
    if not files:
        raise BadRequest("Choose at least one file to upload (field ufile).")
    result = run_as_user(request, lambda env, current, token: attach(env, model, record_id, files),
                         check_csrf=True)
    return Response(json.dumps(result), content_type='application/json')
