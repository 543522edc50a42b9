"""The document list: a table model over the workspace's documents, and its view.

``DocumentListModel`` keeps a row cache of :class:`DocumentSummary` (no texts),
fetched a page at a time as the view scrolls (Qt's ``fetchMore``), and refreshes
the rows fetched when the :class:`ChangeHub` reports a change; it can show only
the documents of one status, and sorts by a column when its header is clicked
(clicked a third time: import order again). ``DocumentListView`` shows it and sets
:class:`CurrentRecord` when the user picks a row. ``DocumentListPanel`` puts the
view under a status filter (with the count of each status) and over a progress
bar of the records reviewed in the whole workspace.
What each order costs on a big workspace is in ``storage.listing``.
Threading: main thread only; the store passed in belongs to the main thread.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from quotes.model import DocumentStatus, DocumentSummary
from storage.store import ListOrder, ListQuery, Store
from ui.operations.changes import ChangeHub, ChangeKind
from ui.plain_tooltips import plain_tooltip
from ui.shell.current import CurrentRecord
from ui.tables.row_tables import ListTableModel, set_up_row_picker
from ui.tables.table_columns import fit_columns

_Index = QModelIndex | QPersistentModelIndex

#: Rows read per page: many screenfuls, read in about a millisecond.
PAGE_ROWS = 200
#: How many rows beyond those fetched the list reads to select a document chosen
#: elsewhere (search, next unreviewed); farther ones are left unselected.
FIND_AHEAD = 2_000

#: The role under which each row returns its document id.
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The role under which each row returns its :class:`DocumentSummary`.
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

#: The narrowest the title column gets (about 20 characters) before the list scrolls
#: sideways: narrower, titles were cut to a word ("Harbour …").
TITLE_MINIMUM_WIDTH = 150

STATUS_LABELS = {
    DocumentStatus.NEW: "new",
    DocumentStatus.IN_PROGRESS: "in progress",
    DocumentStatus.DONE: "done",
}


class DocumentListModel(ListTableModel[DocumentSummary]):
    """Documents as rows: title, status, candidate and accepted counts; fetched lazily.

    The rows are read a page at a time (``Store.document_page``): the first page on
    construction, the next ones when the view asks (Qt's ``canFetchMore`` and
    ``fetchMore``, when it is scrolled to the bottom), so a workspace of 100,000
    documents opens as fast as one of 200. ``rowCount`` is the number of rows
    fetched so far; :meth:`status_counts` says how many there are in all.

    :param store: the main thread's store, read on construction and on changes.
    :param changes: the hub whose ``documents``/``attributions``/``workspace`` changes
        refresh the rows.
    """

    # Short headers leave the title room at the dock's default width; the tips say more.
    HEADERS = ("Title", "Status", "To do", "Accepted")
    HEADER_TIPS = (
        "The document's title (the full title is in each row's tooltip)",
        "new, in progress or done",
        "Candidate records not yet reviewed",
        "Records accepted",
    )
    TITLE, STATUS, CANDIDATES, ACCEPTED = range(4)
    #: The order of a click on each column's header (no column: import order).
    COLUMN_ORDERS: ClassVar[dict[int, ListOrder]] = {
        TITLE: ListOrder.TITLE,
        STATUS: ListOrder.STATUS,
        CANDIDATES: ListOrder.CANDIDATES,
        ACCEPTED: ListOrder.ACCEPTED,
    }

    def __init__(self, store: Store, changes: ChangeHub, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._query = ListQuery()
        self._rows = store.document_page(self._query, limit=PAGE_ROWS)
        self._more = len(self._rows) == PAGE_ROWS
        self._row_by_id = {summary.id: row for row, summary in enumerate(self._rows)}
        changes.changed.connect(self._on_changed)

    # -- filtering and sorting -------------------------------------------------------
    @property
    def status_filter(self) -> DocumentStatus | None:
        """The status shown, or None for every document."""
        return self._query.status

    @property
    def list_query(self) -> ListQuery:
        """The filter and order of the rows."""
        return self._query

    def set_status_filter(self, status: DocumentStatus | None) -> None:
        """Show only the documents of ``status`` (None: all of them), in the same order."""
        self.set_query(
            replace(self._query, status=None if status is None else DocumentStatus(status))
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (Qt's call on a header click; -1: import order)."""
        self.set_query(
            replace(
                self._query,
                order=self.COLUMN_ORDERS.get(column, ListOrder.IMPORT),
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )

    def set_query(self, query: ListQuery) -> None:
        """Show the first page of the list ``query`` describes (a model reset)."""
        if query == self._query:
            return
        self._query = query
        self.beginResetModel()
        self._set_rows(self._store.document_page(query, limit=PAGE_ROWS), PAGE_ROWS)
        self.endResetModel()

    def status_counts(self) -> dict[DocumentStatus, int]:
        """How many documents of the workspace have each status (whatever the filter)."""
        return self._store.document_status_counts()

    def total_count(self) -> int:
        """How many documents the workspace holds (whatever the filter)."""
        return self._store.document_count()

    # -- fetching --------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """Append the next page of rows (Qt calls this when the view needs more)."""
        if parent.isValid() or not self._more:
            return
        after = self._rows[-1] if self._rows else None
        page = self._store.document_page(self._query, after=after, limit=PAGE_ROWS)
        self._more = len(page) == PAGE_ROWS
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self._row_by_id.update((summary.id, first + i) for i, summary in enumerate(page))
        self.endInsertRows()

    def fetch_until(self, document_id: int, *, at_most: int = FIND_AHEAD) -> int | None:
        """The row of ``document_id``, fetching up to ``at_most`` more rows to find it.

        None when the list does not show it (another status), or not within reach:
        a document chosen elsewhere (a search hit) far down a long list is not
        fetched to, as that would read every row before it.
        """
        row = self.row_of(document_id)
        if row is None and self._more and self._query.status is not None:
            # One summary says whether the filter shows it at all, before pages are read.
            try:
                if self._store.document_summary(document_id).status != self._query.status:
                    return None
            except KeyError:
                return None
        fetched = 0
        while row is None and self._more and fetched < at_most:
            before = len(self._rows)
            self.fetchMore()
            fetched += len(self._rows) - before
            row = self.row_of(document_id)
        return row

    def _set_rows(self, rows: list[DocumentSummary], asked: int) -> None:
        self._rows = rows
        self._more = len(rows) == asked
        self._row_by_id = {summary.id: row for row, summary in enumerate(rows)}

    # -- reading ---------------------------------------------------------------------
    def cell(self, summary: DocumentSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return summary.title or f"Document {summary.id}"
            if column == self.STATUS:
                return STATUS_LABELS.get(summary.status, str(summary.status))
            if column == self.CANDIDATES:
                return summary.candidates
            if column == self.ACCEPTED:
                return summary.accepted
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return plain_tooltip(summary.title)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column >= self.CANDIDATES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == DOCUMENT_ID_ROLE:
            return summary.id
        elif role == SUMMARY_ROLE:
            return summary
        return None

    def summary_at(self, row: int) -> DocumentSummary:
        """The summary shown in ``row``."""
        return self._rows[row]

    def first_document_id(self) -> int | None:
        """The id of the first row, or None when the list is empty."""
        return self._rows[0].id if self._rows else None

    def row_of(self, document_id: int) -> int | None:
        """The row that shows ``document_id`` among the rows fetched, or None."""
        return self._row_by_id.get(document_id)

    # -- refreshing ------------------------------------------------------------------
    def reload(self) -> None:
        """Read the rows fetched so far again; rows whose documents stay keep their place.

        As many rows are read as were fetched (at least a page), so a reload costs what
        the user has scrolled through, not the workspace. Only a change in the set of
        documents resets the model; otherwise the changed rows are reported with
        ``dataChanged`` so the view keeps its selection.
        """
        asked = max(PAGE_ROWS, len(self._rows))
        fresh = self._store.document_page(self._query, limit=asked)
        if [s.id for s in fresh] != [s.id for s in self._rows]:
            self.beginResetModel()
            self._set_rows(fresh, asked)
            self.endResetModel()
            return
        self._more = len(fresh) == asked
        self._show_changed(fresh)

    def refresh_documents(self, document_ids: set[int]) -> None:
        """Read the summaries of ``document_ids`` again (after a review action), without
        recounting the whole workspace: a per-key cost that must not grow with it.
        Documents not fetched yet are not read."""
        fresh = list(self._rows)
        for document_id in document_ids:
            row = self.row_of(document_id)
            if row is None:
                continue
            try:
                summary = self._store.document_summary(document_id)
            except KeyError:
                self.reload()  # the document is gone: the set of rows changes
                return
            if self._query.status is not None and summary.status != self._query.status:
                self.reload()  # it left the filter
                return
            fresh[row] = summary
        self._show_changed(fresh)

    def _show_changed(self, fresh: list[DocumentSummary]) -> None:
        """Take the rows of ``fresh`` (the same documents in the same rows), reporting
        the changed ones (so the view keeps its selection)."""
        for row, (old, new) in enumerate(zip(self._rows, fresh, strict=True)):
            if old is not new and old != new:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def _on_changed(self, kind: str, ids: tuple[int, ...]) -> None:
        # A review action names its records: only their documents' rows are re-read
        # (one summary each, whatever the workspace's size). Anything else, or a
        # record that is gone, re-reads the rows fetched so far.
        if kind == ChangeKind.ATTRIBUTIONS and ids:
            documents = self._documents_of(ids)
            if documents is not None:
                self.refresh_documents(documents)
                return
        if kind in (ChangeKind.DOCUMENTS, ChangeKind.WORKSPACE, ChangeKind.ATTRIBUTIONS):
            self.reload()

    def _documents_of(self, attribution_ids: tuple[int, ...]) -> set[int] | None:
        """The documents of the records, or None when one of them no longer exists."""
        documents = set()
        for attribution_id in attribution_ids:
            try:
                document_id = self._store.attribution(attribution_id).document_id
            except KeyError:
                return None
            if document_id is not None:
                documents.add(document_id)
        return documents


class DocumentListView(QTableView):
    """The document table; picking a row makes that document current.

    Follows :class:`CurrentRecord` too, so a document chosen elsewhere (search,
    "next unreviewed") is selected here.
    """

    def __init__(
        self, model: DocumentListModel, current: CurrentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._current = current
        self.setModel(model)
        set_up_row_picker(self)
        # Import order until a header is clicked; a third click goes back to it. The
        # arrow shows only while sorted: shown, it widens every header's size hint and
        # the list would scroll sideways at the dock's default width. (Connected before
        # sorting is enabled, so it shows before the model resets and refits.)
        header = self.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(
            lambda section, _order: header.setSortIndicatorShown(section >= 0)
        )
        self.setSortingEnabled(True)
        header.setSortIndicatorShown(False)
        fit_columns(
            self,
            stretch_column=DocumentListModel.TITLE,
            widest_texts={DocumentListModel.STATUS: list(STATUS_LABELS.values())},
            stretch_minimum=TITLE_MINIMUM_WIDTH,
        )
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(lambda: self.select_document(current.document_id))
        current.document_changed.connect(self.select_document)

    def document_model(self) -> DocumentListModel:
        """The model shown (typed)."""
        model = self.model()
        assert isinstance(model, DocumentListModel)
        return model

    def select_document(self, document_id: int | None) -> None:
        """Select the row of ``document_id`` (clear the selection for None)."""
        row = None if document_id is None else self.document_model().fetch_until(document_id)
        if row is None:
            self.clearSelection()
            return
        if self.currentIndex().row() != row:
            self.selectRow(row)
        self.scrollTo(self.model().index(row, 0))

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._current.set_document(indexes[0].data(DOCUMENT_ID_ROLE))


class DocumentListPanel(QWidget):
    """The document list with a status filter above it and the workspace's progress
    below it ("412 of 1,030 records reviewed").

    The filter's entries carry their counts ("done (3)"); the counts and the
    progress are re-read after each change, coalesced to one read per event-loop
    turn so that a burst of actions costs one query.
    """

    #: The filter's entries in order: (label, status or None for all).
    FILTERS = (
        ("All", None),
        ("New", DocumentStatus.NEW),
        ("In progress", DocumentStatus.IN_PROGRESS),
        ("Done", DocumentStatus.DONE),
    )

    def __init__(
        self,
        store: Store,
        model: DocumentListModel,
        current: CurrentRecord,
        changes: ChangeHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._model = model
        self.view = DocumentListView(model, current, self)
        self.filter_box = QComboBox(self)
        self.filter_box.setToolTip("Show only the documents of one status")
        for label, status in self.FILTERS:
            self.filter_box.addItem(label, status)
        self.filter_box.currentIndexChanged.connect(self._on_filter_chosen)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setToolTip("Records reviewed (accepted or rejected) in the workspace")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._figures = (0, 0)
        self._stale = False

        top = QHBoxLayout()
        show = QLabel("Show:", self)
        show.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(show)
        top.addWidget(self.filter_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
        self.setFocusProxy(self.view)
        changes.changed.connect(lambda *_: self._timer.start())
        self.refresh()

    def set_status_filter(self, status: DocumentStatus | None) -> None:
        """Choose the filter entry of ``status`` (None: all)."""
        for index, (_label, entry) in enumerate(self.FILTERS):
            if entry == status:
                self.filter_box.setCurrentIndex(index)

    def reviewed_and_total(self) -> tuple[int, int]:
        """The progress bar's figures: records reviewed and records in the workspace."""
        return self._figures

    def refresh(self) -> None:
        """Re-read the counts per status and the workspace's progress."""
        self._timer.stop()
        counts = self._model.status_counts()
        for index, (label, status) in enumerate(self.FILTERS):
            count = sum(counts.values()) if status is None else counts[status]
            self.filter_box.setItemText(index, f"{label} ({count:,})")
        reviewed, total = self._store.review_progress()
        self._figures = (reviewed, total)
        # A bar of 0..0 shows as "busy"; an empty workspace shows as empty instead.
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(reviewed)
        self.progress.setFormat(f"{reviewed:,} of {total:,} records reviewed")

    def _refresh_if_shown(self) -> None:
        # A closed window's panel waits (its store may be closed by then).
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def _on_filter_chosen(self, index: int) -> None:
        self._model.set_status_filter(self.FILTERS[index][1])
