"""The Learning menu on the real window: Train in a worker with progress and Cancel,
Re-suggest leaving reviewed records alone (one undo step), and the model's origin in
the status line."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from jobs.importing import import_articles
from quotes.model import Article, DocumentStatus, Status
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.shell.tasks import TrainingOutcome

from ..learning_support import NEW_TEXT, fill_training_workspace, trained_workspace
from .conftest import show_window


@pytest.fixture(scope="module")
def untrained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_training_workspace(tmp_path_factory.mktemp("untrained") / "w.sqlite")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trained workspace with one more document, "Port", pre-annotated by the rules."""
    path = trained_workspace(tmp_path_factory.mktemp("trained") / "w.sqlite")
    with Store(path, annotator="ana") as store:
        import_articles(store, [Article(text=NEW_TEXT, title="Port")], model=None)
    return path


def open_copy(qtbot, source: Path, tmp_path: Path, name: str) -> Iterator[MainWindow]:
    copy = tmp_path / f"{name}.sqlite"
    shutil.copyfile(source, copy)
    with Store(copy, annotator="ana") as store:
        yield show_window(qtbot, store)


@pytest.fixture
def untrained_window(qtbot, untrained: Path, tmp_path: Path) -> Iterator[MainWindow]:
    yield from open_copy(qtbot, untrained, tmp_path, "untrained")


@pytest.fixture
def trained_window(qtbot, trained: Path, tmp_path: Path) -> Iterator[MainWindow]:
    yield from open_copy(qtbot, trained, tmp_path, "trained")


def close_box(window: MainWindow) -> str:
    box = window.learning_actions.result_box
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText  # names are user data, not markup
    text = box.text()
    box.close()
    return text


def open_port(window: MainWindow) -> int:
    [port] = [s for s in window.store.document_summaries() if s.title == "Port"]
    window.current.set_document(port.id)
    return port.id


# -- training ------------------------------------------------------------------------
def test_train_runs_in_a_worker_with_progress_and_stores_the_model(
    qtbot, untrained_window: MainWindow
) -> None:
    window = untrained_window
    assert window.store.learned_model() is None
    train = window.learning_actions.train
    assert train in window.menuBar().actions()[6].menu().actions()  # the Learning menu
    values: list[int] = []
    train.trigger()
    handle = window.job_runner.running
    assert handle is not None
    handle.progress.connect(values.append)
    # Connected before the event loop runs: a fast training may finish while the
    # progress is awaited below, and a signal waited for afterwards would be missed.
    finished: list[tuple[object, object]] = []
    handle.finished.connect(lambda *args: finished.append(args))
    dialog = window.job_runner.progress_dialog
    assert dialog is not None and dialog.maximum() == 100
    # The progress arrives while the worker trains: the window's event loop runs.
    qtbot.waitUntil(lambda: bool(values) or bool(finished), timeout=20000)
    assert finished or "Training the model" in dialog.labelText()
    qtbot.waitUntil(lambda: bool(finished), timeout=120000)
    [(outcome, error)] = finished
    assert error is None and isinstance(outcome, TrainingOutcome) and not outcome.cancelled
    assert max(values) == 100
    stored = window.store.learned_model()
    assert stored is not None and stored.records == 48 and stored.trained_by == "ana"
    assert "trained on 48 accepted records" in close_box(window)
    assert "Trained on 48" in window.status_line.currentMessage()
    assert window.job_runner.progress_dialog is None


def test_cancel_keeps_the_workspace_without_a_model(qtbot, untrained_window: MainWindow) -> None:
    window = untrained_window
    handle = window.learning_actions.start_training()
    assert handle is not None
    dialog = window.job_runner.progress_dialog
    assert dialog is not None
    cancel = dialog.findChild(QPushButton)  # the progress dialog's Cancel
    # Clicked at once: the worker polls the flag between its steps. (Waiting for the
    # first progress signal raced with a fast training on a loaded machine.)
    cancel.click()
    qtbot.waitUntil(lambda: handle.done, timeout=60000)
    outcome = window.learning_actions.last_outcome
    assert isinstance(outcome, TrainingOutcome) and outcome.cancelled
    assert window.store.learned_model() is None
    assert "Training cancelled" in window.status_line.currentMessage()
    assert window.learning_actions.result_box is None


