"""The CSV/TSV column mapping: which column holds the text, the title and the id.

:class:`CsvMappingDialog` lists the columns of the file's header row
(``formats.readers.csv_columns``), lets the user pick the text column and,
optionally, the title and id columns, and previews the first articles exactly as
the import will read them with that mapping (``formats.readers.read_paths``), with
any problem the mapping causes. Its result is a ``ReadOptions``.

The last mapping is remembered in ``QSettings`` (:func:`load_csv_mapping`,
:func:`save_csv_mapping`); imports that show no dialog (folders) use it.
Threading: main thread only; the preview reads only the first rows of the file.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from formats.readers import ReadOptions, read_paths
from quotes.model import Article, Problem
from ui.plain_tooltips import plain_tooltip
from ui.tables.row_tables import RowTableModel, read_only_table_view

#: How many articles the preview shows.
PREVIEW_ROWS = 5
#: The longest text shown in a preview cell; the tooltip shows a longer part.
_CELL_CHARACTERS = 160
_TOOLTIP_CHARACTERS = 1200
#: The item that maps no column (title and id are optional).
NOT_MAPPED = "(none)"

_SETTINGS_GROUP = "import/csv"
# Column names that usually hold each role, tried (case-insensitively) when the last
# mapping does not fit the file.
_GUESSES = {
    "text": ("text", "body", "content", "article", "article_text", "story"),
    "title": ("title", "headline", "heading", "name"),
    "id": ("id", "doc_id", "document_id", "article_id", "uid", "key"),
}


def load_csv_mapping(settings: QSettings) -> ReadOptions:
    """The last mapping the user confirmed, or the defaults (``text``, ``title``, ``id``).

    An unmapped title or id is kept as None; unreadable values fall back to defaults.
    """
    defaults = ReadOptions()
    settings.beginGroup(_SETTINGS_GROUP)
    try:
        text = settings.value("text", defaults.csv_text_column)
        title = settings.value("title", defaults.csv_title_column)
        id_ = settings.value("id", defaults.csv_id_column)
    finally:
        settings.endGroup()
    return dataclasses.replace(
        defaults,
        csv_text_column=text if isinstance(text, str) and text else defaults.csv_text_column,
        csv_title_column=_optional_column(title, defaults.csv_title_column),
        csv_id_column=_optional_column(id_, defaults.csv_id_column),
    )


def save_csv_mapping(settings: QSettings, options: ReadOptions) -> None:
    """Remember ``options``' column mapping for the next import."""
    settings.beginGroup(_SETTINGS_GROUP)
    try:
        settings.setValue("text", options.csv_text_column)
        # QSettings cannot hold None portably; "" stands for "not mapped".
        settings.setValue("title", options.csv_title_column or "")
        settings.setValue("id", options.csv_id_column or "")
    finally:
        settings.endGroup()
    settings.sync()


def _optional_column(value: object, default: str | None) -> str | None:
    if value == "":
        return None
    return value if isinstance(value, str) else default


def is_csv_file(path: Path) -> bool:
    """Whether ``path`` is a single CSV/TSV file (the imports that ask for a mapping)."""
    return path.is_file() and path.suffix.lower() in (".csv", ".tsv", ".tab")


class PreviewModel(RowTableModel[Article]):
    """The first articles a mapping reads from the file: id, title and text.

    :meth:`set_rows` shows the articles of another mapping.
    """

    HEADERS = ("Id", "Title", "Text")

    def cell(self, article: Article, column: int, role: int) -> object:
        value = (article.external_id or "", article.title, article.text)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            # One line per cell: an article's newlines would make rows of unequal height.
            flat = " ".join(value.split())
            return flat if len(flat) <= _CELL_CHARACTERS else flat[:_CELL_CHARACTERS] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and value:
            return plain_tooltip(value[:_TOOLTIP_CHARACTERS])
        return None


