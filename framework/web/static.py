"""The web client's files: ``GET /web/static/<path>`` serves what is under ``views/static/``.

Only regular files inside that folder are served: ``..``, absolute paths,
hidden files and symbolic links leading out of it get the 404 page. Files
are revalidated on each use (``no-cache`` with an ETag), because ES modules
are loaded by name with no build step to version them.
"""
import mimetypes
import os

from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join
from werkzeug.utils import send_file

from framework.service.wsgi import route

from .errors import page

#: the folder served under /web/static/
STATIC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                      'views', 'static')

#: types the platform's mimetypes table may not know or may get wrong
CONTENT_TYPES = {
    '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
    '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
    '.html': 'text/html', '.txt': 'text/plain', '.png': 'image/png', '.ico': 'image/x-icon',
    '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.gif': 'image/gif',
    '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.xml': 'application/xml',
}
TEXT_TYPES = ('text/', 'application/json', 'application/xml', 'image/svg+xml')


def content_type(path):
    """The Content-Type of file ``path`` (text ones in UTF-8)."""
    extension = os.path.splitext(path)[1].lower()
    mimetype = CONTENT_TYPES.get(extension) or mimetypes.guess_type(path)[0] or 'application/octet-stream'
    return mimetype + '; charset=utf-8' if mimetype.startswith(TEXT_TYPES) else mimetype


def resolve(root, path):
    """The absolute path of ``path`` under ``root``, or None when it is not a plain file inside it."""
    if any(part.startswith('.') for part in path.replace('\\', '/').split('/')):
        return None
    joined = safe_join(root, path)
    if joined is None:
        return None
    real_root = os.path.realpath(root)
    real = os.path.realpath(joined)
    if os.path.commonpath([real_root, real]) != real_root or not os.path.isfile(real):
        return None
    return real


@route('/web/static/<path:path>', methods=('GET', 'HEAD'))
@page
def static_file(request, path):
    """A file of ``views/static/`` with its type, an ETag and ``Cache-Control: no-cache``."""
    filename = resolve(STATIC, path)
    if filename is None:
        raise NotFound()
    response = send_file(filename, request.environ, conditional=True, etag=True, max_age=None)
    response.headers['Content-Type'] = content_type(filename)
    response.headers['Cache-Control'] = 'no-cache'
    response.headers['X-Content-Type-Options'] = 'nosniff'
    return response
