"""The shortcut cheat sheet: built from real menus, opened with ``?``, never stale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow

from ui.shell.cheat_sheet import (
    OTHER_GROUP,
    CheatSheet,
    ShortcutEntry,
    menu_actions,
    plain_text,
    shortcut_entries,
)


class Window(QMainWindow):
    """A window with menus like the app's: shortcuts, a separator, a sub-menu, a text field."""

    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit(self)
        self.setCentralWidget(self.field)
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.import_files = self._add(file_menu, "&Import files…", "Ctrl+O")
        self.about = file_menu.addAction("&About")  # no shortcut: not on the sheet
        annotation = bar.addMenu("&Annotation")
        self.accept = self._add(annotation, "&Accept", "A")
        annotation.addSeparator()
        self.add_quote = self._add(annotation, "Add &quotation from selection", "Q")
        self.add_quote.setShortcuts([QKeySequence("Q"), QKeySequence("Ctrl+N")])
        self.add_quote.setStatusTip("The selected words become a new quotation")
        view = bar.addMenu("&View")
        theme = view.addMenu("&Theme")
        self.dark = self._add(theme, "&Dark", "Ctrl+Shift+D")
        # In no menu, like the roster's number keys.
        self.speaker_one = QAction("Choose speaker 1 of the roster", self)
        self.speaker_one.setShortcut(QKeySequence("1"))
        self.sheet = CheatSheet(self, lambda: [*menu_actions(bar), self.speaker_one])

    def _add(self, menu, text: str, key: str) -> QAction:
        action = menu.addAction(text)
        action.setShortcut(QKeySequence(key))
        return action


@pytest.fixture
def window(qtbot) -> Window:
    main = Window()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    main.setFocus()
    return main


def _press_question_mark(qtbot, window: Window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Question)


def test_menu_actions_walks_menus_and_sub_menus_in_order(window: Window) -> None:
    assert menu_actions(window.menuBar()) == [
        window.import_files,
        window.about,
        window.accept,
        window.add_quote,
        window.dark,
    ]


def test_entries_come_from_the_actions_themselves(window: Window) -> None:
    entries = shortcut_entries([*menu_actions(window.menuBar()), None, window.speaker_one])
    assert entries == [
        ShortcutEntry("Ctrl+O", "Import files", "File"),
        ShortcutEntry("A", "Accept", "Annotation"),
        ShortcutEntry(
            "Q, Ctrl+N",
            "Add quotation from selection",
            "Annotation",
            "The selected words become a new quotation",
        ),
        ShortcutEntry("Ctrl+Shift+D", "Dark", "Theme"),
        ShortcutEntry("1", "Choose speaker 1 of the roster", OTHER_GROUP),
    ]


def test_named_groups_override_the_menus_and_each_action_appears_once(window) -> None:
    entries = shortcut_entries({"Roster": [window.speaker_one, window.speaker_one]})
    assert entries == [ShortcutEntry("1", "Choose speaker 1 of the roster", "Roster")]


@pytest.mark.parametrize(
    ("text", "plain"),
    [("&Accept", "Accept"), ("Open &guidelines file…", "Open guidelines file"), ("R&&D", "R&D")],
)
def test_plain_text_drops_mnemonics_and_ellipses(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_question_mark_opens_the_sheet_with_every_shortcut(qtbot, window: Window) -> None:
    _press_question_mark(qtbot, window)
    dialog = window.sheet.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert [e.action for e in dialog.visible_entries()] == [
        "Import files",
        "Accept",
        "Add quotation from selection",
        "Dark",
        "Choose speaker 1 of the roster",
    ]
    assert dialog.view.model().index(1, 0).data() == "A"


def test_the_sheet_model_passes_the_model_tester(qtmodeltester, qtbot, window) -> None:
    dialog = window.sheet.open()
    qtmodeltester.check(dialog.model, force_py=True)


def test_the_sheet_follows_changed_shortcuts(qtbot, window: Window) -> None:
    window.sheet.open().close()
    window.accept.setShortcut(QKeySequence("Ctrl+Return"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _press_question_mark(qtbot, window)
    keys = {e.action: e.keys for e in window.sheet.dialog.visible_entries()}
    assert keys["Accept"] == "Ctrl+Return"


def test_question_mark_again_keeps_one_sheet(qtbot, window: Window) -> None:
    first = window.sheet.open()
    assert window.sheet.open() is first


def test_typing_a_question_mark_in_a_text_field_types_it(qtbot, window: Window) -> None:
    window.field.setFocus()
    qtbot.keyClick(window.field, Qt.Key.Key_Question)
    assert window.field.text() == "?"
    assert window.sheet.dialog is None


def test_the_filter_narrows_the_sheet(qtbot, window: Window) -> None:
    dialog = window.sheet.open()
    qtbot.keyClicks(dialog.filter_edit, "annotation")
    assert [e.action for e in dialog.visible_entries()] == [
        "Accept",
        "Add quotation from selection",
    ]
    dialog.filter_edit.clear()
    qtbot.keyClicks(dialog.filter_edit, "ctrl+shift")
    assert [e.action for e in dialog.visible_entries()] == ["Dark"]


def test_escape_closes_the_sheet(qtbot, window: Window) -> None:
    dialog = window.sheet.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_screenshot_of_the_cheat_sheet(qtbot, window: Window) -> None:
    dialog = window.sheet.open()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert not image.isNull()
    image.save("/tmp/cheat_sheet.png")
