"""Team > Switch layer…: the workspace's layers with their counts, or a new one.

The table lists the shared layer and every named layer (annotators' and gold) with
the documents each has opened and the decisions made in it; the current layer is
in bold. Typing a name instead starts your own new layer (or picks the layer of
that name). Enter or a double click on a row switches at once. The dialog only
chooses: the caller switches (``ui.team.layer_operations.switch_layer``).
Threading: main thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from storage.connection import clean_layer
from storage.layers import LayerSummary
from storage.store import Store
from ui.tables.row_tables import RowTableModel, read_only_table_view
from ui.tables.table_columns import fit_columns
from ui.team.layer_operations import describe_layer

#: The role holding a row's layer name (``''`` for the shared layer).
LAYER_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def workspace_layers(store: Store) -> list[LayerSummary]:
    """The shared layer, then every named layer, each with its counts; the store's
    current layer is listed even before it holds anything."""
    layers = [store.layers.shared_summary(), *store.layers.summaries()]
    if store.layer not in {summary.name for summary in layers}:
        layers.append(LayerSummary(store.layer, 0, 0, 0))
    return layers


class LayerTableModel(RowTableModel[LayerSummary]):
    """One row per layer: its name, documents opened, records accepted and rejected."""

    HEADERS = ("Layer", "Documents", "Accepted", "Rejected")
    HEADER_TIPS = (
        "Whose version of the workspace",
        "Documents opened in the layer (the shared layer holds every document)",
        "Records accepted in the layer",
        "Records rejected in the layer",
    )

    def __init__(self, rows: list[LayerSummary], current: str, parent: Any = None) -> None:
        super().__init__(rows, parent)
        self._current = current

    def row_of(self, name: str) -> int | None:
        """The row of layer ``name``, or None."""
        for row, summary in enumerate(self._rows):
            if summary.name == name:
                return row
        return None

    def cell(self, summary: LayerSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                shown = describe_layer(summary.name)
                return f"{shown} (current)" if summary.name == self._current else shown
            return f"{(summary.documents, summary.accepted, summary.rejected)[column - 1]:,}"
        if role == LAYER_NAME_ROLE:
            return summary.name
        if role == Qt.ItemDataRole.FontRole and summary.name == self._current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class LayerDialog(QDialog):
    """Pick a layer of the workspace, or type a name for a new one.

    :meth:`chosen_layer` is the answer once the dialog is accepted. Open it with
    ``open()`` (window-modal, not blocking) and read the answer on ``accepted``.
    """

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Switch layer")
        self.model = LayerTableModel(workspace_layers(store), store.layer, self)
        intro = QLabel(
            "You see and change only the layer you work in. Pick a layer, or type a"
            " name to start your own new layer from the suggestions.",
            self,
        )
        intro.setWordWrap(True)
        self.view = read_only_table_view(self.model, self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.view, stretch_column=0)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("New layer: your name")
        self.name_edit.setToolTip("A layer of this name (a new one if there is none)")
        # Says whether the typed name is a new layer, so a typo does not start one unseen.
        self.name_hint = QLabel("", self)
        self.name_hint.setTextFormat(Qt.TextFormat.PlainText)  # the name is user data
        self.name_hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Switch")
        ok.setDefault(True)  # Enter in the name field switches
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel("Or a layer by name:", self))
        layout.addWidget(self.name_edit)
        layout.addWidget(self.name_hint)
        layout.addWidget(self.buttons)

        self.view.selectionModel().selectionChanged.connect(self._on_row_chosen)
        self.view.activated.connect(lambda _index: self._accept_if_chosen())
        self.name_edit.textEdited.connect(self._on_name_typed)
        self.select_layer(store.layer)
        self.resize(460, 320)

    def chosen_layer(self) -> str | None:
        """The typed name (white space collapsed) if any, else the selected row's
        layer; None when neither (or the name is only spaces)."""
        typed = self.name_edit.text()
        if typed.strip():
            return clean_layer(typed)
        if typed:
            return None
        rows = self.view.selectionModel().selectedRows()
        return str(rows[0].data(LAYER_NAME_ROLE)) if rows else None

    def select_layer(self, name: str) -> None:
        """Select the row of layer ``name`` (nothing when it has no row)."""
        row = self.model.row_of(name)
        if row is not None:
            self.view.selectRow(row)
        self._update_ok()

    def _on_row_chosen(self, *_args: object) -> None:
        if self.view.selectionModel().hasSelection():
            self.name_edit.clear()  # a row picked replaces the typed name
        self._update_ok()

    def _on_name_typed(self, text: str) -> None:
        if text:
            self.view.clearSelection()  # the typed name is the choice now
        self._update_ok()

    def _update_ok(self) -> None:
        chosen = self.chosen_layer()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(chosen is not None)
        typed = bool(self.name_edit.text().strip())
        if typed and chosen is not None and self.model.row_of(chosen) is None:
            self.name_hint.setText(
                f"No layer “{chosen}” yet: Switch starts it from the suggestions, blind"
                " to the other layers."
            )
        elif typed and chosen is not None:
            self.name_hint.setText(f"Switch to the existing {describe_layer(chosen)}.")
        else:
            self.name_hint.setText("")

    def _accept_if_chosen(self) -> None:
        # Enter on a row also reaches the default button; accept once.
        if self.isVisible() and self.chosen_layer() is not None:
            self.accept()
