"""What the user is told when something happened: errors, import and export summaries.

The import report dialog is ``ui.io.import_report_dialog.ImportReportDialog``. Dialogs
are opened with ``open()`` (window-modal, not blocking the event loop), so a running
worker keeps delivering and tests can inspect and close them.
Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from formats.writers import ExportReport
from quotes.model import ImportReport

#: The status line when a record action has no current record to act on.
NO_RECORD = "Select a record first (J/K or click a highlight)."


def show_error(parent: QWidget | None, title: str, error: BaseException | str) -> QMessageBox:
    """Show a failure with its message (and nothing more technical than that)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, str(error) or repr(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names may contain "<"
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def run_or_show_error(
    parent: QWidget | None, action: Callable[[], object], *, title: str = "The action failed"
) -> bool:
    """Run ``action``; if it raises, show the error under ``title``. Returns whether it worked.

    For the actions behind menu keys: a failed action changed nothing (each store
    method is one transaction), so telling the user is all there is to do.
    """
    try:
        action()
    except Exception as error:  # KeyError, ValueError, sqlite3.Error, ...
        show_error(parent, title, f"{type(error).__name__}: {error}")
        return False
    return True


def describe_import(report: ImportReport) -> str:
    """One sentence summing up an import, e.g. "Imported 3 documents (12 records)…"."""
    if report.cancelled:
        return "Import cancelled: nothing was added to the workspace."
    noun = "document" if report.imported == 1 else "documents"
    parts = [f"Imported {report.imported} {noun} with {report.attributions} records"]
    if report.duplicates:
        parts.append(f"skipped {report.duplicates} already in the workspace")
    if report.problems:
        parts.append(f"{len(report.problems)} could not be read")
    return "; ".join(parts) + "."


def describe_export(report: ExportReport) -> str:
    """One sentence summing up an export."""
    if report.cancelled:
        return "Export cancelled: nothing was written."
    noun = "document" if report.documents == 1 else "documents"
    sentence = (
        f"Exported {report.documents} {noun} with {report.attributions} records "
        f"as {report.format} to {report.path}"
    )
    notes = report.unreviewed_notes(why="not done, no decision")
    sentence = "; ".join([sentence, *notes])
    return sentence + "."
