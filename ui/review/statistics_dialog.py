"""View > Statistics: attributions per hour per annotator, and the workspace's progress.

The rates come from the history's decision times (``Store.annotation_rate``): the
time from a record being shown (``Store.start_decision``) to the decision, pauses
longer than a few minutes left out. Threading: main thread; the queries are small.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from quotes.model import Status
from storage.store import Store
from ui.tables.row_tables import RowTableModel, read_only_table_view


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


class RateTableModel(RowTableModel[AnnotatorRate]):
    """Rows of :class:`AnnotatorRate`: annotator, attributions per hour."""

    HEADERS = ("Annotator", "Attributions per hour")

    def rates(self) -> list[AnnotatorRate]:
        """Every row, in order."""
        return self.rows()

    def cell(self, rate: AnnotatorRate, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return rate.annotator if column == 0 else format_rate(rate.per_hour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
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
        self.view = read_only_table_view(self.model, self, select_rows=False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(440, 300)
