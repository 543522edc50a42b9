"""Undo and redo with the keyboard, across document switches and app restarts.

Each test checks the database through a fresh connection after the key press.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from quotes.model import DocumentStatus, QuoteType, Status
from storage.store import Store
from ui.shell.main_window import MainWindow

from .conftest import fresh_attribution, show_window
from .review_workspace import make_two_documents, press

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def two_path(tmp_path: Path) -> Path:
    return make_two_documents(tmp_path / "two.sqlite")


def first_record(window: MainWindow) -> int:
    found = window.attribution_model.attribution_at(0).id
    assert found is not None
    return found


def test_ctrl_z_undoes_an_accept_and_ctrl_shift_z_redoes_it(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = first_record(window)
    window.current.set_attribution(first)
    press(qtbot, window, Qt.Key.Key_A)
    assert fresh_attribution(workspace_path, first).status == Status.ACCEPTED

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert fresh_attribution(workspace_path, first).status == Status.CANDIDATE
    assert window.current.attribution_id == first  # back on the undone record
    assert window.attribution_model.index(0, 4).data() == "candidate"
    assert window.status_line.currentMessage() == f"Undid accept of record {first}."

    press(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert fresh_attribution(workspace_path, first).status == Status.ACCEPTED
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    press(qtbot, window, Qt.Key.Key_Y, CTRL)  # the other redo key
    assert fresh_attribution(workspace_path, first).status == Status.ACCEPTED


def test_undo_after_switching_document_goes_back_to_that_document(qtbot, two_path: Path) -> None:
    with Store(two_path) as store:
        window = show_window(qtbot, store)
        bridge, trains = (window.document_model.summary_at(r).id for r in (0, 1))
        first = first_record(window)
        window.current.set_attribution(first)
        press(qtbot, window, Qt.Key.Key_R)
        window.document_list.selectRow(1)  # the annotator moves to the other document
        assert window.current.document_id == trains

        press(qtbot, window, Qt.Key.Key_Z, CTRL)

        assert fresh_attribution(two_path, first).status == Status.CANDIDATE
        assert window.current.document_id == bridge
        assert window.current.attribution_id == first
        assert window.document_list.currentIndex().row() == 0

        window.current.set_document(trains)
        press(qtbot, window, Qt.Key.Key_Y, CTRL)
        assert fresh_attribution(two_path, first).status == Status.REJECTED
        assert window.current.document_id == bridge
        window.close()  # before its store, as the app does


def test_undo_survives_closing_the_app(qtbot, workspace_path: Path) -> None:
    with Store(workspace_path) as store:
        window = show_window(qtbot, store)
        first = first_record(window)
        window.current.set_attribution(first)
        press(qtbot, window, Qt.Key.Key_A)
        press(qtbot, window, Qt.Key.Key_T)  # the second record: direct -> indirect
        second = window.current.attribution_id
        assert second is not None
        window.close()

    with Store(workspace_path) as reopened:
        again = show_window(qtbot, reopened)
        press(qtbot, again, Qt.Key.Key_Z, CTRL)
        assert fresh_attribution(workspace_path, second).type == QuoteType.DIRECT
        press(qtbot, again, Qt.Key.Key_Z, CTRL)
        assert fresh_attribution(workspace_path, first).status == Status.CANDIDATE
        assert again.current.attribution_id == first
        press(qtbot, again, Qt.Key.Key_Z, CTRL)
        assert again.status_line.currentMessage() == "Nothing to undo."
        press(qtbot, again, Qt.Key.Key_Z, CTRL_SHIFT)
        assert fresh_attribution(workspace_path, first).status == Status.ACCEPTED
        again.close()


def test_undo_reverses_marking_a_document_done(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    document_id = window.current.document_id
    assert document_id is not None
    window.current.set_attribution(first_record(window))
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_D)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    with Store(workspace_path) as fresh:
        assert fresh.document(document_id).status == DocumentStatus.IN_PROGRESS
    assert window.document_model.index(0, 1).data() == "in progress"


def test_undo_of_a_number_key_puts_the_old_speaker_back(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = first_record(window)
    window.current.set_attribution(first)
    press(qtbot, window, Qt.Key.Key_1)  # Ana Ruiz leads the roster (two mentions)
    assert fresh_attribution(workspace_path, first).speaker_name == "Ana Ruiz"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert fresh_attribution(workspace_path, first).speaker_name == "the mayor"
    assert window.attribution_model.index(0, 2).data() == "the mayor"
