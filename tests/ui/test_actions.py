"""``ui.shell.action_group.make_action``: the one way the window's actions are built."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from ui.shell.action_group import make_action


def test_keys_given_as_text_become_shortcuts_and_join_the_tip_in_the_tooltip(
    qtbot: QtBot,
) -> None:
    owner = QObject()
    action = make_action(owner, "&Redo", shortcut=["Ctrl+Shift+Z", "Ctrl+Y"], tip="Redo it")
    assert action.parent() is owner
    assert [key.toString() for key in action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert action.statusTip() == "Redo it"
    assert action.toolTip() == "Redo it (Ctrl+Shift+Z, Ctrl+Y)"
    assert not action.isCheckable()


def test_a_platform_key_and_no_tip_leave_qt_s_default_tooltip(qtbot: QtBot) -> None:
    owner = QObject()
    action = make_action(owner, "&Import files…", shortcut=QKeySequence.StandardKey.Open)
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert action.statusTip() == ""
    assert action.toolTip() == "Import files"  # Qt: the text without & and …


def test_triggered_is_called_without_the_checked_argument(qtbot: QtBot) -> None:
    calls: list[str] = []
    owner = QObject()
    action = make_action(owner, "&Snap", checkable=True, triggered=lambda: calls.append("x"))
    action.trigger()
    assert calls == ["x"]
    assert action.isCheckable() and action.isChecked()
