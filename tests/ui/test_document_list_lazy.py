"""The document list fetches its rows a page at a time: scrolled, clicked, typed into
and reloaded on the real widgets, over a workspace of more documents than a page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from quotes.model import Article, DocumentStatus
from storage.store import ListOrder, Store
from tests.storage.conftest import add_articles
from ui.operations.changes import ChangeHub, ChangeKind
from ui.shell.current import CurrentRecord
from ui.tables.document_list import (
    FIND_AHEAD,
    PAGE_ROWS,
    DocumentListModel,
    DocumentListPanel,
)

DOCUMENTS = 2 * PAGE_ROWS + 50


def article(n: int) -> Article:
    """Document ``n``: its number in the title, ``n % 4`` quotations in the text."""
    quotes = " ".join(f'"Quote {q}."' for q in range(n % 4))
    return Article(title=f"Document {n:03d}", text=f"Ana Ruiz said: {quotes} Number {n}.")


@pytest.fixture
def big_store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "big.sqlite") as store:
        report = add_articles(store, [article(n) for n in range(DOCUMENTS)], workers=1)
        assert report.imported == DOCUMENTS
        yield store


class Listed:
    """The list panel on ``big_store``, with its hub and current record, and a count
    of the pages the store was asked for."""

    def __init__(self, qtbot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.store = store
        self.pages: list[object] = []
        original = store.document_page

        def counted(*args: object, **kwargs: object) -> object:
            self.pages.append(kwargs.get("after"))
            return original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "document_page", counted)
        self.hub = ChangeHub()
        self.current = CurrentRecord()
        self.model = DocumentListModel(store, self.hub)
        self.panel = DocumentListPanel(store, self.model, self.current, self.hub)
        self.view = self.panel.view
        qtbot.addWidget(self.panel)
        self.panel.resize(420, 500)
        self.panel.show()
        qtbot.waitExposed(self.panel)
        self.panel.activateWindow()
        qtbot.waitUntil(self.panel.isActiveWindow)

    def title(self, row: int) -> str:
        return str(self.model.index(row, DocumentListModel.TITLE).data())

    def scroll_to_bottom(self, qtbot) -> None:
        bar = self.view.verticalScrollBar()
        before = self.model.rowCount()
        # The bar's range follows the rows inserted once the view has laid them out.
        qtbot.waitUntil(lambda: bar.maximum() > bar.value(), timeout=2000)
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda: self.model.rowCount() > before, timeout=2000)


@pytest.fixture
def listed(qtbot, big_store: Store, monkeypatch: pytest.MonkeyPatch) -> Listed:
    return Listed(qtbot, big_store, monkeypatch)


def test_the_lazy_model_passes_the_model_tester(qtmodeltester, big_store: Store) -> None:
    model = DocumentListModel(big_store, ChangeHub())
    assert model.rowCount() == PAGE_ROWS and model.canFetchMore()
    qtmodeltester.check(model)  # which fetches every page
    assert model.rowCount() == DOCUMENTS and not model.canFetchMore()


def test_only_the_first_page_is_read_at_start(listed: Listed) -> None:
    assert listed.pages == [None]
    assert listed.model.rowCount() == PAGE_ROWS
    assert listed.title(0) == "Document 000"
    # The filter still counts every document.
    assert listed.panel.filter_box.itemText(0) == f"All ({DOCUMENTS})"


def test_scrolling_to_the_bottom_fetches_the_next_pages(qtbot, listed: Listed) -> None:
    listed.scroll_to_bottom(qtbot)
    assert listed.model.rowCount() == 2 * PAGE_ROWS
    assert listed.title(PAGE_ROWS) == f"Document {PAGE_ROWS:03d}"
    listed.scroll_to_bottom(qtbot)
    assert listed.model.rowCount() == DOCUMENTS and not listed.model.canFetchMore()
    assert listed.title(DOCUMENTS - 1) == f"Document {DOCUMENTS - 1:03d}"
    assert len(listed.pages) == 3  # one read per page, each after the last row shown


def test_clicking_and_arrow_keys_pick_documents(qtbot, listed: Listed) -> None:
    view = listed.view
    rect = view.visualRect(listed.model.index(2, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert listed.current.document_id == listed.model.summary_at(2).id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert listed.current.document_id == listed.model.summary_at(3).id


def test_ctrl_end_walks_on_into_the_pages_fetched_as_it_goes(qtbot, listed: Listed) -> None:
    view = listed.view
    view.setFocus()
    control = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Home, control)
    qtbot.keyClick(view, Qt.Key.Key_End, control)  # (End alone: the row's last cell)
    # At the bottom of the rows fetched, the view asks for more.
    qtbot.waitUntil(lambda: listed.model.rowCount() > PAGE_ROWS, timeout=2000)
    assert listed.current.document_id == listed.model.summary_at(PAGE_ROWS - 1).id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert listed.current.document_id == listed.model.summary_at(PAGE_ROWS).id
    assert view.currentIndex().row() == PAGE_ROWS


def test_the_current_document_stays_selected_after_a_reload(qtbot, listed: Listed) -> None:
    listed.scroll_to_bottom(qtbot)
    chosen = listed.model.summary_at(PAGE_ROWS + 5)
    listed.view.selectRow(PAGE_ROWS + 5)
    assert listed.current.document_id == chosen.id
    listed.store.set_document_status(chosen.id, DocumentStatus.DONE)
    listed.hub.notify(ChangeKind.DOCUMENTS, [chosen.id])
    assert listed.model.rowCount() == 2 * PAGE_ROWS  # the rows fetched are kept
    assert listed.view.currentIndex().row() == PAGE_ROWS + 5
    assert listed.model.summary_at(PAGE_ROWS + 5).status == DocumentStatus.DONE
    assert listed.current.document_id == chosen.id


def test_a_reload_that_moves_the_current_document_selects_it_again(qtbot, listed: Listed) -> None:
    listed.view.sortByColumn(DocumentListModel.TITLE, Qt.SortOrder.DescendingOrder)
    chosen = listed.model.summary_at(3)
    listed.view.selectRow(3)
    add_articles(listed.store, [article(n) for n in range(DOCUMENTS, DOCUMENTS + 2)])
    listed.hub.notify(ChangeKind.WORKSPACE)
    # Two new titles sort first: the rows are new, and the document is selected again.
    assert listed.title(0) == f"Document {DOCUMENTS + 1:03d}"
    assert listed.view.currentIndex().row() == 5
    assert listed.current.document_id == chosen.id


def test_a_document_chosen_elsewhere_is_fetched_to_and_selected(listed: Listed) -> None:
    target = listed.store.document_page(listed.model.list_query, limit=DOCUMENTS)[-1]
    listed.current.set_document(target.id)
    row = listed.model.row_of(target.id)
    assert row == DOCUMENTS - 1
    assert listed.view.currentIndex().row() == row


def test_a_document_beyond_reach_is_left_unselected(listed: Listed) -> None:
    target = listed.store.document_page(listed.model.list_query, limit=DOCUMENTS)[-1]
    listed.view.selectRow(0)
    assert listed.model.fetch_until(target.id, at_most=PAGE_ROWS) is None
    assert listed.model.rowCount() == 2 * PAGE_ROWS  # it read one page more, no further
    assert FIND_AHEAD >= DOCUMENTS  # (so the test above reached it)


def test_a_header_click_sorts_and_a_third_goes_back_to_import_order(qtbot, listed: Listed) -> None:
    header = listed.view.horizontalHeader()
    x = header.sectionViewportPosition(DocumentListModel.CANDIDATES) + 5
    click = QPoint(x, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)
    assert listed.model.list_query.order == ListOrder.CANDIDATES
    counts = [listed.model.summary_at(r).candidates for r in range(listed.model.rowCount())]
    assert counts == sorted(counts) and counts[0] == 0
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)
    assert listed.model.list_query.descending
    assert listed.model.summary_at(0).candidates == 3
    listed.scroll_to_bottom(qtbot)  # the next page continues the order
    counts = [listed.model.summary_at(r).candidates for r in range(listed.model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click)
    assert listed.model.list_query.order == ListOrder.IMPORT
    assert listed.title(0) == "Document 000"


def test_the_status_filter_pages_its_documents(qtbot, listed: Listed) -> None:
    done = [listed.model.summary_at(r).id for r in range(0, PAGE_ROWS, 3)]
    for document_id in done:
        listed.store.set_document_status(document_id, DocumentStatus.DONE)
    listed.hub.notify(ChangeKind.DOCUMENTS, done)
    listed.panel.set_status_filter(DocumentStatus.DONE)
    assert listed.model.rowCount() == len(done) and not listed.model.canFetchMore()
    assert [listed.model.summary_at(r).id for r in range(len(done))] == done
    qtbot.waitUntil(lambda: listed.panel.filter_box.itemText(3) == f"Done ({len(done)})")


def test_a_document_the_filter_hides_is_not_looked_for(listed: Listed) -> None:
    last = listed.store.document_page(listed.model.list_query, limit=DOCUMENTS)[-1]
    listed.store.set_document_status(last.id, DocumentStatus.DONE)
    listed.panel.set_status_filter(DocumentStatus.NEW)
    listed.pages.clear()
    assert listed.model.fetch_until(last.id) is None
    assert listed.pages == []  # its status said so: no page was read
    assert listed.model.rowCount() == PAGE_ROWS
