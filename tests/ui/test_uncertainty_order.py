"""Active learning on the real window: Learning > Next document by model uncertainty
scores the unreviewed documents in a worker, then N opens the most uncertain one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobs.scoring import ScoringReport
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.shell.view_state import ViewState

from ..learning_support import add_unreviewed, fill_training_workspace, trained_workspace
from .conftest import show_window


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trained_workspace(tmp_path_factory.mktemp("trained") / "w.sqlite")


@pytest.fixture
def window(qtbot, trained: Path, tmp_path: Path) -> Iterator[MainWindow]:
    """The trained workspace with three familiar documents and an unfamiliar one, the
    window on the first training document (reviewed: no candidate left)."""
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(trained, copy)
    add_unreviewed(copy)
    with Store(copy, annotator="ana") as store:
        shown = show_window(qtbot, store)
        shown.current.set_document(_id_of(shown, ""))
        yield shown


def _id_of(window: MainWindow, title: str) -> int:
    return next(s.id for s in window.store.document_summaries() if s.title == title)


def _turn_on(qtbot, window: MainWindow) -> None:
    actions = window.learning_actions
    actions.last_outcome = None
    with qtbot.waitSignal(actions.uncertainty_order_changed, timeout=60000) as blocker:
        actions.by_uncertainty.trigger()
        dialog = window.job_runner.progress_dialog
        assert dialog is not None and dialog.maximum() == 4  # four unreviewed documents
    assert blocker.args == [True]
    assert actions.by_uncertainty.isChecked()


def test_n_opens_the_most_uncertain_unreviewed_document(qtbot, window: MainWindow) -> None:
    _turn_on(qtbot, window)
    report = window.learning_actions.last_outcome
    assert isinstance(report, ScoringReport) and report.scored == 4
    assert "most uncertain unreviewed document: unfamiliar" in window.status_line.currentMessage()
    window.review_actions.next_unreviewed.trigger()
    unfamiliar = _id_of(window, "unfamiliar")
    assert window.current.document_id == unfamiliar
    record = window.current.attribution_id
    assert record is not None and window.store.attribution(record).document_id == unfamiliar
    line = window.status_line.currentMessage()
    assert line.startswith("Most uncertain next (the model is unsure of ")
    assert line.endswith("of its paragraphs): unfamiliar.")
    # Reviewed now: it leaves the queue, and N from elsewhere goes to a familiar one.
    window.annotation_actions.accept.trigger()
    window.current.set_document(_id_of(window, ""))
    window.review_actions.next_unreviewed.trigger()
    assert window.current.document_id != unfamiliar
    assert window.store.document_summary(window.current.document_id or 0).title.startswith(
        "familiar"
    )


def test_turned_off_n_goes_on_in_import_order(qtbot, window: MainWindow) -> None:
    _turn_on(qtbot, window)
    with qtbot.waitSignal(window.learning_actions.uncertainty_order_changed) as blocker:
        window.learning_actions.by_uncertainty.trigger()
    assert blocker.args == [False]
    window.review_actions.next_unreviewed.trigger()
    assert window.current.document_id == _id_of(window, "familiar 0")


def test_without_a_model_it_stays_off_and_says_how_to_get_one(qtbot, tmp_path: Path) -> None:
    path = fill_training_workspace(tmp_path / "untrained.sqlite", 2)
    with Store(path, annotator="ana") as store:
        window = show_window(qtbot, store)
        window.learning_actions.by_uncertainty.trigger()
        assert not window.learning_actions.by_uncertainty.isChecked()
        assert not window.review_actions.by_uncertainty
        box = window.learning_actions.result_box
        assert box is not None and "no learned model" in box.text()
        box.close()


def test_a_new_model_scores_again_while_the_order_is_on(qtbot, window: MainWindow) -> None:
    _turn_on(qtbot, window)
    actions = window.learning_actions
    actions.last_outcome = None
    handle = actions.start_training()
    assert handle is not None
    # Training replaced the model, and its scores with it (all four are scored again).
    qtbot.waitUntil(lambda: isinstance(actions.last_outcome, ScoringReport), timeout=60000)
    report = actions.last_outcome
    assert isinstance(report, ScoringReport) and report.scored == 4
    assert len(window.store.most_uncertain(10)) == 4
    assert window.review_actions.by_uncertainty


def test_the_order_chosen_is_kept_for_the_next_start(qtbot, trained: Path, tmp_path: Path) -> None:
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(trained, copy)
    add_unreviewed(copy)
    state_path = tmp_path / "view.ini"
    with Store(copy, annotator="ana") as store:
        first = show_window(qtbot, store, view_state=ViewState.at_path(state_path))
        _turn_on(qtbot, first)
        first.close()
    with Store(copy, annotator="ana") as store:
        again = show_window(qtbot, store, view_state=ViewState.at_path(state_path))
        # Turned on again at start, without a click: N follows the uncertainty.
        qtbot.waitUntil(lambda: again.review_actions.by_uncertainty, timeout=60000)
        assert again.learning_actions.by_uncertainty.isChecked()
        again.learning_actions.by_uncertainty.trigger()  # off, and kept off
        again.close()
    with Store(copy, annotator="ana") as store:
        last = show_window(qtbot, store, view_state=ViewState.at_path(state_path))
        qtbot.wait(50)
        assert not last.learning_actions.by_uncertainty.isChecked()
        assert not last.review_actions.by_uncertainty
        last.close()


def test_a_kept_order_stays_off_quietly_in_a_workspace_without_a_model(
    qtbot, tmp_path: Path
) -> None:
    state = ViewState.at_path(tmp_path / "view.ini")
    state.set_next_by_uncertainty(True)
    path = fill_training_workspace(tmp_path / "untrained.sqlite", 2)
    with Store(path, annotator="ana") as store:
        window = show_window(qtbot, store, view_state=state)
        qtbot.wait(50)
        assert not window.learning_actions.by_uncertainty.isChecked()
        assert window.learning_actions.result_box is None  # no box at start
        window.close()
    assert state.next_by_uncertainty()  # the choice stands for a workspace with a model


def test_a_refused_click_is_not_kept_as_the_choice(qtbot, tmp_path: Path) -> None:
    state = ViewState.at_path(tmp_path / "view.ini")
    path = fill_training_workspace(tmp_path / "untrained.sqlite", 2)
    with Store(path, annotator="ana") as store:
        window = show_window(qtbot, store, view_state=state)
        window.learning_actions.by_uncertainty.trigger()  # no model: refused
        box = window.learning_actions.result_box
        assert box is not None
        box.close()
        window.close()
    assert not state.next_by_uncertainty()


def test_a_window_closed_at_once_does_not_resume_the_order(
    qtbot, trained: Path, tmp_path: Path
) -> None:
    # The resume waits for the event loop; a window closed before it runs must not
    # reach its closed store.
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(trained, copy)
    state = ViewState.at_path(tmp_path / "view.ini")
    state.set_next_by_uncertainty(True)
    with Store(copy, annotator="ana") as store:
        window = MainWindow(store, view_state=state)
        window.close()
    qtbot.wait(50)  # a timer left running would now raise on the closed store
    assert not window.learning_actions.by_uncertainty.isChecked()