def test_too_few_records_show_how_many_are_needed(qtbot, tmp_path: Path) -> None:
    path = fill_training_workspace(tmp_path / "small.sqlite", 3)
    with Store(path, annotator="ana") as store:
        window = show_window(qtbot, store)
        handle = window.learning_actions.start_training()
        assert handle is not None
        with qtbot.waitSignal(handle.finished, timeout=20000):
            pass
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert any("at least 20 accepted records; there are 6" in b.text() for b in boxes)
        assert store.learned_model() is None
        for box in boxes:
            box.close()


def test_one_job_at_a_time(qtbot, untrained_window: MainWindow, tmp_path: Path) -> None:
    window = untrained_window
    handle = window.learning_actions.start_training()
    assert handle is not None
    assert window.file_actions.import_paths([tmp_path]) is None  # refused while training
    assert "Wait for the running job" in window.status_line.currentMessage()
    with qtbot.waitSignal(handle.finished, timeout=60000):
        handle.cancel()


# -- re-suggest ----------------------------------------------------------------------
def test_resuggest_adds_the_learned_record_keeps_the_accepted_and_undoes_in_one_step(
    qtbot, trained_window: MainWindow
) -> None:
    window = trained_window
    port = open_port(window)
    model = window.attribution_model
    assert model.rowCount() == 1 and model.attribution_at(0).rule != "learned"
    accepted_id = model.attribution_at(0).id
    assert accepted_id is not None
    window.store.accept_attribution(accepted_id)
    accepted = window.store.attribution(accepted_id)

    handle = window.learning_actions.start_resuggest_document()
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert window.store.attribution(accepted_id) == accepted
    rows = [model.attribution_at(r) for r in range(model.rowCount())]
    learned = [a for a in rows if a.rule == "learned"]
    assert len(learned) == 1 and learned[0].status == Status.CANDIDATE
    assert "1 learned" in window.status_line.currentMessage()

    # The status line says where the record came from and how sure it is.
    window.current.set_attribution(learned[0].id)
    line = window.status_line.record_label.text()
    assert re.search(r"· learned model · confidence [01]\.\d\d$", line), line

    window.review_actions.undo.trigger()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert [a.id for a in window.store.attributions_for(port)] == [accepted_id]
    assert window.store.attribution(accepted_id) == accepted


def test_resuggest_all_unreviewed_documents(qtbot, trained_window: MainWindow) -> None:
    window = trained_window
    window.learning_actions.resuggest_all.trigger()
    handle = window.job_runner.running
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        pass
    report, error = blocker.args
    assert error is None and report.changed == 1 and report.learned == 1
    port = open_port(window)
    assert "learned" in {a.rule for a in window.store.attributions_for(port)}


def test_a_done_document_is_not_re_suggested(qtbot, trained_window: MainWindow) -> None:
    window = trained_window
    port = open_port(window)
    [record] = window.store.attributions_for(port)
    assert record.id is not None
    window.store.reject_attribution(record.id)
    window.store.set_document_status(port, DocumentStatus.DONE)
    assert window.learning_actions.start_resuggest_document() is None
    assert "marked done" in window.status_line.currentMessage()


# -- the model -----------------------------------------------------------------------
def test_about_the_model(qtbot, trained_window: MainWindow, untrained_window: MainWindow) -> None:
    trained_window.learning_actions.about_model.trigger()
    text = close_box(trained_window)
    assert "48" in text and "24 documents" in text and "cross-validated F1" in text
    untrained_window.learning_actions.about_model.trigger()
    assert "no learned model yet" in close_box(untrained_window)


def test_learning_actions_are_in_the_menu_with_plain_keys(trained_window: MainWindow) -> None:
    menu = trained_window.menuBar().actions()[6]
    assert menu.text() == "&Learning"
    texts = [a.text() for a in menu.menu().actions() if not a.isSeparator()]
    assert texts == [
        "&Train model…",
        "Re-&suggest document",
        "Re-suggest &unreviewed documents",
        "&Next document by model uncertainty",
        "About the learned &model",
    ]
    shortcut = trained_window.learning_actions.resuggest_document.shortcut()
    assert shortcut.toString() == "Ctrl+Shift+R"
