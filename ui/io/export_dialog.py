"""The export dialog: the format, the output file or folder, and which records to keep.

It returns an :class:`ExportRequest` (path, format and ``ExportFilters``); the
export itself runs in a worker (``FileActions.export_to``). Filters: accepted
records only (the default, a dataset) or every status; all annotators or the
ticked ones among those present in the workspace; documents of the ticked
review states. Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from formats.atomic import FOLDER_MARKER
from formats.writers import FOLDER_FORMATS, FORMATS, ExportFilters
from quotes.model import DocumentStatus, Status

# The file formats' suffixes; folder formats get none.
_SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "conll": ".conll"}
_DOCUMENT_STATUS_LABELS = {
    DocumentStatus.NEW: "New",
    DocumentStatus.IN_PROGRESS: "In progress",
    DocumentStatus.DONE: "Done",
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked to export: where, in which format, and which records."""

    path: Path
    format: str
    filters: ExportFilters

    @property
    def accepted_only(self) -> bool:
        """Whether only accepted records are exported (a dataset)."""
        return self.filters.statuses == frozenset({Status.ACCEPTED})


def default_output(folder: Path, format: str) -> Path:
    """Where an export of ``format`` goes unless the user says otherwise."""
    if format in FOLDER_FORMATS:
        return folder / f"export-{format}"
    return folder / f"export{_SUFFIXES.get(format, '')}"


