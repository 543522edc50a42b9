"""The speaker roster in the window: number keys, merge, rename, create from the
selection, and the offer to fix the following records with the same wrong speaker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from storage.store import Store
from ui.shell.main_window import MainWindow

from .conftest import ARTICLE_TEXT, fresh_attribution, record_id, show_window
from .review_workspace import SECOND_TEXT, make_two_documents, press
from .test_annotation import select_words

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def trains(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:
    """The window on the two-document workspace, showing "Trains"."""
    path = make_two_documents(tmp_path / "two.sqlite")
    with Store(path) as store:
        window = show_window(qtbot, store)
        window.current.set_document(window.document_model.summary_at(1).id)
        assert window.attribution_model.text == SECOND_TEXT
        yield window, path
        window.close()


def roster_names(window: MainWindow) -> list[str]:
    window.roster_panel.refresh()
    return [s.name for s in window.roster_panel.model.speakers()]


def select_speaker(window: MainWindow, name: str) -> None:
    """Select the roster entry called ``name`` (the roster read afresh)."""
    roster_names(window)
    panel = window.roster_panel
    found = next(s.id for s in panel.model.speakers() if s.name == name)
    assert found is not None
    panel.select_speakers([found])


def test_number_keys_set_the_speaker_entity(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    assert roster_names(window) == ["Ana Ruiz", "the mayor"]
    first = record_id(window, 0)
    window.current.set_attribution(first)
    press(qtbot, window, Qt.Key.Key_1)
    stored = fresh_attribution(workspace_path, first)
    assert stored.speaker_name == "Ana Ruiz"
    assert stored.speaker is not None and stored.speaker.text_of(ARTICLE_TEXT) == "the mayor"
    press(qtbot, window, Qt.Key.Key_2)
    assert fresh_attribution(workspace_path, first).speaker_name == "the mayor"
    press(qtbot, window, Qt.Key.Key_5)
    assert window.status_line.currentMessage() == "There is no speaker 5 in this document."


def test_fixing_a_speaker_offers_to_fix_the_following_records(
    qtbot, trains: tuple[MainWindow, Path]
) -> None:
    window, path = trains
    # One mention each (both "Officials" records point at the same words): by name.
    assert roster_names(window) == ["Mia Chen", "Officials", "Tom Hale"]
    prompt = window.speaker_fix_prompt
    assert not prompt.isVisible()
    first, second = record_id(window, 0), record_id(window, 1)
    window.current.set_attribution(first)

    press(qtbot, window, Qt.Key.Key_3)  # Tom Hale

    assert fresh_attribution(path, first).speaker_name == "Tom Hale"
    assert prompt.isVisible()
    said = "The following record also names “Officials”. Make it “Tom Hale” too?"
    assert prompt.label.text() == said
    assert fresh_attribution(path, second).speaker_name == "Officials"  # only offered

    press(qtbot, window, Qt.Key.Key_Y)

    assert fresh_attribution(path, second).speaker_name == "Tom Hale"
    assert not prompt.isVisible()
    assert window.attribution_model.index(1, 2).data().startswith("Tom Hale")
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the fix is one undo step
    assert fresh_attribution(path, second).speaker_name == "Officials"
    assert fresh_attribution(path, first).speaker_name == "Tom Hale"


def test_escape_dismisses_the_offer_and_changes_nothing(
    qtbot, trains: tuple[MainWindow, Path]
) -> None:
    window, path = trains
    window.current.set_attribution(record_id(window, 0))
    press(qtbot, window, Qt.Key.Key_1)  # Mia Chen
    assert window.speaker_fix_prompt.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.speaker_fix_prompt.isVisible()
    press(qtbot, window, Qt.Key.Key_Y)  # does nothing now
    assert fresh_attribution(path, record_id(window, 1)).speaker_name == "Officials"


def test_the_speaker_picker_also_offers_the_fix(qtbot, trains: tuple[MainWindow, Path]) -> None:
    window, path = trains
    window.current.set_attribution(record_id(window, 0))
    press(qtbot, window, Qt.Key.Key_S)
    dialog = window.annotation_actions.speaker_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.filter_edit, "Mia")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert fresh_attribution(path, record_id(window, 0)).speaker_name == "Mia Chen"
    assert window.speaker_fix_prompt.isVisible()
    press(qtbot, window, Qt.Key.Key_Y)
    assert fresh_attribution(path, record_id(window, 1)).speaker_name == "Mia Chen"


def test_merge_selected_speakers_with_ctrl_m(qtbot, trains: tuple[MainWindow, Path]) -> None:
    window, path = trains
    panel = window.roster_panel
    roster_names(window)
    officials, tom = (
        panel.model.row_of(s.id)
        for s in panel.model.speakers()
        if s.name in ("Officials", "Tom Hale")
    )
    selection = panel.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (tom, officials):
        selection.select(panel.model.index(row, 0), flags)
    panel.view.setFocus()

    qtbot.keyClick(panel.view, Qt.Key.Key_M, CTRL)

    assert sorted(roster_names(window)) == ["Mia Chen", "Officials"]
    with Store(path) as fresh:
        document_id = window.current.document_id
        assert document_id is not None
        names = {a.speaker_name for a in fresh.attributions_for(document_id)}
        assert names == {"Officials", "Mia Chen"}
        merged = next(s for s in fresh.speakers_for(document_id) if s.name == "Officials")
        assert "Tom Hale" in merged.variants


def test_rename_a_speaker_with_f2(qtbot, trains: tuple[MainWindow, Path]) -> None:
    window, path = trains
    panel = window.roster_panel
    select_speaker(window, "Officials")
    panel.view.setFocus()

    QTimer.singleShot(0, lambda: _answer_rename("Transit officials"))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)

    assert roster_names(window) == ["Mia Chen", "Tom Hale", "Transit officials"]
    assert fresh_attribution(path, record_id(window, 0)).speaker_name == "Transit officials"
    assert window.attribution_model.index(0, 2).data().startswith("Transit officials")


def test_create_a_speaker_from_the_selected_words(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    select_words(window, "Residents")
    qtbot.keyClick(window.article_view, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert "Residents" in roster_names(window)
    with Store(workspace_path) as fresh:
        document_id = window.current.document_id
        assert document_id is not None
        created = next(s for s in fresh.speakers_for(document_id) if s.name == "Residents")
        assert [m.text_of(ARTICLE_TEXT) for m in created.mentions] == ["Residents"]


def test_the_current_records_speaker_is_bold_in_the_roster(qtbot, window: MainWindow) -> None:
    roster_names(window)
    press(qtbot, window, Qt.Key.Key_J)  # the mayor's record
    model = window.roster_panel.model
    row = model.row_of(next(s.id for s in model.speakers() if s.name == "the mayor"))
    assert row is not None
    font = model.index(row, model.NAME).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()


def test_undoing_a_rename_shows_the_old_name_again(qtbot, trains: tuple[MainWindow, Path]) -> None:
    window, path = trains
    panel = window.roster_panel
    select_speaker(window, "Officials")
    QTimer.singleShot(0, lambda: _answer_rename("Transit officials"))
    panel.rename_selected()
    assert window.attribution_model.index(0, 2).data().startswith("Transit officials")
    window.activateWindow()  # back from the modal name dialog
    qtbot.waitUntil(window.isActiveWindow)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)

    assert fresh_attribution(path, record_id(window, 0)).speaker_name == "Officials"
    assert window.attribution_model.index(0, 2).data().startswith("Officials")
    assert "Officials" in roster_names(window)


def _answer_rename(name: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue(name)
    dialog.accept()


def test_ctrl_shift_k_asks_for_a_new_speaker(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    QTimer.singleShot(0, lambda: _answer_rename("Lena Park"))
    press(qtbot, window, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert "Lena Park" in roster_names(window)
    with Store(workspace_path) as fresh:
        document_id = window.current.document_id
        assert document_id is not None
        assert "Lena Park" in [s.name for s in fresh.speakers_for(document_id)]
