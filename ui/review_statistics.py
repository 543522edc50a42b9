"""View > Statistics: attributions per hour per annotator, and the workspace's progress.

The rates come from the history's decision times (``Store.annotation_rate``): the
time from a record being shown (``Store.start_decision``) to the decision, pauses
longer than a few minutes left out. Threading: main thread; the queries are small.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from quotes.model import Status
from storage.store import Store

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class AnnotatorRate:
    """One annotator's speed: timed decisions per hour (None before any)."""

    annotator: str
    per_hour: float | None


def annotator_rates(store: Store) -> list[AnnotatorRate]:
    """Every annotator named on records, and this store's, with their rates; the
    fastest first, those without timed decisions last."""
    names = dict.fromkeys([*store.annotators(), store.annotator])
    rates = [AnnotatorRate(name, store.annotation_rate(name)) for name in names]
    return sorted(rates, key=lambda r: (r.per_hour is None, -(r.per_hour or 0), r.annotator))


def format_rate(per_hour: float | None) -> str:
    """ "123 / hour", or a dash before any timed decision."""
    return "—" if per_hour is None else f"{per_hour:,.0f} / hour"


class RateTableModel(QAbstractTableModel):
    """Rows of :class:`AnnotatorRate`: annotator, attributions per hour."""

    HEADERS = ("Annotator", "Attributions per hour")

    def __init__(self, rates: list[AnnotatorRate], parent: Any = None) -> None:
        super().__init__(parent)
        self._rates = list(rates)

    def rates(self) -> list[AnnotatorRate]:
        """Every row, in order."""
        return list(self._rates)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rates)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rates):
            return None
        rate = self._rates[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return rate.annotator if index.column() == 0 else format_rate(rate.per_hour)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StatisticsDialog(QDialog):
    """The rates of every annotator and the records reviewed so far (non-modal)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Statistics")
        self.model = RateTableModel(annotator_rates(store), self)
        counts = store.attribution_counts()
        total = sum(counts.values())
        reviewed = total - counts[Status.CANDIDATE]
        self.summary = QLabel(
            f"{reviewed:,} of {total:,} records reviewed: {counts[Status.ACCEPTED]:,} accepted,"
            f" {counts[Status.REJECTED]:,} rejected. Rates count the time from showing a"
            " record to deciding it; pauses over five minutes are left out.",
            self,
        )
        self.summary.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(440, 300)
