"""The printed sales order: one page per order, "Quotation N°" while draft, "Order N°" after.

Each page shows the customer's invoice and shipping addresses, the
reference, date, salesman and source document, the lines (description,
quantity, unit, unit price, discount, subtotal) and the totals.
"""
import io

from framework.service.report_service import register_renderer

REPORT_NAME = 'sale.order'


def _address_lines(address):
    """The printable lines of a contact address (empty parts left out)."""
    if not address:
        return []
    city = ' '.join(part for part in (address.zip, address.city) if part)
    return [part for part in (address.partner_id.name, address.name, address.street, address.street2,
                              city, address.country_id.name) if part]


def order_title(order):
    """"Quotation N° SO001" for a quotation, "Order N° SO001" for a confirmed or done order."""
    return ('Quotation N° %s' if order.state == 'draft' else 'Order N° %s') % order.name


def _money(value):
    return '%.2f' % (value or 0.0)


def _order_story(order, styles):
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    def para(text, style='BodyText'):
        return Paragraph(escape(str(text)), styles[style])

    story = [para(order_title(order), 'Title')]
    addresses = Table([[para('Invoice address'), para('Shipping address')],
                       [[para(line) for line in _address_lines(order.partner_invoice_id)],
                        [para(line) for line in _address_lines(order.partner_shipping_id)]]],
                      colWidths=[250, 250])
    story += [addresses, Spacer(1, 12)]
    header = [['Reference', 'Date Ordered', 'Salesman', 'Source Document', 'Customer Ref'],
              [order.name, str(order.date_order or ''), order.user_id.name or '', order.origin or '',
               order.client_order_ref or '']]
    info = Table([[para(cell) for cell in row] for row in header], colWidths=[100] * 5)
    info.setStyle(TableStyle([('GRID', (0, 0), (-1, -1), 0.25, colors.grey)]))
    story += [info, Spacer(1, 12)]
    rows = [['Description', 'Quantity', 'Unit', 'Unit Price', 'Disc. (%)', 'Price']]
    for line in order.order_line:
        rows.append([para(line.name), _money(line.product_uom_qty), line.product_uom.name or '',
                     _money(line.price_unit), _money(line.discount), _money(line.price_subtotal)])
    lines = Table(rows, colWidths=[200, 55, 55, 65, 55, 70], repeatRows=1)
    lines.setStyle(TableStyle([('LINEBELOW', (0, 0), (-1, 0), 0.5, colors.black),
                               ('ALIGN', (1, 1), (-1, -1), 'RIGHT')]))
    totals = Table([['Net Total:', _money(order.amount_untaxed)],
                    ['Taxes:', _money(order.amount_tax)],
                    ['Total:', _money(order.amount_total)]], colWidths=[430, 70])
    totals.setStyle(TableStyle([('ALIGN', (0, 0), (-1, -1), 'RIGHT'),
                                ('LINEABOVE', (0, 2), (-1, 2), 0.5, colors.black)]))
    story += [lines, Spacer(1, 12), totals]
    if order.note:
        story += [Spacer(1, 12), para(order.note)]
    story.append(PageBreak())
    return story


def render_sale_order(orders, report=None, datas=None):
    """Return ``(pdf bytes, 'pdf')``: one page per order of ``orders`` (a sale.order recordset)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    title = report.name if report else 'Quotation / Order'
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title,
                                 leftMargin=40, rightMargin=40, topMargin=40, bottomMargin=40)
    story = []
    for order in orders:
        story += _order_story(order, styles)
    if story:
        story.pop()                       # no blank page after the last order
    else:
        story = [Paragraph('No sales order to print.', styles['BodyText'])]
    document.build(story)
    return buffer.getvalue(), 'pdf'


register_renderer(REPORT_NAME, render_sale_order)
