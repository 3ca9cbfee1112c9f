"""The server half of the web client (see docs/webclient.md): its pages, files and form posts.

Importing this package registers its routes on ``framework.service.wsgi``;
each module holds one of them: the login page, the shell page, static
files, binary content, reports, CSV export and import, and the error pages
that every other ``/web/*`` URL gets.
"""
from . import binary, client, errors, export, import_csv, login, report, static  # noqa: F401
