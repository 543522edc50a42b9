"""The main window: builds the panels, lays them out and wires their signals.

Nothing else happens here. The panels are views of two models
(:class:`DocumentListModel`, :class:`AttributionTableModel`) and of the current
selection (:class:`CurrentRecord`); the menus' actions live in
:class:`FileActions` and :class:`AnnotationActions`; changes reach every view
through one :class:`ChangeHub`. Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from storage.store import Store
from ui.annotation_actions import AnnotationActions
from ui.article_view import ArticleView
from ui.attribution_table import AttributionPanel, AttributionTableModel
from ui.changes import ChangeHub
from ui.current import CurrentRecord
from ui.document_list import DocumentListModel, DocumentListView
from ui.file_actions import FileActions
from ui.status_line import StatusLine

APP_TITLE = "Quote Annotator"


class MainWindow(QMainWindow):
    """The annotator's window on one workspace.

    ``workspace_requested(path, create)`` is re-emitted from File > Open/New
    workspace; the application answers it (``ui.application``).

    :param store: the main thread's store; the window uses it, the caller closes it.
    """

    workspace_requested = Signal(object, bool)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.changes = ChangeHub(self)
        self.current = CurrentRecord(self)
        self.document_model = DocumentListModel(store, self.changes, self)
        self.attribution_model = AttributionTableModel(store, self.changes, self)

        self.document_list = DocumentListView(self.document_model, self.current)
        self.article_view = ArticleView(self.attribution_model, self.current)
        self.attribution_panel = AttributionPanel(self.attribution_model, self.current)
        self.status_line = StatusLine(self.attribution_model, self.current, self)
        self.file_actions = FileActions(self, store=store, changes=self.changes)
        self.annotation_actions = AnnotationActions(
            self,
            store=store,
            changes=self.changes,
            current=self.current,
            article_view=self.article_view,
            attribution_panel=self.attribution_panel,
        )

        self._lay_out()
        self._build_menus()
        self._wire()
        self.current.set_document(self.document_model.first_document_id())

    def _lay_out(self) -> None:
        name = self.store.path.name if self.store.path else "in memory"
        self.setWindowTitle(f"{APP_TITLE} — {name}")
        self.setCentralWidget(self.article_view)
        self.documents_dock = self._dock("Documents", self.document_list, "documents")
        self.records_dock = self._dock("Records", self.attribution_panel, "records")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.documents_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.records_dock)
        self.setStatusBar(self.status_line)
        self.resize(1280, 820)
        self.resizeDocks([self.documents_dock], [400], Qt.Orientation.Horizontal)
        self.resizeDocks([self.records_dock], [260], Qt.Orientation.Vertical)

    def _dock(self, title: str, widget: QWidget, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() (issue 4) keys docks by object name
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        _fill(bar.addMenu("&File"), self.file_actions.actions())
        _fill(bar.addMenu("&Annotation"), self.annotation_actions.actions())
        view = bar.addMenu("&View")
        zoom_in = QAction("Zoom &in", self)
        zoom_in.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        zoom_out = QAction("Zoom &out", self)
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        zoom_in.triggered.connect(lambda: self.article_view.zoomIn(1))
        zoom_out.triggered.connect(lambda: self.article_view.zoomOut(1))
        _fill(
            view,
            [
                self.documents_dock.toggleViewAction(),
                self.records_dock.toggleViewAction(),
                None,
                zoom_in,
                zoom_out,
            ],
        )

    def _wire(self) -> None:
        self.current.document_changed.connect(self.attribution_model.load_document)
        self.article_view.attribution_clicked.connect(self.current.set_attribution)
        self.file_actions.message.connect(self.status_line.show_message)
        self.annotation_actions.message.connect(self.status_line.show_message)
        self.file_actions.workspace_requested.connect(self.workspace_requested)
        # After an import into an empty workspace, show the first document.
        self.document_model.modelReset.connect(self._show_first_if_none)

    def _show_first_if_none(self) -> None:
        if self.current.document_id is None:
            self.current.set_document(self.document_model.first_document_id())

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.file_actions.running
        if running is not None:
            # The worker's own transaction rolls back when cancelled: nothing half-written.
            running.cancel()
        super().closeEvent(event)


def _fill(menu: QMenu, actions: list[QAction | None]) -> None:
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
