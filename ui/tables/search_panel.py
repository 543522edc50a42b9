"""Full-text search over every document of the workspace, as you type.

:class:`SearchResultModel` is a list model over ``Store.search(query)`` hits
(``storage.search.SearchHit``: document id, title, plain-text snippet, offsets of the
first matching word); :class:`SearchPanel` is the search box, the hit count and the
list. Typing restarts a short debounce timer; when it fires the query runs.
Activating a hit (Enter, double click, or Enter in the box for the first hit)
emits ``hit_activated(document_id, start, end)``.

Wiring (for MainWindow)::

    search = SearchPanel(store=store, changes=hub)
    search.hit_activated.connect(window.open_document_at)   # (doc_id, start, end)
    window.addAction(search.find_action)                     # Ctrl+F focuses the box

``start``/``end`` are the first matching word's offsets in the document text, or
None when only the title matched: open the document and select that span, if any.
The panel re-runs its query on ``changed("workspace")`` (an import) so new documents
show up. Threading: main thread. A search reads a bounded set of FTS5 matches (the
store ranks at most its ``candidates`` newest, see ``storage.search``) plus a regex
over at most ``limit`` texts; the debounce keeps fast typing from queueing them. A
full page is counted on the next event-loop turn (capped: "More than 10,000
documents"), so the hits are painted before the count is known.

Snippets and titles are article text, so they are painted as plain text (a
``QTextLayout`` with bold ranges for the query words), never parsed as HTML.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from storage.search import SearchHit, completes, word_patterns
from storage.store import Store
from ui.operations.changes import ChangeHub, ChangeKind
from ui.plain_tooltips import plain_tooltip
from ui.shell.action_group import make_action

_Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's :class:`SearchHit`.
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning the plain-text snippet around the first match.
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2

#: How long typing must pause before the query runs (milliseconds).
DEBOUNCE_MS = 200

_WORD = re.compile(r"\w+")


class SearchResultModel(QAbstractListModel):
    """One row per matching document, best match first.

    ``DisplayRole`` is the title (``"(untitled)"`` when empty), ``SNIPPET_ROLE``
    the text around the first match, ``HIT_ROLE`` the :class:`SearchHit`.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._query = ""

    def set_hits(self, query: str, hits: list[SearchHit]) -> None:
        """Show the hits of ``query``."""
        self.beginResetModel()
        self._query = query
        self._hits = list(hits)
        self.endResetModel()

    @property
    def query(self) -> str:
        """The query the hits answer."""
        return self._query

    def query_words(self) -> list[str]:
        """The words of the query, as the store matched them (the last as a prefix)."""
        return _WORD.findall(self._query)

    def hit_at(self, row: int) -> SearchHit:
        """The hit of ``row``. :raises IndexError: past the end."""
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title or "(untitled)"
        if role == SNIPPET_ROLE:
            return hit.snippet
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(hit.snippet)
        if role == HIT_ROLE:
            return hit
        return None


