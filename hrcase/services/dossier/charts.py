"""Summary charts drawn with ``reportlab.graphics``: vector drawings with real, searchable text.

Horizontal bars for categories (methods, articles, places: long labels read best on the left)
and vertical bars for time. Counts are printed at the end of each bar, so the figure stays
readable in black and white and when printed small.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from hrcase.services.dossier.fonts import printable

BAR_COLOUR = colors.HexColor("#3b6e9c")
GRID_COLOUR = colors.HexColor("#d0d7de")
TEXT_COLOUR = colors.HexColor("#222222")
TITLE_SIZE = 10
LABEL_SIZE = 8
ROW_HEIGHT = 14


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    text = printable(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _step(maximum: int) -> int:
    """A whole-number tick step giving at most about six ticks."""
    if maximum <= 6:
        return 1
    raw = maximum / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def category_chart(title: str, items: list[tuple[str, int]], width: float, font: str,
                   bold: str) -> Drawing:
    """Horizontal bars, one per (label, count), in the given order from the top."""
    label_width = width * 0.42
    plot_height = max(len(items), 1) * ROW_HEIGHT
    height = plot_height + 40
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=LABEL_SIZE)
    drawing.add(String(0, height - TITLE_SIZE - 2, title, fontName=bold, fontSize=TITLE_SIZE,
                       fillColor=TEXT_COLOUR))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 18
    chart.width, chart.height = width - label_width - 24, plot_height
    ordered = list(reversed(items))  # the chart draws its first category at the bottom
    chart.data = [[count for _label, count in ordered]]
    chart.categoryAxis.categoryNames = [_fit(label, font, LABEL_SIZE, label_width - 8)
                                        for label, _count in ordered]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = GRID_COLOUR
    maximum = max((count for _label, count in items), default=1) or 1
    step = _step(maximum)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = math.ceil((maximum + 0.5) / step) * step
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeColor = GRID_COLOUR
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_COLOUR
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars[0].strokeColor = None
    chart.barWidth = 8
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def time_chart(title: str, items: list[tuple[str, int]], width: float, font: str,
               bold: str) -> Drawing:
    """Vertical bars, one per period (label, count), oldest first."""
    plot_height = 110.0
    rotate = len(items) > 12 or any(len(label) > 5 for label, _count in items) and len(items) > 6
    label_room = 38.0 if rotate else 16.0
    height = plot_height + label_room + 30
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=LABEL_SIZE)
    drawing.add(String(0, height - TITLE_SIZE - 2, title, fontName=bold, fontSize=TITLE_SIZE,
                       fillColor=TEXT_COLOUR))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, label_room
    chart.width, chart.height = width - 40, plot_height
    chart.data = [[count for _label, count in items]]
    chart.categoryAxis.categoryNames = [printable(label) for label, _count in items]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE - 1 if rotate else LABEL_SIZE
    if rotate:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.strokeColor = GRID_COLOUR
    maximum = max((count for _label, count in items), default=1) or 1
    step = _step(maximum)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = math.ceil((maximum + 0.5) / step) * step
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeColor = GRID_COLOUR
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_COLOUR
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda value: f"{value:.0f}" if value else ""
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing
