"""The records of the current document: a table model and the panel that shows it.

``AttributionTableModel`` is the one model of the current document's attributions;
the record panel and the article view are both views of it, so they cannot
disagree. It keeps a row cache in text order and refreshes single rows when the
:class:`ChangeHub` names their ids. Threading: main thread only.
"""

from __future__ import annotations

import bisect
from array import array
from itertools import accumulate, count
from operator import add
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView, QWidget

from quotes.model import Attribution, Document, QuoteType, Status
from storage.store import Store
from ui.operations.changes import ChangeHub, ChangeKind
from ui.plain_tooltips import plain_tooltip
from ui.shell.current import CurrentRecord
from ui.tables.row_tables import ListTableModel, set_up_row_picker
from ui.tables.table_columns import fit_columns

#: Role returning the row's :class:`Attribution`.
ATTRIBUTION_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning the row's attribution id.
ATTRIBUTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role returning the row's :class:`Status`.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

EXCERPT_LENGTH = 90


def newline_offsets(text: str) -> list[int]:
    """Where each line break of ``text`` is, in order.

    From the lengths of the lines in C (a 1 MB article has 12,000 breaks; a match
    object for each took a few milliseconds of every open).
    """
    lines = text.split("\n")
    # Break k follows lines 0..k and the k breaks before it.
    return list(map(add, accumulate(map(len, lines[:-1])), count()))


def _text_order(attribution: Attribution) -> tuple[int, int, int]:
    return (attribution.start, attribution.end, attribution.id or 0)