def match_ranges(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the query words occur in ``text`` (case-insensitive, the last word also as
    a prefix from its third letter, as the store may match it), as sorted
    ``(start, length)`` pairs."""
    ranges: list[tuple[int, int]] = []
    for pattern in word_patterns(words, prefix=completes(words)):
        ranges.extend((m.start(), m.end() - m.start()) for m in pattern.finditer(text))
    return sorted(ranges)


class SearchHitDelegate(QStyledItemDelegate):
    """Paints a hit as its title in bold over up to two lines of snippet, with the
    query words in bold. Plain text only: nothing is interpreted as markup."""

    SNIPPET_LINES = 2
    PADDING = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and selection come from the style, the text from us
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        rect = opt.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        title_font = QFont(opt.font)
        title_font.setBold(True)
        metrics = QFontMetrics(title_font)
        title = metrics.elidedText(index.data() or "", Qt.TextElideMode.ElideRight, rect.width())
        painter.setFont(title_font)
        painter.drawText(rect.x(), rect.y() + metrics.ascent(), title)
        model = index.model()
        words = model.query_words() if isinstance(model, SearchResultModel) else []
        layout = self._snippet_layout(index.data(SNIPPET_ROLE) or "", words, opt.font)
        self._lay_out(layout, rect.width())
        painter.setClipRect(rect)
        layout.draw(painter, QPointF(rect.x(), rect.y() + metrics.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title_font = QFont(option.font)
        title_font.setBold(True)
        lines = QFontMetrics(title_font).height()
        lines += QFontMetrics(option.font).lineSpacing() * self.SNIPPET_LINES
        return QSize(200, lines + 2 * self.PADDING)

    @staticmethod
    def _snippet_layout(snippet: str, words: list[str], font: QFont) -> QTextLayout:
        layout = QTextLayout(snippet, font)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        ranges = []
        for start, length in match_ranges(snippet, words):
            fmt = QTextLayout.FormatRange()
            fmt.start, fmt.length, fmt.format = start, length, bold
            ranges.append(fmt)
        layout.setFormats(ranges)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        return layout

    def _lay_out(self, layout: QTextLayout, width: int) -> None:
        layout.beginLayout()
        y = 0.0
        for _ in range(self.SNIPPET_LINES):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()


class SearchPanel(QWidget):
    """A search box over all documents, the number of hits and the hit list.

    Signals:
        ``hit_activated(int, object, object)``: document id and the first matching
        word's ``start``/``end`` (None when only the title matched).
        ``searched(str, int)``: a query ran, with its number of hits.
    """

    hit_activated = Signal(int, object, object)
    searched = Signal(str, int)
    counted = Signal(str, int, bool)

    def __init__(
        self,
        *,
        store: Store,
        changes: ChangeHub | None = None,
        limit: int = 100,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._limit = limit

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Search all documents…")
        self.search_edit.setClearButtonEnabled(True)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SearchResultModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(SearchHitDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.run_search)
        # A full first page is counted on the next event-loop turn, after it is painted.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self.count_hits)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self.activate_first_hit)
        self.search_edit.installEventFilter(self)
        self.view.activated.connect(self._activate_index)
        self.view.doubleClicked.connect(self._activate_index)

        self.find_action = make_action(
            self,
            "&Find in all documents",
            shortcut=QKeySequence.StandardKey.Find,
            tip="Full-text search over every document",
            triggered=self.focus_search,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.search_edit)
        if changes is not None:
            changes.changed.connect(self._on_changed)

    # -- public API --------------------------------------------------------------------
    def actions(self) -> list[QAction]:  # type: ignore[override]
        """The panel's actions with shortcuts (for menus and the cheat sheet)."""
        return [self.find_action]

    def search_pending(self) -> bool:
        """Whether typed text is waiting for the debounce timer."""
        return self._timer.isActive()

    def set_query(self, query: str) -> None:
        """Put ``query`` in the box and run it now (no debounce)."""
        self.search_edit.setText(query)
        self.run_search()

    def run_search(self) -> None:
        """Run the box's query now and show its first page of hits.

        Fewer hits than the page holds are all the matches, and the status says how
        many; a full page is counted on the next event-loop turn (:meth:`count_hits`),
        so the hits show first.
        """
        self._timer.stop()
        self._count_timer.stop()
        query = self.search_edit.text()
        hits = self._store.search(query, limit=self._limit) if query.strip() else []
        self.model.set_hits(query, hits)
        if hits:
            self.view.setCurrentIndex(self.model.index(0))
        if len(hits) >= self._limit:
            self.status.setText(f"{len(hits):,}+ documents, counting…")
            self._count_timer.start()
        else:
            self.status.setText(self._describe(query, len(hits)))
        self.searched.emit(query, len(hits))

    def count_pending(self) -> bool:
        """Whether a full page of hits waits to be counted."""
        return self._count_timer.isActive()

    def count_hits(self) -> None:
        """Count the matches of the query shown (up to the store's cap) and say so."""
        self._count_timer.stop()
        query = self.model.query
        if not query.strip():
            return
        found = self._store.search_count(query)
        if found.more:
            self.status.setText(f"More than {found.documents:,} documents")
        else:
            self.status.setText(self._describe(query, found.documents))
        self.counted.emit(query, found.documents, found.more)

    def activate_first_hit(self) -> None:
        """Open the selected hit (the first by default), running a pending query first."""
        if self._timer.isActive() or self.model.query != self.search_edit.text():
            self.run_search()
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._activate_index(index)

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- helpers -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the box walks into the hit list; Escape clears the box.
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                if self._timer.isActive():
                    self.run_search()
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.model.index(0))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                self.run_search()
                return True
        return super().eventFilter(watched, event)

    def _activate_index(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.hit_activated.emit(hit.document_id, hit.start, hit.end)

    @staticmethod
    def _describe(query: str, count: int) -> str:
        if not query.strip():
            return ""
        if count == 0:
            words = _WORD.findall(query)
            if words and not completes(words):
                # The store completes a word from its third letter only (storage.search).
                return "No document matches (words complete from the third letter)."
            return "No document matches."
        return "1 document" if count == 1 else f"{count:,} documents"

    def _on_changed(self, kind: str, _ids: tuple[int, ...]) -> None:
        if kind == ChangeKind.WORKSPACE and self.model.query.strip():
            self.run_search()
