"""The full-text search panel, typed into and clicked on a temporary workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from jobs.importing import import_articles
from quotes.model import Article
from storage.store import Store
from ui.operations.changes import ChangeHub, ChangeKind
from ui.tables.search_panel import HIT_ROLE, SNIPPET_ROLE, SearchPanel, match_ranges

# Written for these tests.
ARTICLES = [
    Article(
        title="Bridge to reopen in May",
        text=(
            "The council voted on Monday to reopen the river bridge in May. "
            '"The ferry keeps running until then," the mayor said.'
        ),
    ),
    Article(
        title="Bakers complain about the detour",
        text=(
            "Residents said the detour around the closed bridge adds an hour. "
            "Ana Ruiz, a baker, warned that <b>bold</b> promises fix nothing."
        ),
    ),
    Article(
        title="Harbour festival",
        text="The harbour festival drew twelve thousand visitors, organisers said.",
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "search.sqlite") as opened:
        assert import_articles(opened, ARTICLES, preannotate=False).imported == 3
        yield opened


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return {s.title: s.id for s in store.document_summaries()}


@pytest.fixture
def hub() -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def panel(qtbot, store: Store, hub: ChangeHub) -> SearchPanel:
    search = SearchPanel(store=store, changes=hub, debounce_ms=50)
    qtbot.addWidget(search)
    search.resize(360, 320)
    search.show()
    qtbot.waitExposed(search)
    search.activateWindow()
    qtbot.waitUntil(search.isActiveWindow)
    search.search_edit.setFocus()
    return search


def _titles(panel: SearchPanel) -> list[str]:
    return [panel.model.index(r).data() for r in range(panel.model.rowCount())]


def _type(qtbot, panel: SearchPanel, text: str) -> None:
    """Type like a person and wait for the debounced query."""
    with qtbot.waitSignal(panel.searched, timeout=2000):
        qtbot.keyClicks(panel.search_edit, text)


def test_result_model_passes_the_model_tester(qtmodeltester, qtbot, panel) -> None:
    _type(qtbot, panel, "bridge")
    qtmodeltester.check(panel.model, force_py=True)


def test_typing_searches_after_a_pause_once(qtbot, panel: SearchPanel) -> None:
    queries: list[str] = []
    panel.searched.connect(lambda query, _count: queries.append(query))
    qtbot.keyClicks(panel.search_edit, "brid")
    # Nothing ran while typing: the debounce timer is waiting.
    assert panel.search_pending() and queries == [] and _titles(panel) == []
    qtbot.waitUntil(lambda: queries != [], timeout=2000)
    assert queries == ["brid"]  # one query for four key presses
    assert sorted(_titles(panel)) == ["Bakers complain about the detour", "Bridge to reopen in May"]
    assert panel.status.text() == "2 documents"


def test_every_word_must_occur(qtbot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "bridge baker")
    assert _titles(panel) == ["Bakers complain about the detour"]
    assert panel.status.text() == "1 document"


def test_enter_in_the_box_opens_the_first_hit_at_the_matching_word(
    qtbot, panel: SearchPanel, store: Store, ids: dict[str, int]
) -> None:
    _type(qtbot, panel, "ferry")
    with qtbot.waitSignal(panel.hit_activated, timeout=1000) as opened:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    document_id, start, end = opened.args
    assert document_id == ids["Bridge to reopen in May"]
    assert store.document(document_id).text[start:end] == "ferry"


def test_enter_before_the_pause_runs_the_query_at_once(qtbot, panel, store, ids) -> None:
    qtbot.keyClicks(panel.search_edit, "harb")
    assert panel.search_pending()
    with qtbot.waitSignal(panel.hit_activated, timeout=1000) as opened:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    document_id, start, end = opened.args
    assert document_id == ids["Harbour festival"]
    assert store.document(document_id).text[start:end] == "harbour"  # the prefix's whole word


def test_down_walks_into_the_list_and_enter_opens_that_hit(qtbot, panel, store) -> None:
    _type(qtbot, panel, "bridge")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    second = panel.model.hit_at(1)
    with qtbot.waitSignal(panel.hit_activated, timeout=1000) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [second.document_id, second.start, second.end]
    assert store.document(second.document_id).text[second.start : second.end].lower() == "bridge"


def test_double_click_opens_the_hit(qtbot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "detour")
    rect = panel.view.visualRect(panel.model.index(0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.hit_activated, timeout=1000) as opened:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0] == panel.model.hit_at(0).document_id


def test_a_title_only_match_opens_without_offsets(qtbot, panel, ids) -> None:
    _type(qtbot, panel, "complain")  # in a title, not in any text
    assert _titles(panel) == ["Bakers complain about the detour"]
    with qtbot.waitSignal(panel.hit_activated, timeout=1000) as opened:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert opened.args == [ids["Bakers complain about the detour"], None, None]


def test_no_match_says_so(qtbot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "zeppelin")
    assert _titles(panel) == []
    assert panel.status.text() == "No document matches."
    with qtbot.assertNotEmitted(panel.hit_activated):
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("query", ['bridge" OR', "NEAR(bridge", "*", "bridge -detour", '"'])
def test_search_syntax_in_the_box_is_taken_literally(qtbot, panel, query: str) -> None:
    panel.set_query(query)  # must not raise on FTS5 operators or stray quotes
    hits = [panel.model.index(r).data(HIT_ROLE) for r in range(panel.model.rowCount())]
    assert all("bridge" in (h.title + h.snippet).lower() for h in hits)


def test_snippets_are_plain_text(qtbot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "promises")
    snippet = panel.model.index(0).data(SNIPPET_ROLE)
    assert "<b>bold</b> promises" in snippet
    # Painting it (with the query word in bold) must not crash or eat the brackets.
    assert not panel.view.viewport().grab().isNull()


def test_escape_clears_the_box_and_the_hits(qtbot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "bridge")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Escape)
    assert panel.search_edit.text() == "" and _titles(panel) == []
    assert panel.status.text() == ""


def test_an_import_refreshes_the_hits(qtbot, panel, store, hub) -> None:
    _type(qtbot, panel, "ferry")
    assert len(_titles(panel)) == 1
    import_articles(
        store, [Article(title="Ferry fares", text="Ferry fares rise in June.")], preannotate=False
    )
    hub.notify(ChangeKind.WORKSPACE)
    assert sorted(_titles(panel)) == ["Bridge to reopen in May", "Ferry fares"]


def test_find_shortcut_focuses_the_box_with_its_text_selected(qtbot, store) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    other = QLineEdit(window)
    search = SearchPanel(store=store, parent=window)
    layout = QVBoxLayout(window)
    layout.addWidget(other)
    layout.addWidget(search)
    window.addAction(search.find_action)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    search.search_edit.setText("old query")
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.search_edit.hasFocus()
    assert search.search_edit.selectedText() == "old query"


def test_match_ranges_finds_whole_words_and_the_last_as_prefix() -> None:
    text = "Bridge, bridges and Abridged bridge"
    assert match_ranges(text, ["bridge"]) == [(0, 6), (8, 7), (29, 6)]
    assert match_ranges(text, ["bridge", "and"]) == [(0, 6), (16, 3), (29, 6)]


def test_screenshot_of_the_search_panel(qtbot, panel: SearchPanel) -> None:
    _type(qtbot, panel, "bridge")
    image = panel.grab()
    assert not image.isNull()
    image.save("/tmp/search_panel.png")


def test_a_full_page_shows_first_and_is_counted_after(qtbot, store: Store) -> None:
    search = SearchPanel(store=store, limit=2, debounce_ms=50)
    qtbot.addWidget(search)
    search.set_query("said")  # in all three texts, and the page holds two
    assert len(_titles(search)) == 2
    assert search.status.text() == "2+ documents, counting…" and search.count_pending()
    with qtbot.waitSignal(search.counted, timeout=2000) as counted:
        pass
    assert counted.args == ["said", 3, False]
    assert search.status.text() == "3 documents"


def test_a_short_word_that_matches_nothing_says_words_complete_later(qtbot, panel) -> None:
    _type(qtbot, panel, "ha")
    assert _titles(panel) == []
    assert panel.status.text() == "No document matches (words complete from the third letter)."
