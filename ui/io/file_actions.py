"""The File menu: import, export, open and new workspace, quit.

``FileActions`` owns those ``QAction``s and runs imports and exports in workers
(``ui.shell.workers.run_task``) behind a progress dialog with Cancel. It never touches
the main thread's store from a worker: the job opens its own store on the
workspace file. Threading: main thread; the jobs run on the thread pool.

Import flow: the files chosen (any supported type) or a folder go to
:meth:`FileActions.ask_import`; when a CSV/TSV file is among them the column
mapping dialog (``ui.io.csv_mapping_dialog``) asks first, and its mapping is
remembered for the next import (folders use the remembered mapping). The import
report dialog (``ui.io.import_report_dialog``) shows the outcome.

Export flow: the export dialog (``ui.io.export_dialog``) gives format, path and
filters; :meth:`FileActions.export_to` writes in a worker; success shows the
counts, failure an error box, and the output is written atomically, so a failed
or cancelled export leaves nothing half-written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from formats.readers import ReadOptions, csv_columns
from formats.writers import ExportFilters, ExportReport
from quotes.model import ImportReport
from ui.io.csv_mapping_dialog import (
    CsvMappingDialog,
    is_csv_file,
    load_csv_mapping,
    save_csv_mapping,
)
from ui.io.export_dialog import ExportDialog, ExportRequest
from ui.io.import_report_dialog import ImportReportDialog
from ui.operations.changes import ChangeKind
from ui.shell.action_group import ActionContext, ActionGroup, make_action
from ui.shell.messages import describe_export, describe_import, show_error
from ui.shell.tasks import TaskSetup, export_workspace, import_files
from ui.shell.view_state import APPLICATION, ORGANISATION
from ui.shell.workers import TaskHandle, run_task

IMPORT_FILTER = (
    "All supported (*.txt *.jsonl *.json *.csv *.tsv *.ann *.html *.htm *.conll);;"
    "Plain text (*.txt);;JSONL in the export schema (*.jsonl *.json);;"
    "CSV and TSV (*.csv *.tsv);;brat standoff (*.ann *.txt);;"
    "Saved web pages (*.html *.htm);;CoNLL exported by this tool (*.conll);;All files (*)"
)
WORKSPACE_FILTER = "Workspaces (*.sqlite *.db);;All files (*)"
_EXPORT_FOLDER_KEY = "export/folder"


class FileActions(ActionGroup):
    """The File menu's actions and the import/export jobs they start.

    ``workspace_requested(path, create)`` asks the application to switch workspace;
    ``message(str)`` carries a line for the status bar.

    :param context: the window (the dialogs' parent), the main thread's store
        (only its path and annotators are used here) and the change hub (told
        ``workspace`` after a successful import).
    :param settings: where the last CSV mapping is kept (default: the app's settings).

    The dialogs in use are kept as attributes while open (``mapping_dialog``,
    ``export_dialog``, ``progress_dialog``, ``result_box``), so tests drive them.
    """

    workspace_requested = Signal(object, bool)

    def __init__(
        self,
        context: ActionContext,
        *,
        settings: QSettings | None = None,
        setup: TaskSetup | None = None,
    ) -> None:
        super().__init__(context)
        # What the import and export workers are given besides their data (the lexicon).
        self.setup = setup or TaskSetup()
        self.settings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
        self._task: TaskHandle | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.mapping_dialog: CsvMappingDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.result_box: QMessageBox | None = None
        self.last_report: ImportReport | ExportReport | None = None

        self.import_files = make_action(
            self,
            "&Import files…",
            shortcut=QKeySequence.StandardKey.Open,
            triggered=lambda: self.ask_import(self._ask_import_files()),
        )
        self.import_folder = make_action(
            self,
            "Import &folder…",
            shortcut="Ctrl+Shift+O",
            triggered=lambda: self.ask_import(self._ask_import_folder()),
        )
        self.export = make_action(self, "&Export…", shortcut="Ctrl+E", triggered=self._ask_export)
        self.open_workspace = make_action(
            self,
            "Open &workspace…",
            shortcut="Ctrl+Shift+W",
            triggered=lambda: self._ask_workspace(create=False),
        )
        self.new_workspace = make_action(
            self,
            "&New workspace…",
            shortcut="Ctrl+Shift+N",
            triggered=lambda: self._ask_workspace(create=True),
        )
        self.quit = make_action(
            self, "&Quit", shortcut=QKeySequence.StandardKey.Quit, triggered=self._window.close
        )
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

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
    def ask_import(self, paths: Sequence[Path]) -> TaskHandle | None:
        """Import ``paths``, first asking for the column mapping if a CSV/TSV file is
        among them.

        :returns: the running import, or None when nothing started yet (nothing to
            import, another job running, or the mapping dialog is open: its Import
            button starts the import with the chosen mapping, which is remembered).
        """
        paths = [Path(p) for p in paths]
        if not paths or not self._can_start():
            return None
        tables = [p for p in paths if is_csv_file(p)]
        last = load_csv_mapping(self.settings)
        if not tables:
            return self.import_paths(paths, options=last)
        try:
            columns = csv_columns(tables[0])
        except (ValueError, OSError):
            # No header to map: the import's report says what is wrong with the file.
            return self.import_paths(paths, options=last)
        dialog = CsvMappingDialog(
            tables[0], columns, initial=last, other_files=len(tables) - 1, parent=self._window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._import_mapped(paths, dialog.options()))
        dialog.finished.connect(self._forget_mapping_dialog)
        self.mapping_dialog = dialog
        dialog.open()
        return None

    def _import_mapped(self, paths: list[Path], options: ReadOptions) -> None:
        save_csv_mapping(self.settings, options)
        self.import_paths(paths, options=options)

    def _forget_mapping_dialog(self) -> None:
        self.mapping_dialog = None

    def import_paths(
        self, paths: Sequence[Path], *, options: ReadOptions | None = None
    ) -> TaskHandle | None:
        """Import files and folders in a worker; None if there is nothing to do.

        ``options`` carries the CSV/TSV mapping (default: the last one remembered).
        When the import finishes the views are told (``workspace``) and the report
        dialog is shown.
        """
        if not paths or not self._can_start():
            return None
        job = functools.partial(
            import_files,
            self._db_path(),
            [Path(p) for p in paths],
            options=options if options is not None else load_csv_mapping(self.settings),
            annotator=self._store.annotator,
            setup=self.setup,
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
        self,
        path: Path,
        *,
        format: str = "jsonl",
        filters: ExportFilters | None = None,
        accepted_only: bool = True,
    ) -> TaskHandle | None:
        """Export the workspace in a worker; the output is replaced only when complete.

        ``filters`` choose the records; without them ``accepted_only`` decides between
        accepted records only and every status. On success a message box states the
        counts; on failure an error box says why, and no output is left half-written.
        """
        if not self._can_start():
            return None
        if filters is None:
            filters = ExportFilters() if accepted_only else ExportFilters.every_status()
        job = functools.partial(
            export_workspace,
            self._db_path(),
            Path(path),
            format=format,
            filters=filters,
            setup=self.setup,
        )
        # Without a document filter every document is exported: the bar can show how far.
        total = self._store.document_count() if filters.document_statuses is None else 0
        return self._start(job, "Exporting", "Export failed", self._export_done, total)

    def _export_done(self, report: ExportReport) -> None:
        self.last_report = report
        text = describe_export(report)
        self.message.emit(text)
        if report.cancelled:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information, "Export finished", text, parent=self._window
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a path may hold "<"
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_result_box)
        self.result_box = box
        box.open()

    def _forget_result_box(self) -> None:
        self.result_box = None

    # -- running a job ---------------------------------------------------------------
    def _start(
        self,
        job: Callable[..., object],
        verb: str,
        failure_title: str,
        on_result: Callable,
        total: int = 0,
    ) -> TaskHandle:
        """Run ``job`` behind a progress dialog; ``total`` > 0 makes its bar determinate
        (the job's progress counts documents), 0 keeps it busy."""
        dialog = QProgressDialog(f"{verb}…", "Cancel", 0, total, self._window)
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

        def show_progress(count: int) -> None:
            dialog.setLabelText(f"{verb}… {count} documents" + (f" of {total}" if total else ""))
            if total:
                dialog.setValue(min(count, total))

        handle.progress.connect(show_progress)
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
    def _ask_import_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self._window, "Import files", "", IMPORT_FILTER)
        return [Path(name) for name in names]

    def _ask_import_folder(self) -> list[Path]:
        folder = QFileDialog.getExistingDirectory(self._window, "Import a folder")
        return [Path(folder)] if folder else []

    def _ask_export(self) -> None:
        dialog = ExportDialog(
            self._export_folder(), self._window, annotators=self._store.annotators()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._export_request(dialog.request()))
        dialog.finished.connect(self._forget_export_dialog)
        self.export_dialog = dialog
        dialog.open()

    def _forget_export_dialog(self) -> None:
        self.export_dialog = None

    def _export_request(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.settings.setValue(_EXPORT_FOLDER_KEY, str(request.path.parent))
            self.export_to(request.path, format=request.format, filters=request.filters)

    def _export_folder(self) -> Path:
        """Where the export dialog proposes to write: the folder of the last export,
        else the workspace's folder."""
        last = self.settings.value(_EXPORT_FOLDER_KEY)
        if isinstance(last, str) and last and Path(last).is_dir():
            return Path(last)
        return self._db_path().parent

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
