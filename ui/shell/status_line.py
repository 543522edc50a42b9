"""The status bar: the current record, the document's progress, the annotator's pace.

Follows :class:`CurrentRecord` and the record model; operations' messages are
shown on top for a few seconds. The current record's line names the rule that
proposed it ("learned model" for the model's own suggestions) and its confidence.
With a store, the annotator's attributions per hour (``Store.annotation_rate``) are
shown too, re-read a moment after changes so that the query never delays a keystroke.
Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from quotes.learning.combination import LEARNED
from quotes.model import Attribution
from storage.store import Store
from ui.review.statistics_dialog import format_rate
from ui.shell.current import CurrentRecord
from ui.tables.attribution_table import AttributionTableModel

MESSAGE_MILLISECONDS = 6000
#: How long after a change the pace is re-read (one query per burst of keys).
RATE_DELAY_MS = 500


def describe_record(attribution: Attribution) -> str:
    """One line about a record: status, type, speaker, where it came from (the rule
    that proposed it, the learned model, or its origin for a record a person made)
    and its confidence."""
    who = attribution.speaker_name or "no speaker"
    if attribution.rule == LEARNED:
        origin = "learned model"
    elif attribution.rule:
        origin = f"rule {attribution.rule}"
    else:
        origin = attribution.origin.value
    return (
        f"{attribution.status.value} · {attribution.type.value} · {who} · "
        f"{origin} · confidence {attribution.confidence:.2f}"
    )


#: The keys hint while reviewing, and while adjudicating (``show_adjudication_keys``).
REVIEW_KEYS = "A accept · R reject · T type · 1-9 speaker · N next · ? all keys"
ADJUDICATION_KEYS = "1-9 take a version · A majority ★ · R reject all · N later · Esc leave"


class StatusLine(QStatusBar):
    """Shows "3 of 7 reviewed" for the document, a line about the current record and,
    given a store, the annotator's attributions per hour."""

    def __init__(
        self,
        model: AttributionTableModel,
        current: CurrentRecord,
        parent: QWidget | None = None,
        *,
        store: Store | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._current = current
        self._store = store
        self.record_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.rate_label = QLabel(self)
        self.rate_label.setToolTip("Your attributions per hour of decision time")
        # The keys a new user needs first, always in sight (the menus list them all).
        self.keys_label = QLabel(REVIEW_KEYS, self)
        # Speaker and annotator names are user data: Qt's automatic format would
        # render a name like "<b>Evil</b><img src=x>" as markup.
        for label in (self.record_label, self.progress_label, self.rate_label, self.keys_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.keys_label.setEnabled(False)
        self.addWidget(self.record_label, 1)
        self.addPermanentWidget(self.keys_label)
        self.addPermanentWidget(self.rate_label)
        self.addPermanentWidget(self.progress_label)
        self._rate_timer = QTimer(self)
        self._rate_timer.setSingleShot(True)
        self._rate_timer.setInterval(RATE_DELAY_MS)
        # A closed window skips it: its store may be closed by then.
        self._rate_timer.timeout.connect(self._refresh_rate_if_shown)
        for signal in (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.refresh)
            signal.connect(lambda *_: self._rate_timer.start())
        current.attribution_changed.connect(self.refresh)
        self.refresh()
        self.refresh_rate()

    def show_adjudication_keys(self, adjudicating: bool) -> None:
        """Show the adjudication mode's keys while it is on, the review keys otherwise."""
        self.keys_label.setText(ADJUDICATION_KEYS if adjudicating else REVIEW_KEYS)

    def _refresh_rate_if_shown(self) -> None:
        if self.isVisible():
            self.refresh_rate()

    def refresh_rate(self) -> None:
        """Re-read the annotator's attributions per hour (nothing without a store)."""
        self._rate_timer.stop()
        if self._store is None:
            self.rate_label.hide()
            return
        rate = self._store.annotation_rate()
        # A bare dash beside a name reads like a missing value; say what it means.
        shown = "no timed decisions yet" if rate is None else format_rate(rate)
        self.rate_label.setText(f"{self._store.annotator}: {shown}")

    def show_message(self, text: str) -> None:
        """Show an operation's message for a few seconds."""
        self.showMessage(text, MESSAGE_MILLISECONDS)

    def refresh(self, *_args: object) -> None:
        """Re-read the counts and the current record."""
        # The model keeps the count as rows change: summing every record here cost
        # 40% of an accept in a 1 MB document.
        if self._model.document() is None:
            self.progress_label.setText("No document")
        else:
            reviewed, total = self._model.reviewed_count(), self._model.rowCount()
            self.progress_label.setText(f"{reviewed} of {total} records reviewed")
        row = self._model.row_of(self._current.attribution_id)
        if row is None:
            self.record_label.setText("No record selected: press J, or click a highlight.")
        else:
            attribution = self._model.attribution_at(row)
            line = describe_record(attribution)
            place = self._model.mention_place(attribution)
            if place:
                # A far mention is named here too, with the key that shows it.
                line += f" · speaker mention {place} (G shows it)"
            self.record_label.setText(line)
