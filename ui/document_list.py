"""The document list: a table model over the workspace's documents, and its view.

``DocumentListModel`` keeps a row cache of :class:`DocumentSummary` (no texts) and
refreshes it when the :class:`ChangeHub` reports a change; ``DocumentListView``
shows it and sets :class:`CurrentRecord` when the user picks a row.
Threading: main thread only; the store passed in belongs to the main thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from quotes.model import DocumentStatus, DocumentSummary
from storage.store import Store
from ui.changes import ChangeHub, ChangeKind
from ui.current import CurrentRecord
from ui.table_columns import fit_columns

_Index = QModelIndex | QPersistentModelIndex

#: The role under which each row returns its document id.
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The role under which each row returns its :class:`DocumentSummary`.
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_LABELS = {
    DocumentStatus.NEW: "new",
    DocumentStatus.IN_PROGRESS: "in progress",
    DocumentStatus.DONE: "done",
}


class DocumentListModel(QAbstractTableModel):
    """Documents as rows: title, status, candidate and accepted counts.

    :param store: the main thread's store, read on construction and on changes.
    :param changes: the hub whose ``documents``/``attributions``/``workspace`` changes
        refresh the rows.
    """

    COLUMNS = ("Title", "Status", "Candidates", "Accepted")
    TITLE, STATUS, CANDIDATES, ACCEPTED = range(4)

    def __init__(self, store: Store, changes: ChangeHub, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[DocumentSummary] = store.document_summaries()
        changes.changed.connect(self._on_changed)

    # -- reading ---------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
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
            return summary.title
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
        """The id of the first row, or None when the workspace is empty."""
        return self._rows[0].id if self._rows else None

    def row_of(self, document_id: int) -> int | None:
        """The row that shows ``document_id``, or None."""
        for row, summary in enumerate(self._rows):
            if summary.id == document_id:
                return row
        return None

    # -- refreshing ------------------------------------------------------------------
    def reload(self) -> None:
        """Read every summary again; rows whose documents stay keep their place.

        Only a change in the set of documents resets the model; otherwise the changed
        rows are reported with ``dataChanged`` so the view keeps its selection.
        """
        fresh = self._store.document_summaries()
        if [s.id for s in fresh] != [s.id for s in self._rows]:
            self.beginResetModel()
            self._rows = fresh
            self.endResetModel()
            return
        for row, (old, new) in enumerate(zip(self._rows, fresh, strict=True)):
            if old != new:
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _on_changed(self, kind: str, ids: tuple[int, ...]) -> None:
        # Counts and statuses come from one summary query; a document list of a few
        # thousand rows reads in milliseconds, so any relevant change simply re-reads.
        if kind in (ChangeKind.DOCUMENTS, ChangeKind.WORKSPACE, ChangeKind.ATTRIBUTIONS):
            self.reload()


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
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        fit_columns(
            self,
            stretch_column=DocumentListModel.TITLE,
            widest_texts={DocumentListModel.STATUS: list(STATUS_LABELS.values())},
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
        row = None if document_id is None else self.document_model().row_of(document_id)
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
