"""Read-only tables of plain rows: the model base class and the view set-up.

The dialogs' small tables (the cheat sheet's shortcuts, the statistics' rates, the
import report's rejected items, the CSV mapping's preview) each show a list of
frozen rows under fixed headers. :class:`RowTableModel` holds that list and does
the Qt bookkeeping; a subclass names its ``HEADERS`` and says what one cell shows
in :meth:`RowTableModel.cell`. :func:`read_only_table_view` builds the view they
share. The document list and the attribution table, which edit their rows in
place, share the bookkeeping through :class:`ListTableModel` and their views'
set-up through :func:`set_up_row_picker`.
Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

Row = TypeVar("Row")
_Index = QModelIndex | QPersistentModelIndex


class ListTableModel(QAbstractTableModel, Generic[Row]):
    """The Qt bookkeeping of a table with one row per item of ``_rows`` and the
    columns ``HEADERS``: counts, headers, and ``data`` handed to :meth:`cell`.

    Subclasses set ``HEADERS``, implement :meth:`cell`, and own ``_rows``: one that
    changes it emits the model's signals itself (a reset, or row inserts, moves
    and ``dataChanged``).
    """

    HEADERS: tuple[str, ...] = ()
    #: Optional tooltips of the headers, by column (short headers say the rest here).
    HEADER_TIPS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def cell(self, row: Row, column: int, role: int) -> Any:
        """What ``row`` shows in ``column`` for ``role`` (None: nothing)."""
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADER_TIPS)
        ):
            return self.HEADER_TIPS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)


class RowTableModel(ListTableModel[Row]):
    """A read-only table of frozen rows, replaced as a whole (:meth:`set_rows`, a
    model reset) and never edited in place."""

    def __init__(self, rows: Iterable[Row] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    def rows(self) -> list[Row]:
        """Every row, in order (a copy)."""
        return list(self._rows)

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()


def read_only_table_view(
    model: QAbstractItemModel, parent: QWidget, *, select_rows: bool = True
) -> QTableView:
    """A table view of ``model`` without row numbers and without editing.

    :param select_rows: a click selects the whole row (False: one cell).
    """
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if select_rows:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    return view


def set_up_row_picker(view: QTableView) -> None:
    """Give ``view`` the look and behaviour of a list one picks a single row from:
    whole-row single selection, no editing, no grid, no wrapping, alternate row
    colours, no row numbers (the document list and the record list)."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
