"""Deciding from the keyboard on the real window: a key that changes nothing says so
and leaves no undo step; A and R on the list's last record go on to the document's
next unreviewed one; a record with neither cue nor speaker is accepted only after
a question. The database is checked through a fresh connection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quotes.model import Attribution, DocumentStatus, QuoteType, Status
from storage.history import HistoryEntry
from storage.store import Store
from ui.shell.main_window import MainWindow

from .conftest import ARTICLE_TEXT, fresh_attribution, record_id, show_window, span_of
from .review_workspace import make_two_documents, press
from .test_annotation import select_words


def history_of(path: Path) -> tuple[list[HistoryEntry], HistoryEntry | None]:
    """The committed history and what undo would reverse, read afresh."""
    with Store(path) as fresh:
        return fresh.history(), fresh.next_undo()


def message(window: MainWindow) -> str:
    return window.status_line.currentMessage()


@pytest.fixture
def two_window(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:
    """The window on "Bridge" (3 records) and "Trains" (4), showing "Bridge"."""
    path = make_two_documents(tmp_path / "two.sqlite")
    with Store(path) as store:
        window = show_window(qtbot, store)
        yield window, path
        window.close()


# -- a key that changes nothing ---------------------------------------------------------
def test_a_on_an_accepted_record_says_so_and_takes_no_undo_step(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = record_id(window, 0)
    window.current.set_attribution(first)
    press(qtbot, window, Qt.Key.Key_A)
    assert message(window) == f"Accepted record {first}."
    before = history_of(workspace_path)

    window.current.set_attribution(first)
    press(qtbot, window, Qt.Key.Key_A)

    assert history_of(workspace_path) == before
    assert message(window) == f"Record {first} was already accepted."
    assert window.current.attribution_id == record_id(window, 1)  # still moves on
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fresh_attribution(workspace_path, first).status is Status.CANDIDATE
    assert message(window) == f"Undid accept of record {first}."


def test_r_on_a_rejected_record_says_so_and_takes_no_undo_step(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    second = record_id(window, 1)
    window.current.set_attribution(second)
    press(qtbot, window, Qt.Key.Key_R)
    before = history_of(workspace_path)

    window.current.set_attribution(second)
    press(qtbot, window, Qt.Key.Key_R)

    assert history_of(workspace_path) == before
    assert message(window) == f"Record {second} was already rejected."


def test_a_number_key_for_the_speaker_the_record_has_changes_nothing(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    ruiz = record_id(window, 1)
    window.current.set_attribution(ruiz)
    window.roster_panel.refresh()
    assert window.roster_panel.model.speaker_at(0).name == "Ana Ruiz"
    before = history_of(workspace_path)

    press(qtbot, window, Qt.Key.Key_1)

    assert history_of(workspace_path) == before
    assert message(window) == "Not changed: the speaker already is Ana Ruiz."
    assert not window.speaker_fix_prompt.isVisible()


def test_picking_the_speaker_the_record_has_changes_nothing(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = record_id(window, 0)
    window.current.set_attribution(first)
    before = history_of(workspace_path)
    window.annotation_actions.change_speaker.trigger()
    dialog = window.annotation_actions.speaker_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.filter_edit, "mayor")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)

    assert history_of(workspace_path) == before
    assert message(window) == "Not changed: the speaker already is the mayor."


def test_a_span_edit_onto_the_same_words_changes_nothing(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = record_id(window, 0)
    window.current.set_attribution(first)
    before = history_of(workspace_path)
    select_words(window, "said")  # the record's own cue

    press(qtbot, window, Qt.Key.Key_C)

    assert history_of(workspace_path) == before
    assert message(window) == "Not changed: The record already has these spans."
    assert window.editing_actions.paragraph_question is None


def test_d_on_a_done_document_changes_nothing(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    window.current.set_attribution(record_id(window, 0))
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_D)
    assert message(window) == "Document marked done."
    before = history_of(workspace_path)

    press(qtbot, window, Qt.Key.Key_D)

    assert history_of(workspace_path) == before
    assert message(window) == "The document is already marked done."
    with Store(workspace_path) as fresh:
        assert fresh.document_summaries()[0].status is DocumentStatus.DONE


# -- A and R on the last record ---------------------------------------------------------
def test_a_on_the_last_record_goes_back_to_the_one_left_unreviewed(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first, second, third = (record_id(window, row) for row in range(3))
    window.current.set_attribution(second)
    press(qtbot, window, Qt.Key.Key_A)  # second accepted, the third is current
    assert window.current.attribution_id == third

    press(qtbot, window, Qt.Key.Key_A)

    assert fresh_attribution(workspace_path, third).status is Status.ACCEPTED
    assert window.current.attribution_id == first  # wrapped round to the one left
    assert message(window) == f"Accepted record {third}."


def test_r_on_the_last_record_goes_on_to_the_next_unreviewed(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first, _second, third = (record_id(window, row) for row in range(3))
    window.current.set_attribution(third)
    press(qtbot, window, Qt.Key.Key_R)
    assert fresh_attribution(workspace_path, third).status is Status.REJECTED
    assert window.current.attribution_id == first


def test_the_last_decision_of_a_document_stays_there_for_d(
    qtbot, two_window: tuple[MainWindow, Path]
) -> None:
    window, _path = two_window
    bridge = window.current.document_id
    window.current.set_attribution(record_id(window, 0))
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_A)

    assert window.current.document_id == bridge
    assert message(window) == (
        f"Accepted record {record_id(window, 2)}. "
        "This document is reviewed: D marks it done, N goes on to Trains."
    )
    press(qtbot, window, Qt.Key.Key_D)
    assert message(window) == "Document marked done."
    press(qtbot, window, Qt.Key.Key_N)
    assert window.current.document_id != bridge
    assert window.current.attribution_id == record_id(window, 0)


def test_the_last_decision_of_the_workspace_says_everything_is_reviewed(
    qtbot, window: MainWindow
) -> None:
    window.current.set_attribution(record_id(window, 0))
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_A)
    assert message(window) == (
        f"Accepted record {record_id(window, 2)}. "
        "Every record of the workspace is reviewed: D marks this document done."
    )
    assert window.current.attribution_id == record_id(window, 2)


# -- a record with neither cue nor speaker ----------------------------------------------
@pytest.fixture
def bare_id(store: Store) -> int:
    """A candidate record of the article with neither cue nor speaker."""
    document_id = store.document_summaries()[0].id
    bare = Attribution(
        fragments=(span_of(ARTICLE_TEXT, "the detour added an hour to their commute"),),
        type=QuoteType.INDIRECT,
    )
    added = store.add_attribution(document_id, bare, status=Status.CANDIDATE)
    assert added.id is not None
    return added.id


@pytest.fixture
def bare_window(qtbot, store: Store, bare_id: int) -> MainWindow:
    window = show_window(qtbot, store)
    window.current.set_attribution(bare_id)
    return window


def question(window: MainWindow) -> QMessageBox:
    box = window.annotation_actions.accept_question
    assert box is not None and box.isVisible()
    return box


def test_accepting_a_record_without_cue_and_speaker_asks_first(
    qtbot, bare_window: MainWindow, workspace_path: Path, bare_id: int
) -> None:
    window = bare_window
    before = history_of(workspace_path)

    press(qtbot, window, Qt.Key.Key_A)

    box = question(window)
    assert "neither a cue nor a speaker" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert history_of(workspace_path) == before  # nothing until answered
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.annotation_actions.accept_question is None)

    assert fresh_attribution(workspace_path, bare_id).status is Status.ACCEPTED
    assert message(window) == f"Accepted record {bare_id}."
    assert window.current.attribution_id == record_id(window, 2)  # moved on


def test_no_keeps_the_record_a_candidate(
    qtbot, bare_window: MainWindow, workspace_path: Path, bare_id: int
) -> None:
    window = bare_window
    before = history_of(workspace_path)
    press(qtbot, window, Qt.Key.Key_A)
    question(window).button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: window.annotation_actions.accept_question is None)

    assert fresh_attribution(workspace_path, bare_id).status is Status.CANDIDATE
    assert history_of(workspace_path) == before
    assert message(window) == "Not accepted: S sets the speaker, C the cue."
    assert window.current.attribution_id == bare_id


def test_a_record_with_a_speaker_but_no_cue_is_accepted_at_once(
    qtbot, bare_window: MainWindow, workspace_path: Path, bare_id: int
) -> None:
    window = bare_window
    select_words(window, "Residents")
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, window, Qt.Key.Key_A)
    assert window.annotation_actions.accept_question is None
    assert fresh_attribution(workspace_path, bare_id).status is Status.ACCEPTED


def test_rejecting_a_record_without_cue_and_speaker_does_not_ask(
    qtbot, bare_window: MainWindow, workspace_path: Path, bare_id: int
) -> None:
    press(qtbot, bare_window, Qt.Key.Key_R)
    assert bare_window.annotation_actions.accept_question is None
    assert fresh_attribution(workspace_path, bare_id).status is Status.REJECTED
