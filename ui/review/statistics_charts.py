"""The pictures of View > Statistics, painted with QPainter (the pinned
PySide6-Essentials wheel has no Qt Charts).

:class:`DecisionRateChart` shows, for each clock hour with work in it, a bar per
annotator: the decisions they made in that hour. :class:`ProgressChart` shows, per
document status, the records reviewed and still to review as one stacked bar.

Both take plain figures (``ui.review.decision_stats``) and paint with the widget's
palette roles only (Base, Text, Highlight, and colours mixed from them), so they
read in the light and the dark theme and follow a theme change on the next paint.
The annotators' colours are Okabe-Ito colours in an order that keeps the first
ones clear against the theme's background. Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from quotes.model import DocumentStatus
from ui.review.decision_stats import HourlyDecisions, StatusProgress
from ui.shell.theme import OKABE_ITO

#: The most recent clock hours with work the rate chart shows.
MAX_HOURS = 24

#: Annotator colours, first to last, on a light and on a dark background.
LIGHT_SERIES = ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue")
DARK_SERIES = ("sky_blue", "orange", "bluish_green", "reddish_purple", "yellow", "vermillion")

STATUS_NAMES = {
    DocumentStatus.NEW: "New",
    DocumentStatus.IN_PROGRESS: "In progress",
    DocumentStatus.DONE: "Done",
}


def mixed(first: QColor, second: QColor, amount: float) -> QColor:
    """``first`` moved ``amount`` (0..1) of the way towards ``second``."""
    return QColor(
        round(first.red() + (second.red() - first.red()) * amount),
        round(first.green() + (second.green() - first.green()) * amount),
        round(first.blue() + (second.blue() - first.blue()) * amount),
    )


def series_colours(palette: QPalette, count: int) -> list[QColor]:
    """``count`` annotator colours for a chart drawn on ``palette``'s Base."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    names = DARK_SERIES if dark else LIGHT_SERIES
    return [QColor(OKABE_ITO[names[i % len(names)]]) for i in range(count)]


def nice_ceiling(value: int) -> int:
    """An axis top: the smallest 1, 2 or 5 times a power of ten at or above ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def hour_label(hour: datetime, previous: datetime | None) -> str:
    """``"14:00"`` in local time (``"14:30"`` where the zone is half an hour off UTC),
    with the day in front when it differs from ``previous``'s."""
    local = hour.astimezone()
    if previous is None or previous.astimezone().date() != local.date():
        return f"{local.day} {local:%b} {local:%H:%M}"
    return f"{local:%H:%M}"


