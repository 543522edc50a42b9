"""The Annotation menu: the reviewer's keys and what each one does.

``AnnotationActions`` owns the ``QAction``s (with their shortcuts, which the menu
shows) and turns each into one call of ``ui.operations.attribution_operations``
on the current record. It reads the current record from :class:`CurrentRecord`
and the text selection from the :class:`ArticleView`; it never edits a view
directly: the views follow the change hub. Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from quotes.lexicon import Lexicon
from quotes.model import Attribution, Span, Status
from ui.operations import attribution_operations, navigation
from ui.operations.changes import ChangeKind
from ui.roster.speaker_dialog import SpeakerChoice, SpeakerDialog
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.tables.attribution_table import AttributionPanel


class AnnotationActions(ActionGroup):
    """Accept, reject, change the speaker, add a quotation, move between records.

    ``message(str)`` carries a line for the status bar (what was done, or why not).
    ``speaker_changed(int, object, object)``: a record's speaker entity changed, with
    the record id and the old and new roster ids (None when it had none), so the
    window can offer to fix the following records (``ui.roster.speaker_review``).
    ``lexicon`` is the user's cue lexicon (None: the shipped one), which the
    proposal for an added quotation reads its cue with, as imports do.
    ``speaker_dialog`` is the open speaker picker, if any (tests drive it), and
    ``accept_question`` the open question before accepting a record without cue
    and speaker.
    """

    speaker_changed = Signal(int, object, object)

    def __init__(
        self,
        context: ActionContext,
        *,
        attribution_panel: AttributionPanel,
        lexicon: Lexicon | None = None,
    ) -> None:
        super().__init__(context)
        self._panel = attribution_panel
        self._lexicon = lexicon
        self.speaker_dialog: SpeakerDialog | None = None
        # The open "accept without cue or speaker?" question, if any (tests answer it).
        self.accept_question: QMessageBox | None = None

        self.accept = make_action(
            self,
            "&Accept",
            shortcut="A",
            tip="Accept the current record and go to the next",
            triggered=lambda: self._on_record(self._accept),
        )
        self.reject = make_action(
            self,
            "&Reject",
            shortcut="R",
            tip="Reject the current record and go to the next",
            triggered=lambda: self._on_record(self._reject),
        )
        self.change_speaker = make_action(
            self,
            "Change &speaker…",
            shortcut="S",
            tip="Pick the speaker from the document's speakers",
            triggered=lambda: self._on_record(self._ask_speaker),
        )
        self.speaker_from_selection = make_action(
            self,
            "Speaker from se&lection",
            shortcut="Shift+S",
            tip="The selected words become the speaker",
            triggered=lambda: self._on_record(self._speaker_from_selection),
        )
        self.add_quotation = make_action(
            self,
            "Add &quotation from selection",
            shortcut=["Q", "Ctrl+N"],
            tip="The selected words become a new quotation",
            triggered=lambda: self._guarded(self._add_quotation),
        )
        self.next_record = make_action(
            self,
            "&Next record",
            shortcut="J",
            tip="Also Down in the record list",
            triggered=attribution_panel.select_next,
        )
        self.previous_record = make_action(
            self,
            "&Previous record",
            shortcut="K",
            tip="Also Up in the record list",
            triggered=attribution_panel.select_previous,
        )
        # Decision time is measured from the moment a record is shown (history, issue 4).
        self._current.attribution_changed.connect(lambda _id: self._store.start_decision())

    def actions(self) -> list[QAction | None]:
        """The menu's actions in order; None stands for a separator."""
        return [
            self.accept,
            self.reject,
            None,
            self.change_speaker,
            self.speaker_from_selection,
            self.add_quotation,
            None,
            self.next_record,
            self.previous_record,
        ]

    # -- the actions -----------------------------------------------------------------
    def _accept(self, attribution_id: int) -> None:
        record = self._store.attribution(attribution_id)
        if record.status is Status.ACCEPTED:
            self._advance_from(attribution_id, f"Record {attribution_id} was already accepted.")
        elif attribution_operations.lacks_cue_and_speaker(record):
            self._ask_accept_unattributed(attribution_id)
        else:
            self._accept_now(attribution_id)

    def _accept_now(self, attribution_id: int) -> None:
        attribution_operations.accept_attribution(
            store=self._store, changes=self._changes, attribution_id=attribution_id
        )
        self._advance_from(attribution_id, f"Accepted record {attribution_id}.")

    def _ask_accept_unattributed(self, attribution_id: int) -> None:
        """Ask (window-modal, without blocking) before accepting a record that says
        neither who spoke nor how: a dataset row with ``speaker: null``."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Accept without cue or speaker",
            f"Record {attribution_id} has neither a cue nor a speaker. Accept it as it is?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(button: int) -> None:
            self.accept_question = None
            if button == QMessageBox.StandardButton.Yes:
                self._on_record_id(attribution_id, self._accept_now)
            else:
                self.message.emit("Not accepted: S sets the speaker, C the cue.")

        box.finished.connect(answered)
        self.accept_question = box
        box.open()

    def _reject(self, attribution_id: int) -> None:
        if self._store.attribution(attribution_id).status is Status.REJECTED:
            self._advance_from(attribution_id, f"Record {attribution_id} was already rejected.")
            return
        attribution_operations.reject_attribution(
            store=self._store, changes=self._changes, attribution_id=attribution_id
        )
        self._advance_from(attribution_id, f"Rejected record {attribution_id}.")

    def _ask_speaker(self, attribution_id: int) -> None:
        document_id = self._current.document_id
        assert document_id is not None
        attribution = self._store.attribution(attribution_id)
        dialog = SpeakerDialog(
            self._store.speakers_for(document_id),
            current_name=attribution.speaker_name,
            parent=self._window,
        )
        selection = self._article.selected_span()
        if selection is not None:
            # With words selected, S offers them as the name (Enter takes them).
            dialog.filter_edit.setText(" ".join(selection.text_of(self._text()).split()))
        dialog.accepted.connect(
            lambda: self._guarded(
                lambda: self._apply_speaker(attribution_id, dialog.choice(), selection)
            )
        )
        dialog.finished.connect(lambda _result: setattr(self, "speaker_dialog", None))
        self.speaker_dialog = dialog
        dialog.open()

    def _apply_speaker(
        self, attribution_id: int, choice: SpeakerChoice | None, selection: Span | None
    ) -> None:
        if choice is None:
            return
        before = self._store.attribution(attribution_id)
        if choice.speaker is not None:
            updated = attribution_operations.choose_speaker(
                store=self._store,
                changes=self._changes,
                attribution_id=attribution_id,
                speaker=choice.speaker,
            )
        else:
            updated = attribution_operations.set_speaker(
                store=self._store,
                changes=self._changes,
                attribution_id=attribution_id,
                mention=selection,
                name=choice.new_name,
            )
        self._report_speaker(attribution_id, before, updated)

    def _speaker_from_selection(self, attribution_id: int) -> None:
        selection = self._require_selection("the speaker's name")
        if selection is None:
            return
        before = self._store.attribution(attribution_id)
        updated = attribution_operations.set_speaker_from_selection(
            store=self._store,
            changes=self._changes,
            attribution_id=attribution_id,
            text=self._text(),
            selection=selection,
        )
        self._report_speaker(attribution_id, before, updated)

    def _report_speaker(
        self, attribution_id: int, before: Attribution, updated: Attribution
    ) -> None:
        """Say what a speaker action did; when it changed the speaker, emit
        ``speaker_changed`` with the entity the record had before."""
        if updated == before:
            self.message.emit(
                f"Not changed: the speaker already is {before.speaker_name or '(none)'}."
            )
            return
        self.message.emit(f"Speaker: {updated.speaker_name or '(none)'}")
        self.speaker_changed.emit(attribution_id, before.entity_id, updated.entity_id)

    def _add_quotation(self) -> None:
        document_id = self._current.document_id
        if document_id is None:
            self.message.emit("Open a document first.")
            return
        selection = self._require_selection("the words of the quotation")
        if selection is None:
            return
        added = attribution_operations.add_quotation(
            store=self._store,
            changes=self._changes,
            document_id=document_id,
            text=self._text(),
            selection=selection,
            lexicon=self._lexicon,
        )
        self._current.set_attribution(added.id)
        article = "an" if added.type.value[0] in "aeiou" else "a"
        found = f"speaker {added.speaker_name}" if added.speaker_name else "no speaker (S sets one)"
        self.message.emit(
            f"Added {article} {added.type.value} quotation as a candidate with {found}; "
            "A confirms it."
        )

    # -- helpers ---------------------------------------------------------------------
    def _text(self) -> str:
        return self._panel.attribution_model().text

    def _require_selection(self, what: str) -> Span | None:
        selection = self._article.selected_span()
        if selection is None:
            self.message.emit(f"Select {what} in the article first.")
        return selection

    def _advance_from(self, attribution_id: int, said: str) -> None:
        # One key per decision: after accepting or rejecting, the next record is
        # current; after the list's last one, the document's next unreviewed record.
        note = None
        if self._current.attribution_id == attribution_id:
            self._panel.select_next()
            if self._current.attribution_id == attribution_id:
                note = navigation.open_next_unreviewed_in_document(
                    store=self._store, current=self._current
                )
        self.message.emit(f"{said} {note}" if note else said)

    def _on_record(self, action: Callable[[int], None]) -> None:
        attribution_id = self._require_record()
        if attribution_id is not None:
            self._on_record_id(attribution_id, action)

    def _on_record_id(self, attribution_id: int, action: Callable[[int], None]) -> None:
        if not self._guarded(lambda: action(attribution_id)):
            # The record may be gone (deleted elsewhere, undone): let the views
            # re-read it so they stop showing what is no longer there.
            self._changes.notify(ChangeKind.ATTRIBUTIONS, [attribution_id])