class ExportDialog(QDialog):
    """Choose the export format, the output path and the filters.

    Widgets (public for tests and for keyboard users' sake, named for what they
    hold): ``format_box``, ``path_edit`` (``path_label`` says file or folder),
    ``accepted_only`` / ``every_status`` radio buttons, ``all_annotators`` and
    ``annotator_model`` (one checkable row per annotator present), and
    ``document_status_boxes`` (one check box per review state). The Export button
    is disabled while the choice would export nothing (no path, no annotator or
    no document state ticked); ``hint`` says why.

    :param default_folder: where the output goes by default (the workspace's folder).
    :param annotators: the annotator names present in the workspace (``Store.annotators``).
    """

    def __init__(
        self,
        default_folder: Path,
        parent: QWidget | None = None,
        *,
        annotators: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self._folder = Path(default_folder)

        self.format_box = QComboBox(self)
        for name, description in FORMATS.items():
            self.format_box.addItem(f"{name}: {description}", name)
        self.path_label = QLabel(self)
        self.path_edit = QLineEdit(str(default_output(self._folder, "jsonl")), self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, stretch=1)
        path_row.addWidget(browse)

        self.accepted_only = QRadioButton("Accepted records only (a dataset)", self)
        self.every_status = QRadioButton(
            "Every status: candidates and rejected records too, each with its status", self
        )
        self.accepted_only.setChecked(True)
        statuses = QButtonGroup(self)
        statuses.addButton(self.accepted_only)
        statuses.addButton(self.every_status)
        status_column = QVBoxLayout()
        status_column.addWidget(self.accepted_only)
        status_column.addWidget(self.every_status)

        annotator_column = self._build_annotator_column(annotators)
        document_row = self._build_document_row()
        self.include_unreviewed = QCheckBox(
            "Include unreviewed documents, marked as such (their missing quotations do "
            "not mean none)",
            self,
        )
        self.include_unreviewed.setToolTip(
            "By default only documents marked done or with at least one decided record "
            "are exported."
        )

        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("Format", self.format_box)
        form.addRow(self.path_label, path_row)
        form.addRow("Records", status_column)
        form.addRow("Annotators", annotator_column)
        form.addRow("Documents", document_row)
        form.addRow("", self.include_unreviewed)
        form.addRow(self.hint)
        form.addRow(self.buttons)

        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.path_edit.textChanged.connect(self._validate)
        self.all_annotators.toggled.connect(self._on_all_annotators)
        self.annotator_model.itemChanged.connect(self._validate)
        self._on_all_annotators(self.all_annotators.isChecked())
        self._update_path_label()
        self.resize(680, 0)

    def _build_annotator_column(self, annotators: Sequence[str]) -> QVBoxLayout:
        """The "All annotators" box over one checkable row per annotator (none: hidden)."""
        self.all_annotators = QCheckBox("All annotators", self)
        self.all_annotators.setChecked(True)
        self.annotator_model = QStandardItemModel(self)
        for name in annotators:
            item = QStandardItem(name)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked)
            item.setEditable(False)
            self.annotator_model.appendRow(item)
        self.annotator_list = QListView(self)
        self.annotator_list.setModel(self.annotator_model)
        self.annotator_list.setMaximumHeight(110)
        column = QVBoxLayout()
        column.addWidget(self.all_annotators)
        column.addWidget(self.annotator_list)
        if not annotators:
            self.all_annotators.setEnabled(False)
            self.annotator_list.hide()
            self.all_annotators.setToolTip("No record carries an annotator's name yet.")
        return column

    def _build_document_row(self) -> QHBoxLayout:
        """One ticked check box per document review state."""
        self.document_status_boxes: dict[DocumentStatus, QCheckBox] = {}
        row = QHBoxLayout()
        for status, label in _DOCUMENT_STATUS_LABELS.items():
            box = QCheckBox(label, self)
            box.setChecked(True)
            box.toggled.connect(self._validate)
            self.document_status_boxes[status] = box
            row.addWidget(box)
        row.addStretch(1)
        return row

    def set_format(self, format: str) -> None:
        """Select ``format`` (a key of ``formats.writers.FORMATS``)."""
        self.format_box.setCurrentIndex(self.format_box.findData(format))

    def set_annotator_checked(self, name: str, checked: bool) -> None:
        """Tick or untick annotator ``name`` in the list."""
        for row in range(self.annotator_model.rowCount()):
            item = self.annotator_model.item(row)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(name)

    def filters(self) -> ExportFilters:
        """The filters the dialog's choices make."""
        statuses = (
            frozenset({Status.ACCEPTED}) if self.accepted_only.isChecked() else frozenset(Status)
        )
        annotators = None if self.all_annotators.isChecked() else frozenset(self._ticked_names())
        ticked = frozenset(s for s, box in self.document_status_boxes.items() if box.isChecked())
        document_statuses = None if len(ticked) == len(self.document_status_boxes) else ticked
        return ExportFilters(
            statuses=statuses,
            annotators=annotators,
            document_statuses=document_statuses,
            include_unreviewed=self.include_unreviewed.isChecked(),
        )

    def request(self) -> ExportRequest | None:
        """The export asked for, or None while the choice would export nothing."""
        if self._problem():
            return None
        return ExportRequest(
            Path(self.path_edit.text().strip()).expanduser(),
            self.format_box.currentData(),
            self.filters(),
        )

    # -- keeping the widgets consistent --------------------------------------------------
    def _ticked_names(self) -> list[str]:
        return [
            self.annotator_model.item(row).text()
            for row in range(self.annotator_model.rowCount())
            if self.annotator_model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _problem(self) -> str:
        """Why the current choice cannot be exported ("" when it can)."""
        if not self.path_edit.text().strip():
            return "Choose where to save the export."
        if not self.all_annotators.isChecked() and not self._ticked_names():
            return "Tick at least one annotator, or All annotators."
        if not any(box.isChecked() for box in self.document_status_boxes.values()):
            return "Tick at least one document state."
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        self.export_button.setEnabled(not problem)

    def _on_all_annotators(self, checked: bool) -> None:
        self.annotator_list.setEnabled(not checked)
        self._validate()

    def _update_path_label(self) -> None:
        is_folder = self.format_box.currentData() in FOLDER_FORMATS
        self.path_label.setText("Save to folder" if is_folder else "Save to file")
        self.path_edit.setToolTip(
            "A folder, created or replaced whole (only if empty or an earlier export)"
            if is_folder
            else "A file, replaced only once the export is complete"
        )

    def _on_format_changed(self) -> None:
        """Give the output the new format's suffix, or none for a folder format."""
        name = self.format_box.currentData()
        text = self.path_edit.text().strip()
        path = Path(text) if text else default_output(self._folder, name)
        if path.suffix in _SUFFIXES.values():
            path = path.with_suffix("")
        if name in FOLDER_FORMATS:
            self.path_edit.setText(str(path))
        else:
            self.path_edit.setText(str(path) + _SUFFIXES.get(name, ""))
        self._update_path_label()

    def _browse(self) -> None:
        name = self.format_box.currentData()
        if name in FOLDER_FORMATS:
            chosen = QFileDialog.getExistingDirectory(self, "Export to folder", str(self._folder))
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to file", self.path_edit.text(), f"{name} (*{_SUFFIXES[name]})"
            )
        if chosen:
            self.path_edit.setText(str(_folder_output(Path(chosen), name)))


def _folder_output(chosen: Path, format: str) -> Path:
    """The output for a chosen path: a folder chosen for a folder format that holds
    other files gets a fresh sub-folder, since an export replaces its folder whole."""
    if format not in FOLDER_FORMATS or not chosen.is_dir():
        return chosen
    if (chosen / FOLDER_MARKER).exists() or not any(chosen.iterdir()):
        return chosen
    return chosen / f"export-{format}"
