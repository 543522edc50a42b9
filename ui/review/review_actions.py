"""The reviewer's keys beyond accept and reject: type, next unreviewed, done, undo.

``ReviewActions`` owns these ``QAction``s (their shortcuts show in the menus and in
the cheat sheet) and turns each into one call of ``ui.operations.attribution_operations``:

=============  ==========================================================
T              cycle the current record's type (direct, indirect, mixed, unquoted)
N              the next unreviewed record, in this document or the following
G              select the current record's speaker mention in the article
D              mark the document done (refused while records are unreviewed)
Ctrl+Z         undo the latest action, in whatever document it was
Ctrl+Shift+Z   redo (also Ctrl+Y)
=============  ==========================================================

Undo and redo go to the document and record the action touched, so the
annotator sees what changed. Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction

from quotes.model import DocumentStatus
from storage.store import HistoryEntry
from ui.operations import attribution_operations, navigation
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.tables.attribution_table import AttributionTableModel

#: How history actions read in messages ("Undid accept").
_ACTION_NAMES = {
    "accept": "accept",
    "reject": "reject",
    "set_speaker": "speaker change",
    "add": "new quotation",
    "update": "edit",
    "delete": "deletion",
    "set_type": "type change",
    "set_document_status": "document status",
    "add_speaker": "new speaker",
    "rename_speaker": "rename",
    "merge_speakers": "merge",
}


def describe_entry(entry: HistoryEntry) -> str:
    """A few words naming a history entry's action, for the status bar."""
    name = _ACTION_NAMES.get(entry.action, entry.action.replace("_", " "))
    where = f" of record {entry.attribution_id}" if entry.attribution_id is not None else ""
    return f"{name}{where}"


class ReviewActions(ActionGroup):
    """Cycle type, next unreviewed, go to mention, mark done, undo and redo.

    ``message(str)`` carries a line for the status bar (what was done, or why not).
    """

    def __init__(self, context: ActionContext) -> None:
        super().__init__(context)
        #: N's order of documents: by the model's uncertainty, or import order.
        self.by_uncertainty = False

        self.cycle_type = make_action(
            self,
            "Cycle &type",
            shortcut="T",
            tip="Direct, indirect, mixed: the current record's type",
            triggered=lambda: self._guarded(self.cycle_current_type),
        )
        self.next_unreviewed = make_action(
            self,
            "Next &unreviewed",
            shortcut="N",
            tip="The next candidate, in this or a later document",
            triggered=lambda: self._guarded(self.go_to_next_unreviewed),
        )
        self.go_to_mention = make_action(
            self,
            "&Go to speaker mention",
            shortcut="G",
            tip="Select the current record's speaker mention",
            triggered=lambda: self._guarded(self.show_speaker_mention),
        )
        self.mark_done = make_action(
            self,
            "Mark document &done",
            shortcut="D",
            tip="When every record of the document is reviewed",
            triggered=lambda: self._guarded(self.mark_document_done),
        )
        self.undo = make_action(
            self,
            "&Undo",
            shortcut="Ctrl+Z",
            tip="Undo the latest action, in any document",
            triggered=lambda: self._guarded(self.undo_last),
        )
        self.redo = make_action(
            self,
            "&Redo",
            shortcut=["Ctrl+Shift+Z", "Ctrl+Y"],
            tip="Redo what was undone",
            triggered=lambda: self._guarded(self.redo_last),
        )

    def actions(self) -> list[QAction | None]:
        """The Annotation menu's share of the actions; None stands for a separator."""
        return [self.cycle_type, None, self.next_unreviewed, self.go_to_mention, self.mark_done]

    def edit_actions(self) -> list[QAction | None]:
        """The Edit menu: undo and redo."""
        return [self.undo, self.redo]

    # -- the actions -------------------------------------------------------------------
    def cycle_current_type(self) -> None:
        """Give the current record the next type."""
        attribution_id = self._require_record()
        if attribution_id is None:
            return
        updated = attribution_operations.cycle_attribution_type(
            store=self._store, changes=self._changes, attribution_id=attribution_id
        )
        self.message.emit(f"Type: {updated.type.value}")

    def go_to_next_unreviewed(self) -> None:
        """Make the next candidate current, switching document when this one has none."""
        note = navigation.open_next_unreviewed(
            store=self._store, current=self._current, by_uncertainty=self.by_uncertainty
        )
        if note is not None:
            self.message.emit(note)

    def set_next_by_uncertainty(self, on: bool) -> None:
        """Whether N goes on to the most uncertain unreviewed document (active
        learning: ``LearningActions.uncertainty_order_changed``) or in import order."""
        self.by_uncertainty = on

    def show_speaker_mention(self) -> None:
        """Select the current record's speaker mention in the article (it may be far)."""
        attribution_id = self._require_record()
        if attribution_id is None:
            return
        mention = self._store.attribution(attribution_id).speaker
        if mention is None:
            self.message.emit("This record has no speaker mention.")
            return
        self._article.select_span(mention)
        self.message.emit("Speaker mention selected; J or K returns to the records.")

    def show_mention_of_cell(self, index: QModelIndex) -> None:
        """Go to the mention (as G does) when ``index`` is a filled "Speaker at" cell:
        that cell links to a far mention, and a double click on it follows the link."""
        if index.column() == AttributionTableModel.MENTION and index.data():
            self.go_to_mention.trigger()

    def mark_document_done(self) -> None:
        """Mark the current document done, or say how many records are left."""
        document_id = self._current.document_id
        if document_id is None:
            self.message.emit("Open a document first.")
            return
        if self._store.document_summary(document_id).status is DocumentStatus.DONE:
            self.message.emit("The document is already marked done.")
            return
        left = attribution_operations.mark_document_done(
            store=self._store, changes=self._changes, document_id=document_id
        )
        if left:
            noun = "record is" if left == 1 else "records are"
            self.message.emit(f"Not done: {left} {noun} still unreviewed (N goes to the next).")
        else:
            self.message.emit("Document marked done.")

    def undo_last(self) -> None:
        """Undo the latest action and show the document and record it touched."""
        entry = attribution_operations.undo_last(store=self._store, changes=self._changes)
        if entry is None:
            self.message.emit("Nothing to undo.")
            return
        self._show_entry(entry)
        self.message.emit(f"Undid {describe_entry(entry)}.")

    def redo_last(self) -> None:
        """Redo the latest undone action and show what it touched."""
        entry = attribution_operations.redo_last(store=self._store, changes=self._changes)
        if entry is None:
            self.message.emit("Nothing to redo.")
            return
        self._show_entry(entry)
        self.message.emit(f"Redid {describe_entry(entry)}.")

    # -- helpers -----------------------------------------------------------------------
    def _show_entry(self, entry: HistoryEntry) -> None:
        # Across document switches: undo brings the annotator to what it changed.
        if entry.document_id is not None:
            self._current.set_document(entry.document_id)
        if entry.attribution_id is not None:
            try:
                still_there = self._store.attribution(entry.attribution_id)
            except KeyError:  # an undone "add": the record is gone
                return
            if still_there.document_id == self._current.document_id:
                self._current.set_attribution(entry.attribution_id)
