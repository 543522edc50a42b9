"""Team > Agreement: how far the annotators' layers agree, and where they differ most.

A non-modal window over the main one. It computes the figures of ``app.py
agreement`` in a worker (``ui.team.agreement_task``; the window never freezes) and
shows: the overall figures, each with its number of items; the pair matrix of the
figure chosen, coloured as a heat map in the current theme; and the documents two
or more annotators hold, most disagreement first. A click on a document (or moving
to it with the arrow keys) shows it in the main window (``document_chosen``); Enter
or a double click also brings the main window forward (``document_opened``).
Without two annotator layers it says so instead. The figures are a snapshot:
Recompute (F5) reads the layers again. Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from quotes.agreement import AgreementError
from storage.layers import LayerError
from storage.store import Store
from ui.shell.theme import current_theme, highlight_colours
from ui.shell.workers import TaskHandle, run_task
from ui.tables.row_tables import read_only_table_view, set_up_row_picker
from ui.tables.table_columns import fit_columns
from ui.team.agreement_models import (
    DOCUMENT_ID_ROLE,
    FIGURES,
    DisagreementTableModel,
    DocumentRow,
    FigureTableModel,
    PairMatrixModel,
    overall_rows,
)
from ui.team.agreement_task import AgreementResult, measure_workspace_agreement
from ui.team.heat_colours import scale_stops

#: The most annotators the matrix shows without scrolling.
MATRIX_ROWS_SHOWN = 8
#: What the window says when there is nothing to compare yet.
NEEDS_LAYERS_HINT = (
    "Agreement compares annotators' layers: import each annotator's file with"
    " app.py --annotator NAME import --annotations FILE, collect their workspaces"
    " (app.py collect), or annotate in layers of your own (Team > Switch layer…)."
)


class HeatLegend(QWidget):
    """The heat map's scale: a bar from 0 (or below) through 0.5 to 1, labelled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = "light"
        self.setMinimumHeight(self.fontMetrics().height() * 2 + 6)
        self.setToolTip("Cell colours: low agreement vermillion, 0.5 yellow, full agreement blue")

    def set_theme(self, name: str) -> None:
        """Paint the scale of theme ``name``."""
        self._theme = name
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        text_height = self.fontMetrics().height()
        bar = QRectF(0, 0, self.width(), self.height() - text_height - 4)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for stop, colour in zip((0.0, 0.5, 1.0), scale_stops(self._theme), strict=True):
            gradient.setColorAt(stop, QColor(colour))
        painter.fillRect(bar, gradient)
        painter.setPen(QColor(highlight_colours(self._theme).text))
        labels = QRectF(0, bar.bottom() + 2, self.width(), text_height)
        painter.drawText(labels, Qt.AlignmentFlag.AlignLeft, "0 or below: no agreement")
        painter.drawText(labels, Qt.AlignmentFlag.AlignHCenter, "0.5")
        painter.drawText(labels, Qt.AlignmentFlag.AlignRight, "1: full agreement")
        painter.end()


