"""The generic PDF report: a table of the records' fields, drawn with reportlab.

Used for every report that has no renderer of its own: the title is the
report's name, one row per record, one column per field (the ones asked
for in ``datas['fields']``, else the first simple stored fields of the
model), values as the user reads them (display names for many2one).
"""
import io

#: field types that print as one short cell
SIMPLE_TYPES = ('char', 'integer', 'float', 'monetary', 'boolean', 'date', 'datetime', 'selection', 'many2one')
MAX_COLUMNS = 6


def default_fields(model):
    """The names of the fields the generic report prints for ``model``."""
    names = []
    for name, field in model._fields.items():
        if name == 'id' or name.startswith(('create_', 'write_')) or not field.store:
            continue
        if field.type in SIMPLE_TYPES and not getattr(field, 'groups', None):
            names.append(name)
    preferred = [n for n in ('name', 'display_name') if n in names]
    return (preferred + [n for n in names if n not in preferred])[:MAX_COLUMNS]


def _cell(field, value):
    if value is False or value is None:
        return ''
    if field.type == 'many2one':
        return value[1] if isinstance(value, (list, tuple)) else str(value)
    if field.type == 'boolean':
        return 'Yes' if value else 'No'
    if field.type == 'selection':
        labels = dict(field.get_description(None).get('selection') or []) if hasattr(field, 'get_description') else {}
        return str(labels.get(value, value))
    return str(value)


def render_table(records, title, field_names=None):
    """Return the PDF bytes of a table listing ``records`` (a recordset) with ``field_names``."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    names = [n for n in (field_names or default_fields(records)) if n in records._fields]
    fields = [records._fields[n] for n in names]
    styles = getSampleStyleSheet()
    rows = [[Paragraph('<b>%s</b>' % escape(f.string or f.name), styles['BodyText']) for f in fields]]
    for values in records.read(names):
        rows.append([Paragraph(escape(_cell(f, values.get(f.name))), styles['BodyText']) for f in fields])
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), title=title,
                                 leftMargin=36, rightMargin=36, topMargin=36, bottomMargin=36)
    story = [Paragraph(escape(title), styles['Title']), Spacer(1, 12)]
    if fields:
        width = (landscape(A4)[0] - 72) / len(fields)
        table = Table(rows, colWidths=[width] * len(fields), repeatRows=1)
        table.setStyle(TableStyle([
            ('BACKGROUND', (0, 0), (-1, 0), colors.lightgrey),
            ('GRID', (0, 0), (-1, -1), 0.5, colors.grey),
            ('VALIGN', (0, 0), (-1, -1), 'TOP'),
        ]))
        story.append(table)
    story.append(Spacer(1, 12))
    story.append(Paragraph('%d record(s)' % len(records), styles['Italic']))
    document.build(story)
    return buffer.getvalue()
