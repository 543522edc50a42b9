"""Reviewing with the keyboard on the real window; the database is checked through
a fresh connection, so only committed changes count."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from quotes.model import Origin, QuoteType, Status
from storage.store import Store
from ui.shell.main_window import MainWindow

from .conftest import ARTICLE_TEXT, fresh_attribution


def select_words(window: MainWindow, words: str) -> None:
    """Select ``words`` in the article as a user would, with Shift+Right."""
    view = window.article_view
    cursor = view.textCursor()
    cursor.setPosition(ARTICLE_TEXT.index(words))
    view.setTextCursor(cursor)
    view.setFocus()
    for _ in words:
        view.moveCursor(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)


def test_shortcuts_are_shown_in_the_menus(window: MainWindow) -> None:
    actions = window.annotation_actions
    shown = {a.text(): a.shortcut().toString() for a in actions.actions() if a is not None}
    assert shown["&Accept"] == "A"
    assert shown["&Reject"] == "R"
    assert shown["Change &speaker…"] == "S"
    assert shown["Add &quotation from selection"] == "Q"
    assert shown["&Next record"] == "J"
    assert shown["&Previous record"] == "K"
    assert [s.toString() for s in actions.add_quotation.shortcuts()] == ["Q", "Ctrl+N"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == [
        "&File",
        "&Edit",
        "&Annotation",
        "S&pans",
        "&Speakers",
        "&View",
        "&Team",
        "&Help",
    ]


def test_accept_with_the_keyboard_commits_and_moves_on(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    panel = window.attribution_panel
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_J)
    first = window.attribution_model.attribution_at(0).id
    assert window.current.attribution_id == first

    qtbot.keyClick(panel, Qt.Key.Key_A)

    stored = fresh_attribution(workspace_path, first)
    assert stored.status == Status.ACCEPTED
    assert stored.annotator == "annotator"
    assert window.current.attribution_id == window.attribution_model.attribution_at(1).id
    assert window.document_model.index(0, 3).data() == 1


def test_reject_with_the_keyboard(qtbot, window: MainWindow, workspace_path: Path) -> None:
    second = window.attribution_model.attribution_at(1).id
    window.current.set_attribution(second)
    qtbot.keyClick(window.article_view, Qt.Key.Key_R)
    assert fresh_attribution(workspace_path, second).status == Status.REJECTED
    assert window.attribution_model.index(1, 4).data() == "rejected"


def test_the_status_line_counts_reviewed_records_as_they_change(qtbot, window: MainWindow) -> None:
    label = window.status_line.progress_label
    total = window.attribution_model.rowCount()
    assert label.text() == f"0 of {total} records reviewed"
    window.current.set_attribution(window.attribution_model.attribution_at(0).id)
    qtbot.keyClick(window.article_view, Qt.Key.Key_A)
    qtbot.keyClick(window.article_view, Qt.Key.Key_R)
    assert label.text() == f"2 of {total} records reviewed"
    qtbot.keyClick(window.article_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert label.text() == f"1 of {total} records reviewed"


def test_down_and_up_in_the_record_list_move_between_records(qtbot, window: MainWindow) -> None:
    panel = window.attribution_panel
    panel.setFocus()
    window.current.set_attribution(window.attribution_model.attribution_at(0).id)
    qtbot.keyClick(panel, Qt.Key.Key_Down)
    assert window.current.attribution_id == window.attribution_model.attribution_at(1).id
    qtbot.keyClick(panel, Qt.Key.Key_K)
    assert window.current.attribution_id == window.attribution_model.attribution_at(0).id


def test_add_a_quotation_from_the_selection(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    select_words(window, " the detour added an hour to their commute")
    qtbot.keyClick(window.article_view, Qt.Key.Key_Q)

    added_id = window.current.attribution_id
    assert added_id is not None and window.attribution_model.rowCount() == 4
    stored = fresh_attribution(workspace_path, added_id)
    start = ARTICLE_TEXT.index("the detour")
    # The leading space of the selection is trimmed.
    assert (stored.start, stored.end) == (
        start,
        start + len("the detour added an hour to their commute"),
    )
    assert stored.origin == Origin.HUMAN
    assert stored.status == Status.CANDIDATE  # A confirms it, as every suggestion
    assert stored.type == QuoteType.INDIRECT
    # The engine's reading of the same sentence lends its cue and speaker.
    assert stored.cue is not None and stored.cue.text_of(ARTICLE_TEXT) == "complained"
    assert stored.speaker is not None and stored.speaker.text_of(ARTICLE_TEXT) == "Residents"
    assert "Added an indirect quotation as a candidate" in window.status_line.currentMessage()


def test_add_without_a_selection_changes_nothing(qtbot, window: MainWindow, store: Store) -> None:
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(store.attributions_for(store.document_summaries()[0].id)) == 3
    assert "Select the words" in window.status_line.currentMessage()


def test_speaker_from_the_selection(qtbot, window: MainWindow, workspace_path: Path) -> None:
    third = window.attribution_model.attribution_at(2).id
    window.current.set_attribution(third)
    select_words(window, "Ana Ruiz")
    qtbot.keyClick(window.article_view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    stored = fresh_attribution(workspace_path, third)
    assert stored.speaker_name == "Ana Ruiz"
    start = ARTICLE_TEXT.index("Ana Ruiz")
    assert stored.speaker is not None and (stored.speaker.start, stored.speaker.end) == (
        start,
        start + len("Ana Ruiz"),
    )


def test_change_the_speaker_by_picking_from_the_roster(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = window.attribution_model.attribution_at(0).id
    window.current.set_attribution(first)
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_S)
    dialog = window.annotation_actions.speaker_dialog
    assert dialog is not None and dialog.isVisible()
    rows = [dialog.list_view.model().index(r, 0).data() for r in range(2)]
    assert sorted(rows) == ["Ana Ruiz  (2)", "the mayor  (1)"]  # with mention counts

    qtbot.keyClicks(dialog.filter_edit, "ruiz")
    assert dialog.list_view.model().rowCount() == 1
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)

    stored = fresh_attribution(workspace_path, first)
    assert stored.speaker_name == "Ana Ruiz"
    assert window.attribution_model.index(0, 2).data().startswith("Ana Ruiz")


def test_a_new_name_typed_in_the_picker_becomes_the_speaker(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = window.attribution_model.attribution_at(0).id
    window.current.set_attribution(first)
    window.annotation_actions.change_speaker.trigger()
    dialog = window.annotation_actions.speaker_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.filter_edit, "Mayor Lena Park")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert fresh_attribution(workspace_path, first).speaker_name == "Mayor Lena Park"


def test_state_is_kept_after_closing_and_reopening_the_window(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first, second = (window.attribution_model.attribution_at(r).id for r in (0, 1))
    window.current.set_attribution(first)
    qtbot.keyClick(window.article_view, Qt.Key.Key_A)  # accepts first, moves to second
    qtbot.keyClick(window.article_view, Qt.Key.Key_R)
    select_words(window, "Residents complained")
    qtbot.keyClick(window.article_view, Qt.Key.Key_Q)
    window.close()
    window.store.close()

    with Store(workspace_path) as reopened:
        again = MainWindow(reopened)
        qtbot.addWidget(again)
        model = again.attribution_model
        statuses = {model.attribution_at(r).id: model.attribution_at(r).status for r in range(4)}
        assert statuses[first] == Status.ACCEPTED
        assert statuses[second] == Status.REJECTED
        assert model.rowCount() == 4
        assert model.index(1, 0).data() == "Residents complained"
        assert again.document_model.index(0, 1).data() == "in progress"
        again.close()


def test_selected_words_typed_into_the_picker_become_name_and_mention(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = window.attribution_model.attribution_at(0).id
    window.current.set_attribution(first)
    select_words(window, "Residents")
    qtbot.keyClick(window.article_view, Qt.Key.Key_S)
    dialog = window.annotation_actions.speaker_dialog
    assert dialog is not None and dialog.filter_edit.text() == "Residents"
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    stored = fresh_attribution(workspace_path, first)
    assert stored.speaker_name == "Residents"
    assert stored.speaker is not None
    assert stored.speaker.text_of(ARTICLE_TEXT) == "Residents"


def test_selecting_a_record_is_not_a_selection_to_add(qtbot, window: MainWindow) -> None:
    # Showing a record selects its words; Q must not copy the record from that.
    window.current.set_attribution(window.attribution_model.attribution_at(1).id)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Q)
    assert window.attribution_model.rowCount() == 3


def test_a_record_deleted_elsewhere_gives_a_clear_error(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    doomed = window.attribution_model.attribution_at(0).id
    window.current.set_attribution(doomed)
    with Store(workspace_path) as other:
        other.delete_attribution(doomed)

    qtbot.keyClick(window.article_view, Qt.Key.Key_A)

    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and boxes[0].windowTitle() == "The action failed"
    assert window.attribution_model.row_of(doomed) is None  # the stale row is gone
    assert window.attribution_model.rowCount() == 2
    boxes[0].close()


def test_the_file_menu_offers_import_export_and_workspaces(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    labels = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert labels == [
        "&Import files…",
        "Import &folder…",
        "&Export…",
        "Open &workspace…",
        "&New workspace…",
        "&Quit",
    ]
    view_menu = window.menuBar().actions()[5].menu()
    toggles = [a.text() for a in view_menu.actions() if a.isCheckable()]
    assert toggles == ["Documents", "Records", "Speakers", "Search", "Guidelines", "&Dark theme"]
