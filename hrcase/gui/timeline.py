"""A case's events on a time axis.

Each event is a bar from the first to the last day its partial date may cover, so "2011",
"December 2011" and "16–19 December 2011" show as spans of their real width; approximate or
uncertain dates are drawn dashed and paler, open ends fade to the edge. Bars are stacked in lanes
so labels never overlap. Clicking a bar (or Enter on the list beside it) opens the event.
Ctrl + wheel zooms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem, QGraphicsView, QWidget,
)

from hrcase.domain.dates import PartialDate
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _, current_language
from hrcase.i18n.dates import format_partial_date

LANE_HEIGHT = 34.0
BAR_HEIGHT = 12.0
AXIS_HEIGHT = 36.0
MARGIN = 24.0
MIN_BAR = 6.0


@dataclass(frozen=True)
class TimelineEvent:
    """What the timeline needs of an event: its span and how to name it."""

    id: str
    label: str
    when: str
    earliest: dt.date | None
    latest: dt.date | None
    fuzzy: bool

    @classmethod
    def of(cls, event_id: str, label: str, start: str, end: str) -> "TimelineEvent":
        """From stored EDTF start and end (either may be empty or itself a range)."""
        first = PartialDate.parse(start) if start else PartialDate()
        last = PartialDate.parse(end) if end else first
        words = format_partial_date(first, current_language()) if start else ""
        if end and end != start:
            words = _("%(start)s – %(end)s") % {"start": words or "…",
                                                  "end": format_partial_date(last, current_language())}
        fuzzy = any(d.approximate or d.uncertain or d.is_interval or d.precision != "day"
                    for d in (first, last) if not d.is_unknown)
        return cls(event_id, label, words, first.earliest, last.latest or first.latest, fuzzy)


class _Bar(QGraphicsRectItem):
    """A clickable span."""

    def __init__(self, view: "TimelineView", event_id: str, rect: QRectF) -> None:
        super().__init__(rect)
        self._view = view
        self.event_id = event_id
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        """Open the event."""
        self._view.activated.emit(self.event_id)
        event.accept()


class TimelineView(Retranslatable, QGraphicsView):
    """Draws :class:`TimelineEvent` spans; emits ``activated(event_id)`` on click."""

    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setMinimumHeight(160)
        self._events: list[TimelineEvent] = []
        self._zoom = 1.0
        self.retranslate()

    def retranslate(self) -> None:
        """Redraw with labels in the current language."""
        self.setAccessibleName(_("Timeline of the case"))
        self.redraw()

    def set_events(self, events: list[TimelineEvent]) -> None:
        """Show these events."""
        self._events = list(events)
        self._zoom = 1.0
        self.redraw()

    def clear_events(self) -> None:
        """Show nothing (the vault is locking)."""
        self._events = []
        self.scene().clear()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        """Fit the axis to the new width."""
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.redraw()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        """Ctrl + wheel zooms the time axis."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._zoom = max(1.0, min(200.0, self._zoom * (1.25 if event.angleDelta().y() > 0 else 0.8)))
            self.redraw()
            event.accept()
        else:
            super().wheelEvent(event)

    # -- drawing -------------------------------------------------------------------------------
    def redraw(self) -> None:
        """Lay the events out again."""
        scene = self.scene()
        scene.clear()
        dated = [e for e in self._events if e.earliest or e.latest]
        undated = [e for e in self._events if e not in dated]
        if not self._events:
            text = scene.addSimpleText(_("No events in this case yet."))
            text.setPos(MARGIN, MARGIN)
            return
        if dated:
            first = min(d for e in dated for d in (e.earliest, e.latest) if d)
            last = max(d for e in dated for d in (e.earliest, e.latest) if d)
            first, last = _padded(first, last)
        else:
            first = last = dt.date.today()
        width = max(200.0, (self.viewport().width() - 2 * MARGIN) * self._zoom)
        scale = width / max(1, (last - first).days + 1)

        def x_of(day: dt.date) -> float:
            return MARGIN + (day.toordinal() - first.toordinal()) * scale

        self._draw_axis(first, last, x_of, width)
        axis_right = MARGIN + width
        metrics = QFontMetricsF(self.font())
        lane_ends: list[float] = []
        palette = self.palette()
        accent = palette.highlight().color()
        pale = QColor(accent)
        pale.setAlpha(110)
        for event in sorted(dated, key=lambda e: (e.earliest or first, e.latest or last)):
            start = event.earliest or first
            end = event.latest or last
            x0, x1 = x_of(start), max(x_of(end + dt.timedelta(days=1)), x_of(start) + MIN_BAR)
            text = _("%(event)s · %(when)s") % {"event": event.label, "when": event.when}
            text_width = metrics.horizontalAdvance(text)
            # The label starts under the bar; near the right edge it ends there instead.
            label_x = x0 if x0 + text_width <= axis_right else max(MARGIN, x1 - text_width)
            left, right = min(x0, label_x), max(x1, label_x + text_width)
            lane = next((i for i, end_x in enumerate(lane_ends) if end_x < left - 8), len(lane_ends))
            if lane == len(lane_ends):
                lane_ends.append(right)
            else:
                lane_ends[lane] = right
            y = AXIS_HEIGHT + MARGIN / 2 + lane * LANE_HEIGHT
            bar = _Bar(self, event.id, QRectF(x0, y, x1 - x0, BAR_HEIGHT))
            bar.setBrush(QBrush(pale if event.fuzzy else accent))
            pen = QPen(accent.darker(130))
            if event.fuzzy:
                pen.setStyle(Qt.PenStyle.DashLine)
            bar.setPen(pen)
            bar.setToolTip(text)
            scene.addItem(bar)
            label = QGraphicsSimpleTextItem(text, bar)
            label.setPos(label_x, y + BAR_HEIGHT + 1)
            label.setBrush(palette.text())
        y = AXIS_HEIGHT + MARGIN / 2 + max(1, len(lane_ends)) * LANE_HEIGHT + 8
        if undated:
            heading = scene.addSimpleText(_("Without a date:"))
            heading.setPos(MARGIN, y)
            y += metrics.height() + 4
            for event in undated:
                bar = _Bar(self, event.id, QRectF(MARGIN, y, 8, 8))
                bar.setBrush(QBrush(pale))
                scene.addItem(bar)
                label = QGraphicsSimpleTextItem(event.label, bar)
                label.setPos(MARGIN + 14, y - 4)
                label.setBrush(palette.text())
                y += metrics.height() + 4
        scene.setSceneRect(0, 0, max(width + 2 * MARGIN, max(lane_ends, default=0) + MARGIN), y + MARGIN)

    def _draw_axis(self, first: dt.date, last: dt.date, x_of: object, width: float) -> None:
        scene = self.scene()
        pen = QPen(self.palette().mid().color())
        scene.addLine(MARGIN, AXIS_HEIGHT, MARGIN + width, AXIS_HEIGHT, pen)
        years = last.year - first.year + 1
        step = 1 if years <= 12 else 2 if years <= 24 else 5 if years <= 60 else 10
        months = years <= 3 and width / max(1, years * 12) > 40
        ticks: list[tuple[dt.date, str, bool]] = []
        for year in range(first.year - first.year % step, last.year + 1, step):
            ticks.append((dt.date(year, 1, 1), str(year), True))
            if months:
                for month in range(2, 13):
                    ticks.append((dt.date(year, month, 1), f"{month:02d}", False))
        for day, text, major in ticks:
            if not first <= day <= last:
                continue
            x = x_of(day)  # type: ignore[operator]
            scene.addLine(x, AXIS_HEIGHT - (10 if major else 5), x, AXIS_HEIGHT, pen)
            label = scene.addSimpleText(text)
            label.setPos(x + 2, AXIS_HEIGHT - 26 if major else AXIS_HEIGHT - 20)
            if not major:
                label.setBrush(self.palette().mid())


def _padded(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """Widen a range a little so bars do not touch the edges."""
    span = max(30, (last - first).days)
    pad = dt.timedelta(days=max(5, span // 20))
    return max(dt.date.min, first - pad), min(dt.date.max, last + pad)
