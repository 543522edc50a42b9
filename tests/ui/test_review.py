"""Review mode on the real window: every review key pressed with qtbot, the
database checked through a fresh connection (only committed changes count)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from quotes.model import DocumentStatus, QuoteType, Status
from storage.store import Store
from ui.shell.cheat_sheet import menu_actions
from ui.shell.main_window import MainWindow
from ui.shell.theme import Part

from .conftest import ARTICLE_TEXT, fresh_attribution, record_id, show_window
from .review_workspace import SECOND_TEXT, make_two_documents, press
from .test_article_view import format_at


@pytest.fixture
def two_path(tmp_path: Path) -> Path:
    return make_two_documents(tmp_path / "two.sqlite")


@pytest.fixture
def two_window(qtbot, two_path: Path):
    with Store(two_path) as store:
        yield show_window(qtbot, store)


def test_t_cycles_the_type_of_the_current_record(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    first = record_id(window, 0)
    window.current.set_attribution(first)
    seen = []
    for _ in range(4):
        press(qtbot, window, Qt.Key.Key_T)
        seen.append(fresh_attribution(workspace_path, first).type)
    assert seen == [QuoteType.INDIRECT, QuoteType.MIXED, QuoteType.UNQUOTED, QuoteType.DIRECT]
    assert window.attribution_model.index(0, 3).data() == "direct"
    assert window.current.attribution_id == first  # T decides nothing: no moving on


def test_n_jumps_to_the_next_unreviewed_record_across_documents(
    qtbot, two_window: MainWindow, two_path: Path
) -> None:
    window = two_window
    bridge = window.current.document_id
    window.current.set_attribution(record_id(window, 1))
    press(qtbot, window, Qt.Key.Key_N)
    assert window.current.attribution_id == record_id(window, 2)

    press(qtbot, window, Qt.Key.Key_N)  # nothing left after it here: the next document

    assert window.current.document_id != bridge
    assert window.attribution_model.text == SECOND_TEXT
    assert window.current.attribution_id == record_id(window, 0)
    assert window.document_list.currentIndex().row() == 1
    assert "Trains" in window.status_line.currentMessage()


def test_n_skips_reviewed_records_and_says_when_nothing_is_left(qtbot, window: MainWindow) -> None:
    window.current.set_attribution(record_id(window, 0))
    press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_R)  # the second is rejected; the current is the third
    window.current.set_attribution(None)
    press(qtbot, window, Qt.Key.Key_N)
    assert window.current.attribution_id == record_id(window, 2)
    press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_N)
    assert window.status_line.currentMessage() == "Every record of the workspace is reviewed."


def test_d_refuses_while_records_are_unreviewed_then_marks_the_document_done(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    document_id = window.current.document_id
    assert document_id is not None
    press(qtbot, window, Qt.Key.Key_D)
    assert "3 records are still unreviewed" in window.status_line.currentMessage()
    with Store(workspace_path) as fresh:
        assert fresh.document(document_id).status == DocumentStatus.NEW

    window.current.set_attribution(record_id(window, 0))
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_D)

    with Store(workspace_path) as fresh:
        assert fresh.document(document_id).status == DocumentStatus.DONE
    assert window.document_model.index(0, 1).data() == "done"
    assert window.status_line.currentMessage() == "Document marked done."


def test_g_selects_the_speaker_mention_of_the_current_record(qtbot, window: MainWindow) -> None:
    window.current.set_attribution(record_id(window, 2))
    press(qtbot, window, Qt.Key.Key_G)
    assert window.article_view.textCursor().selectedText() == "She"


def test_the_current_record_is_emphasised_and_the_others_dimmed(qtbot, window: MainWindow) -> None:
    highlighter = window.article_view.highlighter
    full, dimmed = highlighter.formats(), highlighter.formats(dimmed=True)
    first = ARTICLE_TEXT.index("We will reopen")
    second = ARTICLE_TEXT.index("It has been")
    key = (Part.CONTENT, Status.CANDIDATE)
    assert format_at(window, first) == full[key]  # nothing current: nothing dimmed
    assert format_at(window, second) == full[key]

    press(qtbot, window, Qt.Key.Key_J)
    assert format_at(window, first) == full[key]
    assert format_at(window, second) == dimmed[key]
    assert dimmed[key].background() != full[key].background()

    press(qtbot, window, Qt.Key.Key_J)
    assert format_at(window, first) == dimmed[key]
    assert format_at(window, second) == full[key]


def test_the_records_table_shows_a_far_speaker_mention(two_window: MainWindow) -> None:
    window = two_window
    window.current.set_document(window.document_model.summary_at(1).id)
    model = window.attribution_model
    assert model.headerData(model.MENTION, Qt.Orientation.Horizontal) == "Speaker at"
    places = [model.index(row, model.MENTION).data() for row in range(model.rowCount())]
    assert places == ["", "¶1, 2 ¶ before", "", ""]
    tip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "speaker mention “Tom Hale” in paragraph 1" in tip


def test_the_status_line_names_the_rule_and_confidence(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    line = window.status_line.record_label.text()
    assert "candidate · direct · the mayor" in line
    assert "confidence 1.00" in line or "confidence 0." in line


def test_every_review_key_is_in_the_cheat_sheet(qtbot, window: MainWindow) -> None:
    press(qtbot, window, "?")
    dialog = window.cheat_sheet.dialog
    assert dialog is not None and dialog.isVisible()
    listed = {(e.keys, e.action) for e in dialog.model.entries()}
    for keys, action in [
        ("A", "Accept"),
        ("R", "Reject"),
        ("T", "Cycle type"),
        ("N", "Next unreviewed"),
        ("G", "Go to speaker mention"),
        ("D", "Mark document done"),
        ("J", "Next record"),
        ("K", "Previous record"),
        ("Ctrl+Z", "Undo"),
        ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
        ("Ctrl+F", "Find in all documents"),
        ("1", "Choose speaker 1 of the roster"),
        ("9", "Choose speaker 9 of the roster"),
        ("Y", "Fix the following records too"),
        ("Esc", "Keep them"),
        ("Ctrl++, Ctrl+=", "Zoom in"),
        ("Ctrl+-", "Zoom out"),
        ("Ctrl+0", "Actual size"),
        ("?", "Keyboard shortcuts"),
    ]:
        assert (keys, action) in listed, (keys, action)
    dialog.close()


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    actions: set[QAction] = set(menu_actions(window.menuBar())) | set(window.actions())
    keys = Counter(key.toString() for action in actions for key in action.shortcuts())
    assert [key for key, count in keys.items() if count > 1] == []


def test_a_far_mention_is_named_in_the_status_line_and_opened_by_double_click(
    qtbot, two_window: MainWindow
) -> None:
    window = two_window
    window.current.set_document(window.document_model.summary_at(1).id)
    window.current.set_attribution(record_id(window, 1))
    assert window.status_line.record_label.text().endswith(
        "speaker mention ¶1, 2 ¶ before (G shows it)"
    )
    panel = window.attribution_panel
    model = window.attribution_model
    cell = panel.visualRect(model.index(1, model.MENTION)).center()
    # QTest's double click needs the first click of the pair sent on its own.
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.article_view.textCursor().selectedText() == "Tom Hale"
    window.current.set_attribution(record_id(window, 0))
    assert "speaker mention" not in window.status_line.record_label.text()