class CsvMappingDialog(QDialog):
    """Map a CSV/TSV file's columns to the article text, title and id.

    ``text_box``, ``title_box`` and ``id_box`` are the three choices (title and id
    offer :data:`NOT_MAPPED`); each change re-reads the preview (``preview_model``)
    and the problems it meets (``problems_label``). :meth:`options` is the result.

    :param path: the CSV or TSV file.
    :param columns: its header (``csv_columns(path)``; the caller handles files
        without one).
    :param initial: the mapping to start from (the last one); columns the file lacks
        are guessed from usual names instead.
    :param other_files: how many more CSV/TSV files of the same import the mapping
        also applies to (mentioned in the dialog).
    """

    def __init__(
        self,
        path: Path,
        columns: list[str],
        *,
        initial: ReadOptions | None = None,
        other_files: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.columns = list(columns)
        self._initial = initial or ReadOptions()
        self.setWindowTitle(f"Import {self.path.name}: columns")

        intro = (
            f"Choose the columns of {self.path.name} that hold each article's text, title and id."
        )
        if other_files == 1:
            intro += " The mapping also applies to the other CSV/TSV file of this import."
        elif other_files:
            intro += f" The mapping also applies to the other {other_files} CSV/TSV files."
        heading = QLabel(intro, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # a file name may hold "<"
        heading.setWordWrap(True)

        self.text_box = self._column_box(optional=False)
        self.title_box = self._column_box(optional=True)
        self.id_box = self._column_box(optional=True)
        self._select(self.text_box, self._initial.csv_text_column, "text")
        self._select(self.title_box, self._initial.csv_title_column, "title")
        self._select(self.id_box, self._initial.csv_id_column, "id")

        self.preview_model = PreviewModel(parent=self)
        self.preview_view = read_only_table_view(self.preview_model, self)
        self.preview_view.setWordWrap(False)
        header = self.preview_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.preview_view.setColumnWidth(1, 200)
        self.problems_label = QLabel(self)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b3261e;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Text column", self.text_box)
        form.addRow("Title column", self.title_box)
        form.addRow("Id column", self.id_box)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"The first {PREVIEW_ROWS} articles as they will be read:", self))
        layout.addWidget(self.preview_view, stretch=1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

        for box in (self.text_box, self.title_box, self.id_box):
            box.currentIndexChanged.connect(self.refresh_preview)
        self.refresh_preview()
        self.resize(780, 420)

    def options(self) -> ReadOptions:
        """The chosen mapping, with the other read options of ``initial`` kept."""
        return dataclasses.replace(
            self._initial,
            csv_text_column=self.text_box.currentData(),
            csv_title_column=self.title_box.currentData(),
            csv_id_column=self.id_box.currentData(),
        )

    def refresh_preview(self) -> None:
        """Read the first articles with the current mapping; show them and any problem."""
        problems: list[Problem] = []
        reader = read_paths([self.path], options=self.options(), problems=problems)
        try:
            articles = list(itertools.islice(reader, PREVIEW_ROWS))
        finally:
            reader.close()  # closes the file; the rest is read by the import itself
        self.preview_model.set_rows(articles)
        # The dialog names the file already; its folder would only crowd the line.
        shown = [
            f"{problem.where.replace(str(self.path), self.path.name, 1)}: {problem.reason}"
            for problem in problems[:3]
        ]
        if len(problems) > 3:
            shown.append(f"… and {len(problems) - 3} more in the first rows")
        self.problems_label.setText("\n".join(shown))
        self.problems_label.setVisible(bool(shown))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(articles))

    def _column_box(self, *, optional: bool) -> QComboBox:
        box = QComboBox(self)
        if optional:
            box.addItem(NOT_MAPPED, None)
        for name in self.columns:
            box.addItem(name, name)
        return box

    def _select(self, box: QComboBox, wanted: str | None, role: str) -> None:
        """Select ``wanted`` if the file has it, else a usual name for ``role``.

        A title or id the user unmapped last time stays unmapped.
        """
        if wanted in self.columns:
            box.setCurrentIndex(box.findData(wanted))
            return
        if wanted is None and role != "text":
            box.setCurrentIndex(0)  # NOT_MAPPED
            return
        lowered = {name.lower(): name for name in reversed(self.columns)}
        for guess in _GUESSES[role]:
            if guess in lowered:
                box.setCurrentIndex(box.findData(lowered[guess]))
                return
        # No usual name: the text defaults to the first column, title and id to none.
        box.setCurrentIndex(0)
