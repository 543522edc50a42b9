"""``ui.operations.navigation``: moves to a remembered position, a hit, the first document."""

from __future__ import annotations

from pathlib import Path

from quotes.model import Span
from storage.store import Store
from ui.operations import navigation
from ui.shell.main_window import MainWindow

from .conftest import ARTICLE_TEXT, record_id, show_window
from .review_workspace import make_two_documents


def _open(window: MainWindow, document_id: int, attribution_id: int | None) -> bool:
    return navigation.open_position(
        store=window.store,
        current=window.current,
        records=window.attribution_model,
        document_id=document_id,
        attribution_id=attribution_id,
    )


def test_a_remembered_document_and_record_open_again(window: MainWindow) -> None:
    document_id = window.current.document_id
    assert document_id is not None
    second = record_id(window, 1)
    window.current.set_document(None)
    assert _open(window, document_id, second)
    assert (window.current.document_id, window.current.attribution_id) == (document_id, second)


def test_a_record_that_is_gone_leaves_just_the_document_open(window: MainWindow) -> None:
    document_id = window.current.document_id
    assert document_id is not None
    window.current.set_document(None)
    assert _open(window, document_id, 10_000)
    assert (window.current.document_id, window.current.attribution_id) == (document_id, None)


def test_a_document_that_left_the_workspace_changes_nothing(window: MainWindow) -> None:
    before = (window.current.document_id, window.current.attribution_id)
    assert not _open(window, 10_000, None)
    assert (window.current.document_id, window.current.attribution_id) == before


def test_a_search_hit_opens_its_document_with_the_words_selected(window: MainWindow) -> None:
    document_id = window.current.document_id
    assert document_id is not None
    window.current.set_document(None)
    start = ARTICLE_TEXT.index("Residents")
    window.open_document_at(document_id, start, start + len("Residents"))
    assert window.current.document_id == document_id
    assert window.article_view.selected_span() == Span(start, start + len("Residents"))


def test_the_first_document_opens_only_when_none_is_open(qtbot, tmp_path: Path) -> None:
    with Store(make_two_documents(tmp_path / "two.sqlite")) as store:
        window = show_window(qtbot, store)
        first, second = (window.document_model.summary_at(row).id for row in (0, 1))
        window.current.set_document(second)
        navigation.open_first_document(
            current=window.current, documents=window.document_model, unless_open=True
        )
        assert window.current.document_id == second  # left alone
        window.current.set_document(None)
        navigation.open_first_document(
            current=window.current, documents=window.document_model, unless_open=True
        )
        assert window.current.document_id == first
        window.close()