class _Chart(QWidget):
    """What both charts share: the background, the colours, an empty message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(False)

    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def faint_colour(self, amount: float) -> QColor:
        """Text colour faded ``amount`` of the way into the background."""
        base = self.palette().color(QPalette.ColorRole.Base)
        return mixed(self.text_colour(), base, amount)

    def begin(self) -> QPainter:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        painter.setPen(self.faint_colour(0.7))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        return painter

    def draw_empty(self, painter: QPainter, message: str) -> None:
        painter.setPen(self.faint_colour(0.35))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, message)


class DecisionRateChart(_Chart):
    """Bars of decisions per clock hour, one colour per annotator, with a legend."""

    def __init__(
        self, series: Sequence[HourlyDecisions] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Decisions per hour, per annotator")
        self._series: list[HourlyDecisions] = []
        self._hours: list[datetime] = []
        self.set_series(series)

    def set_series(self, series: Sequence[HourlyDecisions]) -> None:
        """Show ``series`` (the most recent :data:`MAX_HOURS` hours with work)."""
        self._series = [s for s in series if s.counts]
        hours = sorted({hour for s in self._series for hour, _ in s.counts})
        self._hours = hours[-MAX_HOURS:]
        self.update()

    def hours(self) -> list[datetime]:
        """The clock hours shown, oldest first."""
        return list(self._hours)

    def sizeHint(self) -> QSize:
        return QSize(520, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self.begin()
        try:
            if not self._hours:
                self.draw_empty(painter, "No timed decisions yet")
                return
            metrics = QFontMetrics(self.font())
            line = metrics.height()
            top = self._draw_legend(painter, metrics) + line // 2
            counts = [dict(s.counts) for s in self._series]
            peak = nice_ceiling(max(c.get(h, 0) for c in counts for h in self._hours))
            left = metrics.horizontalAdvance(str(peak)) + 14
            plot = QRectF(left, top, self.width() - left - 10, self.height() - top - 2 * line)
            self._draw_axis(painter, plot, peak)
            self._draw_bars(painter, plot, peak, counts)
            self._draw_hour_labels(painter, plot, metrics)
        finally:
            painter.end()

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> int:
        """Draw a swatch and the name of each annotator along the top; return the
        y below it."""
        x, y = 10, 8
        line = metrics.height()
        colours = series_colours(self.palette(), len(self._series))
        for series, colour in zip(self._series, colours, strict=True):
            painter.fillRect(QRectF(x, y + line / 4, line / 2 + 4, line / 2 + 2), colour)
            x += line // 2 + 10
            painter.setPen(self.text_colour())
            painter.drawText(QPointF(x, y + metrics.ascent()), series.annotator)
            x += metrics.horizontalAdvance(series.annotator) + 18
        return y + line

    def _draw_axis(self, painter: QPainter, plot: QRectF, peak: int) -> None:
        for step in range(5):
            value = peak * step / 4
            y = plot.bottom() - plot.height() * step / 4
            painter.setPen(self.faint_colour(0.8 if step else 0.4))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if value == int(value):
                painter.setPen(self.faint_colour(0.25))
                label = QRectF(0, y - 10, plot.left() - 6, 20)
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(label, align, f"{int(value)}")

    def _draw_bars(
        self, painter: QPainter, plot: QRectF, peak: int, counts: list[dict[datetime, int]]
    ) -> None:
        slot = plot.width() / len(self._hours)
        width = max(2.0, slot * 0.8 / len(counts))
        colours = series_colours(self.palette(), len(counts))
        for i, hour in enumerate(self._hours):
            x = plot.left() + slot * i + slot * 0.1
            for per_hour, colour in zip(counts, colours, strict=True):
                height = plot.height() * per_hour.get(hour, 0) / peak
                painter.fillRect(QRectF(x, plot.bottom() - height, width, height), colour)
                x += width

    def _draw_hour_labels(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics) -> None:
        slot = plot.width() / len(self._hours)
        widest = max(metrics.horizontalAdvance(hour_label(h, None)) for h in self._hours)
        every = max(1, int((widest + 12) // max(slot, 1)) + 1)
        painter.setPen(self.faint_colour(0.25))
        previous: datetime | None = None
        for i in range(0, len(self._hours), every):
            hour = self._hours[i]
            label = QRectF(plot.left() + slot * i, plot.bottom() + 4, max(slot, widest), 20)
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft, hour_label(hour, previous))
            previous = hour


class ProgressChart(_Chart):
    """One stacked bar per document status: records reviewed, then still to review."""

    def __init__(
        self, progress: Sequence[StatusProgress] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Records reviewed and remaining, per document status")
        self._progress: list[StatusProgress] = []
        self.set_progress(progress)

    def set_progress(self, progress: Sequence[StatusProgress]) -> None:
        """Show ``progress`` (one row per status, in the order given)."""
        self._progress = list(progress)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 130)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 110)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self.begin()
        try:
            total = max((p.reviewed + p.remaining for p in self._progress), default=0)
            if not total:
                self.draw_empty(painter, "No records yet")
                return
            metrics = QFontMetrics(self.font())
            labels = [self._label(p) for p in self._progress]
            left = max(metrics.horizontalAdvance(t) for t in labels) + 20
            counts = [f"{p.reviewed:,}/{p.reviewed + p.remaining:,}" for p in self._progress]
            reserve = max(metrics.horizontalAdvance(t) for t in counts) + 12
            legend_y = self._draw_legend(painter, metrics)
            row = (self.height() - legend_y - 8) / len(self._progress)
            reviewed = self.palette().color(QPalette.ColorRole.Highlight)
            remaining = self.faint_colour(0.65)
            rows = zip(self._progress, labels, counts, strict=True)
            for i, (progress, label, count) in enumerate(rows):
                y = legend_y + row * i
                painter.setPen(self.text_colour())
                align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(QRectF(10, y, left - 10, row), align, label)
                span = self.width() - left - reserve - 10
                bar_h = min(row * 0.6, metrics.height() * 1.4)
                bar_y = y + (row - bar_h) / 2
                done_w = span * progress.reviewed / total
                left_w = span * progress.remaining / total
                painter.fillRect(QRectF(left, bar_y, done_w, bar_h), reviewed)
                painter.fillRect(QRectF(left + done_w, bar_y, left_w, bar_h), remaining)
                count = f"{progress.reviewed}/{progress.reviewed + progress.remaining}"
                painter.setPen(self.faint_colour(0.25))
                painter.drawText(QRectF(left + done_w + left_w + 6, y, 60, row), align, count)
        finally:
            painter.end()

    def _label(self, progress: StatusProgress) -> str:
        plural = "" if progress.documents == 1 else "s"
        name = STATUS_NAMES.get(progress.status, str(progress.status))
        return f"{name} ({progress.documents} document{plural})"

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> int:
        """Draw the two swatches (reviewed, to review); return the y below them."""
        x, y, line = 10, 8, metrics.height()
        entries = (
            ("reviewed", self.palette().color(QPalette.ColorRole.Highlight)),
            ("to review", self.faint_colour(0.65)),
        )
        for name, colour in entries:
            painter.fillRect(QRectF(x, y + line / 4, line / 2 + 4, line / 2 + 2), colour)
            x += line // 2 + 10
            painter.setPen(self.text_colour())
            painter.drawText(QPointF(x, y + metrics.ascent()), name)
            x += metrics.horizontalAdvance(name) + 18
        return y + line + 4
