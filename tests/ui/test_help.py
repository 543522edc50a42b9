"""Help > About, Help > Getting started (the tour and its first-run flag), and the
cheat sheet opened with ``?`` as a real keyboard sends it (with Shift)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcutEvent
from PySide6.QtWidgets import QLabel

from storage.store import Store
from storage.workspace import user_lexicon_path
from ui.shell.about import UNKNOWN_VERSION, app_version
from ui.shell.getting_started import GettingStartedTour, read_tour_steps, tour_steps
from ui.shell.main_window import MainWindow
from ui.shell.view_state import ViewState

from .conftest import show_window


def help_action(window: MainWindow, text: str):
    """The Help menu's action with menu text ``text``."""
    (found,) = [a for a in window.help_menu.actions() if a.text() == text]
    return found


# -- About ------------------------------------------------------------------------------
def test_about_shows_the_version_the_workspace_and_where_data_lives(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    help_action(window, "&About Quote Annotator").trigger()
    dialog = window.help_actions.about_dialog
    assert dialog is not None and dialog.isVisible()
    shown = {name: label.text() for name, label in dialog.labels.items()}
    assert shown["Version"] == app_version() != ""
    assert shown["Workspace"] == str(workspace_path)
    assert shown["Licence"]
    assert shown["Your cue lexicon"].startswith(str(user_lexicon_path()))
    assert shown["Settings"]
    # User data is plain text: a path is never read as markup.
    for label in dialog.labels.values():
        assert label.textFormat() == Qt.TextFormat.PlainText
    dialog.close()


def test_about_shows_the_version_the_entry_point_gave_qt(qapp) -> None:
    before = qapp.applicationVersion()
    qapp.setApplicationVersion("9.8.7")
    try:
        assert app_version() == "9.8.7"
    finally:
        qapp.setApplicationVersion(before)


def test_about_says_unknown_when_no_entry_point_or_installation_names_a_version(
    qapp, monkeypatch
) -> None:
    from importlib import metadata

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    before = qapp.applicationVersion()
    qapp.setApplicationVersion("")
    monkeypatch.setattr(metadata, "version", not_installed)
    try:
        assert app_version() == UNKNOWN_VERSION
    finally:
        qapp.setApplicationVersion(before)


def test_about_names_the_settings_file_of_the_view_state(
    qtbot, store: Store, tmp_path: Path
) -> None:
    state = ViewState.at_path(tmp_path / "view.ini")
    window = show_window(qtbot, store, view_state=state)
    dialog = window.help_actions.show_about()
    assert dialog.labels["Settings"].text() == str(tmp_path / "view.ini")
    dialog.close()


# -- Getting started --------------------------------------------------------------------
def test_the_shipped_tour_covers_colours_review_keys_and_the_cheat_sheet() -> None:
    steps = tour_steps()
    assert 3 <= len(steps) <= 7
    text = "\n".join(f"{s.title}\n{s.text}\n{s.swatches}" for s in steps)
    for needed in ("candidate", "accepted", "rejected", "A accepts", "R rejects", "J ", "K ", "?"):
        assert needed in text, needed


def test_tour_text_is_parsed_into_steps_with_swatches() -> None:
    steps = read_tour_steps(
        "# a comment\n## One\nfirst line\n\nsecond <b>line</b>\n"
        "## Two\n[accepted] Accepted: yes\n[nosuch] stays text\n"
    )
    assert [(s.title, s.text, s.swatches) for s in steps] == [
        ("One", "first line\n\nsecond <b>line</b>", ()),
        ("Two", "[nosuch] stays text", (("accepted", "Accepted: yes"),)),
    ]
    with pytest.raises(ValueError, match="no '## ' step"):
        read_tour_steps("just text\n")


def test_the_tour_is_driven_from_the_keyboard(qtbot) -> None:
    tour = GettingStartedTour(read_tour_steps("## One\na <i>b</i>\n## Two\nc\n## Three\nd\n"))
    qtbot.addWidget(tour)
    tour.show()
    qtbot.waitExposed(tour)
    assert (tour.index, tour.counter.text()) == (0, "1 of 3")
    assert tour.body.text() == "a <i>b</i>" and tour.body.textFormat() == Qt.TextFormat.PlainText
    assert not tour.back_button.isEnabled()
    qtbot.keyClick(tour, Qt.Key.Key_Return)  # Next is the default button
    assert tour.index == 1
    qtbot.keyClick(tour, Qt.Key.Key_Right)
    assert tour.index == 2 and not tour.next_button.isEnabled()
    qtbot.keyClick(tour, Qt.Key.Key_Left)
    assert tour.index == 1
    tour.back_button.click()
    assert tour.index == 0
    qtbot.keyClick(tour, Qt.Key.Key_Escape)
    assert not tour.isVisible()


def test_the_colour_step_shows_a_swatch_per_colour(qtbot) -> None:
    tour = GettingStartedTour(tour_steps())
    qtbot.addWidget(tour)
    tour.show()
    colours = next(i for i, s in enumerate(tour_steps()) if s.swatches)
    tour.show_step(colours)
    pictures = [label for label in tour.swatch_labels if not label.pixmap().isNull()]
    assert len(pictures) == len(tour_steps()[colours].swatches) >= 5
    assert tour.swatch_area.isVisible()
    tour.show_step(0)
    assert not tour.swatch_area.isVisible()


def test_the_tour_is_shown_on_the_first_start_only(qtbot, store: Store, tmp_path: Path) -> None:
    state_path = tmp_path / "view.ini"
    first = show_window(qtbot, store, view_state=ViewState.at_path(state_path))
    tour = first.help_actions.offer_tour_once()
    assert tour is not None and tour.isVisible()
    assert tour.heading.text() == tour_steps()[0].title
    tour.close()
    first.close()
    # The next start (a new window, the settings read afresh) shows no tour ...
    second = show_window(qtbot, store, view_state=ViewState.at_path(state_path))
    assert second.help_actions.offer_tour_once() is None
    assert second.help_actions.tour is None
    # ... but Help > Getting started does, at its first step.
    help_action(second, "Getting &started").trigger()
    again = second.help_actions.tour
    assert again is not None and again.isVisible() and again.index == 0
    again.close()


def test_windows_without_saved_settings_never_show_the_tour(window: MainWindow) -> None:
    assert window.help_actions.offer_tour_once() is None


# -- the cheat sheet with Shift ---------------------------------------------------------
@pytest.mark.parametrize(
    "modifiers", [Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.NoModifier]
)
def test_question_mark_opens_the_cheat_sheet_with_or_without_shift(
    qtbot, window: MainWindow, modifiers: Qt.KeyboardModifier
) -> None:
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_Question, modifiers)
    sheet = window.cheat_sheet.dialog
    assert sheet is not None and sheet.isVisible()
    sheet.close()


def test_a_platform_matching_both_keys_at_once_still_opens_the_sheet(
    window: MainWindow,
) -> None:
    # Where ? and Shift+? both match one press, Qt sends an ambiguous shortcut event.
    event = QShortcutEvent(QKeySequence("?"), 0, True)
    QCoreApplication.sendEvent(window.cheat_sheet.action, event)
    sheet = window.cheat_sheet.dialog
    assert sheet is not None and sheet.isVisible()
    sheet.close()


def test_the_cheat_sheet_lists_question_mark_once(window: MainWindow) -> None:
    sheet = window.cheat_sheet.open()
    rows = sheet.model.rows()
    assert [r.keys for r in rows if r.action == "Keyboard shortcuts"] == ["?"]
    sheet.close()


def test_tour_labels_are_plain_text(qtbot) -> None:
    tour = GettingStartedTour(tour_steps())
    qtbot.addWidget(tour)
    labels = [tour.heading, tour.body, tour.counter]
    assert all(isinstance(label, QLabel) for label in labels)
    assert {label.textFormat() for label in labels} == {Qt.TextFormat.PlainText}
