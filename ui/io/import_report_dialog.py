"""The import report: what was imported, what was skipped, and each rejected item.

:class:`ImportReportDialog` shows the counts, a table of the rejected items
(:class:`ProblemTableModel`: file, line or field, reason), the notes (the encodings
files were decoded from, files of other types skipped) and a button that copies the
whole report as plain text for a bug report or an e-mail to the data provider.
Threading: main thread only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quotes.model import ImportReport, Problem
from ui.plain_tooltips import plain_tooltip
from ui.shell.messages import describe_import
from ui.tables.row_tables import RowTableModel, read_only_table_view

# The shapes readers and the store give ``Problem.where``: "file", "file:12",
# "file:12 column 'text'", "file:3 field 'quotes[0]'", "source quotes[2]". The field
# part must be quoted or bracketed, so that a file name with spaces stays whole.
_WHERE = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+))?"
    r"(?: (?P<field>(?:column|field) '.*'|quotes\[\d+\]))?$",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class ProblemLocation:
    """Where a rejected item was: its file, and its line and field when known."""

    file: str
    line: int | None = None
    field: str = ""


def locate_problem(problem: Problem) -> ProblemLocation:
    """Split ``problem.where`` into file, line and field (the whole text is the file
    when it has none of the known shapes)."""
    match = _WHERE.match(problem.where)
    if match is None:
        return ProblemLocation(problem.where)
    line = match.group("line")
    return ProblemLocation(
        match.group("file"), int(line) if line else None, match.group("field") or ""
    )


def report_text(report: ImportReport) -> str:
    """The whole report as plain text: the summary, one line per problem and note."""
    lines = [describe_import(report)]
    lines += [f"Rejected: {problem}" for problem in report.problems]
    lines += [f"Note: {note}" for note in report.notes]
    return "\n".join(lines)


class ProblemTableModel(RowTableModel[tuple[Problem, ProblemLocation]]):
    """The rejected items of an import, one row each: file, line, field, reason."""

    HEADERS = ("File", "Line", "Field", "Reason")

    def __init__(self, problems: tuple[Problem, ...], parent: QWidget | None = None) -> None:
        super().__init__(((problem, locate_problem(problem)) for problem in problems), parent)

    def cell(self, row: tuple[Problem, ProblemLocation], column: int, role: int) -> object:
        problem, location = row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return location.file
            if column == 1:
                return "" if location.line is None else str(location.line)
            if column == 2:
                return location.field
            return problem.reason
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(str(problem))
        return None


class ImportReportDialog(QDialog):
    """The outcome of an import, opened (window-modal) when the import worker ends.

    ``summary`` says how many documents and records were imported and how many
    duplicates were skipped; ``problems_view`` lists each rejected item; ``notes``
    shows the encodings detected and the files skipped; ``copy_button`` puts
    :func:`report_text` on the clipboard.
    """

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Import finished")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)

        self.summary = QLabel(describe_import(report), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # file names may hold "<"
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.problems_model = ProblemTableModel(report.problems, self)
        self.problems_view = read_only_table_view(self.problems_model, self)
        self.problems_view.setWordWrap(False)
        header = self.problems_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if report.problems:
            layout.addWidget(QLabel(f"Rejected items ({len(report.problems)}):", self))
            layout.addWidget(self.problems_view, stretch=2)
        else:
            self.problems_view.hide()

        self.notes = QPlainTextEdit("\n".join(report.notes), self)
        self.notes.setReadOnly(True)
        if report.notes:
            layout.addWidget(QLabel("Notes (encodings detected, files skipped):", self))
            layout.addWidget(self.notes, stretch=1)
        else:
            self.notes.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.copy_button = QPushButton("Copy report", self)
        self.copy_button.setToolTip("Copy the summary, each rejected item and the notes as text")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        detailed = bool(report.problems or report.notes)
        self.resize(760 if detailed else 480, 420 if detailed else 120)

    def copy_report(self) -> None:
        """Put the report as plain text on the clipboard."""
        QGuiApplication.clipboard().setText(report_text(self.report))
