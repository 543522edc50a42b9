"""``ui.tables.row_tables``: the read-only row model every dialog table is built on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from ui.tables.row_tables import RowTableModel


class _Pairs(RowTableModel[tuple[str, int]]):
    HEADERS = ("Name", "Count")

    def cell(self, row: tuple[str, int], column: int, role: int) -> Any:
        return str(row[column]) if role == Qt.ItemDataRole.DisplayRole else None


def test_rows_show_under_the_headers_and_pass_the_model_tester(qtmodeltester) -> None:
    model = _Pairs([("ana", 3), ("bo", 1)])
    qtmodeltester.check(model, force_py=True)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Name",
        "Count",
        None,
    ]
    assert model.data(model.index(1, 1)) == "1"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a table: rows have no children


def test_set_rows_replaces_them_in_one_reset(qtbot: QtBot) -> None:
    model = _Pairs([("ana", 3)])
    with qtbot.waitSignal(model.modelReset):
        model.set_rows([("cy", 2), ("di", 5)])
    assert model.rows() == [("cy", 2), ("di", 5)]
    assert model.rowCount(QModelIndex()) == 2
