"""The export dialog: where to, in which format, and which records.

Returns an :class:`ExportRequest`; the export itself runs in a worker
(``FileActions.export_to``). Threading: main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from formats.writers import FORMATS

#: Formats written to a folder rather than a file.
FOLDER_FORMATS = {"brat", "hf"}
_SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "conll": ".conll"}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked to export."""

    path: Path
    format: str
    accepted_only: bool


class ExportDialog(QDialog):
    """Choose the export format, the output path and whether to keep only accepted records."""

    def __init__(self, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self._folder = default_folder
        self.format_box = QComboBox(self)
        for name, description in FORMATS.items():
            self.format_box.addItem(f"{name}: {description}", name)
        self.path_edit = QLineEdit(str(default_folder / "export.jsonl"), self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit)
        path_row.addWidget(browse)
        self.accepted_only = QCheckBox("Only accepted records (a dataset)", self)
        self.accepted_only.setChecked(True)
        self.accepted_only.setToolTip(
            "Untick to write candidates and rejected records too, each with its status."
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format", self.format_box)
        form.addRow("Save to", path_row)
        form.addRow("", self.accepted_only)
        form.addRow(buttons)
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.resize(620, 160)

    def request(self) -> ExportRequest | None:
        """The export asked for, or None without a path."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        return ExportRequest(
            Path(text).expanduser(), self.format_box.currentData(), self.accepted_only.isChecked()
        )

    def _on_format_changed(self) -> None:
        name = self.format_box.currentData()
        path = Path(self.path_edit.text().strip() or self._folder / "export")
        stem = path.with_suffix("") if path.suffix in _SUFFIXES.values() else path
        self.path_edit.setText(str(stem) + _SUFFIXES.get(name, ""))

    def _browse(self) -> None:
        name = self.format_box.currentData()
        if name in FOLDER_FORMATS:
            chosen = QFileDialog.getExistingDirectory(self, "Export to folder", str(self._folder))
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to file", self.path_edit.text(), f"{name} (*{_SUFFIXES[name]})"
            )
        if chosen:
            self.path_edit.setText(chosen)
