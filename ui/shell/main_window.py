"""The main window: builds the panels, lays them out and wires their signals.

Nothing else happens here. The panels are views of two models
(:class:`DocumentListModel`, :class:`AttributionTableModel`) and of the current
selection (:class:`CurrentRecord`); the menus' actions live in
:class:`FileActions`, :class:`AnnotationActions`, :class:`ReviewActions`,
:class:`EditingActions`, :class:`SpeakerReview`, :class:`LearningActions`,
:class:`ViewActions`, :class:`TeamActions` and :class:`HelpActions` (the slow jobs
of File and Learning run one at a time through one :class:`JobRunner`);
changes reach every view through one :class:`ChangeHub`. Every shortcut is in a
menu, so the cheat sheet (``?``), which reads the menus, lists them all.
Threading: main thread only.

Layout: the article in the middle with the speaker-fix bar above it; documents
(with search as a tab) on the left, speakers (with the guidelines as a tab) on the
right, records below. With a :class:`ViewState` the layout, zoom, theme and the
last document and record are restored on opening and saved on closing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QVBoxLayout, QWidget

from storage.store import Store
from ui.article.article_view import ArticleView
from ui.io.file_actions import FileActions
from ui.learning.learning_actions import LearningActions
from ui.operations import navigation
from ui.operations.changes import ChangeHub
from ui.review.annotation_actions import AnnotationActions
from ui.review.editing_actions import EditingActions
from ui.review.guidelines_pane import GuidelinesPane
from ui.review.review_actions import ReviewActions
from ui.roster.roster_panel import RosterPanel
from ui.roster.speaker_review import SpeakerFixPrompt, SpeakerReview
from ui.shell.action_group import ActionContext
from ui.shell.cheat_sheet import CheatSheet, menu_actions
from ui.shell.current import CurrentRecord
from ui.shell.help_actions import HelpActions
from ui.shell.job_runner import JobRunner
from ui.shell.status_line import StatusLine
from ui.shell.tasks import TaskSetup
from ui.shell.view_actions import ViewActions
from ui.shell.view_state import ViewState
from ui.shell.write_retries import WriteRetries
from ui.tables.attribution_table import AttributionPanel, AttributionTableModel
from ui.tables.document_list import DocumentListModel, DocumentListPanel
from ui.tables.search_panel import SearchPanel
from ui.team.adjudication_mode import AdjudicationMode
from ui.team.team_actions import TeamActions

APP_TITLE = "Quote Annotator"


class MainWindow(QMainWindow):
    """The annotator's window on one workspace.

    ``workspace_requested(path, create)`` is re-emitted from File > Open/New
    workspace; the application answers it (``ui.shell.application``).

    :param store: the main thread's store; the window uses it, the caller closes it.
    :param view_state: where the layout, zoom, theme and last position are kept;
        None (tests, scripts) restores and saves nothing and leaves the
        application's theme alone.
    :param tasks: what the import, export, training and re-suggest workers are given
        (the cue lexicon, which Q's proposals use too); None: the defaults.
    """

    workspace_requested = Signal(object, bool)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        view_state: ViewState | None = None,
        tasks: TaskSetup | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.view_state = view_state
        self.changes = ChangeHub(self)
        self.current = CurrentRecord(self)
        self.document_model = DocumentListModel(store, self.changes, self)
        self.attribution_model = AttributionTableModel(store, self.changes, self)

        self.document_panel = DocumentListPanel(
            store, self.document_model, self.current, self.changes
        )
        self.document_list = self.document_panel.view
        self.article_view = ArticleView(self.attribution_model, self.current)
        self.attribution_panel = AttributionPanel(self.attribution_model, self.current)
        self.roster_panel = RosterPanel(store=store, changes=self.changes)
        self.search_panel = SearchPanel(store=store, changes=self.changes)
        self.guidelines_pane = GuidelinesPane()
        self.speaker_fix_prompt = SpeakerFixPrompt()
        self.status_line = StatusLine(self.attribution_model, self.current, self, store=store)

        self.write_retries = WriteRetries(self)
        context = ActionContext(
            window=self,
            store=store,
            changes=self.changes,
            current=self.current,
            article_view=self.article_view,
            model=self.attribution_model,
            retries=self.write_retries,
        )
        self.job_runner = JobRunner(self)
        self.file_actions = FileActions(context, setup=tasks, runner=self.job_runner)
        self.learning_actions = LearningActions(context, runner=self.job_runner, setup=tasks)
        self.annotation_actions = AnnotationActions(
            context,
            attribution_panel=self.attribution_panel,
            lexicon=self.file_actions.setup.lexicon,
        )
        self.review_actions = ReviewActions(context)
        self.editing_actions = EditingActions(context)
        self.speaker_review = SpeakerReview(
            context, roster=self.roster_panel, prompt=self.speaker_fix_prompt
        )
        self.adjudication = AdjudicationMode(context)

        self._lay_out()
        self.view_actions = ViewActions(context, view_state=view_state)
        self.help_actions = HelpActions(context, view_state=view_state)
        self.team_actions = TeamActions(context)  # after _lay_out: it extends the title
        self._build_menus()
        self.cheat_sheet = CheatSheet(self, lambda: menu_actions(self.menuBar()))
        self.help_menu.insertAction(self.help_menu.actions()[0], self.cheat_sheet.action)
        self._wire()
        self._restore()

    # -- building ----------------------------------------------------------------------
    def _lay_out(self) -> None:
        name = self.store.path.name if self.store.path else "in memory"
        self.setWindowTitle(f"{APP_TITLE} — {name}")
        centre = QWidget(self)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.speaker_fix_prompt)
        column.addWidget(self.article_view, 1)
        self.setCentralWidget(centre)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.documents_dock = self._dock("Documents", self.document_panel, "documents", left)
        self.search_dock = self._dock("Search", self.search_panel, "search", left)
        self.roster_dock = self._dock("Speakers", self.roster_panel, "speakers", right)
        self.guidelines_dock = self._dock("Guidelines", self.guidelines_pane, "guidelines", right)
        self.records_dock = self._dock(
            "Records", self.attribution_panel, "records", Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.adjudication_dock = self._dock(
            "Adjudication",
            self.adjudication.panel,
            "adjudication",
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.tabifyDockWidget(self.records_dock, self.adjudication_dock)
        self.adjudication_dock.hide()  # shown by the adjudication mode
        self.tabifyDockWidget(self.documents_dock, self.search_dock)
        self.tabifyDockWidget(self.roster_dock, self.guidelines_dock)
        self.documents_dock.raise_()
        self.roster_dock.raise_()
        self.setStatusBar(self.status_line)
        self.resize(1280, 820)
        self._layout_restored = False

    def _dock(self, title: str, widget: QWidget, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() keys docks by object name
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        _fill(bar.addMenu("&File"), self.file_actions.actions())
        _fill(
            bar.addMenu("&Edit"),
            [*self.review_actions.edit_actions(), None, self.search_panel.find_action],
        )
        _fill(
            bar.addMenu("&Annotation"),
            [*self.annotation_actions.actions(), None, *self.review_actions.actions()],
        )
        _fill(bar.addMenu("S&pans"), self.editing_actions.actions())
        prompt = self.speaker_fix_prompt
        _fill(
            bar.addMenu("&Speakers"),
            [*self.speaker_review.actions(), None, prompt.fix_action, prompt.dismiss_action],
        )
        docks = [
            self.documents_dock,
            self.records_dock,
            self.roster_dock,
            self.search_dock,
            self.guidelines_dock,
        ]
        _fill(
            bar.addMenu("&View"),
            [*(d.toggleViewAction() for d in docks), None, *self.view_actions.actions()],
        )
        # Like a Tools menu, after View: training and re-suggesting act on the workspace.
        _fill(bar.addMenu("&Learning"), self.learning_actions.actions())
        _fill(
            bar.addMenu("&Team"), [*self.team_actions.actions(), None, *self.adjudication.actions()]
        )
        self.help_menu = bar.addMenu("&Help")
        _fill(
            self.help_menu,
            [
                *self.help_actions.tour_actions(),
                None,
                *self.guidelines_pane.actions(),
                None,
                *self.help_actions.about_actions(),
            ],
        )
        # Menu actions' shortcuts work window-wide only if the window holds them
        # too (a hidden menu bar, e.g. under some desktops, would disable them).
        for action in menu_actions(bar):
            self.addAction(action)

    def _wire(self) -> None:
        self.current.document_changed.connect(self.attribution_model.load_document)
        self.article_view.attribution_clicked.connect(self.current.set_attribution)
        for source in (
            self.job_runner,
            self.file_actions,
            self.learning_actions,
            self.annotation_actions,
            self.review_actions,
            self.editing_actions,
            self.speaker_review,
            self.roster_panel,
            self.guidelines_pane,
            self.write_retries,
            self.team_actions,
            self.adjudication,
        ):
            source.message.connect(self.status_line.show_message)
        self.annotation_actions.speaker_changed.connect(self.speaker_review.offer_fix)
        self.file_actions.workspace_requested.connect(self.workspace_requested)
        self.adjudication.active_changed.connect(self._show_adjudication)
        self.adjudication.active_changed.connect(self.status_line.show_adjudication_keys)
        self.search_panel.hit_activated.connect(self.open_document_at)
        self.attribution_panel.doubleClicked.connect(self.review_actions.show_mention_of_cell)
        self.learning_actions.uncertainty_order_changed.connect(
            self.review_actions.set_next_by_uncertainty
        )
        self.search_panel.find_action.triggered.connect(self._show_search)
        self.status_line.addPermanentWidget(self.team_actions.layer_button)
        self.team_actions.layer_switched.connect(self.view_actions.refresh_statistics)
        # An offer to fix records of the layer left behind must not apply to this one.
        self.team_actions.layer_switched.connect(lambda _: self.speaker_fix_prompt.dismiss())
        # After an import into an empty workspace, show the first document.
        self.document_model.modelReset.connect(self._show_first_if_none)

    def _restore(self) -> None:
        """Open the last document and record (with a view state), else the first."""
        state = self.view_state
        if state is not None:
            self._layout_restored = state.restore_window(self)
            self.guidelines_pane.load(state.guidelines_path())
            self.guidelines_pane.source_changed.connect(state.save_guidelines_path)
            self.learning_actions.keep_order_choice(state)
            position = state.last_position(self.store.path)
            if position is not None and navigation.open_position(
                store=self.store,
                current=self.current,
                records=self.attribution_model,
                document_id=position[0],
                attribution_id=position[1],
            ):
                return
        navigation.open_first_document(current=self.current, documents=self.document_model)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            # Dock sizes only stick once the window has its size: the article keeps
            # most of the width, the records a third of the height.
            self._layout_restored = True
            self.resizeDocks(
                [self.documents_dock, self.roster_dock], [360, 340], Qt.Orientation.Horizontal
            )
            self.resizeDocks([self.records_dock], [250], Qt.Orientation.Vertical)

    # -- slots -------------------------------------------------------------------------
    def open_document_at(self, document_id: int, start: int | None, end: int | None) -> None:
        """Show ``document_id`` with ``start``..``end`` selected (a search hit)."""
        navigation.open_hit(
            current=self.current,
            article_view=self.article_view,
            document_id=document_id,
            start=start,
            end=end,
        )

    def _show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_search()

    def _show_adjudication(self, shown: bool) -> None:
        self.adjudication_dock.setVisible(shown)
        if shown:
            self.adjudication_dock.raise_()

    def _show_first_if_none(self) -> None:
        navigation.open_first_document(
            current=self.current, documents=self.document_model, unless_open=True
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.job_runner.running
        if running is not None:
            # The worker's own transaction rolls back when cancelled: nothing half-written
            # (a training keeps the previous model).
            running.cancel()
        # Deferred refreshes (roster, counts, pace) must not run after the window is
        # gone: the caller closes the store next.
        for timer in self.findChildren(QTimer):
            timer.stop()
        if self.view_state is not None:
            self.view_state.save_window(self)
            self.remember_position()
            self.view_state.sync()
        super().closeEvent(event)

    def remember_position(self) -> None:
        """Keep the open document and record in the view state (if any), so that the
        next window on this workspace opens there."""
        if self.view_state is not None:
            self.view_state.save_last_position(
                self.store.path, self.current.document_id, self.current.attribution_id
            )


def _fill(menu: QMenu, actions: list[QAction | None]) -> None:
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
