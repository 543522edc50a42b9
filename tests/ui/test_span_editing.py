"""Span editing in the real window: cue, mention and fragment from the selection,
edges moved word by word from the keyboard and dragged with the mouse, snapping.

Each edit is checked through a fresh connection (what was committed) and undone
through the store's history, which brings the record back exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from quotes.boundaries import Edge
from quotes.model import Attribution, Span
from quotes.span_edits import CONTENT, CUE, SPEAKER, SpanRef, SpanRole
from quotes.span_edits import span_of as span_of_ref
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


# -- edits from the keyboard: one table of cases ----------------------------------------
MONDAY = ARTICLE_TEXT.index("Monday")
MAYOR = ARTICLE_TEXT.index("mayor")
DETOUR_CLAUSE = span_of(ARTICLE_TEXT, "the detour added an hour")
#: Alt+Shift+Right steps over each word and mark from the first fragment's end to the
#: second fragment of record 0, which the first then swallows.
TO_THE_SECOND_FRAGMENT = len('the mayor said on Monday , "'.split())


@dataclass(frozen=True)
class EditCase:
    """Keys pressed on one record, and the record the store must then hold.

    :param row: the record made current (its row in the record list).
    :param steps: key chords pressed in order; a :class:`Span` selects those
        offsets first (as the user would, with the mouse).
    :param edited: the committed record, computed from the record before.
    :param ref: the span being edited afterwards (the article outlines it).
    :param edits: how many undo steps the keys made (one per changing key).
    :param from_records: press the keys in the record list instead of the article.
    """

    row: int
    steps: tuple[str | Span, ...]
    edited: Callable[[Attribution], Attribution]
    ref: SpanRef
    edits: int = 1
    from_records: bool = False


def changed(**fields: Any) -> Callable[[Attribution], Attribution]:
    """The record with ``fields`` replaced and everything else as it was."""
    return lambda before: replace(before, **fields)


def first_fragment(start: int = 0, end: int = 0) -> Callable[[Attribution], Attribution]:
    """The record with its first fragment's edges moved by ``start`` and ``end``."""

    def edited(before: Attribution) -> Attribution:
        first, *rest = before.fragments
        return replace(before, fragments=(Span(first.start + start, first.end + end), *rest))

    return edited


EDIT_CASES = {
    "cue from a selection snaps to the word": EditCase(
        0, (Span(MONDAY + 2, MONDAY + 4), "C"), changed(cue=Span(MONDAY, MONDAY + 6)), CUE
    ),
    "mention from the selection keeps the speaker": EditCase(
        1,
        (span_of(ARTICLE_TEXT, "a baker"), "M"),
        changed(speaker=span_of(ARTICLE_TEXT, "a baker")),
        SPEAKER,
    ),
    "a fragment from the selection joins the content": EditCase(
        1,
        (Span(DETOUR_CLAUSE.start + 1, DETOUR_CLAUSE.end - 1), "F"),  # "he detour ... hou"
        lambda before: replace(before, fragments=(DETOUR_CLAUSE, *before.fragments)),
        SpanRef(SpanRole.CONTENT, 0),
    ),
    "selection to the edited span replaces the mention": EditCase(
        0,  # Alt+Up from the content: the mention
        ("Alt+Up", Span(MAYOR + 1, MAYOR + 3), "E"),
        changed(speaker=Span(MAYOR, MAYOR + 5)),
        SPEAKER,
    ),
    "alt+right moves the start past the opening mark": EditCase(
        1, ("Alt+Right",), first_fragment(start=1), CONTENT
    ),
    "alt+shift+left moves the end before the mark, then the comma": EditCase(
        1,
        ("Alt+Right", "Alt+Shift+Left", "Alt+Shift+Left"),
        changed(fragments=(span_of(ARTICLE_TEXT, "It has been a long winter"),)),
        CONTENT,
        edits=3,
    ),
    "alt+shift+right gives the comma back": EditCase(
        1,
        ("Alt+Right", "Alt+Shift+Left", "Alt+Shift+Left", "Alt+Shift+Right"),
        first_fragment(start=1, end=-1),
        CONTENT,
        edits=4,
    ),
    "alt+down steps to the cue and moves its edges": EditCase(
        0,  # two fragments, then the cue
        ("Alt+Down", "Alt+Down", "Alt+Shift+Right"),
        changed(cue=span_of(ARTICLE_TEXT, "said on")),
        CUE,
    ),
    "alt+delete removes the cue": EditCase(2, ("Alt+Down", "Alt+Del"), changed(cue=None), CONTENT),
    "the edge keys work from the record list too": EditCase(
        1, ("Alt+Shift+Left",), first_fragment(end=-1), CONTENT, from_records=True
    ),
}


@pytest.mark.parametrize("case", EDIT_CASES.values(), ids=EDIT_CASES.keys())
def test_keys_edit_the_current_record(
    qtbot, window: MainWindow, store: Store, workspace_path: Path, case: EditCase
) -> None:
    before = make_current(window, case.row)
    assert before.id is not None
    target = window.attribution_panel if case.from_records else window.article_view
    target.setFocus()
    for step in case.steps:
        if isinstance(step, Span):
            select_offsets(window, step.start, step.end)
        else:
            qtbot.keySequence(target, QKeySequence(step))

    stored = fresh_attribution(workspace_path, before.id)
    # Nothing else changes, but the record is now signed by the annotator who edited it.
    assert stored == replace(case.edited(before), annotator=store.annotator)
    # The views follow: the record stays current and selected in the list even when
    # it moved in text order, the list shows what was stored, the edited span is outlined.
    assert window.current.attribution_id == before.id
    row = window.attribution_panel.currentIndex().row()
    assert window.attribution_model.attribution_at(row) == stored
    assert window.editing_actions.edited_ref == case.ref
    assert window.article_view.edited_span() == span_of_ref(stored, case.ref)
    # One undo step per edit; undoing them all brings the record back.
    for _ in range(case.edits - 1):
        store.undo()
    undo_restores(store, workspace_path, before)
    assert store.next_undo() is None


# -- checked edits -------------------------------------------------------------------
def test_an_edge_may_not_run_over_the_records_own_speaker_or_cue(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    before = make_current(window, 0)
    assert before.id is not None and before.cue is not None
    window.article_view.setFocus()
    for _ in range(TO_THE_SECOND_FRAGMENT):
        qtbot.keySequence(window.article_view, QKeySequence("Alt+Shift+Right"))
    stored = fresh_attribution(workspace_path, before.id)
    assert stored == before  # the speaker mention ("the mayor") follows the first fragment
    assert "Not changed: The content would cover its own speaker mention" in (
        window.status_line.currentMessage()
    )
    assert store.next_undo() is None


# -- snapping and adding -------------------------------------------------------------
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


# -- keys that change nothing ----------------------------------------------------------
def test_editing_needs_a_record_and_a_selection(qtbot, window: MainWindow, store: Store) -> None:
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_C)
    assert "Select a record" in window.status_line.currentMessage()
    make_current(window, 0)
    qtbot.keyClick(window.article_view, Qt.Key.Key_C)  # the view's own selection only
    assert "Select words" in window.status_line.currentMessage()
    assert store.next_undo() is None


def test_an_edge_that_cannot_move_changes_nothing(
    qtbot, window: MainWindow, store: Store, workspace_path: Path
) -> None:
    first = make_current(window, 0)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Left, ALT)  # content starts the text
    assert first.id is not None
    assert fresh_attribution(workspace_path, first.id) == first
    assert "cannot move" in window.status_line.currentMessage()
    assert store.next_undo() is None


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
