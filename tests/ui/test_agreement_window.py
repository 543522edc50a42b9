"""Team > Agreement on a hand-built workspace of three annotators: the pair matrix as a
heat map with item counts, the overall figures, the documents by disagreement one
click away, and a clear message without two annotator layers."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from jobs.team.agreement import workspace_agreement
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.shell.theme import apply_theme, contrast_ratio
from ui.team.agreement_models import ITEMS_ROLE, VALUE_ROLE
from ui.team.agreement_window import AgreementWindow
from ui.team.heat_colours import heat_colour

from .conftest import show_window
from .team_workspace import bridge_and_trains, team_workspace


@pytest.fixture
def open_agreement(qtbot) -> Iterator[Callable[[Path], tuple[MainWindow, AgreementWindow]]]:
    """Opens the main window on a workspace and its agreement window, computed; the
    store is closed after the windows."""
    stores: list[Store] = []

    def opened(path: Path) -> tuple[MainWindow, AgreementWindow]:
        store = Store(path, annotator="lead")
        stores.append(store)
        window = show_window(qtbot, store)
        agreement = window.team_actions.show_agreement()
        qtbot.waitExposed(agreement)
        qtbot.waitUntil(lambda: not agreement.running, timeout=10_000)
        return window, agreement

    yield opened
    for store in stores:
        store.close()


@pytest.fixture
def restore_app_look(qapp: QApplication) -> Iterator[QApplication]:
    """Put the application's palette and style back after a test that themes it."""
    palette, style = qapp.palette(), qapp.style().name()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("theme", None)


def cell_texts(agreement: AgreementWindow) -> list[list[str]]:
    model = agreement.matrix_model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_matrix_shows_every_pair_with_its_items(open_agreement, tmp_path: Path) -> None:
    path = team_workspace(tmp_path / "team.sqlite")
    _window, agreement = open_agreement(path)
    model = agreement.matrix_model
    assert agreement.matrix_view.isVisible()
    # The matrix is as tall as its rows, without a scroll bar.
    assert not agreement.matrix_view.verticalScrollBar().isVisible()
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == [
        "alice",
        "bob",
        "carol",
    ]
    with Store(path) as store:
        report = workspace_agreement(store)
    texts = cell_texts(agreement)
    assert [texts[i][i] for i in range(3)] == ["—"] * 3
    alice_bob = report.pair("alice", "bob").token_alpha
    assert texts[0][1] == texts[1][0] == f"α {alice_bob.value:.3f}\n{alice_bob.items} tokens"  # noqa: RUF001
    assert model.index(0, 1).data(ITEMS_ROLE) == alice_bob.items == 123

    agreement.figure_box.setCurrentIndex(agreement.figure_box.findData("speaker_agreement"))
    speaker = report.pair("alice", "carol").speaker
    assert speaker.kappa is not None and speaker.share is not None
    assert cell_texts(agreement)[0][2] == (
        f"κ {speaker.kappa:.3f} · {speaker.share:.0%} agree\n{speaker.items} matched pairs"
    )
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("alice and carol: speaker agreement") and "Cohen's kappa" in tip


def test_the_matrix_is_painted_as_a_heat_map(qtbot, open_agreement, tmp_path: Path) -> None:
    _window, agreement = open_agreement(team_workspace(tmp_path / "team.sqlite"))
    agreement.figure_box.setCurrentIndex(agreement.figure_box.findData("content_F1_pairwise"))
    model, view = agreement.matrix_model, agreement.matrix_view
    picture = view.viewport().grab().toImage()
    ratio = view.viewport().devicePixelRatioF()
    values = {}
    for row, column in ((0, 1), (0, 2), (1, 2)):
        index = model.index(row, column)
        value = index.data(VALUE_ROLE)
        values[row, column] = value
        expected = heat_colour(value, "light")
        assert index.data(Qt.ItemDataRole.BackgroundRole).name().upper() == expected
        # What is on screen: a corner of the cell, away from its text.
        corner = view.visualRect(index).topLeft()
        pixel = picture.pixelColor(int((corner.x() + 4) * ratio), int((corner.y() + 4) * ratio))
        assert pixel.name().upper() == expected
        foreground = index.data(Qt.ItemDataRole.ForegroundRole).name()
        assert contrast_ratio(foreground, expected) >= 4.5
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    # Lower agreement, a different colour: bob and carol agree least on content.
    assert values[1, 2] < values[0, 1]
    assert model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole) != model.index(0, 1).data(
        Qt.ItemDataRole.BackgroundRole
    )


def test_the_heat_map_follows_the_dark_theme(
    qtbot, open_agreement, restore_app_look: QApplication, tmp_path: Path
) -> None:
    _window, agreement = open_agreement(team_workspace(tmp_path / "team.sqlite"))
    apply_theme(restore_app_look, "dark")
    index = agreement.matrix_model.index(0, 1)
    value = index.data(VALUE_ROLE)
    qtbot.waitUntil(
        lambda: (
            index.data(Qt.ItemDataRole.BackgroundRole).name().upper() == heat_colour(value, "dark")
        )
    )
    foreground = index.data(Qt.ItemDataRole.ForegroundRole).name()
    assert contrast_ratio(foreground, heat_colour(value, "dark")) >= 4.5


