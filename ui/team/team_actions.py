"""The Team menu: switch the layer you work in (Ctrl+L), open the agreement window.

``TeamActions`` also keeps the layer in sight: the window title ends with it
("… — alice's layer") and the status bar holds a button naming it, which opens
the switch dialog. Working in an annotator's layer records the decisions as that
annotator's (``ui.team.layer_operations.working_annotator``); the shared and gold
layers keep the name the window was opened with. Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

from ui.operations import navigation
from ui.operations.changes import ChangeKind
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.team.agreement_window import AgreementWindow
from ui.team.layer_dialog import LayerDialog
from ui.team.layer_operations import describe_layer, switch_layer, working_annotator


class TeamActions(ActionGroup):
    """Team > Switch layer… and Team > Agreement, and the layer's button and title.

    ``layer_switched(str)`` fires with the new layer once every view shows it. Build
    it after the window has its title: the layer is appended to that title.
    """

    layer_switched = Signal(str)

    def __init__(self, context: ActionContext) -> None:
        super().__init__(context)
        # The person at the keyboard, whichever layer they move to.
        self._own = self._store.annotator
        self._store.annotator = working_annotator(self._store.layer, self._own)
        self._base_title = self._window.windowTitle()
        self.layer_dialog: LayerDialog | None = None
        self.agreement_window: AgreementWindow | None = None

        self.switch_layer = make_action(
            self,
            "Switch &layer…",
            shortcut="Ctrl+L",
            tip="Work in another annotator's layer, the shared or gold layer, or a new one",
            triggered=self.ask_layer,
        )
        self.agreement = make_action(
            self,
            "&Agreement…",
            shortcut="Ctrl+Shift+A",
            tip="How far the annotators' layers agree, per pair and per document",
            triggered=lambda: self._guarded(self.show_agreement),
        )
        self.layer_button = QToolButton(self._window)
        self.layer_button.setAutoRaise(True)
        self.layer_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.layer_button.setToolTip(
            "The layer you work in: you see only its decisions. Click to switch (Ctrl+L)"
        )
        self.layer_button.clicked.connect(self.ask_layer)
        self._show_layer()
        # Another part of the window may move the store (the adjudication mode works in
        # gold): every workspace reload shows the layer afresh.
        self._changes.changed.connect(self._on_changed)
        # The agreement window is the main window's: it closes with it.
        self._window.installEventFilter(self)

    def actions(self) -> list[QAction | None]:
        """The Team menu, in order; None stands for a separator."""
        return [self.switch_layer, None, self.agreement]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            if self.agreement_window is not None:
                self.agreement_window.close()
        return False

    # -- the layer -----------------------------------------------------------------------
    def ask_layer(self) -> LayerDialog:
        """Open the switch dialog (window-modal, not blocking); switch when accepted."""
        dialog = LayerDialog(self._store, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._switch_to_chosen(dialog))
        self.layer_dialog = dialog
        dialog.open()
        return dialog

    def _switch_to_chosen(self, dialog: LayerDialog) -> None:
        name = dialog.chosen_layer()
        if name is not None:
            self._guarded(lambda: self.switch_to(name), title="Cannot switch layer")

    def switch_to(self, name: str) -> str:
        """Work in layer ``name`` (``''``: the shared layer; a new name: a new layer)."""
        before = self._store.layer
        layer = switch_layer(
            store=self._store,
            changes=self._changes,
            current=self._current,
            name=name,
            own=self._own,
        )
        self._show_layer()
        if layer != before:
            self.message.emit(f"Now in {describe_layer(layer)}: you see only its decisions.")
            self.layer_switched.emit(layer)
        return layer

    def _on_changed(self, kind: str, _ids: object) -> None:
        if kind == ChangeKind.WORKSPACE:
            self._show_layer()

    def _show_layer(self) -> None:
        shown = describe_layer(self._store.layer)
        self.layer_button.setText(shown)
        self._window.setWindowTitle(f"{self._base_title} — {shown}")

    # -- agreement -----------------------------------------------------------------------
    def show_agreement(self) -> AgreementWindow:
        """Show the agreement window (one per main window) and compute afresh.

        :raises ValueError: for an in-memory workspace, which a worker cannot open.
        """
        path = self._store.path
        if path is None:
            raise ValueError("agreement needs a workspace file; this one is in memory")
        if self.agreement_window is None:
            window = AgreementWindow(path, self._window)
            # Left open, it must not keep the application running on its own.
            window.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
            window.document_chosen.connect(self.show_document)
            window.document_opened.connect(self.go_to_document)
            self.agreement_window = window
        self.agreement_window.show()
        self.agreement_window.raise_()
        self.agreement_window.activateWindow()
        self.agreement_window.recompute()
        return self.agreement_window

    def show_document(self, document_id: int) -> None:
        """Show ``document_id`` in the main window (as the current layer sees it)."""
        navigation.open_hit(
            current=self._current,
            article_view=self._article,
            document_id=document_id,
            start=None,
            end=None,
        )

    def go_to_document(self, document_id: int) -> None:
        """Show ``document_id`` and bring the main window forward to work on it."""
        self.show_document(document_id)
        self._window.raise_()
        self._window.activateWindow()
