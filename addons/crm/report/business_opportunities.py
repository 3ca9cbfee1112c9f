"""The "Business Opportunities" report: a one-page PDF chart of the selected cases' pipeline.

Main plot: x = probability (0–100 %), y = benefit (planned revenue − planned
cost), one series per responsible user ("/" when none), each point pulled
towards the middle of the y range in proportion to its probability (half
way at 100 %), which draws the 5.0 "pipeline funnel". Inset (top right):
per case, a stacked bar cost (red) + revenue (blue) at its probability.
Probabilities are percentages (0–100), as the field label says.
"""
import io
import random

from framework.service.report_service import register_renderer

REPORT_NAME = 'crm.case'
NO_USER = '/'
#: how far a point at 100 % probability moves towards the middle of the y range
PULL_AT_CERTAINTY = 0.5

PAGE_WIDTH, PAGE_HEIGHT = 842, 595          # A4 landscape, in points
PLOT_X, PLOT_Y, PLOT_WIDTH, PLOT_HEIGHT = 70, 80, 560, 420
INSET_X, INSET_Y, INSET_WIDTH, INSET_HEIGHT = 660, 380, 150, 120


def case_series(cases):
    """Return ``[(user name, [(probability, benefit, cost, revenue)])]`` of `cases`, by user name."""
    by_user = {}
    for case in cases:
        user = case.user_id.name if case.user_id else NO_USER
        revenue, cost = case.planned_revenue or 0.0, case.planned_cost or 0.0
        by_user.setdefault(user, []).append(
            (min(max(case.probability or 0.0, 0.0), 100.0), revenue - cost, cost, revenue))
    return [(user, sorted(points)) for user, points in sorted(by_user.items())]


def y_range(series):
    """``(low, high)`` of the benefit axis: from min − 5 % of max to 1.2 × max (never empty)."""
    benefits = [point[1] for _user, points in series for point in points] or [0.0]
    top = max(benefits)
    low, high = min(benefits) - 0.05 * abs(top), 1.2 * top
    if high <= low:
        high = low + (abs(low) or 1.0)
    return low, high


def funnel_y(benefit, probability, low, high):
    """The plotted y of a case: its benefit pulled towards the middle by its probability."""
    middle = (low + high) / 2.0
    return benefit + (middle - benefit) * (probability / 100.0) * PULL_AT_CERTAINTY


def _user_colors(series):
    """A random but stable colour per user (same selection, same colours)."""
    from reportlab.lib import colors
    chooser = random.Random(','.join(user for user, _points in series))
    return {user: colors.Color(chooser.uniform(0.1, 0.8), chooser.uniform(0.1, 0.8), chooser.uniform(0.1, 0.8))
            for user, _points in series}


def _main_plot(drawing, series, palette, low, high):
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Line, PolyLine, String
    from reportlab.graphics.widgets.markers import makeMarker
    from reportlab.lib import colors

    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = PLOT_X, PLOT_Y, PLOT_WIDTH, PLOT_HEIGHT
    plot.data = [[(p, funnel_y(b, p, low, high)) for p, b, _c, _r in points] for _user, points in series]
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax, plot.xValueAxis.valueStep = 0, 100, 20
    plot.xValueAxis.visibleGrid = True
    plot.xValueAxis.labelTextFormat = '%d %%'
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = low, high
    plot.yValueAxis.visibleGrid = True
    for index, (user, _points) in enumerate(series):
        plot.lines[index].strokeColor = palette[user]
        plot.lines[index].symbol = makeMarker('FilledCircle', size=5)
        plot.lines[index].symbol.fillColor = palette[user]
    drawing.add(plot)

    # decoration of 5.0: the funnel's two diagonals, dashed verticals, arrows towards "won"
    middle = PLOT_Y + PLOT_HEIGHT / 2.0
    for edge in (PLOT_Y, PLOT_Y + PLOT_HEIGHT):
        drawing.add(Line(PLOT_X, edge, PLOT_X + PLOT_WIDTH, (edge + middle) / 2.0,
                         strokeColor=colors.grey, strokeWidth=0.5))
    for step in range(1, 5):
        x = PLOT_X + PLOT_WIDTH * step / 5.0
        drawing.add(Line(x, PLOT_Y, x, PLOT_Y + PLOT_HEIGHT, strokeColor=colors.lightgrey,
                         strokeDashArray=[3, 3]))
        drawing.add(PolyLine([x - 14, middle + 4, x - 6, middle, x - 14, middle - 4],
                             strokeColor=colors.grey))
    drawing.add(String(PLOT_X + PLOT_WIDTH / 2.0, PLOT_Y - 35, 'Probability (%)', textAnchor='middle'))
    drawing.add(String(PLOT_X - 50, PLOT_Y + PLOT_HEIGHT + 12, 'Benefit (revenue - cost)'))

    legend = Legend()
    legend.x, legend.y = INSET_X, INSET_Y - 40
    legend.alignment = 'right'
    legend.fontSize = 9
    legend.colorNamePairs = [(palette[user], user) for user, _points in series]
    drawing.add(legend)


def _inset_bars(drawing, series):
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib import colors

    drawing.add(String(INSET_X, INSET_Y + INSET_HEIGHT + 6, 'Planned amounts', fontSize=9))
    drawing.add(Rect(INSET_X, INSET_Y, INSET_WIDTH, INSET_HEIGHT, fillColor=None,
                     strokeColor=colors.black, strokeWidth=0.5))
    cases = [point for _user, points in series for point in points]
    tallest = max([max(cost, 0.0) + max(revenue, 0.0) for _p, _b, cost, revenue in cases] or [0.0]) or 1.0
    width = 6
    for probability, _benefit, cost, revenue in cases:
        x = INSET_X + 4 + (INSET_WIDTH - 8 - width) * probability / 100.0
        cost_height = INSET_HEIGHT * max(cost, 0.0) / tallest
        revenue_height = INSET_HEIGHT * max(revenue, 0.0) / tallest
        drawing.add(Rect(x, INSET_Y, width, cost_height, fillColor=colors.red, strokeColor=None))
        drawing.add(Rect(x, INSET_Y + cost_height, width, revenue_height, fillColor=colors.blue,
                         strokeColor=None))
    drawing.add(Line(INSET_X, INSET_Y, INSET_X + INSET_WIDTH, INSET_Y, strokeColor=colors.black))
    drawing.add(String(INSET_X, INSET_Y - 12, 'Cost', fontSize=8, fillColor=colors.red))
    drawing.add(String(INSET_X + 40, INSET_Y - 12, 'Revenue', fontSize=8, fillColor=colors.blue))


def render_business_opportunities(cases, report=None, datas=None):
    """Return ``(pdf bytes, 'pdf')``: the one-page chart of `cases` (a crm.case recordset)."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Drawing, String

    series = case_series(cases)
    low, high = y_range(series)
    drawing = Drawing(PAGE_WIDTH, PAGE_HEIGHT)
    title = report.name if report else 'Business Opportunities'
    drawing.add(String(PAGE_WIDTH / 2.0, PAGE_HEIGHT - 40, title, fontSize=16, textAnchor='middle'))
    palette = _user_colors(series)
    if series:
        _main_plot(drawing, series, palette, low, high)
        _inset_bars(drawing, series)
    buffer = io.BytesIO()
    renderPDF.drawToFile(drawing, buffer, title)
    return buffer.getvalue(), 'pdf'


register_renderer(REPORT_NAME, render_business_opportunities)
