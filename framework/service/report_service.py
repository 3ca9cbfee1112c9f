"""The ``report`` service of OpenERP 5.0: ``report`` prints, ``report_get`` hands the document over.

Printing is synchronous: ``report`` renders the PDF in the caller's
transaction and keeps it in the ``rpc_report`` table of the database (so
that ``report_get`` works on whichever server process it reaches), then
returns its id. ``report_get`` returns ``{'state': True, 'result': <base64>,
'format': 'pdf'}`` once, to the user who printed it.

A report is named by an ``ir.actions.report`` record's ``report_name`` (or,
as 5.0 allowed, by a model name). Addons register a renderer for a report
name with :func:`register_renderer`; the others print as the generic table
of ``report_pdf``.
"""
import base64

from framework.api import Environment
from framework.exceptions import AccessError, UserError

from . import auth
from .tables import ensure_table
from .transaction import run_in_transaction

_renderers = {}

_TABLE = """CREATE TABLE IF NOT EXISTS rpc_report (
    id serial PRIMARY KEY,
    uid integer NOT NULL,
    format varchar NOT NULL,
    result bytea NOT NULL,
    create_date timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))"""
#: documents nobody fetched are deleted after this long
KEEP = '1 hour'


def register_renderer(report_name, render):
    """Render report ``report_name`` with ``render(records, report, datas) -> (bytes, format)``."""
    _renderers[report_name] = render


def _find(env, report_name, datas):
    """Return ``(model name, title, ir.actions.report record or None)`` for ``report_name``."""
    name = report_name[len('report.'):] if report_name.startswith('report.') else report_name
    if 'ir.actions.report' in env:
        report = env['ir.actions.report'].sudo().search([('report_name', 'in', [name, report_name])], limit=1)
        if report:
            return report.model, report.name, report
    model = (datas or {}).get('model') or name
    if model in env:
        return model, env[model]._description or model, None
    raise UserError("Report '%s' does not exist: no ir.actions.report has this name" % report_name)


def render(env, report_name, ids, datas=None):
    """Return ``(bytes, format)`` of report ``report_name`` on records ``ids`` as ``env``'s user."""
    model, title, report = _find(env, report_name, datas)
    ids = ids or (datas or {}).get('ids') or []  # 5.0 clients may pass them in datas only
    records = env[model].browse([int(i) for i in ids])
    records = records.exists()
    renderer = _renderers.get(report_name) or (report and _renderers.get(report.report_name))
    if renderer:
        return renderer(records, report, datas or {})
    from .report_pdf import render_table
    return render_table(records, title, (datas or {}).get('fields')), 'pdf'


def report(db, uid, password, report_name, ids, datas=None, context=None):
    """Print ``report_name`` on ``ids``; return the id that ``report_get`` takes."""
    def call(cr, registry):
        env = Environment(cr, uid, context or {}, registry=registry)
        auth.check_credentials(env, uid, password)
        document, fmt = render(env, report_name, ids, datas)
        ensure_table(cr, 'rpc_report', _TABLE)
        cr.execute("DELETE FROM rpc_report WHERE create_date < (now() AT TIME ZONE 'UTC') - %s::interval", [KEEP])
        cr.execute("INSERT INTO rpc_report (uid, format, result) VALUES (%s, %s, %s) RETURNING id",
                   [uid, fmt, document])
        return cr.fetchone()[0]
    return run_in_transaction(db, call)


def report_get(db, uid, password, report_id):
    """``{'state': True, 'result': base64, 'format': 'pdf'}`` of a printed report (handed over once)."""
    def call(cr, registry):
        env = Environment(cr, uid, {}, registry=registry)
        auth.check_credentials(env, uid, password)
        ensure_table(cr, 'rpc_report', _TABLE)
        cr.execute("DELETE FROM rpc_report WHERE id = %s RETURNING uid, format, result", [report_id])
        row = cr.fetchone()
        if row is None:
            raise UserError("Report %s does not exist or was already fetched" % (report_id,))
        if row[0] != uid:
            raise AccessError("Report %s was printed by another user" % (report_id,))
        return {'state': True, 'result': base64.b64encode(bytes(row[2])).decode('ascii'), 'format': row[1]}
    return run_in_transaction(db, call)


METHODS = {'report': report, 'report_get': report_get}
