"""Column sizing for the table views that can hold thousands of rows.

``ResizeToContents`` columns re-measure every row on each ``dataChanged``, which
made one accepted record cost ~100 ms in a document of 7,000 records. Instead the
narrow columns are fitted once per model reset, and one column stretches to fill
the rest. Even once per reset, Qt's ``resizeColumnToContents`` asks the delegate
for a size hint of up to 1,000 rows (several ``data()`` calls each), a tenth of a
second for a 1 MB document; :func:`fit_columns` measures the display texts of a
sample of rows itself: the first rows (those seen after a reset) and rows spread
evenly over the rest. The texts are measured in bold, the widest a cell is drawn,
and texts a column may show later ("accepted" in bold where every row still says
"candidate") are measured too, so a change of status does not clip the column.

Threading: main thread only (widgets).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

#: Rows measured when fitting a column: the first half of them from the top, the
#: rest spread evenly over the remaining rows.
MEASURED_ROWS = 100
#: Room for the cell margins and the sort/elide slack, in pixels.
PADDING = 18


def sampled_rows(count: int, measured: int = MEASURED_ROWS) -> list[int]:
    """The rows measured of ``count``: all when there are at most ``measured``, else
    the first ``measured // 2`` and ``measured - measured // 2`` spread over the rest
    (the last row included), in order and each once."""
    if count <= measured:
        return list(range(count))
    head = measured // 2
    spread = measured - head
    rest = count - head
    tail = {head + (rest - 1) * i // (spread - 1) for i in range(spread)} if spread > 1 else set()
    return [*range(head), *sorted(tail)]


def column_text_width(
    model: QAbstractItemModel, column: int, rows: Iterable[int], metrics: QFontMetrics
) -> int:
    """The widest display text of ``column`` in ``rows``, in pixels of ``metrics``."""
    display = Qt.ItemDataRole.DisplayRole
    widest = 0
    for row in rows:
        value = model.data(model.index(row, column), display)
        if value is not None and value != "":
            widest = max(widest, metrics.horizontalAdvance(str(value)))
    return widest


class StretchFloor(QObject):
    """Keeps a view's stretching column at least ``minimum`` pixels (and its header's
    size hint) wide: below that it is sized, not stretched, and the view scrolls.

    Re-checked when the viewport is resized and when another column changes width.
    """

    def __init__(self, view: QTableView, column: int, minimum: int = 0) -> None:
        super().__init__(view)
        self._view = view
        self._column = column
        self._minimum = minimum
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self._on_section_resized)

    def floor(self) -> int:
        """The narrowest the stretching column may be, in pixels."""
        return max(self._minimum, self._view.horizontalHeader().sectionSizeHint(self._column))

    def apply(self) -> None:
        """Stretch the column if the viewport has room for its floor, else size it to it."""
        header = self._view.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._column and not header.isSectionHidden(c)
        )
        room = self._view.viewport().width() - others
        fits = room >= self.floor()
        mode = QHeaderView.ResizeMode.Stretch if fits else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(self._column) != mode:
            header.setSectionResizeMode(self._column, mode)
        if not fits and header.sectionSize(self._column) != self.floor():
            header.resizeSection(self._column, self.floor())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self._column:
            self.apply()


def fit_columns(
    view: QTableView,
    stretch_column: int,
    *,
    widest_texts: Mapping[int, Iterable[str]] | None = None,
    max_widths: Mapping[int, int] | None = None,
    stretch_minimum: int = 0,
) -> StretchFloor:
    """Stretch ``stretch_column``; fit the others to their contents now and after resets.

    :param widest_texts: per column, texts it must have room for (measured in bold).
    :param max_widths: per column, the widest it is fitted (its header's width wins).
    :param stretch_minimum: the narrowest the stretching column gets before the view
        scrolls sideways (its header's width wins).
    :returns: the floor keeping the stretching column readable (owned by ``view``).
    """
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    reserved = {column: list(texts) for column, texts in (widest_texts or {}).items()}
    caps = dict(max_widths or {})
    floor = StretchFloor(view, stretch_column, stretch_minimum)

    def fit() -> None:
        model = view.model()
        bold = QFont(view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        rows = sampled_rows(model.rowCount())
        for column in range(model.columnCount()):
            if column == stretch_column or view.isColumnHidden(column):
                continue
            texts = max(
                column_text_width(model, column, rows, metrics),
                max((metrics.horizontalAdvance(t) for t in reserved.get(column, ())), default=0),
            )
            width = min(texts + PADDING, caps.get(column, texts + PADDING))
            view.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        floor.apply()

    view.model().modelReset.connect(fit)
    fit()
    return floor
