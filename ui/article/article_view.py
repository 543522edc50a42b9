"""The article as plain text with its records highlighted.

``ArticleView`` is a second view of :class:`AttributionTableModel`: it shows the
document's text with ``setPlainText`` only (an article is never markup: ``<b>``
shows as the three characters it is) and paints each record's content, cue and
speaker mention through :class:`RecordHighlighter` (``ui.article.record_highlighter``),
which re-formats only the blocks a change touches and formats a long text as it
comes into view. For span editing it outlines one *edited span* with a handle at
each edge; dragging a handle reports the moved span (``edge_dragged``), and the
user's selection is read back snapped to whole words unless snapping is off.
The view never writes to the store: ``ui.review.editing_actions`` does.
Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from quotes.boundaries import Edge, place_edge, snap_span, trim_span
from quotes.model import Span
from ui.article.line_geometry import visible_line_rects
from ui.article.record_highlighter import RecordHighlighter, ranges_of
from ui.article.text_offsets import TextOffsets
from ui.shell.current import CurrentRecord
from ui.shell.theme import HighlightColours, Part
from ui.tables.attribution_table import AttributionTableModel

_Index = QModelIndex | QPersistentModelIndex


class ArticleView(QPlainTextEdit):
    """The current document's text, read-only and selectable, with highlights.

    ``attribution_clicked(int)`` fires when a click (not a drag) lands inside a
    record's highlight; the view also follows :class:`CurrentRecord` and selects
    and scrolls to the current record's content.
    """

    attribution_clicked = Signal(int)
    #: A plain click (no drag) at this Python offset, after ``attribution_clicked``.
    position_clicked = Signal(int)
    #: The user dragged an edge of the edited span: the span as it would now be.
    edge_dragged = Signal(object)

    #: How close (in pixels) to an edge of the edited span a press grabs that edge.
    GRAB_DISTANCE = 6
    #: A longer text is handed to Qt in pieces of this many characters (``_show_text``).
    TEXT_PIECE = 1_000_000

    def __init__(
        self,
        model: AttributionTableModel,
        current: CurrentRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._current = current
        self._offsets = TextOffsets("")
        self._document_id: int | None = None
        # The span selected to show the current record; it is not the user's choice
        # of words, so "add from selection" must not take it.
        self._shown: Span | None = None
        self._selecting = False
        self._snap = True
        # The span being edited (Python offsets), outlined with two drag handles;
        # while an edge is dragged, ``_preview`` is where it would land.
        self._edited: Span | None = None
        self._dragging: Edge | None = None
        self._preview: Span | None = None
        self.setMouseTracking(True)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(12)
        self._highlighter = RecordHighlighter(self.document())
        model.modelReset.connect(self._reload)
        model.dataChanged.connect(self._on_rows_changed)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._on_rows_about_to_be_removed)
        current.attribution_changed.connect(self.show_attribution)
        # Review mode: the current record in full colour, the others dimmed.
        current.attribution_changed.connect(self._highlighter.set_current)
        self.selectionChanged.connect(self._on_selection_changed)

    # -- public API ------------------------------------------------------------------
    @property
    def highlighter(self) -> RecordHighlighter:
        """The highlighter painting the records (for tests and later themes)."""
        return self._highlighter

    def set_colours(self, colours: HighlightColours) -> None:
        """Paint the highlights in a theme's colours (``ui.shell.theme``)."""
        self._highlighter.set_colours(colours)

    @property
    def snap_to_words(self) -> bool:
        """Whether selections and dragged edges snap to whole words (default True)."""
        return self._snap

    def set_snap_to_words(self, snap: bool) -> None:
        """Snap selections and dragged edges to word edges, or take them as they are."""
        self._snap = bool(snap)

    def selected_span(self) -> Span | None:
        """The words the user selected, as a span of Python offsets.

        Trimmed of white space and, with :attr:`snap_to_words`, widened to whole
        words ("ma|yor sa|id" gives "mayor said"). None when nothing (or only white
        space) is selected, and when the selection is the one the view made to show
        the current record.
        """
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._shown is not None:
            return None
        start = self._offsets.to_python(cursor.selectionStart())
        end = self._offsets.to_python(cursor.selectionEnd())
        if end <= start:
            return None
        text = self._model.text
        span = Span(start, end)
        return snap_span(text, span) if self._snap else trim_span(text, span)

    def edited_span(self) -> Span | None:
        """The span outlined for editing (during a drag: where the edge would land)."""
        return self._preview if self._dragging is not None else self._edited

    def set_edited_span(self, span: Span | None) -> None:
        """Outline ``span`` (Python offsets) with drag handles at its edges; None: none.

        Only the outline's own area is repainted. A drag in progress is dropped.
        """
        old_area = self._edited_area()
        self._edited, self._dragging, self._preview = span, None, None
        self.viewport().update(old_area.united(self._edited_area()))

    def edge_rect(self, edge: Edge) -> QRect | None:
        """The caret rectangle (viewport coordinates) of one edge of the edited span."""
        span = self.edited_span()
        if span is None:
            return None
        cursor = QTextCursor(self.document())
        offset = span.start if edge is Edge.START else span.end
        cursor.setPosition(min(self._offsets.to_qt(offset), self.document().characterCount() - 1))
        return self.cursorRect(cursor)

    def select_span(self, span: Span) -> None:
        """Select ``span`` (Python offsets) and scroll it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(span.end))
        cursor.setPosition(self._offsets.to_qt(span.start), QTextCursor.MoveMode.KeepAnchor)
        self._selecting = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._selecting = False
        self.ensureCursorVisible()

    def show_attribution(self, attribution_id: int | None) -> None:
        """Select the content of record ``attribution_id`` (None: leave the text alone)."""
        row = self._model.row_of(attribution_id)
        if row is not None:
            self._shown = self._model.attribution_at(row).content
            self.select_span(self._shown)

    def attribution_at(self, position: int) -> int | None:
        """The record whose highlight covers Qt ``position``: content before cue before
        speaker, and the current record first when several overlap."""
        ranges = self._highlighter.ranges_at(position)
        if not ranges:
            return None
        current = self._current.attribution_id
        best = min(
            ranges,
            key=lambda r: (r.attribution_id != current, r.part != Part.CONTENT, r.part),
        )
        return best.attribution_id

    def _on_selection_changed(self) -> None:
        if not self._selecting:
            self._shown = None  # the user chose words of their own

    # -- mouse -----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        edge = self._edge_near(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and edge is not None:
            # Grab the edge instead of starting a new selection.
            self._dragging, self._preview = edge, self._edited
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._dragging is not None and self._edited is not None:
            offset = self._offsets.to_python(self.cursorForPosition(point).position())
            moved = place_edge(
                self._model.text, self._edited, self._dragging, offset, snap=self._snap
            )
            if moved is not None and moved != self._preview:
                old_area = self._edited_area()
                self._preview = moved
                self.viewport().update(old_area.united(self._edited_area()))
            event.accept()
            return
        near = event.buttons() == Qt.MouseButton.NoButton and self._edge_near(point) is not None
        self.viewport().setCursor(
            Qt.CursorShape.SizeHorCursor if near else Qt.CursorShape.IBeamCursor
        )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging is not None:
            moved, self._dragging = self._preview, None
            self._preview = None
            event.accept()
            if moved is not None and moved != self._edited:
                self.edge_dragged.emit(moved)
            self.viewport().update()
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        attribution_id = self.attribution_at(position)
        if attribution_id is not None:
            self.attribution_clicked.emit(attribution_id)
        self.position_clicked.emit(self._offsets.to_python(position))

    def _edge_near(self, point: QPoint) -> Edge | None:
        """The edge of the edited span whose handle is under ``point``, if any."""
        for edge in (Edge.END, Edge.START):
            rect = self.edge_rect(edge)
            if rect is None:
                continue
            grab = rect.adjusted(-self.GRAB_DISTANCE, -2, self.GRAB_DISTANCE, 2)
            if grab.contains(point):
                return edge
        return None

    # -- painting the edited span ----------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self._format_visible()
        super().paintEvent(event)
        span = self.edited_span()
        if span is None:
            return
        rects = self._line_rects(span)
        if not rects:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(self.palette().text().color())
        colour.setAlpha(150)
        painter.setPen(QPen(colour, 1.0, Qt.PenStyle.DashLine))
        for rect in rects:
            painter.drawRect(rect)
        # The handles: a bar at each edge, knobbed at the top (start) or bottom (end).
        handle = QColor(self.palette().text().color())
        painter.setPen(QPen(handle, 2.0))
        painter.setBrush(handle)
        for edge in Edge:
            caret = self.edge_rect(edge)
            if caret is None or not self.viewport().rect().intersects(caret):
                continue
            x = caret.center().x()
            painter.drawLine(x, caret.top(), x, caret.bottom())
            knob_y = caret.top() if edge is Edge.START else caret.bottom()
            painter.drawEllipse(QPoint(x, knob_y), 3, 3)
        painter.end()

    def _format_visible(self) -> None:
        """Let a lazy highlighter format the blocks on screen (and a screen below,
        so that scrolling finds them ready) before they are painted."""
        highlighter = self._highlighter
        if not highlighter.lazy:
            return
        block = self.firstVisibleBlock()
        if not block.isValid():
            return
        first = block.blockNumber()
        start = block.position()
        reach = 2 * self.viewport().height()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        last = block
        while block.isValid() and top <= reach:
            top += self.blockBoundingRect(block).height()
            last = block
            block = block.next()
        end = block.position() if block.isValid() else self.document().characterCount()
        highlighter.set_window(start, end)
        highlighter.format_pending(first, last.blockNumber())

    def _line_rects(self, span: Span) -> list[QRectF]:
        """One rectangle per visible line of ``span``, in viewport coordinates."""
        return visible_line_rects(
            self, self._offsets.to_qt(span.start), self._offsets.to_qt(span.end)
        )

    def _edited_area(self) -> QRect:
        """The viewport area the outline of the edited span covers (to repaint it)."""
        span = self.edited_span()
        if span is None:
            return QRect()
        area = QRect()
        for rect in self._line_rects(span):
            area = area.united(rect.toAlignedRect())
        return area.adjusted(-self.GRAB_DISTANCE, -6, self.GRAB_DISTANCE, 6)

    # -- following the model ---------------------------------------------------------
    def _reload(self) -> None:
        document = self._model.document()
        document_id = document.id if document else None
        text = self._model.text
        if document_id != self._document_id or text != self.toPlainText():
            self._document_id = document_id
            self._offsets = TextOffsets(text)
            # Ranges first, then the text: setting the text formats each block once
            # (a long text: only what comes into view, when it does).
            self._highlighter.set_records(self._model.attributions(), self._offsets, repaint=False)
            self._highlighter.prepare_text(len(text))
            with self._highlighter.replacing_text():
                self._show_text(text)
        else:
            self._highlighter.set_records(self._model.attributions(), self._offsets, repaint=True)

    def _show_text(self, text: str) -> None:
        """``setPlainText(text)``, a long text fed in pieces, with the scroll bar shown.

        Handing Qt the whole text converts it to one temporary UTF-16 copy first,
        twice the size of an ASCII text (40 MB for a 20 MB article, at the open's
        peak of memory). So the first piece goes through ``setPlainText`` (which
        resets the view as always) and the rest is appended in one edit block: the
        same document, made from small temporary copies.

        And when the viewport's width changes, Qt's plain-text layout gives every
        block a layout object (``QPlainTextDocumentLayout`` relayout: 54 MB for the
        250,000 blocks of a 20 MB article); the scroll bar that a long text makes
        appear would narrow it just after the text is set. So the bar is shown
        first, while the previous text is still there, and the policy restored
        once the text is in: the bar is needed by then and stays.
        """
        if len(text) <= self.TEXT_PIECE:
            self.setPlainText(text)
            return
        policy = self.verticalScrollBarPolicy()
        if policy == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        try:
            self.setPlainText(text[: self.TEXT_PIECE])
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.beginEditBlock()
            for start in range(self.TEXT_PIECE, len(text), self.TEXT_PIECE):
                cursor.insertText(text[start : start + self.TEXT_PIECE])
            cursor.endEditBlock()
        finally:
            self.setVerticalScrollBarPolicy(policy)

    def _on_rows_changed(self, top: _Index, bottom: _Index, _roles: object = None) -> None:
        for row in range(top.row(), bottom.row() + 1):
            attribution = self._model.attribution_at(row)
            if attribution.id is not None:
                self._highlighter.set_record(attribution.id, ranges_of(attribution, self._offsets))
            shown = self._shown is not None and attribution.id == self._current.attribution_id
            if shown and attribution.content != self._shown:
                # The current record was edited: show its new extent, still as the
                # view's own selection (not words the user picked).
                self._shown = attribution.content
                self.select_span(attribution.content)

    def _on_rows_inserted(self, _parent: _Index, first: int, last: int) -> None:
        self._on_rows_changed(self._model.index(first, 0), self._model.index(last, 0))

    def _on_rows_about_to_be_removed(self, _parent: _Index, first: int, last: int) -> None:
        for row in range(first, last + 1):
            attribution_id = self._model.attribution_at(row).id
            if attribution_id is not None:
                self._highlighter.set_record(attribution_id, [])
