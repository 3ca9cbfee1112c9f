"""Printing from the web client: ``GET /web/report/pdf/<report_name>/<ids>`` shows the PDF inline.

The report is rendered by ``framework.service.report_service.render`` as
the session's user, so the records printed are those the user may read.
"""
import re

from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from framework.service import report_service
from framework.service.wsgi import route

from .binary import content_disposition
from .errors import page
from .user_session import run_as_user

_IDS = re.compile(r'\d+(,\d+)*\Z')
CONTENT_TYPES = {'pdf': 'application/pdf', 'html': 'text/html; charset=utf-8', 'txt': 'text/plain; charset=utf-8'}


def parse_ids(text):
    """The record ids of ``"1,2,3"``; ``NotFound`` for anything else."""
    if not _IDS.match(text or ''):
        raise NotFound()
    return [int(part) for part in text.split(',')]


@route('/web/report/pdf/<string:report_name>/<string:ids>', methods=('GET',))
@page
def report_pdf(request, report_name, ids):
    """Report ``report_name`` on the records ``ids`` (comma separated), shown inline."""
    record_ids = parse_ids(ids)
    document, fmt = run_as_user(
        request, lambda env, current, token: report_service.render(env, report_name, record_ids))
    response = Response(bytes(document), content_type=CONTENT_TYPES.get(fmt, 'application/octet-stream'))
    response.headers['Content-Disposition'] = content_disposition('%s.%s' % (report_name, fmt), 'inline')
    response.headers['X-Content-Type-Options'] = 'nosniff'
    response.headers['Cache-Control'] = 'private, no-cache'
    return response
