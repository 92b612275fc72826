"""Small bar charts for reports (reportlab.graphics), drawn in the report's own fonts.

A Drawing is a flowable: ReportDocument.drawing() places it. Labels are plain strings
drawn with the body font, so they must be text that font holds (type names, dates).
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm

BAR_COLOR = colors.HexColor("#B22222")  # the red of Party documents, prints as a dark grey
LABEL_SIZE = 9.0
TITLE_SIZE = 10.5


def _nice_max(value: float) -> tuple[float, float]:
    """An axis top and step so the scale reads 0, 2, 4 … or 0, 5, 10 … (never 0 to 0)."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value / step <= 6:
            top = step * -(-value // step)
            return float(top), float(step)
    step = 10 ** len(str(int(value // 6)))
    return float(step * -(-value // step)), float(step)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], font: str,
              width: float, height: float = 60 * mm, value_format: str = "{:g}") -> Drawing:
    """A titled vertical bar chart, each bar labelled with its value.

    width/height in points; many labels (e.g. 14 days) are drawn smaller so they never overlap.
    """
    drawing = Drawing(width, height)
    drawing.hAlign = "CENTER"
    drawing.initialFontName = font  # else the renderer selects Helvetica: an unembedded font
    drawing.add(String(width / 2, height - TITLE_SIZE, title, fontName=font, fontSize=TITLE_SIZE,
                       textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = width - 16 * mm, height - 12 * mm - TITLE_SIZE * 2.2
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    label_size = LABEL_SIZE if len(labels) <= 8 else 7.0
    axis = chart.categoryAxis.labels
    axis.fontName, axis.fontSize, axis.dy = font, label_size, -2
    if len(labels) > 8:
        axis.angle, axis.boxAnchor, axis.dy = 30, "ne", -2
    top, step = _nice_max(max(values, default=0))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.lightgrey
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.bars[0].fillColor = BAR_COLOR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = value_format.format  # a callable: reportlab would use % on a string
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = label_size
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def ruled_lines(width: float, lines: int, spacing: float, font: str) -> Drawing:
    """Blank ruled lines to write on by hand (an assessment not typed into the app)."""
    drawing = Drawing(width, lines * spacing)
    drawing.initialFontName = font
    drawing.hAlign = "CENTER"
    for i in range(lines):
        y = i * spacing + 1
        drawing.add(Line(0, y, width, y, strokeColor=colors.black, strokeWidth=0.5))
    return drawing
