"""Starting the GUI: the QApplication, the workspace's store and its window.

``run_gui`` is what ``app.py`` calls. ``WorkspaceSession`` holds the one open
workspace (store, window, and the lock that keeps a second GUI off the file) and
switches it on File > Open/New workspace.
Threading: main thread only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from jobs.samples import seed_samples as import_samples
from quotes.lexicon import Lexicon
from storage.store import Store
from storage.workspace_file import inspect_workspace_file
from ui.shell.main_window import APP_TITLE, MainWindow
from ui.shell.messages import show_error
from ui.shell.tasks import TaskSetup
from ui.shell.theme import apply_theme
from ui.shell.view_state import ViewState
from ui.shell.workers import running_tasks
from ui.shell.workspace_lock import WorkspaceLock


class WorkspaceSession:
    """The open workspace: one store and its window; opens another on request.

    :param annotator: the name recorded on every action in the history.
    :param layer: the annotation layer every workspace opens in (``--annotator NAME``:
        NAME's); None: each workspace's own default layer.
    :param view_state: where windows keep their layout, zoom, theme and last
        position (None: nowhere, as in tests).
    :param lexicon: the cues imports pre-annotate with (None: the shipped ones).
    """

    def __init__(
        self,
        *,
        annotator: str = "annotator",
        layer: str | None = None,
        view_state: ViewState | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.annotator = annotator
        self.layer = layer
        self.tasks = TaskSetup(lexicon=lexicon)
        self.view_state = view_state
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self.lock: WorkspaceLock | None = None
        #: The question asked before an empty file becomes a workspace, while open.
        self.creation_question: QMessageBox | None = None

    def request(self, path: Path, *, create: bool) -> None:
        """Answer File > Open/New workspace.

        Opening a file that is not a workspace yet (empty, or SQLite without
        tables) asks first whether to make it one (``creation_question``, answered
        asynchronously); everything else goes to :meth:`open`.
        """
        path = Path(path)
        found = inspect_workspace_file(path)
        if create or found.kind != "new":
            self.open(path, create=create)
            return
        why = "does not exist" if found.detail == "missing" else "is empty"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Open workspace",
            f"{path} {why}: it is not a Quote Annotator workspace yet.\n\n"
            "Make it a new, empty workspace?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a path may hold "<"
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(button: int) -> None:
            self.creation_question = None
            if button == QMessageBox.StandardButton.Yes:
                self.open(path)

        box.finished.connect(answered)
        self.creation_question = box
        box.open()

    def open(self, path: Path, *, create: bool = False, seed_samples: bool = False) -> bool:
        """Open (or with ``create`` make) the workspace at ``path`` and show its window.

        The store refuses files that are not workspaces (another program's
        database, a damaged file) and leaves them untouched; a workspace open in
        another GUI is refused too (``WorkspaceLock``). On failure the user is told
        why and the current workspace stays open.
        :returns: whether the new workspace is open.
        """
        path = Path(path)
        if create and path.exists():
            self._fail(f"{path} already exists. Use File > Open workspace to open it.")
            return False
        lock = self._lock_for(path)
        if isinstance(lock, str):
            self._fail(lock, title="Workspace in use")
            return False
        try:
            store = Store(path, annotator=self.annotator, layer=self.layer)
        except Exception as error:  # WorkspaceError, sqlite3.Error, OSError
            self._release_unless_current(lock)
            self._fail(f"Cannot open the workspace {path}:\n{error}")
            return False
        # The store may have made the folder the lock could not be written to yet.
        refusal = None if lock.held else lock.acquire()
        if refusal is not None:
            store.close()
            self._fail(refusal, title="Workspace in use")
            return False
        try:
            if seed_samples:
                import_samples(store, lexicon=self.tasks.lexicon)
        except Exception as error:
            store.close()
            self._release_unless_current(lock)
            self._fail(f"Cannot open the workspace {path}:\n{error}")
            return False
        self._show(store, lock)
        return True

    def _show(self, store: Store, lock: WorkspaceLock) -> None:
        """Make ``store`` the open workspace in a new window; close the old ones."""
        if self.window is not None:
            # The window being replaced keeps its place in its own workspace (before
            # the new window reads it: both may be on the same workspace).
            self.window.remember_position()
        window = MainWindow(store, view_state=self.view_state, tasks=self.tasks)
        window.workspace_requested.connect(lambda new_path, new: self.request(new_path, create=new))
        old_store, old_window, old_lock = self.store, self.window, self.lock
        self.store, self.window, self.lock = store, window, lock
        window.show()
        if store.upgrade is not None:
            window.status_line.show_message(store.upgrade.summary())
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_store is not None:
            old_store.close()
        if old_lock is not None and old_lock is not lock:
            old_lock.release()

    def close(self) -> None:
        """Stop running jobs and close the store (at exit)."""
        for task in running_tasks():
            task.cancel()
        QThreadPool.globalInstance().waitForDone()
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _lock_for(self, path: Path) -> WorkspaceLock | str:
        """The lock of ``path``, taken (this session's own when it has that file open),
        or why another GUI keeps it."""
        if self.lock is not None and _same_file(self.lock.workspace, path):
            return self.lock
        lock = WorkspaceLock(path)
        refusal = lock.acquire()
        return lock if refusal is None else refusal

    def _release_unless_current(self, lock: WorkspaceLock) -> None:
        if lock is not self.lock:
            lock.release()

    def _fail(self, message: str, *, title: str = "Workspace") -> None:
        box = show_error(self.window, title, message)
        if self.window is None:
            box.exec()  # no window yet: wait for the user to read it


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def run_gui(
    db_path: Path,
    *,
    seed_samples: bool,
    annotator: str = "annotator",
    layer: str | None = None,
    lexicon: Lexicon | None = None,
    warning: str | None = None,
) -> int:
    """Open the workspace ``db_path`` in the main window and run until it closes.

    :param db_path: the workspace file (created and migrated when new).
    :param seed_samples: import the sample articles when the workspace is empty.
    :param annotator: the name recorded on every action in the history.
    :param layer: the annotation layer to open in; None: the workspace's default.
    :param lexicon: the cues imports pre-annotate with (None: the shipped ones).
    :param warning: a start-up problem to show once the window is up (e.g. a
        broken cue lexicon), or None.
    :returns: the exit code (non-zero when the workspace could not be opened).
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    view_state = ViewState.for_app()
    apply_theme(app, view_state.theme())
    session = WorkspaceSession(
        annotator=annotator, layer=layer, view_state=view_state, lexicon=lexicon
    )
    if not session.open(Path(db_path), seed_samples=seed_samples):
        return 1
    if session.window is not None:
        session.window.help_actions.offer_tour_once()  # the first start only
    if warning:
        QMessageBox.warning(session.window, APP_TITLE, warning)
    try:
        return app.exec()
    finally:
        session.close()
