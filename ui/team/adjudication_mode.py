"""The adjudication mode: walk the disagreements one at a time and choose into gold.

Team > Adjudicate (:attr:`AdjudicationMode.enter_action`) switches the window's store
to the gold layer and, in a worker (``adjudication_worker``), puts the majority into
gold and finds the disagreements left. They are walked in document and text order:
the document opens in the article view with every annotator's version drawn over
the text (``adjudication_overlay``) and shown side by side in the panel
(``adjudication_panel``). The keys:

=========  ===============================================================
1 – 9      take annotator n's version (the panel's column n)
A          take the majority: the largest group of versions that agree, or
           reject when more annotators have no version at all
R          reject all versions (the gold layer records the rejection)
N          the next disagreement (this one stays open for later)
Esc        leave the mode: the store goes back to the layer it was in
=========  ===============================================================

Each choice is one ``take_version``: one undoable action of the gold layer that
names the adjudicator and which versions agreed. The record taken becomes the
current record, so the span keys (``ui.review.editing_actions``) edit it, and the
walk moves on to the next open disagreement of the document. After a document's
last one the document stays shown, with the record taken still current and
editable, until N opens the next document's. Ctrl+Z (the window's undo) undoes a
choice: the disagreement comes back as open and is shown again. Whether a
disagreement is decided is read back from the gold layer (``adjudication_walk``)
whenever the change hub reports a change, so undo and redo need no special case.

The mode's actions have their keys only while it is on: it borrows them from the
window's other actions (accept, reject, next unreviewed, the roster's numbers, the
speaker prompt's Esc) and gives them back when it ends, so no two actions ever
share a key. Threading: main thread only; the worker opens its own store on the file.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor

from jobs.team.adjudication import MAJORITY, OpenDisagreement, take_version
from quotes.model import Attribution
from storage.connection import GOLD_LAYER, SHARED_LAYER
from ui.article.text_offsets import TextOffsets
from ui.operations.changes import ChangeKind
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.shell.workers import TaskHandle, run_task
from ui.team.adjudication_overlay import VersionOverlay, version_marks
from ui.team.adjudication_panel import AdjudicationPanel, majority_rejects
from ui.team.adjudication_walk import DisagreementWalk
from ui.team.adjudication_worker import FoundDisagreements, find_disagreements

#: How many annotators the number keys reach.
NUMBER_KEYS = 9


class AdjudicationMode(ActionGroup):
    """The adjudication mode of one window (see the module docstring).

    ``message(str)`` carries a line for the status bar; ``active_changed(bool)``
    fires on entering and leaving (the window shows or hides :attr:`panel`'s dock);
    ``walk_ready()`` once the disagreements are found and the first is shown.
    """

    active_changed = Signal(bool)
    walk_ready = Signal()

    def __init__(self, context: ActionContext) -> None:
        super().__init__(context)
        self.panel = AdjudicationPanel()
        self.overlay = VersionOverlay(self._article)
        self.enter_action = make_action(
            self,
            "&Adjudicate",
            tip="Walk the annotators' disagreements and choose the gold version",
            triggered=self.enter,
        )
        self.take_actions = [
            make_action(
                self,
                f"Take annotator {n}'s version",
                shortcut=str(n),
                tip=f"Adjudicating: the gold version is annotator {n}'s",
                triggered=partial(self.take_number, n),
            )
            for n in range(1, NUMBER_KEYS + 1)
        ]
        self.majority_action = make_action(
            self,
            "Take the &majority",
            shortcut="A",
            tip="Adjudicating: the version most annotators agree on (★), or none",
            triggered=self.take_majority,
        )
        self.reject_action = make_action(
            self,
            "&Reject all versions",
            shortcut="R",
            tip="Adjudicating: the gold layer has no such quotation",
            triggered=self.reject_all,
        )
        self.next_action = make_action(
            self,
            "&Next disagreement",
            shortcut="N",
            tip="Adjudicating: leave this one for later, or open the next document's",
            triggered=self.show_next,
        )
        self.leave_action = make_action(
            self,
            "&Leave adjudication",
            shortcut="Esc",
            tip="Back to the layer you were working in",
            triggered=self.leave,
        )
        self._active = False
        self._previous_layer = SHARED_LAYER
        self._walk: DisagreementWalk | None = None
        self._task: TaskHandle | None = None
        self._borrowed: list[tuple[QAction, list[QKeySequence]]] = []
        # True while a choice notifies its own change: the choice moves on itself.
        self._choosing = False
        # True after the last choice in a document, until N opens the next one: the
        # record just taken stays current (and editable) with its document.
        self._document_done = False
        self._keys = {action: action.shortcuts() for action in self.mode_actions()}
        self._enable_keys(False)
        self._changes.changed.connect(self._on_changed)
        self._model.modelReset.connect(self._follow_document)
        # Closing the window in the mode leaves it first (the dock is not saved shown).
        self._window.installEventFilter(self)

    # -- state -----------------------------------------------------------------------
    def actions(self) -> list[QAction | None]:
        """The Team menu's share: the mode, then its keys; None is a separator."""
        return [self.enter_action, None, *self.mode_actions()]

    def mode_actions(self) -> list[QAction]:
        """The actions whose keys work only in the mode."""
        choices = [*self.take_actions, self.majority_action, self.reject_action]
        return [*choices, self.next_action, self.leave_action]

    @property
    def active(self) -> bool:
        """Whether the window is in the adjudication mode."""
        return self._active

    @property
    def walk(self) -> DisagreementWalk | None:
        """The disagreements being walked (None before they are found)."""
        return self._walk

    @property
    def document_done(self) -> bool:
        """Whether the last choice finished its document and N opens the next one."""
        return self._document_done

    @property
    def finding(self) -> bool:
        """Whether the worker is still finding the disagreements."""
        return self._task is not None

    # -- entering and leaving --------------------------------------------------------
    def enter(self) -> None:
        """Switch to the gold layer and start finding the disagreements (in a worker)."""
        if self._active:
            self._show_current()
            return
        self._active = True
        self._previous_layer = self._store.layer
        self._switch_layer(GOLD_LAYER)
        self._enable_keys(True)
        self.panel.show_waiting()
        self.active_changed.emit(True)
        self._article.setFocus(Qt.FocusReason.OtherFocusReason)
        self.message.emit("Adjudication: finding the disagreements…")
        path = self._store.path
        if path is None:
            found = find_disagreements(
                None,
                annotator=self._store.annotator,
                store=self._store,
                progress=lambda _n: None,
                is_cancelled=lambda: False,
            )
            self._on_found(found, None)
            return
        task = partial(find_disagreements, path, annotator=self._store.annotator)
        handle = run_task(task, name="finding disagreements")
        # Connected after the start: the result is queued to this thread's event loop.
        handle.finished.connect(partial(self._on_found_by, handle))
        self._task = handle

    def leave(self) -> None:
        """Leave the mode: back to the previous layer, with the window's own keys."""
        if not self._active:
            return
        if self._task is not None:
            self._task.cancel()  # its result is ignored when it arrives
            self._task = None
        self._active = False
        self._walk = None
        self._document_done = False
        self._enable_keys(False)
        self.overlay.clear()
        self.active_changed.emit(False)
        self._switch_layer(self._previous_layer)
        layer = self._previous_layer or "the shared layer"
        self.message.emit(f"Left adjudication; back in {layer}.")

    def _on_found_by(self, handle: TaskHandle, result: object, error: object) -> None:
        if handle is self._task:  # else left (or left and came back) while it ran
            self._task = None
            self._on_found(result, error if isinstance(error, BaseException) else None)

    def _on_found(self, result: object, error: BaseException | None) -> None:
        if error is not None or not isinstance(result, FoundDisagreements):
            self.leave()
            self.message.emit(f"Cannot adjudicate: {error}")
            return
        self._walk = DisagreementWalk(result.items)
        # The worker wrote the majority's gold versions: every view reads them again.
        self._changes.notify(ChangeKind.WORKSPACE)
        self._show_current()
        self.message.emit(f"{result.majority.summary()}.")
        self.walk_ready.emit()

    def _switch_layer(self, layer: str) -> None:
        self._current.set_attribution(None)
        self._store.layer = layer
        self._changes.notify(ChangeKind.WORKSPACE)

    def _enable_keys(self, on: bool) -> None:
        """Give the mode its keys, borrowing them from the window's other actions
        (on), or give them back (off). Outside the mode its actions have no keys, so
        no two actions of the window ever share one."""
        mine = self.mode_actions()
        for action in mine:
            action.setEnabled(on)
            action.setShortcuts(self._keys[action] if on else [])
        if not on:
            for action, shortcuts in self._borrowed:
                action.setShortcuts(shortcuts)
            self._borrowed = []
            return
        keys = {key.toString() for action in mine for key in self._keys[action]}
        for action in self._window.findChildren(QAction):
            if action in mine:
                continue
            shortcuts = action.shortcuts()
            kept = [s for s in shortcuts if s.toString() not in keys]
            if len(kept) != len(shortcuts):
                self._borrowed.append((action, shortcuts))
                action.setShortcuts(kept)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.leave()
        return False

    # -- the choices -----------------------------------------------------------------
    def take_number(self, number: int) -> None:
        """Take the version of annotator ``number`` (1-based, the panel's column)."""
        item = self._require_item()
        if item is None:
            return
        count = len(item.annotators)
        if number > count:
            self.message.emit(f"There are {count} annotators: keys 1–{count} take their versions.")
            return
        name = item.annotators[number - 1]
        if item.version_of(name) is None:
            self.message.emit(
                f"{name} (key {number}) has no version of this quotation: take another "
                "annotator's, A for the majority or R to reject all."
            )
            return
        self._take(item, name, f"Took {name}'s version")

    def take_majority(self) -> None:
        """Take the majority: its version, or no quotation when most have none."""
        item = self._require_item()
        if item is None:
            return
        disagreement = item.disagreement
        if majority_rejects(item):
            absent, count = len(disagreement.absent), len(item.annotators)
            self._take(item, None, f"Rejected: {absent} of {count} annotators have none")
            return
        names = ", ".join(disagreement.supporters)
        self._take(item, MAJORITY, f"Took the majority's version ({names})")

    def reject_all(self) -> None:
        """Reject every version: the gold layer records that there is no quotation."""
        item = self._require_item()
        if item is not None:
            self._take(item, None, "Rejected all versions")

    def _require_item(self) -> OpenDisagreement | None:
        if self._walk is None:
            self.message.emit("Still finding the disagreements…")
            return None
        item = self._walk.current
        if item is None:
            self.message.emit(f"{self._walk.progress()} Esc leaves adjudication.")
        elif self._document_done:
            self.message.emit("This document is adjudicated: N opens the next disagreement.")
            return None
        elif self._current.document_id != item.document_id:
            # Another document was opened meanwhile: never choose for one not shown.
            self._show_current()
            self.message.emit("Back at the disagreement: press the key again to choose.")
            return None
        return item

    def show_next(self) -> None:
        """Open the next disagreement: after a finished document, the next document's
        first; otherwise the next open one, leaving the shown one for later."""
        walk = self._walk
        if walk is None or walk.current is None:
            self._require_item()
            return
        if not self._document_done:
            walk.advance()
        self._document_done = False
        self._show_current()
        self.message.emit(self.panel.progress_label.text())

    def _take(self, item: OpenDisagreement, choice: str | None, said: str) -> None:
        made: list[Attribution] = []
        if not self._guarded(lambda: made.append(take_version(self._store, item, choice))):
            return
        assert self._walk is not None and made[0].id is not None
        self._choosing = True
        try:
            self._changes.notify(ChangeKind.ATTRIBUTIONS, [made[0].id])
            self._changes.notify(ChangeKind.DOCUMENTS, [item.document_id])
        finally:
            self._choosing = False
        # The span keys work on the current record: the one just made.
        self._current.set_attribution(made[0].id)
        following = self._walk.advance()
        if following is not None and following.document_id != item.document_id:
            # Stay with this document (and the record just taken) until N.
            self._document_done = True
            self.overlay.clear()
            self._show_progress()
            self.message.emit(
                f"{said}; this document is done (the span keys edit the record taken). "
                "N opens the next disagreement."
            )
            return
        self._show_current()
        if following is None:
            self.message.emit(f"{said}. {self._walk.progress()}")
        else:
            self.message.emit(f"{said}; the span keys edit it. {self._walk.progress()}.")

    # -- following the store and the views ------------------------------------------
    def _on_changed(self, kind: str, ids: tuple[int, ...]) -> None:
        walk = self._walk
        if not self._active or walk is None:
            return
        if kind == ChangeKind.WORKSPACE:
            documents = walk.documents()
        elif kind == ChangeKind.DOCUMENTS:
            documents = list(ids)
        elif kind == ChangeKind.ATTRIBUTIONS and walk.current is not None:
            documents = [walk.current.document_id]
        else:
            return
        reopened = walk.refresh(self._store, documents)
        if self._choosing:
            return
        if reopened:
            walk.go_to(reopened[0])  # an undone choice: show it again
            self._document_done = False
            self._show_current()
        elif walk.position is not None and walk.is_decided(walk.position):
            walk.advance()  # decided elsewhere (redo)
            self._document_done = False
            self._show_current()
        else:
            self._show_progress()

    def _show_current(self) -> None:
        """Open the current disagreement's document, draw its versions, fill the panel."""
        walk = self._walk
        if walk is None:
            return
        item = walk.current
        if item is None:
            self.overlay.clear()
            self.panel.show_item(None, "", walk.progress(), "")
            return
        self._current.set_document(item.document_id)
        self._follow_document()
        # The caret (no selection: the span keys must not take it for chosen words)
        # at the versions' start, scrolled to the middle of the view.
        start = min(s for s, _ in item.spans())
        cursor = QTextCursor(self._article.document())
        cursor.setPosition(TextOffsets(self._model.text).to_qt(start))
        self._article.setTextCursor(cursor)
        self._article.centerCursor()
        self._show_progress()

    def _show_progress(self) -> None:
        walk = self._walk
        if walk is None:
            return
        item = walk.current
        if item is None:
            self.panel.show_item(None, "", walk.progress(), "")
            return
        document = self._model.document()
        title = (document.title if document else "") or f"Document {item.document_id}"
        if self._document_done:
            self.panel.show_document_done(walk.progress(), title)
            return
        start = min(s for s, _ in item.spans())
        where = f"{title} · paragraph {self._model.paragraph_of(start)}"
        self.panel.show_item(item, self._model.text, walk.progress(), where)

    def _follow_document(self) -> None:
        """Draw the current disagreement's versions when its document is shown."""
        walk = self._walk
        item = None if walk is None or not self._active else walk.current
        if self._document_done:
            item = None
        document = self._model.document()
        if item is None or document is None or document.id != item.document_id:
            self.overlay.clear()
            return
        self.overlay.set_marks(version_marks(item, TextOffsets(self._model.text)))