class AgreementWindow(QWidget):
    """The agreement figures of the workspace at ``db_path``.

    :param db_path: the workspace file; the worker opens its own store on it.
    :param open_store: how the worker opens it (tests pass a slow store).
    """

    document_chosen = Signal(int)
    document_opened = Signal(int)
    #: Emitted once a computation's result (or error) is shown.
    computed = Signal()

    def __init__(
        self,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        open_store: Callable[[Path], Store] = Store,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Agreement — {db_path.name}")
        self._db_path = db_path
        self._open_store = open_store
        self.task: TaskHandle | None = None
        self.result: AgreementResult | None = None

        self.status_label = _plain_label("", self)
        self.status_label.setWordWrap(True)
        self.recompute_button = QPushButton("&Recompute", self)
        self.recompute_button.setShortcut(QKeySequence("F5"))
        self.recompute_button.setToolTip("Read the layers again and recompute (F5)")
        self.recompute_button.clicked.connect(self.recompute)

        self.figure_model = FigureTableModel((), self)
        self.figure_view = read_only_table_view(self.figure_model, self, select_rows=False)
        fit_columns(self.figure_view, stretch_column=0)
        rows = self.figure_view.verticalHeader().defaultSectionSize()
        header = self.figure_view.horizontalHeader().sizeHint().height()
        self.figure_view.setFixedHeight(header + 5 * rows + 4)

        self.figure_box = QComboBox(self)
        for key, label in FIGURES.items():
            self.figure_box.addItem(label, key)
        self.figure_box.setToolTip("The figure the pair matrix shows")
        self.matrix_model = PairMatrixModel(self)
        self.matrix_view = _matrix_view(self.matrix_model, self)
        self.figure_box.currentIndexChanged.connect(
            lambda _index: self.matrix_model.set_figure(self.figure_box.currentData())
        )
        self.legend = HeatLegend(self)

        self.document_model = DisagreementTableModel(self)
        self.document_view = QTableView(self)
        self.document_view.setModel(self.document_model)
        set_up_row_picker(self.document_view)
        fit_columns(
            self.document_view, stretch_column=DisagreementTableModel.TITLE, stretch_minimum=160
        )
        self.document_view.clicked.connect(self._choose)
        self.document_view.selectionModel().currentRowChanged.connect(
            lambda index, _previous: self._choose(index)
        )
        self.document_view.activated.connect(self._open)

        self._lay_out()
        self._apply_theme()
        self.resize(860, 720)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.recompute_button, 0, Qt.AlignmentFlag.AlignTop)
        figure_row = QHBoxLayout()
        figure_row.addWidget(_caption("Pair matrix of", self))
        figure_row.addWidget(self.figure_box)
        figure_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(_caption("Overall, over every pair", self))
        layout.addWidget(self.figure_view)
        layout.addLayout(figure_row)
        layout.addWidget(self.matrix_view)
        layout.addWidget(self.legend)
        layout.addWidget(
            _caption("Documents by disagreement, most first (click to show, Enter to go)", self)
        )
        layout.addWidget(self.document_view, 1)

    # -- computing -----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Whether a computation is under way."""
        return self.task is not None and not self.task.done

    def recompute(self) -> TaskHandle | None:
        """Compute the figures again in a worker (nothing when one is running)."""
        if self.running:
            return None
        self.recompute_button.setEnabled(False)
        self.status_label.setText("Computing agreement…")
        self.task = run_task(
            partial(measure_workspace_agreement, self._db_path, open_store=self._open_store),
            name="agreement",
            on_done=self._show_result,
        )
        return self.task

    def _show_result(self, result: object, error: BaseException | None) -> None:
        self.recompute_button.setEnabled(True)
        if error is not None or not isinstance(result, AgreementResult):
            self.show_problem(error)
        else:
            self.show_result(result)
        self.computed.emit()

    def show_result(self, result: AgreementResult) -> None:
        """Show a computed report."""
        self.result = result
        report = result.report
        shared = len(report.documents)
        noun = "document" if shared == 1 else "documents"
        self.status_label.setText(
            f"{len(report.annotators)} annotators ({', '.join(report.annotators)}) on"
            f" {shared} {noun} that two or more of them reviewed; computed in"
            f" {result.seconds:.2f} s."
        )
        self.figure_model.set_rows(overall_rows(report))
        self.matrix_model.set_report(report)
        _fit_height(self.matrix_view)
        self.document_model.set_rows(
            DocumentRow(result.document_id(document.id), document) for document in report.documents
        )
        self._show_tables(True)

    def show_problem(self, error: BaseException | None) -> None:
        """Say why there are no figures (fewer than two annotators, an unknown layer,
        or a failure) and empty the tables."""
        self.result = None
        if isinstance(error, AgreementError | LayerError):
            text = f"No agreement to show: {error}.\n\n{NEEDS_LAYERS_HINT}"
        else:
            text = f"Agreement could not be computed: {type(error).__name__}: {error}"
        self.status_label.setText(text)
        self.figure_model.set_rows(())
        self.matrix_model.set_report(None)
        self.document_model.set_rows(())
        self._show_tables(False)

    def _show_tables(self, shown: bool) -> None:
        for widget in (self.figure_view, self.matrix_view, self.legend, self.document_view):
            widget.setVisible(shown)

    # -- documents -----------------------------------------------------------------------
    def _document_at(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        found = index.siblingAtColumn(0).data(DOCUMENT_ID_ROLE)
        return found if isinstance(found, int) else None

    def _choose(self, index: QModelIndex) -> None:
        document_id = self._document_at(index)
        if document_id is not None:
            self.document_chosen.emit(document_id)

    def _open(self, index: QModelIndex) -> None:
        document_id = self._document_at(index)
        if document_id is not None:
            self.document_opened.emit(document_id)

    # -- theme ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        super().changeEvent(event)

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        theme = current_theme(app) if isinstance(app, QApplication) else "light"
        self.matrix_model.set_theme(theme)
        self.document_model.set_theme(theme)
        self.legend.set_theme(theme)


def _matrix_view(model: PairMatrixModel, parent: QWidget) -> QTableView:
    """The matrix: names down and across, equal columns, two-line cells."""
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    # Every cell has two lines: rows of one fixed height, so the view can fit them.
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(2 * view.fontMetrics().lineSpacing() + 8)
    return view


def _fit_height(view: QTableView) -> None:
    """As tall as its rows (up to :data:`MATRIX_ROWS_SHOWN`, then it scrolls): the
    room below goes to the document list."""
    shown = min(view.model().rowCount(), MATRIX_ROWS_SHOWN)
    rows = shown * view.verticalHeader().defaultSectionSize()
    header = view.horizontalHeader().sizeHint().height()
    view.setFixedHeight(header + rows + 2 * view.frameWidth())


def _plain_label(text: str, parent: QWidget) -> QLabel:
    # Annotator names and titles are user data: never render them as markup.
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _caption(text: str, parent: QWidget) -> QLabel:
    label = _plain_label(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
