"""Table headers are never clipped, and document titles keep room at the default
dock width: checked on the real window with the sample articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from jobs.samples import seed_samples
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.tables.document_list import TITLE_MINIMUM_WIDTH, DocumentListModel

from .conftest import show_window


@pytest.fixture
def sample_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    """The real window on a workspace seeded with the sample articles, as on a first
    start, at its default size and dock widths."""
    with Store(tmp_path / "samples.sqlite") as store:
        seed_samples(store)
        window = show_window(qtbot, store)
        qtbot.waitUntil(lambda: window.document_list.viewport().width() > 0)
        yield window
        window.close()


def clipped_headers(view: QTableView) -> list[str]:
    """The header texts of ``view`` whose section is narrower than the text needs."""
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    clipped = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        text = str(view.model().headerData(column, Qt.Orientation.Horizontal))
        needed = max(metrics.horizontalAdvance(text) + 8, header.sectionSizeHint(column))
        if header.sectionSize(column) < needed:
            clipped.append(f"{text} ({header.sectionSize(column)} < {needed})")
    return clipped


def test_no_header_of_the_window_is_clipped(sample_window: MainWindow) -> None:
    views = {
        "documents": sample_window.document_list,
        "speakers": sample_window.roster_panel.view,
        "records": sample_window.attribution_panel,
    }
    assert sample_window.roster_panel.model.rowCount() > 0
    assert {name: clipped_headers(view) for name, view in views.items()} == {
        name: [] for name in views
    }


def test_the_statistics_headers_are_not_clipped(qtbot, sample_window: MainWindow) -> None:
    dialog = sample_window.view_actions.show_statistics()
    qtbot.waitExposed(dialog)
    assert clipped_headers(dialog.view) == []
    dialog.close()


def test_document_titles_keep_room_at_the_default_dock_width(sample_window: MainWindow) -> None:
    view = sample_window.document_list
    title = view.columnWidth(DocumentListModel.TITLE)
    assert title >= TITLE_MINIMUM_WIDTH
    # Room for the first 20 characters of a sample title, not one word ("Harbour …").
    first = view.model().index(0, DocumentListModel.TITLE).data()
    assert view.fontMetrics().horizontalAdvance(first[:20]) < title
    assert view.horizontalScrollBar().maximum() == 0  # and no sideways scrolling


def test_a_narrow_dock_scrolls_sideways_instead_of_clipping(
    qtbot, sample_window: MainWindow
) -> None:
    docks = [sample_window.documents_dock]
    sample_window.resizeDocks(docks, [220], Qt.Orientation.Horizontal)
    view = sample_window.document_list
    qtbot.waitUntil(lambda: view.viewport().width() < 240)
    assert clipped_headers(view) == []
    assert view.columnWidth(DocumentListModel.TITLE) >= TITLE_MINIMUM_WIDTH
    assert view.horizontalScrollBar().maximum() > 0
    # Wide again, the title stretches to fill the dock.
    sample_window.resizeDocks(docks, [600], Qt.Orientation.Horizontal)
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    assert sum(header.sectionSize(c) for c in range(header.count())) >= view.viewport().width()
