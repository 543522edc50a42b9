"""Span editing in the real window: cue, mention and fragment from the selection,
edges moved word by word from the keyboard and dragged with the mouse, snapping.

Each edit is checked through a fresh connection (what was committed) and undone
through the store's history, which brings the record back exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextCursor

from quotes.boundaries import Edge
from quotes.model import Attribution, Span
from quotes.span_edits import CONTENT, CUE, SPEAKER, SpanRef, SpanRole
from storage.store import Store
from ui.review.editing_actions import SNAP_KEY
from ui.shell.main_window import MainWindow

from .conftest import ARTICLE_TEXT, fresh_attribution, span_of

ALT = Qt.KeyboardModifier.AltModifier
ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[Path]:
    """Keep "Snap to words" in a folder of this test, never in the user's settings."""
    folder = tmp_path / "settings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder


def make_current(window: MainWindow, row: int) -> Attribution:
    """Make record ``row`` current and give the article the keyboard focus."""
    attribution = window.attribution_model.attribution_at(row)
    window.current.set_attribution(attribution.id)
    window.article_view.setFocus()
    return attribution


def select_offsets(window: MainWindow, start: int, end: int) -> None:
    """Select ``[start, end)`` as a user would (not the view's own selection)."""
    view = window.article_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def undo_restores(store: Store, path: Path, before: Attribution) -> None:
    """Undo the last edit and check the record is back as it was."""
    assert before.id is not None
    store.undo()
    assert fresh_attribution(path, before.id) == before


def point_at(window: MainWindow, offset: int) -> QPoint:
    """The viewport point of the caret before character ``offset`` (BMP-only text)."""
    view = window.article_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(offset)
    return view.cursorRect(cursor).center()


