"""The layer you work in: shown in the title and the status bar, switched from the Team
menu, blind to the other layers; ``--annotator NAME`` opens NAME's layer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

import quote_annotator.gui_start
from quote_annotator import command_line
from quotes.model import Status
from storage.store import GOLD_LAYER, SHARED_LAYER, Store
from ui.shell.application import WorkspaceSession
from ui.shell.main_window import MainWindow
from ui.team.layer_dialog import LAYER_NAME_ROLE, LayerDialog

from .conftest import show_window
from .team_workspace import bridge_and_trains, team_workspace


@pytest.fixture
def team_path(tmp_path: Path) -> Path:
    """The hand-built workspace with alice's, bob's and carol's layers."""
    return team_workspace(tmp_path / "team.sqlite")


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[..., tuple[MainWindow, Store]]]:
    """Opens the real window on a store of the workspace; the stores are closed after
    the windows (qtbot closes those first)."""
    stores: list[Store] = []

    def opened(
        path: Path, *, annotator: str = "lead", layer: str | None = None
    ) -> tuple[MainWindow, Store]:
        store = Store(path, annotator=annotator, layer=layer)
        stores.append(store)
        return show_window(qtbot, store), store

    yield opened
    for store in stores:
        store.close()


def statuses(window: MainWindow) -> list[Status]:
    model = window.attribution_model
    return [model.attribution_at(row).status for row in range(model.rowCount())]


def accepted_column(window: MainWindow) -> list[int]:
    model = window.document_model
    return [model.summary_at(row).accepted for row in range(model.rowCount())]


def test_the_title_and_the_status_bar_name_the_layer(qtbot, open_window, team_path: Path) -> None:
    window, _store = open_window(team_path, annotator="alice", layer="alice")
    assert window.windowTitle() == "Quote Annotator — team.sqlite — alice's layer"
    button = window.team_actions.layer_button
    assert button.text() == "alice's layer" and button.isVisible()
    assert button in window.status_line.findChildren(type(button))
    window.team_actions.switch_to(SHARED_LAYER)
    assert window.windowTitle().endswith("— shared layer")
    assert button.text() == "shared layer"
    window.team_actions.switch_to(GOLD_LAYER)
    assert button.text() == "gold layer"


def test_a_layer_shows_only_its_own_decisions(qtbot, open_window, team_path: Path) -> None:
    window, store = open_window(team_path, layer="bob")
    bridge, _trains = bridge_and_trains(team_path)
    assert window.current.document_id == bridge
    # bob's version of the bridge article: his two records, nobody else's.
    assert statuses(window) == [Status.ACCEPTED, Status.ACCEPTED]
    assert accepted_column(window) == [2, 4]

    window.team_actions.switch_to("alice")

    assert store.layer == "alice" and store.annotator == "alice"
    assert window.current.document_id == bridge  # the document stays open
    assert window.document_list.currentIndex().row() == 0
    assert statuses(window) == [Status.ACCEPTED] * 3
    assert accepted_column(window) == [3, 4]
    # The progress bar is re-read on the next turn of the event loop.
    qtbot.waitUntil(lambda: window.document_panel.reviewed_and_total() == (7, 7))

    window.team_actions.switch_to(SHARED_LAYER)
    # The shared layer holds the suggestions, still undecided.
    assert statuses(window) == [Status.CANDIDATE] * 3
    assert accepted_column(window) == [0, 0]
    assert store.annotator == "lead"


def test_a_new_layer_starts_from_the_suggestions(qtbot, open_window, team_path: Path) -> None:
    window, _store = open_window(team_path, layer="alice")
    window.team_actions.switch_to("dana")
    assert statuses(window) == [Status.CANDIDATE] * 3
    window.attribution_panel.select_next()
    record = window.current.attribution_id
    window.annotation_actions.accept.trigger()
    with Store(team_path, layer="dana") as dana:
        stored = dana.attribution(record or 0)
        assert stored.status is Status.ACCEPTED and stored.annotator == "dana"
    with Store(team_path, layer="alice") as alice:
        assert alice.layers.layer_names() == ["alice", "bob", "carol", "dana"]


def test_undo_steps_through_the_current_layer_only(qtbot, open_window, team_path: Path) -> None:
    window, _store = open_window(team_path, layer="dana")
    window.attribution_panel.select_next()
    record = window.current.attribution_id
    window.annotation_actions.accept.trigger()
    window.team_actions.switch_to("erin")
    window.review_actions.undo.trigger()
    assert window.status_line.currentMessage() == "Nothing to undo."
    with Store(team_path, layer="dana") as dana:
        assert dana.attribution(record or 0).status is Status.ACCEPTED

    window.team_actions.switch_to("dana")
    window.review_actions.undo.trigger()
    with Store(team_path, layer="dana") as dana:
        assert dana.attribution(record or 0).status is Status.CANDIDATE


