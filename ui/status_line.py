"""The status bar: the current document's progress and the current record.

Follows :class:`CurrentRecord` and the record model; operations' messages are
shown on top for a few seconds. Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from quotes.model import Attribution, Status
from ui.attribution_table import AttributionTableModel
from ui.current import CurrentRecord

MESSAGE_MILLISECONDS = 6000


def describe_record(attribution: Attribution) -> str:
    """One line about a record: status, type, speaker and who proposed it."""
    who = attribution.speaker_name or "no speaker"
    origin = attribution.rule or attribution.origin.value
    return (
        f"{attribution.status.value} · {attribution.type.value} · {who} · "
        f"{origin} ({attribution.confidence:.2f})"
    )


class StatusLine(QStatusBar):
    """Shows "3 of 7 reviewed" for the document and a line about the current record."""

    def __init__(
        self, model: AttributionTableModel, current: CurrentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._current = current
        self.record_label = QLabel(self)
        self.progress_label = QLabel(self)
        # The keys a new user needs first, always in sight (the menus list them all).
        self.keys_label = QLabel(
            "A accept · R reject · S speaker · Q add selection · J/K next/previous", self
        )
        self.keys_label.setEnabled(False)
        self.addWidget(self.record_label, 1)
        self.addPermanentWidget(self.keys_label)
        self.addPermanentWidget(self.progress_label)
        for signal in (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.refresh)
        current.attribution_changed.connect(self.refresh)
        self.refresh()

    def show_message(self, text: str) -> None:
        """Show an operation's message for a few seconds."""
        self.showMessage(text, MESSAGE_MILLISECONDS)

    def refresh(self, *_args: object) -> None:
        """Re-read the counts and the current record."""
        records = self._model.attributions()
        reviewed = sum(a.status != Status.CANDIDATE for a in records)
        if self._model.document() is None:
            self.progress_label.setText("No document")
        else:
            self.progress_label.setText(f"{reviewed} of {len(records)} records reviewed")
        row = self._model.row_of(self._current.attribution_id)
        if row is None:
            self.record_label.setText("No record selected: press J, or click a highlight.")
        else:
            self.record_label.setText(describe_record(self._model.attribution_at(row)))
