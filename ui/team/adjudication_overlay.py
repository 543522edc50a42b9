"""Each annotator's version of one disagreement, drawn over the article text.

:class:`VersionOverlay` is a transparent widget on the article view's viewport (the
article view itself is not changed: it keeps painting the gold layer's records).
For every version it paints, in that annotator's colour (``adjudication_style``):

* the content as a light tint, so that where the versions overlap the tints add
  up and a stretch only one annotator included shows in their colour alone;
* a bar at the content's start and end, each with a badge holding the annotator's
  number (the key that takes the version), so the boundaries can be told apart;
* the cue framed with a dashed line and the speaker mention with a dotted one,
  each version's frame a little wider than the previous one's, so that versions
  which agree on a cue show as nested frames around the same words.

A plain-text view cannot space its lines apart, so nothing is drawn below the
lines; everything stays inside the line boxes. The overlay passes every mouse event
through to the text. Threading: main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from jobs.team.adjudication import OpenDisagreement
from ui.article.line_geometry import visible_line_rects
from ui.article.text_offsets import TextOffsets
from ui.shell.theme import Part
from ui.team.adjudication_panel import quote_fragments
from ui.team.adjudication_style import PART_STYLES, annotator_colour

#: Opacity of one version's content tint, at most (several versions add up).
TINT_ALPHA = 56
#: How opaque the tints of every version together may get, so the text stays legible.
TINT_TOTAL = 0.4
#: How much wider each further version's cue or speaker frame is, in pixels.
FRAME_STEP = 2.0
#: How far apart the edge bars of versions sharing an edge stand, in pixels.
BAR_STEP = 3.0
#: The side of a number badge, in pixels.
BADGE_SIZE = 9.0


@dataclass(frozen=True, slots=True)
class VersionMarks:
    """What to draw for one annotator's version, in Qt positions (end exclusive).

    :param number: the annotator's number key (shown in the badges).
    :param colour: the annotator's colour, ``#RRGGBB``.
    :param fragments: the content's fragments.
    :param cue: the cue span, or None.
    :param speaker: the speaker mention span, or None.
    """

    number: int
    colour: str
    fragments: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None


def tint_alpha(versions: int) -> int:
    """The opacity (0-255) of each of ``versions`` overlapping tints: :data:`TINT_ALPHA`
    at most, and less with many versions, so that all of them over the same words
    stay within :data:`TINT_TOTAL`."""
    if versions <= 0:
        return TINT_ALPHA
    each = 1 - (1 - TINT_TOTAL) ** (1 / versions)
    return min(TINT_ALPHA, round(255 * each))


def version_marks(item: OpenDisagreement, offsets: TextOffsets) -> list[VersionMarks]:
    """What to draw for ``item``: each version in its annotator's colour, in the Qt
    positions of the text that ``offsets`` maps."""

    def qt(value: Any) -> tuple[int, int] | None:
        if not value:
            return None
        return offsets.to_qt(int(value[0])), offsets.to_qt(int(value[1]))

    marks = []
    for number, name in enumerate(item.annotators, start=1):
        quote = item.version_of(name)
        if quote is None:
            continue
        fragments = tuple((offsets.to_qt(s), offsets.to_qt(e)) for s, e in quote_fragments(quote))
        marks.append(
            VersionMarks(
                number=number,
                colour=annotator_colour(number),
                fragments=fragments,
                cue=qt(quote.get("cue")),
                speaker=qt(quote.get("speaker")),
            )
        )
    return marks


class VersionOverlay(QWidget):
    """The versions of the disagreement shown, painted over ``view``'s text."""

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._marks: tuple[VersionMarks, ...] = ()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.viewport().installEventFilter(self)
        # Scrolling moves the viewport's children with the text: put the overlay
        # back over the whole viewport and repaint it at the new place.
        view.updateRequest.connect(lambda *_: self._cover())
        self._cover()
        self.hide()

    # -- public API ------------------------------------------------------------------
    @property
    def marks(self) -> tuple[VersionMarks, ...]:
        """The versions drawn now (empty when none)."""
        return self._marks

    def set_marks(self, marks: tuple[VersionMarks, ...] | list[VersionMarks]) -> None:
        """Draw these versions (replacing the ones drawn); an empty list hides it."""
        self._marks = tuple(marks)
        self.setVisible(bool(self._marks))
        self._cover()
        self.update()

    def clear(self) -> None:
        """Draw nothing."""
        self.set_marks(())

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle per line of ``[start, end)`` that is on screen (viewport
        coordinates); the tests find the painted places with it."""
        return visible_line_rects(self._view, start, end)

    # -- painting --------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view.viewport() and event.type() == QEvent.Type.Resize:
            self._cover()
        return False

    def _cover(self) -> None:
        viewport = self._view.viewport()
        if self.geometry() != viewport.rect():
            self.setGeometry(viewport.rect())
        if self._marks:
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._marks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        alpha = tint_alpha(len(self._marks))
        for marks in self._marks:
            self._paint_tint(painter, marks, alpha)
        for lane, marks in enumerate(self._marks):
            self._paint_frames(painter, marks, lane)
        badges: dict[tuple[int, int], int] = {}
        for marks in self._marks:
            self._paint_edges(painter, marks, badges)
        painter.end()

    def _paint_tint(self, painter: QPainter, marks: VersionMarks, alpha: int) -> None:
        tint = QColor(marks.colour)
        tint.setAlpha(alpha)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        for start, end in marks.fragments:
            for rect in self.line_rects(start, end):
                painter.drawRect(rect)

    def _paint_frames(self, painter: QPainter, marks: VersionMarks, lane: int) -> None:
        grow = FRAME_STEP * lane
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for part, span in ((Part.CUE, marks.cue), (Part.SPEAKER, marks.speaker)):
            if span is None:
                continue
            painter.setPen(QPen(QColor(marks.colour), 1.5, PART_STYLES[part]))
            for rect in self.line_rects(*span):
                painter.drawRect(rect.adjusted(-1 - grow, -grow / 2, 1 + grow, grow / 2))

    def _paint_edges(
        self,
        painter: QPainter,
        marks: VersionMarks,
        badges: dict[tuple[int, int], int],
    ) -> None:
        """Bars at the content's first start and last end, each with a numbered badge
        outside the content; bars and badges of versions that share an edge stand
        side by side (``badges`` counts those drawn at each edge so far)."""
        if not marks.fragments:
            return
        start, end = marks.fragments[0][0], marks.fragments[-1][1]
        for side, position, rects in (
            (-1, start, self.line_rects(start, start + 1)),
            (1, end, self.line_rects(max(end - 1, start), end)),
        ):
            if not rects:
                continue  # that edge is off screen
            rect = rects[0] if side < 0 else rects[-1]
            place = badges.get((side, position), 0)
            badges[(side, position)] = place + 1
            edge = rect.left() if side < 0 else rect.right()
            x = edge + side * (1 + BAR_STEP * place)
            painter.setPen(QPen(QColor(marks.colour), 2.0))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            self._badge(painter, marks, QPointF(x, rect.top()), side, place)

    def _badge(
        self, painter: QPainter, marks: VersionMarks, at: QPointF, side: int, place: int
    ) -> None:
        """A small filled badge with the number beside the bar at ``at``: left (-1)
        or right (1) of it, the ``place``-th one there, raised half out of the line
        so that it covers as little of the text as it can. Past the text's left
        edge, a start's badges go on to the right of its bar."""
        font = QFont(self.font())
        font.setPixelSize(7)
        font.setBold(True)
        painter.setFont(font)
        # Left of a start bar while there is room (the text's left edge), then right.
        room = int((at.x() - 1) // BADGE_SIZE) if side < 0 else 0
        if place < room:
            left = at.x() - 1 - BADGE_SIZE * (place + 1)
        else:
            left = at.x() + 1 + BADGE_SIZE * (place - room)
        rect = QRectF(left, at.y() - BADGE_SIZE / 2, BADGE_SIZE - 1, BADGE_SIZE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(marks.colour))
        painter.drawRoundedRect(rect, 2, 2)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(marks.number))
