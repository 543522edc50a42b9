"""The Agreement window's tables: the pair matrix, the overall figures, the documents.

Each shows an :class:`~quotes.agreement.AgreementReport` (``quotes.agreement.report``)
and writes every figure with its number of items. :class:`PairMatrixModel` is the
heat map: one row and one column per annotator, a cell per pair, coloured by
``ui.team.heat_colours`` for the figure chosen. Threading: main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from quotes.agreement import AgreementReport, DocumentAgreement, FacetFigure, PairAgreement
from ui.plain_tooltips import plain_tooltip
from ui.tables.row_tables import RowTableModel
from ui.team.heat_colours import heat_colour, text_on

_Index = QModelIndex | QPersistentModelIndex

#: The figures the matrix can show: report key -> label (keys of ``MATRIX_KEYS``).
FIGURES = {
    "token_alpha": "Token alpha",
    "content_F1_pairwise": "Content F1",
    "cue_agreement": "Cue agreement",
    "speaker_agreement": "Speaker agreement",
    "type_agreement": "Type agreement",
}
#: What the items of each figure are.
_ITEM_NOUNS = {
    "token_alpha": "tokens",
    "content_F1_pairwise": "attributions",
    "cue_agreement": "matched pairs",
    "speaker_agreement": "matched pairs",
    "type_agreement": "matched pairs",
}
#: A cell's value (float, or None when it cannot be computed) and its item count.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
ITEMS_ROLE = Qt.ItemDataRole.UserRole + 2
#: A document row's workspace document id (None when it is not in the workspace).
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 3


def rate(value: float | None) -> str:
    """A rate as the window writes it: three decimals, or "n/a" without items."""
    return "n/a" if value is None else f"{value:.3f}"


def items_text(count: int, noun: str) -> str:
    """ "312 tokens", "1 token": ``noun`` is given in the plural."""
    if count == 1 and noun.endswith("s"):
        noun = noun[:-1]
    return f"{count:,} {noun}"


@dataclass(frozen=True, slots=True)
class PairCell:
    """One matrix cell: the value coloured, the lines written, and the tooltip."""

    value: float | None
    items: int
    lines: tuple[str, ...]
    tooltip: str


def pair_cell(pair: PairAgreement, key: str) -> PairCell:
    """The cell of ``pair`` for figure ``key`` (a key of :data:`FIGURES`)."""
    who = " and ".join(pair.annotators)
    documents = items_text(pair.documents, "documents")
    if key in ("token_alpha", "content_F1_pairwise"):
        alpha = key == "token_alpha"
        figure = pair.token_alpha if alpha else pair.content_f1
        counted = items_text(figure.items, "tokens" if alpha else "attributions")
        shown = rate(figure.value)
        line = f"α {shown}" if alpha else f"F1 {shown}"  # noqa: RUF001 (alpha is meant)
        said = (
            f"Krippendorff's alpha {shown} over {counted}"
            if alpha
            else f"content F1 {shown}, {pair.matched:,} matched of {counted}"
        )
        return PairCell(
            figure.value, figure.items, (line, counted), f"{who}: {said} in {documents}"
        )
    facet: FacetFigure = pair.facets()[key]
    counted = items_text(facet.items, "matched pairs")
    share = "n/a" if facet.share is None else f"{facet.share:.0%}"
    # Kappa is what the matrix compares; without it (one label only) the share is.
    value = facet.kappa if facet.kappa is not None else facet.share
    return PairCell(
        value,
        facet.items,
        (f"κ {rate(facet.kappa)} · {share} agree", counted),
        f"{who}: {FIGURES[key].lower()} {share} of {counted}, Cohen's kappa"
        f" {rate(facet.kappa)}, in {documents}",
    )


class PairMatrixModel(QAbstractTableModel):
    """The pair matrix of one figure: annotators down and across, a cell per pair.

    A cell shows the pair's value and its items on two lines, on the heat colour of
    the value in the current theme (:meth:`set_theme`); the diagonal and the figures
    that cannot be computed have no colour. ``VALUE_ROLE`` and ``ITEMS_ROLE`` give the
    numbers behind a cell.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._report: AgreementReport | None = None
        self._figure = "token_alpha"
        self._theme = "light"

    @property
    def figure(self) -> str:
        """The key of the figure shown (a key of :data:`FIGURES`)."""
        return self._figure

    def set_report(self, report: AgreementReport | None) -> None:
        """Show ``report``'s pairs (None: an empty matrix)."""
        self.beginResetModel()
        self._report = report
        self.endResetModel()

    def set_figure(self, key: str) -> None:
        """Show figure ``key``. :raises KeyError: for a key not in :data:`FIGURES`."""
        if key not in FIGURES:
            raise KeyError(f"no figure {key!r}; one of {', '.join(FIGURES)}")
        self._figure = key
        self._repaint()

    def set_theme(self, name: str) -> None:
        """Colour the cells for theme ``name`` ("light" or "dark")."""
        self._theme = name
        self._repaint()

    def _repaint(self) -> None:
        if self.rowCount():
            last = self.rowCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, last))

    def annotators(self) -> tuple[str, ...]:
        """The annotators down and across, in the report's order."""
        return () if self._report is None else self._report.annotators

    def cell(self, row: int, column: int) -> PairCell | None:
        """The cell at ``row``, ``column``; None on the diagonal or outside."""
        names = self.annotators()
        if self._report is None or row == column or not (0 <= row < len(names)):
            return None
        if not 0 <= column < len(names):
            return None
        return pair_cell(self._report.pair(names[row], names[column]), self._figure)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.annotators())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return self.rowCount(parent)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        names = self.annotators()
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(names):
            return names[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(cell.lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(cell.tooltip)
        if role == VALUE_ROLE:
            return cell.value
        if role == ITEMS_ROLE:
            return cell.items
        if cell.value is None:
            return None
        background = heat_colour(cell.value, self._theme)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(background)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(text_on(background))
        return None


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One overall figure: its label, value, kappa (facets only) and items."""

    label: str
    value: str
    kappa: str
    items: str


def overall_rows(report: AgreementReport) -> list[FigureRow]:
    """The report's overall figures as rows, in the order of :data:`FIGURES`."""
    rows = [
        FigureRow(
            "Token alpha (Krippendorff, nominal)",
            rate(report.token_alpha.value),
            "",
            items_text(report.token_alpha.items, "tokens"),
        ),
        FigureRow(
            "Content F1 (mean over pairs)",
            rate(report.content_f1.value),
            "",
            items_text(report.content_f1.items, "attributions"),
        ),
    ]
    for key, facet in report.facets().items():
        share = "n/a" if facet.share is None else f"{facet.share:.1%} agree"
        counted = items_text(facet.items, "matched pairs")
        rows.append(FigureRow(FIGURES[key], share, rate(facet.kappa), counted))
    return rows


class FigureTableModel(RowTableModel[FigureRow]):
    """The overall figures: figure, value, Cohen's kappa, items."""

    HEADERS = ("Figure", "Value", "Cohen's κ", "Items")
    HEADER_TIPS = (
        "Over every pair of annotators",
        "Alpha and F1; for cue, speaker and type the share of matched pairs that agree",
        "Agreement beyond chance on the matched pairs",
        "What the figure was computed over, summed over the pairs",
    )

    def cell(self, row: FigureRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.label, row.value, row.kappa, row.items)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A document of the report and its id in the workspace (None if not found)."""

    document_id: int | None
    agreement: DocumentAgreement


class DisagreementTableModel(RowTableModel[DocumentRow]):
    """The documents two or more annotators hold, most disagreement first (the
    report's order). The disagreement cell has the heat colour of its agreement;
    the attributions column holds the items of disagreement and content F1."""

    HEADERS = ("Document", "Disagreement", "Content F1", "Attributions", "Tokens differing")
    HEADER_TIPS = (
        "Click to show it in the main window, Enter to go there",
        "1 - attribution F1 (a match needs the same speaker too), mean over pairs",
        "Content overlap F1, mean over the document's pairs",
        "The attributions both figures count (each annotator's in the tooltip)",
        "Share of token label pairs that differ, over the document's tokens",
    )
    TITLE, DISAGREEMENT, CONTENT_F1, ATTRIBUTIONS, TOKENS = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._theme = "light"

    def set_theme(self, name: str) -> None:
        """Colour the disagreement cells for theme ``name``."""
        self._theme = name
        if self._rows:
            column = self.DISAGREEMENT
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def cell(self, row: DocumentRow, column: int, role: int) -> Any:
        document = row.agreement
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(document, column)
        if role == DOCUMENT_ID_ROLE:
            return row.document_id
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return plain_tooltip(f"{document.title or document.id} ({document.id})")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ATTRIBUTIONS:
            lines = (f"{name}: {count:,}" for name, count in document.attributions.items())
            return plain_tooltip("\n".join(lines))
        if column == self.DISAGREEMENT and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            background = heat_colour(document.attribution_f1, self._theme)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(background)
            return QColor(text_on(background))
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, document: DocumentAgreement, column: int) -> str:
        if column == self.TITLE:
            return document.title or document.id
        if column == self.DISAGREEMENT:
            return f"{document.disagreement:.3f}"
        if column == self.CONTENT_F1:
            return f"{document.content_f1:.3f}"
        if column == self.ATTRIBUTIONS:
            return f"{sum(document.attributions.values()):,}"
        return f"{document.token_disagreement:.1%} of {items_text(document.tokens, 'tokens')}"