def _shorten(text: str, limit: int = EXCERPT_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class AttributionTableModel(ListTableModel[Attribution]):
    """The current document's attributions in text order.

    Columns: quotation excerpt, cue, speaker, type, status, and where the speaker
    mention is when it lies in another paragraph than the quotation ("¶7, 2 ¶
    before"): a long-range link shown in a side list, never drawn across the
    page (G in the window selects the mention). ``load_document`` swaps
    the document (a model reset); committed changes arrive through ``changes`` and
    update, insert or remove single rows.

    :param store: the main thread's store.
    :param changes: the workspace's change hub.
    """

    HEADERS = ("Quotation", "Cue", "Speaker", "Type", "Status", "Speaker at")
    QUOTATION, CUE, SPEAKER, TYPE, STATUS, MENTION = range(6)

    def __init__(self, store: Store, changes: ChangeHub, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._document: Document | None = None
        # id -> row, built on demand; None whenever rows were added, removed or moved.
        self._row_index: dict[int | None, int] | None = None
        # How many rows are reviewed; None until asked after a reset, then kept up to
        # date row by row, so the status line does not count 6,000 rows per key press.
        self._reviewed: int | None = None
        self._newlines = array("q")
        changes.changed.connect(self._on_changed)

    # -- the document ----------------------------------------------------------------
    def load_document(self, document_id: int | None) -> None:
        """Show the attributions of ``document_id`` (None empties the model)."""
        self.beginResetModel()
        if document_id is None:
            self._document, self._rows = None, []
        else:
            self._document = self._store.document(document_id)
            # The store gives them in _text_order already (start, end, id).
            self._rows = self._store.attributions_for(document_id)
        self._row_index = None
        self._reviewed = None
        # Paragraph numbers for the "Speaker at" column: one scan per load, kept as
        # an array (a list of the 250,000 breaks of a 20 MB article took 10 MB).
        self._newlines = array("q", newline_offsets(self.text))
        self.endResetModel()

    def paragraph_of(self, offset: int) -> int:
        """The 1-based paragraph (line of the text) holding character ``offset``."""
        return bisect.bisect_left(self._newlines, offset) + 1

    def mention_place(self, attribution: Attribution) -> str:
        """Where the speaker mention is, when not in the quotation's paragraph ("" then)."""
        if attribution.speaker is None:
            return ""
        mention = self.paragraph_of(attribution.speaker.start)
        quotation = self.paragraph_of(attribution.start)
        if mention == quotation:
            return ""
        distance = abs(mention - quotation)
        side = "before" if mention < quotation else "after"
        return f"¶{mention}, {distance} ¶ {side}"

    def document(self) -> Document | None:
        """The document whose records are shown."""
        return self._document

    @property
    def text(self) -> str:
        """The current document's text ("" when none)."""
        return self._document.text if self._document else ""

    def attributions(self) -> list[Attribution]:
        """All rows, in text order (a copy)."""
        return list(self._rows)

    def attribution_at(self, row: int) -> Attribution:
        """The attribution of ``row``."""
        return self._rows[row]

    def reviewed_count(self) -> int:
        """How many rows are accepted or rejected (not candidates)."""
        if self._reviewed is None:
            self._reviewed = sum(a.status != Status.CANDIDATE for a in self._rows)
        return self._reviewed

    def _count(self, removed: Attribution | None, added: Attribution | None) -> None:
        """Keep ``reviewed_count`` right when ``removed`` leaves the rows and ``added``
        joins them (called before the change is signalled)."""
        if self._reviewed is not None:
            for attribution, sign in ((removed, -1), (added, +1)):
                if attribution is not None and attribution.status != Status.CANDIDATE:
                    self._reviewed += sign

    def row_of(self, attribution_id: int | None) -> int | None:
        """The row of ``attribution_id``, or None.

        Asked several times per key press (selection, status line, refresh), so the
        answer comes from an index of the rows, rebuilt after they change order.
        """
        if attribution_id is None:
            return None
        if self._row_index is None:
            self._row_index = {a.id: row for row, a in enumerate(self._rows)}
        return self._row_index.get(attribution_id)

    # -- Qt model interface -----------------------------------------------------------
    def cell(self, attribution: Attribution, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(attribution, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(attribution))
        if role == Qt.ItemDataRole.ForegroundRole and attribution.status == Status.REJECTED:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.FontRole and attribution.status != Status.CANDIDATE:
            font = QFont()
            font.setStrikeOut(attribution.status == Status.REJECTED)
            font.setBold(attribution.status == Status.ACCEPTED and column == self.STATUS)
            return font
        if role == ATTRIBUTION_ROLE:
            return attribution
        if role == ATTRIBUTION_ID_ROLE:
            return attribution.id
        if role == STATUS_ROLE:
            return attribution.status
        return None

    def _display(self, attribution: Attribution, column: int) -> str:
        text = self.text
        if column == self.QUOTATION:
            return _shorten(attribution.content_text(text))
        if column == self.CUE:
            return attribution.cue.text_of(text) if attribution.cue else ""
        if column == self.SPEAKER:
            mention = attribution.speaker.text_of(text) if attribution.speaker else ""
            name = attribution.speaker_name or ""
            if name and mention and mention != name:
                return f"{name} ({_shorten(mention, 30)})"
            return name or _shorten(mention, 40)
        if column == self.TYPE:
            return attribution.type.value
        if column == self.STATUS:
            return attribution.status.value
        if column == self.MENTION:
            return self.mention_place(attribution)
        return ""

    def _tooltip(self, attribution: Attribution) -> str:
        origin = attribution.rule or attribution.origin.value
        tip = (
            f"{_shorten(attribution.content_text(self.text), 400)}\n"
            f"proposed by: {origin} · confidence {attribution.confidence:.2f}"
        )
        if attribution.speaker is not None:
            where = self.paragraph_of(attribution.speaker.start)
            mention = _shorten(attribution.speaker.text_of(self.text), 60)
            tip += f"\nspeaker mention “{mention}” in paragraph {where} (G selects it)"
        return tip

    # -- refreshing ------------------------------------------------------------------
    def _on_changed(self, kind: str, ids: tuple[int, ...]) -> None:
        if self._document is None:
            return
        if kind == ChangeKind.WORKSPACE:
            self.load_document(self._document.id)
        elif kind == ChangeKind.ATTRIBUTIONS and not ids:
            self._refresh_all()  # "any of them" (a speaker renamed or merged)
        elif kind == ChangeKind.ATTRIBUTIONS:
            for attribution_id in ids:
                self._refresh_row(attribution_id)

    def _refresh_all(self) -> None:
        """Re-read every row; the same records keep their rows (and the views their
        selection), a different set resets the model."""
        assert self._document is not None
        fresh = self._store.attributions_for(self._document.id)  # in _text_order
        if [a.id for a in fresh] != [a.id for a in self._rows]:
            self.beginResetModel()
            self._rows = fresh
            self._row_index = None
            self._reviewed = None
            self.endResetModel()
            return
        self._rows = fresh
        self._reviewed = None
        if fresh:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(fresh) - 1, len(self.HEADERS) - 1)
            )

    def _sorted_row(self, row: int, fresh: Attribution) -> int:
        """Where the record at ``row`` belongs once it is ``fresh`` (rows without it).

        Its neighbours are checked first, so a record whose order did not change
        (accept, reject: the common case) costs O(1), not a pass over every row.
        """
        key = _text_order(fresh)
        before_ok = row == 0 or _text_order(self._rows[row - 1]) <= key
        after_ok = row == len(self._rows) - 1 or key <= _text_order(self._rows[row + 1])
        if before_ok and after_ok:
            return row
        others = [_text_order(a) for i, a in enumerate(self._rows) if i != row]
        return bisect.bisect_left(others, key)

    def _refresh_row(self, attribution_id: int) -> None:
        """Bring one row up to date with the store: update, insert or remove it."""
        assert self._document is not None
        row = self.row_of(attribution_id)
        try:
            fresh = self._store.attribution(attribution_id)
        except KeyError:
            fresh = None
        belongs = fresh is not None and fresh.document_id in (self._document.id, None)
        if row is not None and belongs and fresh is not None:
            # An edited record stays one row: updated in place, or moved when its new
            # extent sorts elsewhere. Removing and re-inserting it instead would let
            # the record list select its neighbour for a moment (the current record).
            self._count(self._rows[row], fresh)
            where = self._sorted_row(row, fresh)
            if where != row:
                self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), where + (where > row))
                del self._rows[row]
                self._rows.insert(where, fresh)
                self._row_index = None
                self.endMoveRows()
            self._rows[where] = fresh
            self.dataChanged.emit(self.index(where, 0), self.index(where, len(self.HEADERS) - 1))
            return
        if row is not None:
            self._count(self._rows[row], None)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._row_index = None
            self.endRemoveRows()
        if belongs and fresh is not None:
            where = bisect.bisect_left([_text_order(a) for a in self._rows], _text_order(fresh))
            self._count(None, fresh)
            self.beginInsertRows(QModelIndex(), where, where)
            self._rows.insert(where, fresh)
            self._row_index = None
            self.endInsertRows()


