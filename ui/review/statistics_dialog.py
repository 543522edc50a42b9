"""View > Statistics: decisions per hour per annotator, as a table and a chart, and
the workspace's progress per document status.

The rates come from the history's decision times: the time from a record being
shown (``Store.start_decision``) to the decision, pauses over five minutes left
out, and decisions quicker than ``MINIMUM_DECISION_MS`` (half a second: scripts,
key repeat) not counted; the dialog says both. The figures are computed in
``ui.review.decision_stats``, from the latest ``HISTORY_LIMIT`` history entries
(the dialog says so when there are more). Threading: main thread; reading them
takes under a second.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from quotes.model import Status
from storage.store import Store
from ui.review.decision_stats import (
    HISTORY_LIMIT,
    MINIMUM_DECISION_MS,
    AnnotatorRate,
    hourly_decisions,
    progress_by_status,
    rates_of,
    timed_decisions,
)
from ui.review.statistics_charts import DecisionRateChart, ProgressChart
from ui.tables.row_tables import RowTableModel, read_only_table_view
from ui.tables.table_columns import fit_columns


def format_rate(per_hour: float | None) -> str:
    """ "123 / hour", or a dash before any timed decision."""
    return "—" if per_hour is None else f"{per_hour:,.0f} / hour"


class RateTableModel(RowTableModel[AnnotatorRate]):
    """Rows of :class:`AnnotatorRate`: annotator, decisions per hour, too fast."""

    HEADERS = ("Annotator", "Per hour", "Too fast")
    HEADER_TIPS = (
        "Who decided",
        "Decisions per hour of decision time",
        f"Decisions under {MINIMUM_DECISION_MS / 1000:g} s, not counted",
    )

    def rates(self) -> list[AnnotatorRate]:
        """Every row, in order."""
        return self.rows()

    def cell(self, rate: AnnotatorRate, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return rate.annotator
            return format_rate(rate.per_hour) if column == 1 else f"{rate.too_fast:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StatisticsDialog(QDialog):
    """The rates of every annotator, a chart of them over time, and the records
    reviewed so far per document status (non-modal; a snapshot when opened)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Statistics")
        entries = store.history(limit=HISTORY_LIMIT)
        decisions = timed_decisions(entries)
        names = [*store.annotators(), store.annotator]
        self.model = RateTableModel(rates_of(decisions, names), self)
        counts = store.attribution_counts()
        total = sum(counts.values())
        reviewed = total - counts[Status.CANDIDATE]
        too_fast = sum(rate.too_fast for rate in self.model.rates())
        self.summary = QLabel(
            f"{reviewed:,} of {total:,} records reviewed: {counts[Status.ACCEPTED]:,} accepted,"
            f" {counts[Status.REJECTED]:,} rejected. Rates count the time from showing a"
            " record to deciding it; pauses over five minutes are left out, and so are"
            f" decisions under {MINIMUM_DECISION_MS / 1000:g} s (too fast to be read:"
            f" {too_fast:,} here)."
            + (
                f" Only the latest {HISTORY_LIMIT:,} actions are read."
                if len(entries) >= HISTORY_LIMIT
                else ""
            ),
            self,
        )
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.view = read_only_table_view(self.model, self, select_rows=False)
        fit_columns(self.view, stretch_column=0)
        # Room for the header and four annotators before the table scrolls.
        rows = self.view.verticalHeader().defaultSectionSize()
        self.view.setMinimumHeight(self.view.horizontalHeader().sizeHint().height() + 4 * rows + 4)
        self.rate_chart = DecisionRateChart(hourly_decisions(decisions), self)
        self.progress_chart = ProgressChart(progress_by_status(store.document_summaries()), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(_caption("Decisions counted in each clock hour, per annotator", self))
        layout.addWidget(self.rate_chart, 2)
        layout.addWidget(_caption("Records reviewed and to review, by document status", self))
        layout.addWidget(self.progress_chart, 1)
        layout.addWidget(buttons)
        self.resize(600, 720)


def _caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
