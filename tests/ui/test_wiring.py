"""The panels around the text, wired into the real window: search, document filter,
counts and progress, guidelines, statistics, zoom, theme and restored view state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from quotes.model import DocumentStatus, Status
from storage.store import Store
from ui.review.decision_stats import MINIMUM_DECISION_MS
from ui.shell.main_window import MainWindow
from ui.shell.theme import Part, highlight_colours
from ui.shell.view_state import ViewState

from .conftest import show_window
from .review_workspace import SECOND_TEXT, make_two_documents, press

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def two_path(tmp_path: Path) -> Path:
    return make_two_documents(tmp_path / "two.sqlite")


@pytest.fixture
def two_window(qtbot, two_path: Path) -> Iterator[MainWindow]:
    with Store(two_path) as store:
        window = show_window(qtbot, store)
        yield window
        window.close()


@pytest.fixture
def restore_app_look(qapp: QApplication) -> Iterator[QApplication]:
    """Put the application's palette and style back after a test that themes it."""
    palette, style = qapp.palette(), qapp.style().name()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("theme", None)


def test_ctrl_f_searches_and_enter_opens_the_hit_highlighted(qtbot, two_window: MainWindow) -> None:
    window = two_window
    window.search_dock.hide()
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    panel = window.search_panel
    assert window.search_dock.isVisible()
    assert panel.search_edit.hasFocus()

    qtbot.keyClicks(panel.search_edit, "tickets")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)

    assert window.attribution_model.text == SECOND_TEXT
    assert window.document_list.currentIndex().row() == 1
    assert window.article_view.textCursor().selectedText() == "Tickets"
    assert window.article_view.hasFocus()  # the review keys work on at once
    assert panel.status.text() == "1 document"


def test_the_status_filter_shows_counts_and_hides_other_documents(
    qtbot, two_window: MainWindow
) -> None:
    window = two_window
    panel = window.document_panel
    labels = [panel.filter_box.itemText(i) for i in range(panel.filter_box.count())]
    assert labels == ["All (2)", "New (2)", "In progress (0)", "Done (0)"]

    panel.filter_box.setCurrentIndex(3)  # Done
    assert window.document_model.rowCount() == 0

    panel.set_status_filter(None)
    window.current.set_attribution(window.attribution_model.attribution_at(0).id)
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: panel.filter_box.itemText(3) == "Done (1)")
    assert panel.filter_box.itemText(1) == "New (1)"

    panel.set_status_filter(DocumentStatus.DONE)
    assert window.document_model.rowCount() == 1
    assert window.document_model.index(0, 0).data() == "Bridge"
    panel.set_status_filter(DocumentStatus.NEW)
    assert [window.document_model.index(r, 0).data() for r in range(1)] == ["Trains"]


def test_the_progress_bar_counts_reviewed_records_of_the_workspace(
    qtbot, two_window: MainWindow
) -> None:
    window = two_window
    panel = window.document_panel
    assert panel.reviewed_and_total() == (0, 7)
    assert panel.progress.text() == "0 of 7 records reviewed"
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: panel.reviewed_and_total() == (2, 7))
    assert panel.progress.text() == "2 of 7 records reviewed"
    assert panel.progress.value() == 2


def test_zoom_keys_change_the_article_font_and_ctrl_0_resets_it(qtbot, window: MainWindow) -> None:
    size = window.article_view.font().pointSizeF()
    press(qtbot, window, Qt.Key.Key_Plus, CTRL)
    press(qtbot, window, Qt.Key.Key_Equal, CTRL)
    assert window.view_actions.zoom == 2
    assert window.article_view.font().pointSizeF() == size + 2
    press(qtbot, window, Qt.Key.Key_Minus, CTRL)
    assert window.article_view.font().pointSizeF() == size + 1
    press(qtbot, window, Qt.Key.Key_0, CTRL)
    assert window.view_actions.zoom == 0
    assert window.article_view.font().pointSizeF() == size


