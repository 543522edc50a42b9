"""Import and export through the File menu's workers, with their dialogs."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QProgressDialog, QPushButton

from formats.writers import ExportFilters
from quotes.model import Article, ImportReport
from storage.store import Store
from ui.io.import_report_dialog import ImportReportDialog
from ui.shell.main_window import MainWindow
from ui.shell.tasks import TaskSetup

from .conftest import ARTICLE_TEXT


@pytest.fixture
def import_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "harbour.txt").write_text(
        'The harbour will stay open, the port authority said on Friday. "We are ready," '
        "said Tomas Berg, its director.\n",
        encoding="utf-8",
    )
    (folder / "cafe.txt").write_bytes(
        "Le café restera ouvert, a déclaré la propriétaire. « Nous sommes là », "
        "a-t-elle ajouté, très décidée à rester. Les habitués ont applaudi.".encode("cp1252")
    )
    (folder / "same.txt").write_text(ARTICLE_TEXT, encoding="utf-8")  # already there
    (folder / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "title": "Weather", "text": "Rain is coming, forecasters said."})
        + "\n{this line is broken\n",
        encoding="utf-8",
    )
    return folder


def test_import_a_folder_in_a_worker(qtbot, window: MainWindow, import_folder: Path) -> None:
    handle = window.file_actions.import_paths([import_folder])
    assert handle is not None and window.file_actions.progress_dialog is not None
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    report, error = blocker.args
    assert error is None
    assert isinstance(report, ImportReport)
    assert (report.imported, report.duplicates) == (3, 1)
    assert any("batch.jsonl:2" in problem.where for problem in report.problems)
    assert any("cafe.txt" in note for note in report.notes)  # the encoding it was read in

    titles = [window.document_model.index(r, 0).data() for r in range(4)]
    assert titles[0] == "Bridge" and "Weather" in titles
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None and dialog.isVisible()
    assert "Imported 3 documents" in dialog.summary.text()
    assert "skipped 1 already in the workspace" in dialog.summary.text()
    rejected = dialog.problems_model
    rows = [
        [rejected.index(r, c).data() for c in range(rejected.columnCount())]
        for r in range(rejected.rowCount())
    ]
    assert any(row[0].endswith("batch.jsonl") and row[1] == "2" for row in rows)
    assert window.file_actions.progress_dialog is None
    dialog.accept()


def test_the_imported_text_is_readable_after_detection(
    qtbot, window: MainWindow, import_folder: Path, workspace_path: Path
) -> None:
    handle = window.file_actions.import_paths([import_folder / "cafe.txt"])
    with qtbot.waitSignal(handle.finished, timeout=20000):
        pass
    with Store(workspace_path) as other:
        texts = [other.document(s.id).text for s in other.document_summaries()]
    assert any(text.startswith("Le café restera ouvert") for text in texts)


def test_import_from_the_file_menu(
    qtbot, window: MainWindow, import_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = [str(import_folder / "harbour.txt")]
    monkeypatch.setattr(
        "ui.io.file_actions.QFileDialog.getOpenFileNames", lambda *args, **kw: (chosen, "")
    )
    window.file_actions.import_files.trigger()
    handle = window.file_actions.running
    with qtbot.waitSignal(handle.finished, timeout=20000):
        pass
    assert window.document_model.rowCount() == 2
    window.findChild(ImportReportDialog).accept()


def test_cancel_keeps_the_batches_committed_before_and_says_so(
    qtbot, window: MainWindow, workspace_path: Path
) -> None:
    def endless(paths: object, **_kw: object) -> Iterator[Article]:
        for n in itertools.count():
            time.sleep(0.005)
            yield Article(text=f"Article {n}: the minister said nothing new today.")

    window.file_actions.setup = TaskSetup(read=endless)  # the worker reads this
    handle = window.file_actions.import_paths([Path("anything")])
    dialog = window.file_actions.progress_dialog
    assert isinstance(dialog, QProgressDialog)
    with Store(workspace_path) as other:
        # Batches commit while the import runs (at least every half second).
        qtbot.waitUntil(lambda: other.document_count() > 1, timeout=20000)
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    report, error = blocker.args
    assert error is None and report.cancelled and report.imported > 0
    with Store(workspace_path) as other:
        assert other.document_count() == 1 + report.imported
    assert f"the {report.imported} documents imported before" in (
        window.status_line.currentMessage()
    )
    assert window.document_model.rowCount() == 1 + report.imported
    window.findChild(ImportReportDialog).accept()


def test_export_writes_the_schema(qtbot, window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    filters = ExportFilters.every_status(include_unreviewed=True)
    handle = window.file_actions.export_to(out, filters=filters)
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    report, error = blocker.args
    assert error is None and report.documents == 1 and report.attributions == 3
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["text"] == ARTICLE_TEXT
    assert record["reviewed"] is False  # nobody decided anything yet
    assert [q["status"] for q in record["quotes"]] == ["candidate"] * 3
    assert record["quotes"][0]["fragments"][1][0] > record["quotes"][0]["fragments"][0][1]
    assert "Exported 1 document with 3 records" in window.status_line.currentMessage()


def test_default_export_leaves_out_the_unreviewed_document_and_says_so(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    handle = window.file_actions.export_to(out)
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    report, error = blocker.args
    assert error is None and (report.documents, report.unreviewed_left_out) == (0, 1)
    assert out.read_text(encoding="utf-8") == ""
    assert "left out 1 unreviewed document" in window.status_line.currentMessage()


def test_export_from_the_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.file_actions.export.trigger()
    from ui.io.export_dialog import ExportDialog

    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.path_edit.setText(str(tmp_path / "accepted.jsonl"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    handle = window.file_actions.running
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    report, _error = blocker.args
    assert report.attributions == 0  # nothing accepted yet: a dataset keeps only accepted
    assert (tmp_path / "accepted.jsonl").exists()


def test_a_failed_export_says_why(qtbot, window: MainWindow, tmp_path: Path) -> None:
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    handle = window.file_actions.export_to(blocker_file / "out.jsonl")
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    assert blocker.args[1] is not None
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and boxes[0].windowTitle() == "Export failed"
    assert "not-a-folder" in boxes[0].text()
    boxes[0].close()
