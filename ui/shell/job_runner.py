"""One slow job at a time behind a progress dialog with Cancel: imports, exports, training.

:class:`JobRunner` starts a job on the thread pool (``ui.shell.workers.run_task``),
shows a window-modal progress dialog (the window keeps repainting: nothing blocks
the event loop), relays the job's progress to it and turns Cancel into the job's
``is_cancelled()``. The window has one runner shared by every action group that
runs jobs (File's import and export, Learning's train and re-suggest), so that two
jobs never write the workspace at once: an import holds the write lock until it
commits, and a second writer would time out.

Threading: main thread only; the jobs run on the pool and must not touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.shell.messages import describe_failure, show_error
from ui.shell.workers import TaskHandle, run_task

#: How a job's progress value is shown: the value -> the dialog's label.
ProgressLabel = Callable[[int], str]


class JobRunner(QObject):
    """Runs the window's slow jobs, one at a time.

    ``message(str)`` carries a line for the status bar (a failure, or why a job
    could not start). The dialog in use is ``progress_dialog`` while a job runs.
    """

    message = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._task: TaskHandle | None = None
        self.progress_dialog: QProgressDialog | None = None

    @property
    def running(self) -> TaskHandle | None:
        """The job in progress, if any."""
        return self._task if self._task is not None and not self._task.done else None

    def can_start(self) -> bool:
        """Whether no job is running; otherwise the status bar is told to wait."""
        if self.running is None:
            return True
        self.message.emit("Wait for the running job to finish (or cancel it).")
        return False

    def start(
        self,
        job: Callable[..., object],
        *,
        verb: str,
        failure_title: str,
        on_result: Callable[[Any], None],
        total: int = 0,
        label: ProgressLabel | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> TaskHandle:
        """Run ``job`` behind a progress dialog titled ``verb``.

        :param total: > 0 makes the bar determinate (the job's progress counts up to
            it); 0 keeps it busy.
        :param label: the dialog's text for a progress value (default: "VERB… N
            documents of TOTAL").
        :param on_result: called on the main thread with the job's result; a job that
            raised gets an error box and a status line under ``failure_title`` instead,
            worded by ``describe_failure``, after ``on_failure`` saw the error.
        """
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
                if on_failure is not None:
                    on_failure(error)
                text = describe_failure(error)
                self.message.emit(f"{failure_title}: {text}")
                show_error(self._window, failure_title, text)
            else:
                on_result(result)

        handle = run_task(job, name=verb.lower(), on_done=finish)

        shown = [0]

        def show_progress(count: int) -> None:
            # A modal dialog's setValue() processes events, so a later value can be
            # shown from inside this call: never step back to an earlier one.
            if count < shown[0]:
                return
            shown[0] = count
            if label is not None:
                dialog.setLabelText(label(count))
            else:
                of = f" of {total}" if total else ""
                dialog.setLabelText(f"{verb}… {count} documents{of}")
            if total:
                dialog.setValue(min(count, total))

        handle.progress.connect(show_progress)
        dialog.canceled.connect(handle.cancel)
        dialog.show()
        self._task = handle
        return handle