# -- from the selection ----------------------------------------------------------------
def test_cue_from_a_selection_snaps_to_the_word(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    first = make_current(window, 0)
    monday = ARTICLE_TEXT.index("Monday")
    select_offsets(window, monday + 2, monday + 4)  # "nd" inside "Monday"

    qtbot.keyClick(window.article_view, Qt.Key.Key_C)

    assert first.id is not None
    stored = fresh_attribution(workspace_path, first.id)
    assert stored.cue == Span(monday, monday + len("Monday"))
    assert stored.fragments == first.fragments and stored.speaker == first.speaker
    assert window.attribution_model.attribution_at(0).cue == stored.cue
    assert window.editing_actions.edited_ref == CUE
    assert window.article_view.edited_span() == stored.cue
    undo_restores(store, workspace_path, first)


def test_mention_from_the_selection_keeps_the_speaker(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    second = make_current(window, 1)
    baker = span_of(ARTICLE_TEXT, "a baker")
    select_offsets(window, baker.start, baker.end)

    qtbot.keyClick(window.article_view, Qt.Key.Key_M)

    assert second.id is not None
    stored = fresh_attribution(workspace_path, second.id)
    assert stored.speaker == baker
    assert stored.speaker_name == "Ana Ruiz" and stored.entity_id == second.entity_id
    undo_restores(store, workspace_path, second)


def test_a_fragment_from_the_selection_joins_the_content(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    second = make_current(window, 1)
    residents = span_of(ARTICLE_TEXT, "the detour added an hour")
    select_offsets(window, residents.start + 1, residents.end - 1)  # "he detour ... hou"

    qtbot.keyClick(window.article_view, Qt.Key.Key_F)

    assert second.id is not None
    stored = fresh_attribution(workspace_path, second.id)
    assert stored.fragments == (residents, *second.fragments)
    assert window.editing_actions.edited_ref == SpanRef(SpanRole.CONTENT, 0)
    undo_restores(store, workspace_path, second)


def test_without_snapping_the_selection_is_taken_as_it_is(
    qtbot, window: MainWindow, store: Store, workspace_path: Path, private_settings: Path
) -> None:
    window.editing_actions.snap_to_words.trigger()
    assert not window.article_view.snap_to_words
    first = make_current(window, 0)
    monday = ARTICLE_TEXT.index("Monday")
    select_offsets(window, monday + 2, monday + 4)
    qtbot.keyClick(window.article_view, Qt.Key.Key_C)
    assert first.id is not None
    assert fresh_attribution(workspace_path, first.id).cue == Span(monday + 2, monday + 4)
    # The choice outlives the window (kept in QSettings).
    assert QSettings("QuoteAnnotator", "Quote Annotator").value(SNAP_KEY) in (False, "false")
    reopened = MainWindow(store)
    qtbot.addWidget(reopened)
    assert not reopened.editing_actions.snap_to_words.isChecked()
    assert not reopened.article_view.snap_to_words


def test_selection_to_the_edited_span_replaces_the_mention(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    first = make_current(window, 0)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Up, ALT)  # previous of content: the mention
    assert window.editing_actions.edited_ref == SPEAKER
    mayor = ARTICLE_TEXT.index("mayor")
    select_offsets(window, mayor + 1, mayor + 3)

    qtbot.keyClick(window.article_view, Qt.Key.Key_E)

    assert first.id is not None
    assert fresh_attribution(workspace_path, first.id).speaker == Span(mayor, mayor + 5)
    undo_restores(store, workspace_path, first)


def test_a_quotation_added_from_a_selection_snaps(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    detour = ARTICLE_TEXT.index("detour added")
    select_offsets(window, detour + 3, detour + 9)  # "our ad"
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_Q)
    added_id = window.current.attribution_id
    assert added_id is not None
    stored = fresh_attribution(workspace_path, added_id)
    assert stored.fragments == (Span(detour, detour + len("detour added")),)


def test_editing_needs_a_record_and_a_selection(qtbot, window: MainWindow, store: Store) -> None:
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_C)
    assert "Select a record" in window.status_line.currentMessage()
    make_current(window, 0)
    qtbot.keyClick(window.article_view, Qt.Key.Key_C)  # the view's own selection only
    assert "Select words" in window.status_line.currentMessage()
    assert store.next_undo() is None


# -- the keyboard -------------------------------------------------------------------------
def test_alt_arrows_move_the_edges_word_by_word(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    second = make_current(window, 1)
    assert second.id is not None
    view = window.article_view
    assert window.editing_actions.edited_ref == CONTENT
    fragment = second.fragments[0]  # '"It has been a long winter,"'

    qtbot.keyClick(view, Qt.Key.Key_Right, ALT)  # start: past the opening mark
    assert fresh_attribution(workspace_path, second.id).fragments == (
        Span(fragment.start + 1, fragment.end),
    )
    # The record moved in text order yet stays current and selected in the list.
    assert window.current.attribution_id == second.id
    assert window.attribution_panel.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Left, ALT_SHIFT)  # end: before the closing mark
    qtbot.keyClick(view, Qt.Key.Key_Left, ALT_SHIFT)  # end: before the comma
    stored = fresh_attribution(workspace_path, second.id)
    assert stored.fragments[0].text_of(ARTICLE_TEXT) == "It has been a long winter"
    assert view.edited_span() == stored.fragments[0]
    assert window.attribution_model.attribution_at(1).fragments == stored.fragments

    qtbot.keyClick(view, Qt.Key.Key_Right, ALT_SHIFT)  # end: the comma back
    assert fresh_attribution(workspace_path, second.id).end == fragment.end - 1
    # Four edits, four undo steps; undoing all brings the record back.
    for _ in range(3):
        store.undo()
    undo_restores(store, workspace_path, second)


def test_alt_down_steps_to_the_cue_and_moves_its_edges(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    first = make_current(window, 0)
    assert first.id is not None
    view = window.article_view
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)  # two fragments, then the cue
    assert window.editing_actions.edited_ref == CUE
    qtbot.keyClick(view, Qt.Key.Key_Right, ALT_SHIFT)
    assert fresh_attribution(workspace_path, first.id).cue == span_of(ARTICLE_TEXT, "said on")
    undo_restores(store, workspace_path, first)


def test_an_edge_that_cannot_move_changes_nothing(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    first = make_current(window, 0)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Left, ALT)  # content starts the text
    assert first.id is not None
    assert fresh_attribution(workspace_path, first.id) == first
    assert "cannot move" in window.status_line.currentMessage()
    assert store.next_undo() is None


def test_moving_a_fragment_over_the_next_merges_them(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    first = make_current(window, 0)
    assert first.id is not None
    view = window.article_view
    presses = len('the mayor said on Monday , "'.split())  # each word and mark is a step
    for _ in range(presses):
        qtbot.keyClick(view, Qt.Key.Key_Right, ALT_SHIFT)
    stored = fresh_attribution(workspace_path, first.id)
    assert stored.fragments == (Span(first.start, first.end),)
    assert window.editing_actions.edited_ref == CONTENT
    for _ in range(presses - 1):  # one undo step per key press
        store.undo()
    undo_restores(store, workspace_path, first)


def test_alt_delete_removes_the_cue(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    third = make_current(window, 2)
    assert third.id is not None
    view = window.article_view
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Delete, ALT)
    assert fresh_attribution(workspace_path, third.id).cue is None
    undo_restores(store, workspace_path, third)


# -- the mouse ----------------------------------------------------------------------------
def test_dragging_the_end_handle_moves_the_end_to_a_word_edge(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    third = make_current(window, 2)
    assert third.id is not None
    view = window.article_view
    fragment = third.fragments[0]
    handle = view.edge_rect(Edge.END)
    assert handle is not None and handle.center() == point_at(window, fragment.end)

    target = ARTICLE_TEXT.index("signs fix") + 2  # inside "signs": snaps to its end
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=handle.center())
    qtbot.mouseMove(view.viewport(), point_at(window, target))
    assert view.edited_span() == Span(fragment.start, target + 3)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(window, target))

    stored = fresh_attribution(workspace_path, third.id)
    assert stored.fragments[0].text_of(ARTICLE_TEXT).endswith('<img src="x.png"> signs')
    assert view.edited_span() == stored.fragments[0]
    undo_restores(store, workspace_path, third)


def test_dragging_the_start_handle_of_the_mention(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    first = make_current(window, 0)
    assert first.id is not None
    view = window.article_view
    mayor = span_of(ARTICLE_TEXT, "the mayor")
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(window, mayor.end - 2)
    )
    assert window.editing_actions.edited_ref == SPEAKER
    handle = view.edge_rect(Edge.START)
    assert handle is not None

    target = point_at(window, mayor.start + 5)  # inside "mayor"
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=handle.center())
    qtbot.mouseMove(view.viewport(), target)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)

    assert fresh_attribution(workspace_path, first.id).speaker == Span(mayor.start + 4, mayor.end)
    assert not view.textCursor().hasSelection() or view.selected_span() is None
    undo_restores(store, workspace_path, first)


