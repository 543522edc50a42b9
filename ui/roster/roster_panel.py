"""The speaker roster of one document: who speaks, how they are named, how often.

:class:`~ui.roster.roster_model.SpeakerRosterModel` is a table model over
``Store.speakers_for(document_id)`` (key, name, variants, mention count);
:class:`RosterPanel` shows it
with the roster's actions: merge the selected entities, rename one, create one
from a given text, and the number keys 1 to 9, which choose the n-th speaker.

Wiring (for MainWindow)::

    roster = RosterPanel(store=store, changes=hub)
    current.document_changed.connect(roster.set_document)          # follow the document
    roster.speaker_chosen.connect(                                  # 1-9 / double click
        lambda sid: roster_operations.assign_speaker_entity(
            store=store, changes=hub, attribution_id=current.attribution_id, speaker_id=sid))
    roster.message.connect(window.statusBar().showMessage)
    roster.set_number_keys_window_wide(True)      # 1-9 work wherever the focus is
    # "New speaker from selection":  roster.create_from_text(words, mention=selection_span)
    # the cheat sheet lists roster.actions()

The panel refreshes itself on ``changed("speakers", ...)`` and ``changed("workspace")``
from the hub, so it never needs to be told after an operation. It ignores
``changed("attributions")`` (accepting or rejecting does not touch the roster), so
**every action that changes a record's speaker entity or the roster must also
notify** ``ChangeKind.SPEAKERS`` with the document id, as
``ui.operations.attribution_operations.set_speaker`` and everything in
``ui.operations.roster_operations`` do; so must undo and redo of such actions.
Refreshes are coalesced into one per event-loop turn and skipped while the panel is
hidden (done when it is shown), because re-reading the roster of a 1 MB article with
thousands of records takes a noticeable fraction of a second.

Text fields keep their digits: Qt gives a focused line edit the plain keys before any
shortcut. Threading: main thread only; each action is one small store transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from quotes.model import Span, Speaker
from storage.locking import is_locked_error
from storage.store import Store
from ui.operations import roster_operations
from ui.operations.changes import ChangeHub, ChangeKind
from ui.roster.roster_model import (
    NUMBER_KEYS,
    SPEAKER_ID_ROLE,
    SpeakerRosterModel,
)
from ui.shell.messages import describe_failure
from ui.tables.table_columns import fit_columns

#: ``ask_text(parent, title, label, initial) -> str | None``: prompt for a name,
#: None when the user cancels. Injectable so tests need no modal dialog.
AskText = Callable[[QWidget, str, str, str], str | None]


def ask_text_with_dialog(parent: QWidget, title: str, label: str, initial: str) -> str | None:
    """The default :data:`AskText`: a ``QInputDialog``."""
    text, ok = QInputDialog.getText(parent, title, label, text=initial)
    return text if ok else None


#: The widest the speaker-name column is fitted, in pixels (about 20 characters).
NAME_MAXIMUM_WIDTH = 150


class RosterPanel(QWidget):
    """The roster of the current document, with merge, rename, create and 1-9.

    Signals:
        ``speaker_chosen(int)``: a speaker id, from a number key, Enter or a double
        click; the window makes it the current record's speaker.
        ``message(str)``: one line for the status bar (what was done, or why not).
    """

    speaker_chosen = Signal(int)
    message = Signal(str)

    def __init__(
        self,
        *,
        store: Store,
        changes: ChangeHub,
        ask_text: AskText = ask_text_with_dialog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._changes = changes
        self._ask_text = ask_text
        self._document_id: int | None = None
        self._stale = False
        # One refresh per event-loop turn however many changes arrive (a merge of
        # three speakers notifies twice per pair).
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        self.model = SpeakerRosterModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        # Fitted once per roster (a reset), not ResizeToContents: that re-measures
        # every row whenever the current speaker's row turns bold.
        # The name column is capped (the tooltip has the whole name) so that "Also
        # named" keeps at least its header's width at the dock's default width.
        fit_columns(
            self.view,
            stretch_column=SpeakerRosterModel.VARIANTS,
            max_widths={SpeakerRosterModel.NAME: NAME_MAXIMUM_WIDTH},
        )
        self.view.doubleClicked.connect(self._choose_index)
        self.view.activated.connect(self._choose_index)

        self.merge_action = self._action("&Merge speakers", "Ctrl+M", self.merge_selected)
        self.rename_action = self._action("Re&name speaker…", "F2", self.rename_selected)
        self.new_action = self._action("New spea&ker…", "Ctrl+Shift+K", self.ask_new_speaker)
        # Short button labels keep the dock narrow; menus show the full texts.
        for action, short in ((self.merge_action, "Merge"), (self.rename_action, "Rename…")):
            action.setIconText(short)
        self.new_action.setIconText("New…")
        self._number_actions = [
            self._action(f"Speaker {n}", str(n), lambda _checked=False, n=n: self.choose_number(n))
            for n in range(1, NUMBER_KEYS + 1)
        ]
        for n, action in enumerate(self._number_actions, start=1):
            action.setText(f"Choose speaker {n} of the roster")

        self.title = QLabel("Speakers")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        for action in (self.merge_action, self.rename_action, self.new_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)

        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        changes.changed.connect(self._on_changed)
        self._update_actions()

    # -- public API --------------------------------------------------------------------
    @property
    def document_id(self) -> int | None:
        """The document whose roster is shown."""
        return self._document_id

    def set_document(self, document_id: int | None) -> None:
        """Show the roster of ``document_id`` (None: show nothing).

        While the panel is hidden the roster is read when it is shown.
        """
        if document_id != self._document_id:
            self.view.selectionModel().clearSelection()
        self._document_id = document_id
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        """Re-read the roster from the store now, keeping the selected speakers selected."""
        self._refresh_timer.stop()
        self._stale = False
        selected = self.selected_speaker_ids()
        if self._document_id is None:
            self.model.set_roster([])
        else:
            self.model.set_roster(self._store.speakers_for(self._document_id))
        self.select_speakers(selected)
        count = self.model.rowCount()
        self.title.setText(f"Speakers ({count})" if self._document_id is not None else "Speakers")
        self._update_actions()

    def set_current_speaker(self, speaker_id: int | None) -> None:
        """Emphasise the current record's speaker in the list."""
        self.model.set_current_speaker(speaker_id)

    def actions(self) -> list[QAction]:  # type: ignore[override]
        """The panel's actions with shortcuts (for menus and the cheat sheet)."""
        return [self.merge_action, self.rename_action, self.new_action, *self._number_actions]

    def number_actions(self) -> list[QAction]:
        """The actions of keys 1 to 9, in order."""
        return list(self._number_actions)

    def set_number_keys_window_wide(self, window_wide: bool) -> None:
        """Let keys 1-9 work anywhere in the window (True) or only in the panel."""
        context = (
            Qt.ShortcutContext.WindowShortcut
            if window_wide
            else Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        for action in self._number_actions:
            action.setShortcutContext(context)

    def selected_speaker_ids(self) -> list[int]:
        """The ids of the selected rows, in roster order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [i for i in (self.model.speaker_at(r).id for r in rows) if i is not None]

    def select_speakers(self, speaker_ids: list[int]) -> None:
        """Select the rows of ``speaker_ids`` (those still in the roster)."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for speaker_id in speaker_ids:
            row = self.model.row_of(speaker_id)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)

    # -- the actions -------------------------------------------------------------------
    def choose_number(self, number: int) -> None:
        """Choose the ``number``-th speaker (1-based), as key ``number`` does."""
        if self._stale:
            self.refresh()  # hidden behind another tab: the keys still follow the roster
        if not 1 <= number <= self.model.rowCount():
            self.message.emit(f"There is no speaker {number} in this document.")
            return
        speaker = self.model.speaker_at(number - 1)
        if speaker.id is not None:
            self.speaker_chosen.emit(speaker.id)

    def merge_selected(self) -> Speaker | None:
        """Merge the selected speakers into the first selected (the most mentioned)."""
        ids = self.selected_speaker_ids()
        document_id = self._document_id
        if document_id is None or len(ids) < 2:
            self.message.emit("Select two or more speakers to merge.")
            return None
        names = [self.model.speaker_at(self.model.row_of(i) or 0).name for i in ids]
        merged = self._guarded(
            lambda: roster_operations.merge_speakers(
                store=self._store, changes=self._changes, document_id=document_id, speaker_ids=ids
            )
        )
        if merged is not None:
            self.refresh()  # now, not next turn: the user is looking at this list
            self.select_speakers([merged.id] if merged.id is not None else [])
            self.message.emit(f"Merged {', '.join(names[1:])} into {merged.name}.")
        return merged

    def rename_selected(self) -> Speaker | None:
        """Ask for a new name for the (first) selected speaker and rename it."""
        ids = self.selected_speaker_ids()
        if not ids:
            self.message.emit("Select a speaker to rename.")
            return None
        old = self._store.speaker(ids[0])
        name = self._ask_text(self, "Rename speaker", "New name:", old.name)
        if name is None or not name.strip() or name.strip() == old.name:
            return None
        renamed = self._guarded(
            lambda: roster_operations.rename_speaker(
                store=self._store, changes=self._changes, speaker_id=ids[0], name=name
            )
        )
        if renamed is not None:
            self.refresh()
            self.message.emit(f"Renamed {old.name} to {renamed.name}.")
        return renamed

    def ask_new_speaker(self) -> Speaker | None:
        """Ask for a name and add that speaker to the roster."""
        if self._document_id is None:
            self.message.emit("Open a document first.")
            return None
        name = self._ask_text(self, "New speaker", "Name:", "")
        return self.create_from_text(name) if name else None

    def create_from_text(self, text: str, *, mention: Span | None = None) -> Speaker | None:
        """Add a speaker named by ``text`` (e.g. the words selected in the article,
        whose span is ``mention``), select it and return it; an existing speaker of
        that name is reused (and gains the mention)."""
        document_id = self._document_id
        if document_id is None:
            self.message.emit("Open a document first.")
            return None
        if not text.strip():
            self.message.emit("Select the speaker's name in the article first.")
            return None
        created = self._guarded(
            lambda: roster_operations.create_speaker(
                store=self._store,
                changes=self._changes,
                document_id=document_id,
                name=text,
                mention=mention,
            )
        )
        if created is not None and created.id is not None:
            self.refresh()
            self.select_speakers([created.id])
            self.message.emit(f"Speaker: {created.name}")
        return created

    # -- helpers -----------------------------------------------------------------------
    def _action(self, text: str, shortcut: str, slot: Callable[..., object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _choose_index(self, index: QModelIndex) -> None:
        speaker_id = index.data(SPEAKER_ID_ROLE)
        if speaker_id is not None:
            self.speaker_chosen.emit(speaker_id)

    def _guarded(self, operation: Callable[[], Speaker]) -> Speaker | None:
        # The store refuses bad names and stale ids with ValueError/KeyError, whose
        # messages are written for the user; a workspace locked by another program
        # changed nothing and is said so; anything else is a bug and propagates.
        try:
            return operation()
        except (ValueError, KeyError) as error:
            message = error.args[0] if error.args else str(error)
            self.message.emit(str(message))
            return None
        except Exception as error:
            if not is_locked_error(error):
                raise
            self.message.emit(describe_failure(error))
            return None

    def _update_actions(self, *_args: object) -> None:
        count = len(self.view.selectionModel().selectedRows())
        self.merge_action.setEnabled(count >= 2)
        self.rename_action.setEnabled(count == 1)
        self.new_action.setEnabled(self._document_id is not None)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _on_changed(self, kind: str, ids: tuple[int, ...]) -> None:
        if self._document_id is None:
            return
        concerns_us = (kind == ChangeKind.SPEAKERS and (not ids or self._document_id in ids)) or (
            kind == ChangeKind.WORKSPACE
        )
        if not concerns_us:
            return
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True
