"""A workspace locked by another program (issue 16): a decision waits and is tried
again, with a status-bar line and no error box; given up, it says so and stays a
candidate, and pressing the key again saves it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jobs.importing import ImportStopped
from quotes.model import ImportReport, Status
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.shell.messages import describe_failure

from .conftest import fresh_attribution, record_id


@pytest.fixture
def quick(window: MainWindow, store: Store) -> MainWindow:
    """The window with a short busy timeout and short retries, so tests run fast."""
    store._conn.execute("PRAGMA busy_timeout = 20")
    window.write_retries.set_retry_interval(30)
    return window


@pytest.fixture
def other_program(workspace_path: Path) -> Iterator[sqlite3.Connection]:
    """Another program's connection, holding the workspace's write lock until it
    commits."""
    connection = sqlite3.connect(workspace_path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    window.attribution_panel.setFocus()
    qtbot.keyClick(window.attribution_panel, key)


def test_an_accept_waits_for_the_lock_and_is_saved_when_it_is_free(
    qtbot, quick: MainWindow, other_program: sqlite3.Connection, workspace_path: Path
) -> None:
    press(qtbot, quick, Qt.Key.Key_J)
    first = record_id(quick, 0)

    press(qtbot, quick, Qt.Key.Key_A)

    assert "busy" in quick.status_line.currentMessage()
    assert error_boxes(quick) == []
    assert quick.write_retries.waiting == 1
    other_program.execute("COMMIT")  # the other program is done
    qtbot.waitUntil(lambda: quick.write_retries.waiting == 0, timeout=5000)
    assert fresh_attribution(workspace_path, first).status == Status.ACCEPTED
    assert quick.status_line.currentMessage() == f"Accepted record {first}."
    assert quick.current.attribution_id == record_id(quick, 1)


def test_decisions_made_while_locked_are_saved_in_order(
    qtbot, quick: MainWindow, other_program: sqlite3.Connection, workspace_path: Path
) -> None:
    press(qtbot, quick, Qt.Key.Key_J)
    first = record_id(quick, 0)
    press(qtbot, quick, Qt.Key.Key_A)
    quick.review_actions.undo.trigger()  # waits behind the accept it undoes
    assert quick.write_retries.waiting == 2
    other_program.execute("COMMIT")
    qtbot.waitUntil(lambda: quick.write_retries.waiting == 0, timeout=5000)
    assert fresh_attribution(workspace_path, first).status == Status.CANDIDATE
    with Store(workspace_path) as other:
        assert other.history(limit=1)[0].action == "undo"


def test_a_lock_that_stays_is_given_up_with_a_message_and_nothing_lost(
    qtbot, quick: MainWindow, other_program: sqlite3.Connection, workspace_path: Path
) -> None:
    press(qtbot, quick, Qt.Key.Key_J)
    first = record_id(quick, 0)
    press(qtbot, quick, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: "Not saved" in quick.status_line.currentMessage(), timeout=5000)
    assert "Press the key again" in quick.status_line.currentMessage()
    assert quick.write_retries.waiting == 0
    assert error_boxes(quick) == []
    assert quick.current.attribution_id == first  # still the record to decide
    other_program.execute("COMMIT")
    assert fresh_attribution(workspace_path, first).status == Status.CANDIDATE

    press(qtbot, quick, Qt.Key.Key_A)  # the retry the message offers

    assert fresh_attribution(workspace_path, first).status == Status.ACCEPTED


def test_a_number_key_speaker_waits_for_the_lock_too(
    qtbot, quick: MainWindow, other_program: sqlite3.Connection, workspace_path: Path
) -> None:
    press(qtbot, quick, Qt.Key.Key_J)
    first = record_id(quick, 0)
    speakers = quick.store.speakers_for(quick.current.document_id)
    before = fresh_attribution(workspace_path, first).speaker_name
    target = next(s for s in speakers if s.name != before)
    quick.speaker_review.assign(target.id)
    assert quick.write_retries.waiting == 1 and error_boxes(quick) == []
    other_program.execute("COMMIT")
    qtbot.waitUntil(lambda: quick.write_retries.waiting == 0, timeout=5000)
    assert fresh_attribution(workspace_path, first).speaker_name == target.name


def test_a_roster_rename_while_locked_says_so_in_the_status_bar(
    qtbot, quick: MainWindow, other_program: sqlite3.Connection
) -> None:
    press(qtbot, quick, Qt.Key.Key_J)
    roster = quick.roster_panel
    roster.select_speakers([roster.model.speaker_at(0).id])
    roster._ask_text = lambda *args: "A new name"
    assert roster.rename_selected() is None
    assert "busy" in quick.status_line.currentMessage()
    assert error_boxes(quick) == []


def test_an_import_stopped_by_the_lock_is_worded_for_the_user() -> None:
    cause = sqlite3.OperationalError("database is locked")
    stopped = ImportStopped(ImportReport(imported=40), cause)
    stopped.__cause__ = cause
    text = describe_failure(stopped)
    assert text.startswith("The workspace is busy") and "40 documents" in text
    assert "OperationalError" not in describe_failure(cause)