def test_the_overall_figures_carry_their_items(open_agreement, tmp_path: Path) -> None:
    _window, agreement = open_agreement(team_workspace(tmp_path / "team.sqlite"))
    model = agreement.figure_model
    rows = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert [row[0] for row in rows] == [
        "Token alpha (Krippendorff, nominal)",
        "Content F1 (mean over pairs)",
        "Cue agreement",
        "Speaker agreement",
        "Type agreement",
    ]
    assert rows[0][1:] == ["0.635", "", "123 tokens"]
    assert rows[1][1:] == ["0.828", "", "36 attributions"]
    assert rows[3][1:] == ["85.0% agree", "0.769", "15 matched pairs"]
    assert "3 annotators (alice, bob, carol) on 2 documents" in agreement.status_label.text()


def test_documents_come_most_disagreement_first(open_agreement, tmp_path: Path) -> None:
    path = team_workspace(tmp_path / "team.sqlite")
    _window, agreement = open_agreement(path)
    model = agreement.document_model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Bridge", "Trains"]
    assert [model.index(0, column).data() for column in range(1, 5)] == [
        "0.378",
        "0.867",
        "8",
        "20.6% of 81 tokens",
    ]
    assert model.index(1, 4).data() == "23.8% of 42 tokens"
    assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == "alice: 3\nbob: 2\ncarol: 3"


def test_clicking_a_document_opens_it_in_the_main_window(
    qtbot, open_agreement, tmp_path: Path
) -> None:
    path = team_workspace(tmp_path / "team.sqlite")
    window, agreement = open_agreement(path)
    bridge, trains = bridge_and_trains(path)
    assert window.current.document_id == bridge
    view = agreement.document_view
    rect = view.visualRect(agreement.document_model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current.document_id == trains
    assert window.attribution_model.document() is not None
    assert window.attribution_model.document().title == "Trains"  # type: ignore[union-attr]

    # Enter on the other row goes there and brings the main window forward.
    with qtbot.waitSignal(agreement.document_opened) as opened:
        view.setFocus()
        view.setCurrentIndex(agreement.document_model.index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [bridge]
    assert window.current.document_id == bridge


def test_fewer_than_two_annotators_get_a_clear_message(open_agreement, tmp_path: Path) -> None:
    path = team_workspace(tmp_path / "team.sqlite", annotators=("alice",))
    _window, agreement = open_agreement(path)
    text = agreement.status_label.text()
    assert text.startswith("No agreement to show: agreement needs at least two annotators")
    assert "(alice)" in text and "import --annotations" in text
    assert not agreement.matrix_view.isVisible()
    assert agreement.matrix_model.rowCount() == 0


def test_the_window_computes_in_a_worker_and_recomputes(
    qtbot, open_agreement, tmp_path: Path
) -> None:
    path = team_workspace(tmp_path / "team.sqlite", annotators=("alice", "bob"))
    window, agreement = open_agreement(path)
    assert agreement.matrix_model.rowCount() == 2
    # carol's layer arrives (a collect); Recompute reads the layers again.
    with Store(path, annotator="carol", layer="carol") as carol:
        bridge, _trains = bridge_and_trains(path)
        for record in carol.attributions_for(bridge):
            carol.accept_attribution(record.id or 0)
    with qtbot.waitSignal(agreement.computed, timeout=10_000):
        agreement.recompute_button.click()
        # The work runs in the pool: the window is told at once, and says so.
        assert agreement.running
        assert not agreement.recompute_button.isEnabled()
        assert agreement.status_label.text() == "Computing agreement…"
        assert agreement.recompute() is None  # one computation at a time
    assert agreement.matrix_model.annotators() == ("alice", "bob", "carol")
    assert agreement.recompute_button.isEnabled()
    assert window.team_actions.agreement_window is agreement


def test_the_window_closes_with_the_main_window(open_agreement, tmp_path: Path) -> None:
    window, agreement = open_agreement(team_workspace(tmp_path / "team.sqlite"))
    assert not agreement.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)
    window.close()
    assert not agreement.isVisible()


def test_the_matrix_model_passes_the_model_tester(
    qtmodeltester, open_agreement, tmp_path: Path
) -> None:
    _window, agreement = open_agreement(team_workspace(tmp_path / "team.sqlite"))
    qtmodeltester.check(agreement.matrix_model)
    qtmodeltester.check(agreement.document_model)
    assert agreement.matrix_model.index(5, 5).data() is None
    assert agreement.matrix_model.data(QModelIndex()) is None


def test_the_screenshot_script_saves_the_window(
    restore_app_look: QApplication, tmp_path: Path
) -> None:
    script = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_agreement.py"
    spec = importlib.util.spec_from_file_location("screenshot_agreement", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "agreement.png"
    assert module.main(["--out", str(out), "--size", "800x600", "--theme", "dark"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 600)