def test_the_dark_theme_recolours_the_window_and_the_highlights(
    restore_app_look: QApplication, window: MainWindow
) -> None:
    window.view_actions.dark_theme.trigger()
    dark = highlight_colours("dark")
    base = restore_app_look.palette().color(QPalette.ColorRole.Base).name().upper()
    assert base == dark.page
    content = window.article_view.highlighter.formats()[Part.CONTENT, Status.CANDIDATE]
    assert content.background().color().name().upper() == dark.candidate
    window.view_actions.dark_theme.trigger()
    content = window.article_view.highlighter.formats()[Part.CONTENT, Status.CANDIDATE]
    assert content.background().color().name().upper() == highlight_colours("light").candidate


def test_layout_zoom_theme_and_position_are_restored_on_restart(
    qtbot, restore_app_look: QApplication, two_path: Path, tmp_path: Path
) -> None:
    state = ViewState.at_path(tmp_path / "view.ini")
    with Store(two_path) as store:
        window = show_window(qtbot, store, view_state=state)
        trains = window.document_model.summary_at(1).id
        window.current.set_document(trains)
        record = window.attribution_model.attribution_at(2).id
        window.current.set_attribution(record)
        press(qtbot, window, Qt.Key.Key_Plus, CTRL)
        window.view_actions.dark_theme.trigger()
        window.guidelines_dock.hide()
        window.roster_dock.hide()
        window.close()

    with Store(two_path) as store:
        again = show_window(qtbot, store, view_state=ViewState.at_path(tmp_path / "view.ini"))
        assert again.current.document_id == trains
        assert again.current.attribution_id == record
        assert again.view_actions.zoom == 1
        assert again.view_actions.dark_theme.isChecked()
        assert not again.roster_dock.isVisible()
        assert again.documents_dock.isVisible()
        again.close()


def test_statistics_show_attributions_per_hour_per_annotator(qtbot, window: MainWindow) -> None:
    window.status_line.refresh_rate()
    assert window.status_line.rate_label.text() == "annotator: no timed decisions yet"
    press(qtbot, window, Qt.Key.Key_J)
    qtbot.wait(MINIMUM_DECISION_MS + 50)  # quicker decisions are not counted
    press(qtbot, window, Qt.Key.Key_A)
    qtbot.wait(MINIMUM_DECISION_MS + 50)
    press(qtbot, window, Qt.Key.Key_A)
    dialog = window.view_actions.show_statistics()
    rates = dialog.model.rates()
    assert [r.annotator for r in rates][:1] == ["annotator"]
    assert rates[0].per_hour is not None and rates[0].per_hour > 0
    assert dialog.model.index(0, 1).data().endswith("/ hour")
    assert "2 of 3 records reviewed" in dialog.summary.text()
    window.status_line.refresh_rate()
    assert window.status_line.rate_label.text().startswith("annotator: ")
    assert window.status_line.rate_label.text().endswith("/ hour")
    dialog.close()


def test_the_guidelines_dock_shows_the_built_in_scheme(window: MainWindow) -> None:
    assert window.guidelines_dock.widget() is window.guidelines_pane
    assert window.guidelines_pane.path is None
    assert len(window.guidelines_pane.markdown()) > 200
    help_menu = window.menuBar().actions()[-1].menu()
    labels = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert labels == [
        "&Keyboard shortcuts",
        "Getting &started",
        "Open &guidelines file…",
        "Use the &built-in guidelines",
        "&About Quote Annotator",
    ]


def test_the_filtered_document_model_and_the_rate_model_pass_the_model_tester(
    qtmodeltester, two_window: MainWindow
) -> None:
    two_window.document_panel.set_status_filter(DocumentStatus.NEW)
    qtmodeltester.check(two_window.document_model)
    qtmodeltester.check(two_window.view_actions.show_statistics().model)
    two_window.view_actions.statistics_dialog.close()


def test_typing_in_the_search_box_triggers_no_review_key(
    qtbot, two_window: MainWindow, two_path: Path
) -> None:
    window = two_window
    window.current.set_attribution(window.attribution_model.attribution_at(0).id)
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.search_panel.search_edit, "a r t n d g j k 1 2 y")
    assert window.search_panel.search_edit.text() == "a r t n d g j k 1 2 y"
    with Store(two_path) as fresh:
        # Nothing was accepted, typed, renamed or marked: only the import is there.
        assert [entry.action for entry in fresh.history()] == ["import"]
    assert window.current.attribution_id == window.attribution_model.attribution_at(0).id
