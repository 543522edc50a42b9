"""Exporting through the File menu: the real export dialog, the worker, the output.

The workspace holds two documents reviewed by two annotators, so that each filter
of the dialog changes what is written. The tests set the dialog's widgets, click
Export, wait for the worker and read the files it wrote.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from formats.atomic import FOLDER_MARKER
from formats.writers import ExportFilters
from jobs.importing import import_articles
from quotes.model import Article, Attribution, DocumentStatus, QuoteType, Status
from storage.store import Store
from ui.io.export_dialog import ExportDialog
from ui.shell.main_window import MainWindow
from ui.shell.tasks import TaskSetup

from .conftest import span_of

# Written for these tests.
HARBOUR = '"The harbour stays open all winter," the port director said on Friday.'


@pytest.fixture
def store(workspace_path: Path) -> Iterator[Store]:
    """The workspace after review: Bridge (doc 1) has two records accepted by ana and
    one rejected by bob; Harbour (doc 2, done) has one record accepted by bob."""
    with Store(workspace_path) as setup:
        import_articles(
            setup,
            [
                Article(
                    text=HARBOUR,
                    title="Harbour",
                    external_id="harbour",
                    attributions=(
                        Attribution(
                            fragments=(span_of(HARBOUR, '"The harbour stays open all winter,"'),),
                            type=QuoteType.DIRECT,
                            cue=span_of(HARBOUR, "said"),
                            speaker=span_of(HARBOUR, "the port director"),
                            speaker_name="the port director",
                        ),
                    ),
                )
            ],
        )
    with Store(workspace_path, annotator="ana") as ana:
        ana.accept_attribution(1)
        ana.accept_attribution(2)
    with Store(workspace_path, annotator="bob") as bob:
        bob.reject_attribution(3)
        bob.accept_attribution(4)
        bob.set_document_status(2, DocumentStatus.DONE)
    with Store(workspace_path) as opened:
        yield opened


def open_export_dialog(window: MainWindow) -> ExportDialog:
    window.file_actions.export.trigger()
    dialog = window.file_actions.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    return dialog


def run_export(qtbot, window: MainWindow, dialog: ExportDialog):
    dialog.export_button.click()
    handle = window.file_actions.running
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    return blocker.args


def jsonl_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def close_result_box(window: MainWindow) -> str:
    box = window.file_actions.result_box
    assert box is not None and box.isVisible()
    text = box.text()
    box.close()
    return text


# -- the dialog's widgets -------------------------------------------------------------------
def test_the_dialog_defaults_to_accepted_records_of_everyone(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, annotators=["ana", "bob"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.accepted_only.isChecked() and not dialog.every_status.isChecked()
    assert [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())] == [
        "jsonl",
        "csv",
        "brat",
        "conll",
        "hf",
    ]
    names = [dialog.annotator_model.item(r).text() for r in range(2)]
    assert names == ["ana", "bob"]
    assert not dialog.annotator_list.isEnabled()  # "All annotators" is ticked
    assert dialog.filters() == ExportFilters()
    assert not dialog.include_unreviewed.isChecked()  # reviewed documents only


def test_ticking_include_unreviewed_exports_them(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, annotators=[])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.include_unreviewed, Qt.MouseButton.LeftButton)
    assert dialog.include_unreviewed.isChecked()
    assert dialog.filters() == ExportFilters(include_unreviewed=True)
    request = dialog.request()
    assert request is not None and request.accepted_only
    assert request.path == tmp_path / "export.jsonl"


def test_the_output_is_a_file_or_a_folder_by_format(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.path_label.text() == "Save to file"
    dialog.set_format("brat")
    assert dialog.path_label.text() == "Save to folder"
    assert dialog.path_edit.text() == str(tmp_path / "export")
    dialog.set_format("conll")
    assert (dialog.path_label.text(), dialog.path_edit.text()) == (
        "Save to file",
        str(tmp_path / "export.conll"),
    )


def test_unticking_every_annotator_or_document_state_disables_export(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, annotators=["ana", "bob"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.all_annotators.setChecked(False)
    assert dialog.annotator_list.isEnabled()
    dialog.set_annotator_checked("ana", False)
    dialog.set_annotator_checked("bob", False)
    assert not dialog.export_button.isEnabled() and dialog.request() is None
    assert "annotator" in dialog.hint.text() and dialog.hint.isVisible()
    dialog.set_annotator_checked("bob", True)
    assert dialog.export_button.isEnabled()
    assert dialog.filters().annotators == frozenset({"bob"})
    for box in dialog.document_status_boxes.values():
        box.setChecked(False)
    assert not dialog.export_button.isEnabled()
    assert "document state" in dialog.hint.text()
    dialog.document_status_boxes[DocumentStatus.DONE].setChecked(True)
    assert dialog.filters().document_statuses == frozenset({DocumentStatus.DONE})


def test_the_dialog_lists_the_annotators_present_in_the_workspace(
    qtbot, window: MainWindow
) -> None:
    dialog = open_export_dialog(window)
    rows = dialog.annotator_model.rowCount()
    assert [dialog.annotator_model.item(r).text() for r in range(rows)] == ["ana", "bob"]
    assert all(
        dialog.annotator_model.item(r).checkState() == Qt.CheckState.Checked for r in range(rows)
    )
    dialog.reject()


# -- exporting each format through the dialog -----------------------------------------------
@pytest.mark.parametrize("format", ["jsonl", "csv", "brat", "conll", "hf"])
def test_each_format_is_written_from_the_dialog(
    qtbot, window: MainWindow, tmp_path: Path, format: str
) -> None:
    dialog = open_export_dialog(window)
    dialog.set_format(format)
    out = tmp_path / "out" / f"dataset-{format}"
    out.parent.mkdir()
    dialog.path_edit.setText(str(out))
    report, error = run_export(qtbot, window, dialog)
    assert error is None and (report.documents, report.attributions) == (2, 3)
    assert "Exported 2 documents with 3 records" in close_result_box(window)
    if format == "jsonl":
        records = jsonl_records(out)
        assert [len(r["quotes"]) for r in records] == [2, 1]
        assert {q["status"] for r in records for q in r["quotes"]} == {"accepted"}
    elif format == "csv":
        with out.open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        assert [(r["document_id"], r["annotator"]) for r in rows] == [
            ("doc-1", "ana"),
            ("doc-1", "ana"),
            ("harbour", "bob"),
        ]
    elif format == "brat":
        ann = (out / "harbour.ann").read_text(encoding="utf-8")
        assert "Source" in ann and "Cue" in ann and "Content" in ann
        assert (out / "harbour.txt").read_text(encoding="utf-8") == HARBOUR
    elif format == "conll":
        text = out.read_text(encoding="utf-8")
        assert "B-CONTENT" in text and "B-CUE" in text and "B-SOURCE" in text
    else:
        names = {p.name for p in out.iterdir()}  # a split without documents has no file
        assert "README.md" in names and names & {"train.jsonl", "validation.jsonl", "test.jsonl"}


def test_every_status_of_one_annotator_in_done_documents(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export_dialog(window)
    out = tmp_path / "bob.jsonl"
    dialog.path_edit.setText(str(out))
    dialog.every_status.click()
    dialog.all_annotators.setChecked(False)
    dialog.set_annotator_checked("ana", False)
    report, error = run_export(qtbot, window, dialog)
    assert error is None
    close_result_box(window)
    # Both documents pass the document filter; bob's records are doc 1's rejected one
    # and doc 2's accepted one.
    statuses = [[q["status"] for q in r["quotes"]] for r in jsonl_records(out)]
    assert statuses == [["rejected"], ["accepted"]]

    dialog = open_export_dialog(window)
    dialog.path_edit.setText(str(out))
    dialog.every_status.click()
    for status, box in dialog.document_status_boxes.items():
        box.setChecked(status is DocumentStatus.DONE)
    report, error = run_export(qtbot, window, dialog)
    assert error is None and report.documents == 1
    close_result_box(window)
    (record,) = jsonl_records(out)
    assert record["id"] == "harbour"


# -- failures and cancelling leave nothing half-written ----------------------------------------
def test_an_unwritable_output_shows_an_error_and_writes_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    dialog = open_export_dialog(window)
    dialog.set_format("hf")
    dialog.path_edit.setText(str(not_a_folder / "dataset"))
    _report, error = run_export(qtbot, window, dialog)
    assert error is not None
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["Export failed"]
    assert "notes.txt" in boxes[0].text()
    assert window.file_actions.result_box is None  # no success message
    boxes[0].close()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not_a_folder.read_text(encoding="utf-8") == "mine"


def test_a_folder_that_is_not_an_export_is_left_alone(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    own = tmp_path / "my-notes"
    own.mkdir()
    (own / "todo.txt").write_text("call the mayor", encoding="utf-8")
    handle = window.file_actions.export_to(own, format="brat")
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    report, error = blocker.args
    assert report is None and error is not None
    assert [p.name for p in own.iterdir()] == ["todo.txt"]
    assert not (own / FOLDER_MARKER).exists()
    for box in window.findChildren(QMessageBox):
        box.close()


def test_cancel_keeps_the_earlier_export(qtbot, window: MainWindow, tmp_path: Path) -> None:
    class SlowStore(Store):
        """The workspace read slowly and endlessly, so that Cancel comes mid-export."""

        def iter_documents(self, status=None):
            while True:
                for item in super().iter_documents(status):
                    time.sleep(0.005)
                    yield item

    window.file_actions.setup = TaskSetup(open_store=SlowStore)  # the worker opens this
    out = tmp_path / "exports" / "dataset.jsonl"
    out.parent.mkdir()
    out.write_bytes(b"the earlier export\n")
    handle = window.file_actions.export_to(out)
    progress = window.file_actions.progress_dialog
    qtbot.waitUntil(lambda: "documents" in progress.labelText(), timeout=10000)
    assert progress.maximum() == 2  # the workspace's documents: a determinate bar
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        progress.findChild(QPushButton).click()  # the progress dialog's Cancel
    report, error = blocker.args
    assert error is None and report.cancelled and report.documents > 0
    assert out.read_bytes() == b"the earlier export\n"
    assert [p.name for p in out.parent.iterdir()] == ["dataset.jsonl"]  # no temporary left
    assert "Export cancelled" in window.status_line.currentMessage()
    assert window.file_actions.result_box is None


def test_the_dialog_request_reaches_the_worker_with_its_filters(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export_dialog(window)
    dialog.path_edit.setText(str(tmp_path / "all.csv"))
    dialog.set_format("csv")
    assert dialog.path_edit.text() == str(tmp_path / "all.csv")
    dialog.every_status.click()
    report, _error = run_export(qtbot, window, dialog)
    assert report.attributions == 4 and report.format == "csv"
    close_result_box(window)
    with (tmp_path / "all.csv").open(encoding="utf-8", newline="") as file:
        statuses = [row["status"] for row in csv.DictReader(file)]
    assert sorted(statuses) == sorted(
        [Status.ACCEPTED, Status.ACCEPTED, Status.REJECTED, Status.ACCEPTED]
    )


def test_the_next_export_is_proposed_in_the_folder_of_the_last(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    window.file_actions.settings = QSettings(
        str(tmp_path / "settings.ini"), QSettings.Format.IniFormat
    )
    dialog = open_export_dialog(window)
    assert Path(dialog.path_edit.text()).parent == tmp_path  # the workspace's folder
    chosen = tmp_path / "datasets"
    chosen.mkdir()
    dialog.path_edit.setText(str(chosen / "week1.jsonl"))
    run_export(qtbot, window, dialog)
    close_result_box(window)
    dialog = open_export_dialog(window)
    assert dialog.path_edit.text() == str(chosen / "export.jsonl")
    dialog.reject()
