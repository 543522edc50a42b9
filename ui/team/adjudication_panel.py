"""The adjudication mode's side-by-side panel: every annotator's version of one
disagreement, the progress line, and the keys.

:class:`VersionTableModel` has one column per annotator (in the order of the number
keys) and one row per part: content, cue, speaker, type. An annotator without a
version shows "no version" in every row. The column that ``A`` takes is marked
with a star in its header: the largest group of versions that agree, or, when more
annotators have no version at all, those annotators (``A`` then rejects the
quotation, as most of them did). :class:`AdjudicationPanel` holds the table under
the progress line ("12 of 80 disagreements left") and the key and colour legends.
Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPixmap
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from jobs.team.adjudication import OpenDisagreement
from ui.plain_tooltips import plain_tooltip
from ui.team.adjudication_style import PART_LEGEND, annotator_colour

_Index = QModelIndex | QPersistentModelIndex

#: What a cell shows for an annotator without a version of the quotation.
NO_VERSION = "no version"
#: The header mark of the column(s) that A takes.
MAJORITY_MARK = "★"
#: Characters of content shown in full; a longer one shows its two ends.
CONTENT_CHARS = 160


def majority_rejects(item: OpenDisagreement) -> bool:
    """Whether "take the majority" means no quotation: more annotators have none
    than back the largest agreeing group of versions."""
    return len(item.disagreement.absent) > len(item.disagreement.supporters)


def excerpt(text: str, fragments: list[tuple[int, int]], limit: int = CONTENT_CHARS) -> str:
    """The content's words on one line; a long one keeps both ends, where versions
    usually differ ("first words … last words")."""
    words = " … ".join(" ".join(text[s:e].split()) for s, e in fragments)
    if len(words) <= limit:
        return words
    half = (limit - 3) // 2
    return f"{words[:half].rstrip()} … {words[-half:].lstrip()}"


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def quote_fragments(quote: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The content fragments of an export-schema quote (its start..end without any)."""
    fragments = quote.get("fragments") or [[quote["start"], quote["end"]]]
    return [(int(s), int(e)) for s, e in fragments]


def describe_speaker(text: str, quote: Mapping[str, Any]) -> str:
    """The speaker mention as written, with the person it names when that differs."""
    span = _pair(quote.get("speaker"))
    mention = " ".join(text[span[0] : span[1]].split()) if span else ""
    name = quote.get("speaker_name") or ""
    if mention and name and name.casefold() != mention.casefold():
        return f"{mention} ({name})"
    return mention or name or "—"


def _swatch(colour: str, size: int = 12) -> QPixmap:
    """A small square of ``colour`` (headers draw a pixmap, not a bare colour)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return pixmap


class VersionTableModel(QAbstractTableModel):
    """One disagreement's versions side by side: a column per annotator, a row per
    part. Read-only; :meth:`set_item` replaces everything (a model reset)."""

    ROWS = ("Content", "Cue", "Speaker", "Type")
    CONTENT, CUE, SPEAKER, TYPE = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._item: OpenDisagreement | None = None
        self._text = ""
        self._versions: dict[str, Mapping[str, Any]] = {}

    def set_item(self, item: OpenDisagreement | None, text: str) -> None:
        """Show ``item``'s versions in ``text`` (its document's); None: nothing."""
        self.beginResetModel()
        self._item, self._text = item, text
        self._versions = (
            {} if item is None else {v.annotator: v.quote for v in item.disagreement.versions}
        )
        self.endResetModel()

    @property
    def annotators(self) -> tuple[str, ...]:
        """The columns' annotators, in key order."""
        return () if self._item is None else self._item.annotators

    def is_majority(self, column: int) -> bool:
        """Whether ``A`` takes (or, rejecting, sides with) this column's annotator."""
        if self._item is None:
            return False
        name = self.annotators[column]
        if majority_rejects(self._item):
            return name in self._item.disagreement.absent
        return name in self._item.disagreement.supporters

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._item is None else len(self.ROWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.annotators)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.ROWS):
                return self.ROWS[section]
            return None
        if not 0 <= section < len(self.annotators):
            return None
        name = self.annotators[section]
        marked = self.is_majority(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{section + 1}  {name}" + (f"  {MAJORITY_MARK}" if marked else "")
        if role == Qt.ItemDataRole.DecorationRole:
            return _swatch(annotator_colour(section + 1))
        if role == Qt.ItemDataRole.FontRole and marked:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            what = "the majority" if marked else "not the majority"
            return plain_tooltip(f"Key {section + 1} takes {name}'s version ({what})")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._item is None:
            return None
        quote = self._versions.get(self.annotators[index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return NO_VERSION if quote is None else self._cell(quote, index.row())
        if role == Qt.ItemDataRole.ToolTipRole and quote is not None:
            if index.row() == self.CONTENT:
                return plain_tooltip(excerpt(self._text, quote_fragments(quote), limit=2000))
            return plain_tooltip(self._cell(quote, index.row()))
        if role == Qt.ItemDataRole.FontRole and quote is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _cell(self, quote: Mapping[str, Any], row: int) -> str:
        if row == self.CONTENT:
            return excerpt(self._text, quote_fragments(quote))
        if row == self.CUE:
            cue = _pair(quote.get("cue"))
            return " ".join(self._text[cue[0] : cue[1]].split()) if cue else "—"
        if row == self.SPEAKER:
            return describe_speaker(self._text, quote)
        return str(quote.get("type") or "indirect")


def _plain_label(parent: QWidget, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # annotator names are user data
    return label


class AdjudicationPanel(QWidget):
    """The progress line, where the disagreement is, its versions and the keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = VersionTableModel(self)
        self.progress_label = _plain_label(self)
        bold = self.progress_label.font()
        bold.setBold(True)
        self.progress_label.setFont(bold)
        self.where_label = _plain_label(self)  # titles may hold "<"
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        # The keys belong to the window's actions, not to the table.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.keys_label = _plain_label(self)
        self.keys_label.setWordWrap(True)
        self.legend_label = _plain_label(self, PART_LEGEND)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        for label in (self.progress_label, self.where_label):
            layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.legend_label)
        self.show_waiting()

    def show_waiting(self) -> None:
        """Say that the disagreements are being found (the worker runs)."""
        self.model.set_item(None, "")
        self.progress_label.setText("Finding the disagreements…")
        self.where_label.setText("")
        self.keys_label.setText("Esc leaves adjudication.")

    def show_document_done(self, progress: str, title: str) -> None:
        """Say that the document shown is adjudicated and how to go on."""
        self.model.set_item(None, "")
        self.progress_label.setText(progress)
        self.where_label.setText(f"{title}: every disagreement is adjudicated.")
        self.keys_label.setText(
            "N: open the next disagreement · span keys edit the record taken · "
            "Ctrl+Z: undo · Esc: leave"
        )

    def show_item(
        self, item: OpenDisagreement | None, text: str, progress: str, where: str
    ) -> None:
        """Show ``item`` (None: all are done) under the ``progress`` line."""
        self.model.set_item(item, text)
        self.progress_label.setText(progress)
        self.where_label.setText(where)
        if item is None:
            self.keys_label.setText("Ctrl+Z undoes the last choice; Esc leaves adjudication.")
            return
        count = len(item.annotators)
        numbers = "1" if count == 1 else f"1–{min(count, 9)}"
        majority = "rejects (most have none)" if majority_rejects(item) else "takes ★"
        self.keys_label.setText(
            f"{numbers}: take that annotator's version · A: majority {majority} · "
            "R: reject all · N: later · span keys edit the record taken · Ctrl+Z: undo · "
            "Esc: leave"
        )
