"""Saved view settings: written to a temporary ini file and read back by a fresh object,
as after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QSplitter

from ui.shell.view_state import ZOOM_RANGE, ViewState


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "view.ini"


def _restarted(ini: Path) -> ViewState:
    """A new ViewState on the same file, as the next run of the app opens it."""
    return ViewState.at_path(ini)


def _window(qtbot) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel("article"))
    dock = QDockWidget("Speakers", window)
    dock.setObjectName("roster_dock")  # restoreState matches docks by name
    dock.setWidget(QLabel("roster"))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    qtbot.addWidget(window)
    return window


def _splitter(qtbot) -> QSplitter:
    splitter = QSplitter()
    for name in ("documents", "article", "records"):
        splitter.addWidget(QLabel(name))
    splitter.resize(900, 400)
    qtbot.addWidget(splitter)
    splitter.show()
    qtbot.waitExposed(splitter)
    return splitter


def test_window_size_and_docks_survive_a_restart(qtbot, ini: Path) -> None:
    first = _window(qtbot)
    first.resize(620, 430)  # inside the offscreen 800x600 screen
    first.show()
    qtbot.waitExposed(first)
    dock = first.findChild(QDockWidget, "roster_dock")
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    state = ViewState.at_path(ini)
    state.save_window(first)
    state.sync()

    second = _window(qtbot)
    assert _restarted(ini).restore_window(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (620, 430)
    restored_dock = second.findChild(QDockWidget, "roster_dock")
    assert second.dockWidgetArea(restored_dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_a_hidden_dock_stays_hidden(qtbot, ini: Path) -> None:
    first = _window(qtbot)
    first.show()
    qtbot.waitExposed(first)
    first.findChild(QDockWidget, "roster_dock").hide()
    ViewState.at_path(ini).save_window(first)

    second = _window(qtbot)
    _restarted(ini).restore_window(second)
    second.show()
    qtbot.waitExposed(second)
    assert not second.findChild(QDockWidget, "roster_dock").isVisible()


def test_nothing_saved_restores_nothing(qtbot, ini: Path) -> None:
    window = _window(qtbot)
    window.resize(640, 480)
    assert not ViewState.at_path(ini).restore_window(window)
    assert (window.width(), window.height()) == (640, 480)
    assert not ViewState.at_path(ini).restore_splitter("main", _splitter(qtbot))


def test_splitter_sizes_survive_a_restart(qtbot, ini: Path) -> None:
    first = _splitter(qtbot)
    first.setSizes([150, 600, 150])
    wanted = first.sizes()
    ViewState.at_path(ini).save_splitter("main", first)

    second = _splitter(qtbot)
    assert second.sizes() != wanted
    assert _restarted(ini).restore_splitter("main", second)
    assert second.sizes() == wanted


def test_splitters_are_kept_apart_by_name(qtbot, ini: Path) -> None:
    a, b = _splitter(qtbot), _splitter(qtbot)
    a.setSizes([100, 700, 100])
    b.setSizes([400, 100, 400])
    state = ViewState.at_path(ini)
    state.save_splitter("a", a)
    state.save_splitter("b", b)
    fresh = _splitter(qtbot)
    _restarted(ini).restore_splitter("b", fresh)
    assert fresh.sizes() == b.sizes()


def test_zoom_theme_and_guidelines_survive_a_restart(ini: Path, tmp_path: Path) -> None:
    state = ViewState.at_path(ini)
    state.set_zoom(3)
    state.set_theme("dark")
    state.save_guidelines_path(tmp_path / "ours.md")
    state.sync()
    again = _restarted(ini)
    assert again.zoom() == 3
    assert again.theme() == "dark"
    assert again.guidelines_path() == tmp_path / "ours.md"


def test_defaults_when_nothing_was_saved(ini: Path) -> None:
    state = ViewState.at_path(ini)
    assert state.zoom() == 0
    assert state.theme() == "light"
    assert state.guidelines_path() is None
    assert state.last_position(ini.parent / "w.sqlite") is None


def test_zoom_is_clamped(ini: Path) -> None:
    state = ViewState.at_path(ini)
    state.set_zoom(500)
    assert state.zoom() == ZOOM_RANGE[1]
    state.set_zoom(-500)
    assert state.zoom() == ZOOM_RANGE[0]


def test_a_hand_edited_bad_value_falls_back_to_the_default(ini: Path) -> None:
    ini.write_text("[view]\nzoom=lots\n[window]\ngeometry=garbage\n", encoding="utf-8")
    state = ViewState.at_path(ini)
    assert state.zoom() == 0


def test_garbage_geometry_restores_nothing(qtbot, ini: Path) -> None:
    ini.write_text("[window]\ngeometry=garbage\n", encoding="utf-8")
    window = _window(qtbot)
    window.resize(640, 480)
    assert not ViewState.at_path(ini).restore_window(window)
    assert window.width() == 640


def test_last_position_is_kept_per_workspace(ini: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    state = ViewState.at_path(ini)
    state.save_last_position(one, 4, 17)
    state.save_last_position(two, 2, None)
    state.sync()
    again = _restarted(ini)
    assert again.last_position(one) == (4, 17)
    assert again.last_position(two) == (2, None)
    # The same file named another way is the same workspace.
    assert again.last_position(tmp_path / "sub" / ".." / "one.sqlite") == (4, 17)


def test_moving_to_a_document_without_a_record_forgets_the_old_record(ini, tmp_path) -> None:
    workspace = tmp_path / "w.sqlite"
    state = ViewState.at_path(ini)
    state.save_last_position(workspace, 4, 17)
    state.save_last_position(workspace, 5, None)
    assert state.last_position(workspace) == (5, None)
    state.save_last_position(workspace, None, None)
    assert state.last_position(workspace) is None


def test_an_in_memory_workspace_has_no_last_position(ini: Path) -> None:
    state = ViewState.at_path(ini)
    state.save_last_position(None, 1, 2)
    assert state.last_position(None) is None


def test_organisation_and_application_names_choose_the_file(tmp_path: Path) -> None:
    state = ViewState.for_app("Test Org", "Test App", ini_folder=tmp_path)
    state.set_zoom(2)
    state.sync()
    path = tmp_path / "Test Org" / "Test App.ini"
    assert path.exists()
    assert QSettings(str(path), QSettings.Format.IniFormat).value("view/zoom") in (2, "2")
    assert ViewState.for_app("Test Org", "Other App", ini_folder=tmp_path).zoom() == 0