def test_a_press_away_from_the_handles_selects_text(
    qtbot, window: MainWindow, store: Store
) -> None:
    make_current(window, 2)
    view = window.article_view
    start = point_at(window, ARTICLE_TEXT.index("Residents"))
    end = point_at(window, ARTICLE_TEXT.index("complained") + 4)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert view.selected_span() == span_of(ARTICLE_TEXT, "Residents complained")
    assert store.next_undo() is None


def test_an_edit_that_reorders_the_records_keeps_the_record_current(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    third = make_current(window, 2)
    residents = span_of(ARTICLE_TEXT, "Residents complained")
    select_offsets(window, residents.start, residents.end)

    qtbot.keyClick(window.article_view, Qt.Key.Key_F)  # now it starts before record 2

    assert window.current.attribution_id == third.id
    assert window.attribution_panel.currentIndex().row() == 1
    assert window.attribution_model.attribution_at(1).id == third.id
    assert window.article_view.attribution_at(residents.start) == third.id
    store.undo()


def test_the_edge_keys_work_from_the_record_list_too(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    second = make_current(window, 1)
    assert second.id is not None
    panel = window.attribution_panel
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Left, ALT_SHIFT)
    assert fresh_attribution(workspace_path, second.id).end == second.end - 1
    assert window.current.attribution_id == second.id
    undo_restores(store, workspace_path, second)
