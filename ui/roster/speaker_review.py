"""Speakers in review: the roster's number keys, and fixing a wrong speaker everywhere.

:class:`SpeakerReview` connects the :class:`RosterPanel` to the current record:
keys 1 to 9 (or a double click) make the n-th roster entry the current record's
speaker. Whenever a record's speaker entity changes (number key, the speaker
picker, the selection), :meth:`SpeakerReview.offer_fix` looks for the following
candidate records that pointed at the same old entity and, if there are any,
shows :class:`SpeakerFixPrompt`: an inline bar above the article, not a modal
dialog, so the annotator can ignore it and go on. ``Y`` applies the fix to all of
them as one undoable action; ``Esc`` dismisses the bar.

Threading: main thread only; each step is one small store transaction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from quotes.model import Attribution
from ui.operations import roster_operations
from ui.operations.changes import ChangeKind
from ui.roster.roster_panel import RosterPanel
from ui.shell.action_group import ActionContext, ActionGroup, make_action


class SpeakerFixPrompt(QFrame):
    """The bar "3 following records also name X: Y fixes them to Z, Esc keeps them".

    ``fix_action`` (key ``Y``) and ``dismiss_action`` (``Esc``) are enabled only while
    the bar shows, so the keys do nothing the rest of the time. The window adds both
    actions to itself so they work wherever the focus is.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speakerFixPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The tooltip colours stand out from the page in both themes.
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it shows speakers' names
        self.label.setWordWrap(True)
        self.fix_action = QAction("&Fix the following records too", self)
        self.fix_action.setShortcut(QKeySequence("Y"))
        self.fix_action.setStatusTip("Give the following records with the same speaker the fix")
        self.fix_action.setIconText("Fix them (Y)")  # what the bar's button shows
        self.dismiss_action = QAction("&Keep them", self)
        self.dismiss_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.dismiss_action.setIconText("Keep them (Esc)")
        self.dismiss_action.triggered.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        for action in (self.fix_action, self.dismiss_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button)
        self.pending: tuple[list[int], int] | None = None
        self.dismiss()

    def offer(self, records: list[Attribution], *, wrong: str, right: str, speaker_id: int) -> None:
        """Show the offer to point ``records`` at ``speaker_id`` (named ``right``)."""
        ids = [a.id for a in records if a.id is not None]
        if not ids:
            self.dismiss()
            return
        self.pending = (ids, speaker_id)
        if len(ids) == 1:
            said = f"The following record also names “{wrong}”. Make it “{right}” too?"
        else:
            said = f"{len(ids)} following records also name “{wrong}”. Make them “{right}” too?"
        self.label.setText(said)
        self.fix_action.setEnabled(True)
        self.dismiss_action.setEnabled(True)
        self.show()

    def dismiss(self) -> None:
        """Hide the bar and forget the offer."""
        self.pending = None
        self.fix_action.setEnabled(False)
        self.dismiss_action.setEnabled(False)
        self.hide()


class SpeakerReview(ActionGroup):
    """Wires the roster to the current record and offers to fix following records.

    ``message(str)`` carries a line for the status bar.
    """

    def __init__(
        self, context: ActionContext, *, roster: RosterPanel, prompt: SpeakerFixPrompt
    ) -> None:
        super().__init__(context)
        self._roster = roster
        self._prompt = prompt

        self.from_selection = make_action(
            self,
            "New speaker from &selection",
            shortcut="Ctrl+Shift+S",
            tip="The selected words become a speaker of the roster",
            triggered=self.create_from_selection,
        )

        roster.set_number_keys_window_wide(True)
        roster.speaker_chosen.connect(self.assign)
        prompt.fix_action.triggered.connect(self.apply_fix)
        self._current.document_changed.connect(roster.set_document)
        self._current.document_changed.connect(lambda _id: prompt.dismiss())
        self._current.attribution_changed.connect(lambda _id: self._show_current_speaker())
        self._changes.changed.connect(self._on_changed)

    def actions(self) -> list[QAction | None]:
        """The Speakers menu: the roster's actions, then creating from the selection."""
        roster = self._roster.actions()
        return [*roster[:3], self.from_selection, None, *self._roster.number_actions()]

    def assign(self, speaker_id: int) -> Attribution | None:
        """Make roster entry ``speaker_id`` the current record's speaker (keys 1-9)."""
        attribution_id = self._require_record()
        if attribution_id is None:
            return None
        try:
            before = self._store.attribution(attribution_id)
            if before.entity_id == speaker_id:
                self.message.emit(
                    f"Not changed: the speaker already is {before.speaker_name or '(none)'}."
                )
                return before
            wrong = before.entity_id
            updated = roster_operations.assign_speaker_entity(
                store=self._store,
                changes=self._changes,
                attribution_id=attribution_id,
                speaker_id=speaker_id,
            )
        except (KeyError, ValueError) as error:
            self.message.emit(f"Speaker not changed: {error.args[0] if error.args else error}")
            return None
        self.message.emit(f"Speaker: {updated.speaker_name}")
        self.offer_fix(attribution_id, wrong, speaker_id)
        return updated

    def offer_fix(self, attribution_id: int, wrong: int | None, right: int | None) -> None:
        """After record ``attribution_id`` moved from entity ``wrong`` to ``right``,
        offer to move the following candidates that still point at ``wrong``."""
        if wrong is None or right is None or wrong == right:
            return
        following = roster_operations.following_with_speaker(
            store=self._store, attribution_id=attribution_id, speaker_id=wrong
        )
        if not following:
            self._prompt.dismiss()
            return
        self._prompt.offer(
            following,
            wrong=self._speaker_name(wrong),
            right=self._speaker_name(right),
            speaker_id=right,
        )

    def apply_fix(self) -> None:
        """Point the offered records at the new speaker (one undoable action)."""
        pending = self._prompt.pending
        self._prompt.dismiss()
        if pending is None:
            return
        ids, speaker_id = pending
        try:
            fixed = roster_operations.reassign_speakers(
                store=self._store, changes=self._changes, attribution_ids=ids, speaker_id=speaker_id
            )
        except (KeyError, ValueError) as error:
            self.message.emit(f"Not fixed: {error.args[0] if error.args else error}")
            return
        self.message.emit(f"Fixed the speaker of {len(fixed)} more record(s); Ctrl+Z undoes it.")

    def create_from_selection(self) -> None:
        """Add the selected words to the roster as a speaker (with that mention)."""
        selection = self._article.selected_span()
        if selection is None:
            self.message.emit("Select the speaker's name in the article first.")
            return
        words = selection.text_of(self._model.text)
        self._roster.create_from_text(words, mention=selection)

    # -- helpers -----------------------------------------------------------------------
    def _speaker_name(self, speaker_id: int) -> str:
        try:
            return self._store.speaker(speaker_id).name
        except KeyError:
            return "(removed speaker)"

    def _show_current_speaker(self) -> None:
        attribution_id = self._current.attribution_id
        entity = None
        if attribution_id is not None:
            try:
                entity = self._store.attribution(attribution_id).entity_id
            except KeyError:
                entity = None
        self._roster.set_current_speaker(entity)

    def _on_changed(self, kind: str, ids: tuple[int, ...]) -> None:
        if kind == ChangeKind.ATTRIBUTIONS and self._current.attribution_id in ids:
            self._show_current_speaker()
