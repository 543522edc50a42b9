"""Column fitting from a sample of rows: wide enough, and cheap for big models."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from ui.tables.table_columns import MEASURED_ROWS, PADDING, fit_columns, sampled_rows


class CountingModel(QAbstractTableModel):
    """``rows`` rows of (long text, short code, number); counts its data() calls."""

    def __init__(self, rows: int, long_row: int | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.long_row = long_row
        self.calls = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        self.calls += 1
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row, column = index.row(), index.column()
        if column == 0:
            return f"a quotation of row {row}"
        if column == 1:
            return "a much longer code than the rest" if row == self.long_row else "ok"
        return str(row)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("Text", "Code", "N")[section]
        return None


def _view(qtbot, model: CountingModel, **widest: list[str]) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view, stretch_column=0, widest_texts={1: widest.get("code", [])})
    return view


def _bold_width(view: QTableView, text: str) -> int:
    bold = QFont(view.font())
    bold.setBold(True)
    return QFontMetrics(bold).horizontalAdvance(text)


@pytest.mark.parametrize(
    ("count", "measured", "expected"),
    [
        (0, 10, []),
        (3, 10, [0, 1, 2]),
        (10, 10, list(range(10))),
        (100, 10, [0, 1, 2, 3, 4, 5, 28, 52, 75, 99]),
    ],
)
def test_sampled_rows(count: int, measured: int, expected: list[int]) -> None:
    assert sampled_rows(count, measured) == expected


def test_a_big_model_is_fitted_from_a_bounded_number_of_rows(qtbot) -> None:
    model = CountingModel(50_000)
    _view(qtbot, model)
    model.calls = 0
    model.beginResetModel()
    model.endResetModel()
    # Two fitted columns, one display text per sampled row each (plus what the view
    # itself asks for the rows it shows).
    assert model.calls < 2 * MEASURED_ROWS + 500


def test_columns_fit_the_sampled_texts_in_bold(qtbot) -> None:
    model = CountingModel(5_000, long_row=4_999)  # the last row is always measured
    view = _view(qtbot, model)
    assert view.columnWidth(1) >= _bold_width(view, "a much longer code than the rest") + PADDING
    assert view.columnWidth(2) >= _bold_width(view, "4999") + PADDING


def test_reserved_texts_widen_a_column(qtbot) -> None:
    model = CountingModel(10)
    view = _view(qtbot, model, code=["a reserved label wider than ok"])
    assert view.columnWidth(1) >= _bold_width(view, "a reserved label wider than ok") + PADDING


def test_an_empty_model_keeps_room_for_the_headers(qtbot) -> None:
    model = CountingModel(0)
    view = _view(qtbot, model)
    header = view.horizontalHeader()
    assert view.columnWidth(1) >= header.sectionSizeHint(1)