class AttributionPanel(QTableView):
    """The record list: one row per attribution; the selected row is the current record.

    Up/Down move between records like J/K; selecting a row sets
    :class:`CurrentRecord`, and a record chosen elsewhere (a click in the article)
    is selected and scrolled to here.
    """

    def __init__(
        self,
        model: AttributionTableModel,
        current: CurrentRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self.setModel(model)
        set_up_row_picker(self)
        fit_columns(
            self,
            stretch_column=AttributionTableModel.QUOTATION,
            widest_texts={
                AttributionTableModel.STATUS: [s.value for s in Status],
                AttributionTableModel.TYPE: [t.value for t in QuoteType],
                AttributionTableModel.MENTION: ["¶888, 88 ¶ before"],
            },
        )
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        current.attribution_changed.connect(self.select_attribution)
        # A row inserted or re-sorted moves the selection with it; resync by id.
        model.rowsInserted.connect(lambda *_: self.select_attribution(current.attribution_id))
        model.rowsRemoved.connect(lambda *_: self.select_attribution(current.attribution_id))
        model.modelReset.connect(lambda: self.select_attribution(current.attribution_id))

    def attribution_model(self) -> AttributionTableModel:
        """The model shown (typed)."""
        model = self.model()
        assert isinstance(model, AttributionTableModel)
        return model

    def select_attribution(self, attribution_id: int | None) -> None:
        """Select and scroll to the row of ``attribution_id`` (None clears)."""
        row = self.attribution_model().row_of(attribution_id)
        if row is None:
            self.clearSelection()
            return
        if self.currentIndex().row() != row or not self.selectionModel().hasSelection():
            self.selectRow(row)
        self.scrollTo(self.model().index(row, 0))

    def select_next(self) -> None:
        """Make the record after the current one current (the first if none)."""
        self._select_relative(+1)

    def select_previous(self) -> None:
        """Make the record before the current one current (the last if none)."""
        self._select_relative(-1)

    def _select_relative(self, step: int) -> None:
        model = self.attribution_model()
        count = model.rowCount()
        if count == 0:
            return
        row = model.row_of(self._current.attribution_id)
        if row is None:
            target = 0 if step > 0 else count - 1
        else:
            target = min(max(row + step, 0), count - 1)
        self._current.set_attribution(model.attribution_at(target).id)

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._current.set_attribution(indexes[0].data(ATTRIBUTION_ID_ROLE))
