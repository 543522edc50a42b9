"""What the user is told when something happened: errors, import and export summaries.

The import report dialog is ``ui.io.import_report_dialog.ImportReportDialog``. Dialogs
are opened with ``open()`` (window-modal, not blocking the event loop), so a running
worker keeps delivering and tests can inspect and close them.
Threading: main thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from formats.writers import ExportReport
from quotes.model import ImportReport
from storage.locking import is_locked_error

#: What a write that stayed locked out is told (the store waited its busy timeout).
LOCKED = "The workspace is busy: another program kept it locked for too long"

#: The status line when a record action has no current record to act on.
NO_RECORD = "Select a record first (J/K or click a highlight)."


def show_error(parent: QWidget | None, title: str, error: BaseException | str) -> QMessageBox:
    """Show a failure with its message (and nothing more technical than that)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, str(error) or repr(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names may contain "<"
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def describe_failure(error: BaseException) -> str:
    """What went wrong, for an error box or the status bar, as the user should read it.

    A workspace locked by another program (also as the cause of a stopped import)
    is said in words; anything else is the error's type and message.
    """
    if is_locked_error(error):
        return f"{LOCKED}. Nothing was changed; try again in a moment."
    if error.__cause__ is not None and is_locked_error(error.__cause__):
        return f"{LOCKED} ({error})."
    return f"{type(error).__name__}: {error}"


def describe_import(report: ImportReport) -> str:
    """One sentence summing up an import, e.g. "Imported 3 documents (12 records)…"."""
    if report.cancelled:
        if not report.imported:
            return "Import cancelled: nothing was added to the workspace."
        noun = "document" if report.imported == 1 else "documents"
        return (
            f"Import cancelled: the {report.imported} {noun} imported before "
            f"(with {report.attributions} records) are kept."
        )
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