def test_the_dialog_lists_the_layers_with_their_counts(qtbot, open_window, team_path: Path) -> None:
    window, _store = open_window(team_path, layer="alice")
    window.team_actions.switch_layer.trigger()
    dialog = window.team_actions.layer_dialog
    assert isinstance(dialog, LayerDialog) and dialog.isVisible()
    model = dialog.model
    rows = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert rows == [
        ["shared layer", "2", "0", "0"],
        ["alice's layer (current)", "2", "7", "0"],
        ["bob's layer", "2", "6", "0"],
        ["carol's layer", "2", "5", "0"],
    ]
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert dialog.chosen_layer() == "alice"  # the current layer is selected
    dialog.reject()


def test_double_clicking_a_layer_switches_to_it(qtbot, open_window, team_path: Path) -> None:
    window, store = open_window(team_path, layer="alice")
    dialog = window.team_actions.ask_layer()
    row = dialog.model.row_of("carol")
    assert row is not None
    index = dialog.model.index(row, 0)
    assert index.data(LAYER_NAME_ROLE) == "carol"
    rect = dialog.view.visualRect(index)
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not dialog.isVisible()
    assert store.layer == "carol"
    assert window.team_actions.layer_button.text() == "carol's layer"
    assert window.status_line.currentMessage().startswith("Now in carol's layer")


def test_typing_a_name_starts_your_own_layer(qtbot, open_window, team_path: Path) -> None:
    window, store = open_window(team_path, layer="alice")
    dialog = window.team_actions.ask_layer()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.name_edit, "   ")
    assert not ok.isEnabled()  # only spaces: no name
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "  Dana   Lee ")
    assert not dialog.view.selectionModel().hasSelection()
    assert ok.isEnabled() and dialog.chosen_layer() == "Dana Lee"
    assert dialog.name_hint.text().startswith("No layer “Dana Lee” yet")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert store.layer == "Dana Lee" and store.annotator == "Dana Lee"
    assert window.windowTitle().endswith("— Dana Lee's layer")


def test_a_cancelled_dialog_changes_nothing(qtbot, open_window, team_path: Path) -> None:
    window, store = open_window(team_path, layer="alice")
    dialog = window.team_actions.ask_layer()
    qtbot.keyClicks(dialog.name_edit, "bob")
    assert dialog.name_hint.text() == "Switch to the existing bob's layer."
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert store.layer == "alice"
    assert window.team_actions.layer_button.text() == "alice's layer"


def test_switching_reopens_the_statistics_of_the_new_layer(
    qtbot, open_window, team_path: Path
) -> None:
    window, _store = open_window(team_path, layer="alice")
    first = window.view_actions.show_statistics()
    window.team_actions.switch_to("bob")
    second = window.view_actions.statistics_dialog
    assert second is not None and second is not first and second.isVisible()
    second.close()


def test_switching_withdraws_an_offer_to_fix_speakers(qtbot, open_window, team_path: Path) -> None:
    window, _store = open_window(team_path, layer="alice")
    prompt = window.speaker_fix_prompt
    records = window.attribution_model.attributions()[1:]
    prompt.offer(records, wrong="Ana Ruiz", right="the mayor", speaker_id=1)
    assert prompt.isVisible() and prompt.fix_action.isEnabled()
    window.team_actions.switch_to("bob")
    assert not prompt.isVisible() and prompt.pending is None


def test_an_assigned_workspace_opens_in_its_annotators_layer(
    qtbot, open_window, team_path: Path
) -> None:
    with Store(team_path) as store, store.transaction():
        store.set_workspace_info("layer", "bob")
    window, store = open_window(team_path, annotator="bob-laptop")
    assert store.layer == "bob" and store.annotator == "bob"
    assert window.team_actions.layer_button.text() == "bob's layer"


def test_a_session_opens_workspaces_in_its_layer(qtbot, team_path: Path) -> None:
    session = WorkspaceSession(annotator="carol", layer="carol")
    try:
        assert session.open(team_path)
        assert session.store is not None and session.store.layer == "carol"
        assert session.window is not None
        assert session.window.windowTitle().endswith("carol's layer")
    finally:
        session.close()
        if session.window is not None:
            session.window.close()


@pytest.mark.parametrize(
    ("argv", "layer"),
    [
        (["--annotator", "alice"], "alice"),
        ([], None),  # the workspace's own default layer
    ],
)
def test_annotator_on_the_command_line_names_the_gui_layer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str], layer: str | None
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        quote_annotator.gui_start, "start_gui", lambda *args, **kwargs: calls.append(kwargs) or 0
    )
    assert command_line.main(["--db", str(tmp_path / "w.sqlite"), *argv]) == 0
    (call,) = calls
    assert call["layer"] == layer
    assert call["annotator"] == (layer or command_line._default_annotator())
