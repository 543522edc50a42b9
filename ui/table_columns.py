"""Column sizing for the table views that can hold thousands of rows.

``ResizeToContents`` columns re-measure every row on each ``dataChanged``, which
made one accepted record cost ~100 ms in a document of 7,000 records. Instead the
narrow columns are fitted once per model reset, measuring a sample of rows, and
one column stretches to fill the rest. Texts a column may show later ("accepted"
in bold where every row still says "candidate") are measured too, so a change of
status does not clip the column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

#: Rows measured when fitting a column (Qt's default is 1,000).
MEASURED_ROWS = 200
#: Room for the cell margins and the sort/elide slack, in pixels.
PADDING = 18


def fit_columns(
    view: QTableView,
    stretch_column: int,
    *,
    widest_texts: Mapping[int, Iterable[str]] | None = None,
) -> None:
    """Stretch ``stretch_column``; fit the others to their contents now and after resets.

    :param widest_texts: per column, texts it must have room for (measured in bold).
    """
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(MEASURED_ROWS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    reserved = {column: list(texts) for column, texts in (widest_texts or {}).items()}

    def fit() -> None:
        bold = QFont(view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column in range(view.model().columnCount()):
            if column == stretch_column:
                continue
            view.resizeColumnToContents(column)
            needed = max(
                (metrics.horizontalAdvance(t) for t in reserved.get(column, ())), default=0
            )
            if needed + PADDING > view.columnWidth(column):
                view.setColumnWidth(column, needed + PADDING)

    view.model().modelReset.connect(fit)
    fit()
