"""The File menu: import, export, open and new workspace, quit.

``FileActions`` owns those ``QAction``s and runs imports and exports in workers
(``ui.workers.run_task``) behind a progress dialog with Cancel. It never touches
the main thread's store from a worker: the job opens its own store on the
workspace file. Threading: main thread; the jobs run on the thread pool.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from formats.writers import ExportReport
from quotes.model import ImportReport
from storage.store import Store
from ui.changes import ChangeHub, ChangeKind
from ui.export_dialog import ExportDialog, ExportRequest
from ui.messages import ImportReportDialog, describe_export, describe_import, show_error
from ui.tasks import export_workspace, import_files
from ui.workers import TaskHandle, run_task

IMPORT_FILTER = (
    "Articles (*.txt *.jsonl *.csv *.html *.htm *.ann);;Text (*.txt);;JSONL (*.jsonl);;"
    "All files (*)"
)
WORKSPACE_FILTER = "Workspaces (*.sqlite *.db);;All files (*)"


class FileActions(QObject):
    """The File menu's actions and the import/export jobs they start.

    ``workspace_requested(path, create)`` asks the application to switch workspace;
    ``message(str)`` carries a line for the status bar.

    :param parent: the window the dialogs belong to.
    :param store: the main thread's store (only its path is used here).
    :param changes: told ``workspace`` after a successful import.
    """

    workspace_requested = Signal(object, bool)
    message = Signal(str)

    def __init__(self, parent: QWidget, *, store: Store, changes: ChangeHub) -> None:
        super().__init__(parent)
        self._window = parent
        self._store = store
        self._changes = changes
        self._task: TaskHandle | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_report: ImportReport | ExportReport | None = None

        self.import_files = self._action("&Import files…", QKeySequence.StandardKey.Open)
        self.import_folder = self._action("Import &folder…", "Ctrl+Shift+O")
        self.export = self._action("&Export…", "Ctrl+E")
        self.open_workspace = self._action("Open &workspace…", "Ctrl+Shift+W")
        self.new_workspace = self._action("&New workspace…", "Ctrl+Shift+N")
        self.quit = self._action("&Quit", QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.import_files.triggered.connect(lambda: self.import_paths(self._ask_import_files()))
        self.import_folder.triggered.connect(lambda: self.import_paths(self._ask_import_folder()))
        self.export.triggered.connect(self._ask_export)
        self.open_workspace.triggered.connect(lambda: self._ask_workspace(create=False))
        self.new_workspace.triggered.connect(lambda: self._ask_workspace(create=True))
        self.quit.triggered.connect(parent.close)

    def actions(self) -> list[QAction | None]:
        """The menu's actions in order; None stands for a separator."""
        return [
            self.import_files,
            self.import_folder,
            None,
            self.export,
            None,
            self.open_workspace,
            self.new_workspace,
            None,
            self.quit,
        ]

    @property
    def running(self) -> TaskHandle | None:
        """The import or export in progress, if any."""
        return self._task if self._task is not None and not self._task.done else None

    # -- import ----------------------------------------------------------------------
    def import_paths(self, paths: Sequence[Path]) -> TaskHandle | None:
        """Import files and folders in a worker; None if there is nothing to do.

        When it finishes the views are told (``workspace``) and the report is shown.
        """
        if not paths or not self._can_start():
            return None
        job = functools.partial(
            import_files,
            self._db_path(),
            [Path(p) for p in paths],
            annotator=self._store.annotator,
        )
        return self._start(job, "Importing", "Import failed", self._import_done)

    def _import_done(self, report: ImportReport) -> None:
        self.last_report = report
        if report.imported:
            self._changes.notify(ChangeKind.WORKSPACE)
        self.message.emit(describe_import(report))
        ImportReportDialog(report, self._window).open()

    # -- export ----------------------------------------------------------------------
    def export_to(
        self, path: Path, *, format: str = "jsonl", accepted_only: bool = True
    ) -> TaskHandle | None:
        """Export the workspace in a worker; the file is replaced only when complete."""
        if not self._can_start():
            return None
        job = functools.partial(
            export_workspace,
            self._db_path(),
            Path(path),
            format=format,
            accepted_only=accepted_only,
        )
        return self._start(job, "Exporting", "Export failed", self._export_done)

    def _export_done(self, report: ExportReport) -> None:
        self.last_report = report
        self.message.emit(describe_export(report))

    # -- running a job ---------------------------------------------------------------
    def _start(
        self,
        job: Callable[..., object],
        verb: str,
        failure_title: str,
        on_result: Callable,
    ) -> TaskHandle:
        dialog = QProgressDialog(f"{verb}…", "Cancel", 0, 0, self._window)
        dialog.setWindowTitle(verb)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        self.progress_dialog = dialog

        def finish(result: object, error: BaseException | None) -> None:
            dialog.canceled.disconnect()
            dialog.hide()
            dialog.deleteLater()
            self.progress_dialog = None
            if error is not None:
                self.message.emit(f"{failure_title}: {error}")
                show_error(self._window, failure_title, error)
            else:
                on_result(result)

        handle = run_task(job, name=verb.lower(), on_done=finish)
        handle.progress.connect(lambda count: dialog.setLabelText(f"{verb}… {count} documents"))
        dialog.canceled.connect(handle.cancel)
        dialog.show()
        self._task = handle
        return handle

    def _can_start(self) -> bool:
        if self.running is None:
            return True
        self.message.emit("Wait for the running import or export to finish (or cancel it).")
        return False

    def _db_path(self) -> Path:
        path = self._store.path
        if path is None:
            raise RuntimeError("an in-memory workspace cannot be shared with a worker")
        return path

    # -- dialogs ---------------------------------------------------------------------
    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        return action

    def _ask_import_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self._window, "Import files", "", IMPORT_FILTER)
        return [Path(name) for name in names]

    def _ask_import_folder(self) -> list[Path]:
        folder = QFileDialog.getExistingDirectory(self._window, "Import a folder")
        return [Path(folder)] if folder else []

    def _ask_export(self) -> None:
        dialog = ExportDialog(self._db_path().parent, self._window)
        dialog.accepted.connect(lambda: self._export_request(dialog.request()))
        dialog.open()

    def _export_request(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.export_to(request.path, format=request.format, accepted_only=request.accepted_only)

    def _ask_workspace(self, *, create: bool) -> None:
        if create:
            name, _ = QFileDialog.getSaveFileName(
                self._window, "New workspace", "workspace.sqlite", WORKSPACE_FILTER
            )
        else:
            name, _ = QFileDialog.getOpenFileName(
                self._window, "Open workspace", "", WORKSPACE_FILTER
            )
        if name:
            self.workspace_requested.emit(Path(name), create)
