"""Importing through the File menu: the CSV column mapping, brat and HTML, the report.

The real dialogs are driven (combo boxes set, buttons clicked) and the import runs
in the real worker; the tests then read the workspace through a fresh connection.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from formats.readers import ReadOptions, csv_columns
from quotes.model import ImportReport, Origin, Problem
from storage.store import Store
from ui.io.csv_mapping_dialog import (
    NOT_MAPPED,
    CsvMappingDialog,
    load_csv_mapping,
    save_csv_mapping,
)
from ui.io.file_actions import IMPORT_FILTER
from ui.io.import_report_dialog import ImportReportDialog, ProblemLocation, locate_problem
from ui.shell.main_window import MainWindow

FORMATS_DATA = Path(__file__).parent.parent / "formats" / "data"

# Written for these tests: a feed export with unusual column names, a row without
# text, and a body spanning two lines.
FEED_CSV = (
    "uid,headline,body,section\n"
    'f1,Ferry strike ends,"The ferry strike ended on Sunday, the union said.\n'
    'Crossings resume at dawn.",transport\n'
    "f2,,,weather\n"
    'f3,Library hours,"The library will open on Sundays, the council announced.",culture\n'
)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a temporary ini file, so that no test touches the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def feed_csv(tmp_path: Path) -> Path:
    path = tmp_path / "feed.csv"
    path.write_text(FEED_CSV, encoding="utf-8")
    return path


@pytest.fixture
def actions_window(window: MainWindow, settings: QSettings) -> MainWindow:
    window.file_actions.settings = settings
    return window


def click_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def preview_rows(dialog: CsvMappingDialog) -> list[list[str]]:
    model = dialog.preview_model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def stored_documents(path: Path) -> list:
    with Store(path) as other:
        return [other.document(summary.id) for summary in other.document_summaries()]


# -- the mapping dialog on its own ---------------------------------------------------------
def test_the_dialog_guesses_usual_column_names_and_previews_the_articles(
    qtbot, feed_csv: Path
) -> None:
    dialog = CsvMappingDialog(feed_csv, csv_columns(feed_csv))
    qtbot.addWidget(dialog)
    assert [dialog.text_box.itemText(i) for i in range(dialog.text_box.count())] == [
        "uid",
        "headline",
        "body",
        "section",
    ]
    assert dialog.title_box.itemText(0) == NOT_MAPPED
    assert dialog.options() == ReadOptions(
        csv_text_column="body", csv_title_column="headline", csv_id_column="uid"
    )
    rows = preview_rows(dialog)
    assert rows[0][:2] == ["f1", "Ferry strike ends"]
    assert rows[0][2].startswith("The ferry strike ended on Sunday")
    assert "\n" not in rows[0][2]  # one line per preview cell
    assert [row[0] for row in rows] == ["f1", "f3"]
    assert "feed.csv:4" in dialog.problems_label.text()  # the row without text
    assert "no text" in dialog.problems_label.text()


def test_changing_the_mapping_changes_the_preview_and_the_options(qtbot, feed_csv: Path) -> None:
    dialog = CsvMappingDialog(feed_csv, csv_columns(feed_csv))
    qtbot.addWidget(dialog)
    dialog.title_box.setCurrentIndex(dialog.title_box.findText(NOT_MAPPED))
    dialog.id_box.setCurrentIndex(dialog.id_box.findText("section"))
    rows = preview_rows(dialog)
    # Without a title column, the first line of the text is the title.
    assert rows[0][:2] == ["transport", "The ferry strike ended on Sunday, the union said."]
    assert dialog.options().csv_title_column is None
    assert dialog.options().csv_id_column == "section"


def test_a_column_with_no_text_disables_import_and_says_why(qtbot, feed_csv: Path) -> None:
    dialog = CsvMappingDialog(feed_csv, csv_columns(feed_csv))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.text_box.setCurrentIndex(dialog.text_box.findText("uid"))
    assert ok.isEnabled()  # short, but text
    empty = feed_csv.with_name("empty_column.csv")
    empty.write_text("id,text,notes\n1,,x\n2,,y\n", encoding="utf-8")
    other = CsvMappingDialog(empty, csv_columns(empty))
    qtbot.addWidget(other)
    assert other.preview_model.rowCount() == 0
    assert not other.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "no text in this row" in other.problems_label.text()


def test_a_tsv_file_is_mapped_by_its_tab_separated_header(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "wire.tsv"
    path.write_text(
        "Story\tHeadline, short\nThe dam holds, engineers said.\tDam holds\n", encoding="utf-8"
    )
    dialog = CsvMappingDialog(path, csv_columns(path))
    qtbot.addWidget(dialog)
    assert dialog.columns == ["Story", "Headline, short"]
    assert dialog.options().csv_text_column == "Story"  # "story" is a usual text column
    dialog.title_box.setCurrentIndex(dialog.title_box.findText("Headline, short"))
    assert preview_rows(dialog) == [["", "Dam holds", "The dam holds, engineers said."]]


def test_the_last_mapping_is_remembered_and_preselected(
    qtbot, feed_csv: Path, settings: QSettings
) -> None:
    assert load_csv_mapping(settings) == ReadOptions()
    chosen = ReadOptions(csv_text_column="body", csv_title_column=None, csv_id_column="section")
    save_csv_mapping(settings, chosen)
    reread = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert load_csv_mapping(reread) == chosen
    dialog = CsvMappingDialog(feed_csv, csv_columns(feed_csv), initial=load_csv_mapping(reread))
    qtbot.addWidget(dialog)
    assert dialog.title_box.currentText() == NOT_MAPPED  # unmapped stays unmapped
    assert dialog.options() == chosen


# -- the mapping in the import flow ---------------------------------------------------------
def test_importing_a_csv_from_the_file_menu_asks_for_the_mapping(
    qtbot,
    actions_window: MainWindow,
    feed_csv: Path,
    workspace_path: Path,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "ui.io.file_actions.QFileDialog.getOpenFileNames",
        lambda *args, **kw: ([str(feed_csv)], ""),
    )
    actions = actions_window.file_actions
    actions.import_files.trigger()
    dialog = actions.mapping_dialog
    assert isinstance(dialog, CsvMappingDialog) and dialog.isVisible()
    assert actions.running is None  # nothing starts before the mapping is confirmed
    dialog.id_box.setCurrentIndex(dialog.id_box.findText("section"))
    click_ok(dialog)
    handle = actions.running
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    report, error = blocker.args
    assert error is None and (report.imported, len(report.problems)) == (2, 1)
    assert report.problems[0].where.endswith("feed.csv:4 column 'body'")
    documents = {d.external_id: d for d in stored_documents(workspace_path)}
    assert documents["transport"].title == "Ferry strike ends"
    assert documents["transport"].text.endswith("the union said.\nCrossings resume at dawn.")
    assert documents["culture"].title == "Library hours"
    assert load_csv_mapping(settings) == ReadOptions(
        csv_text_column="body", csv_title_column="headline", csv_id_column="section"
    )
    assert actions_window.document_model.rowCount() == 3
    actions_window.findChild(ImportReportDialog).accept()


def test_cancelling_the_mapping_imports_nothing(
    qtbot, actions_window: MainWindow, feed_csv: Path, workspace_path: Path
) -> None:
    actions = actions_window.file_actions
    assert actions.ask_import([feed_csv]) is None
    actions.mapping_dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Cancel
    ).click()
    assert actions.running is None and actions.mapping_dialog is None
    assert len(stored_documents(workspace_path)) == 1


def test_a_folder_of_csv_files_uses_the_last_mapping(
    qtbot,
    actions_window: MainWindow,
    feed_csv: Path,
    workspace_path: Path,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    save_csv_mapping(
        settings, ReadOptions(csv_text_column="body", csv_title_column=None, csv_id_column="uid")
    )
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(feed_csv, folder / "copy.csv")
    actions = actions_window.file_actions
    handle = actions.ask_import([folder])
    assert handle is not None and actions.mapping_dialog is None  # no dialog for folders
    with qtbot.waitSignal(handle.finished, timeout=20000):
        pass
    documents = {d.external_id: d for d in stored_documents(workspace_path)}
    assert documents["f3"].title == "The library will open on Sundays, the council announced."
    actions_window.findChild(ImportReportDialog).accept()


def test_a_csv_without_a_header_is_imported_without_the_dialog_and_reported(
    qtbot, actions_window: MainWindow, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    actions = actions_window.file_actions
    handle = actions.ask_import([empty])
    assert handle is not None and actions.mapping_dialog is None
    with qtbot.waitSignal(handle.finished, timeout=20000) as blocker:
        pass
    report = blocker.args[0]
    assert report.imported == 0 and report.problems[0].where == str(empty)
    actions_window.findChild(ImportReportDialog).accept()


# -- brat and HTML from the File menu -------------------------------------------------------
def test_the_file_dialog_offers_every_supported_type() -> None:
    first_filter = IMPORT_FILTER.split(";;")[0]
    for suffix in ("txt", "jsonl", "json", "csv", "tsv", "ann", "html", "htm"):
        assert f"*.{suffix}" in first_filter


def test_importing_a_brat_folder_and_a_saved_page_from_the_file_menu(
    qtbot,
    actions_window: MainWindow,
    workspace_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(FORMATS_DATA / "brat", folder)
    shutil.copy(FORMATS_DATA / "page.html", folder / "page.html")
    (folder / "annotation.conf").write_text("[entities]\nSource\n", encoding="utf-8")
    monkeypatch.setattr(
        "ui.io.file_actions.QFileDialog.getExistingDirectory", lambda *args, **kw: str(folder)
    )
    actions = actions_window.file_actions
    actions.import_folder.trigger()
    handle = actions.running
    with qtbot.waitSignal(handle.finished, timeout=30000) as blocker:
        pass
    report, error = blocker.args
    assert error is None and report.imported == 2 and report.problems == ()
    assert any("annotation.conf" in note for note in report.notes)  # skipped, and said so
    with Store(workspace_path) as other:
        summaries = other.document_summaries()
        council, page_id = (s.id for s in summaries[1:])  # folders are read in name order
        records = other.attributions_for(council)
        assert records and all(r.origin is Origin.IMPORT for r in records)
        split = next(r for r in records if len(r.fragments) == 2)
        assert (
            other.document(council)
            .text[split.fragments[1].start :]
            .startswith('"We have waited long enough."')
        )
        page = other.document(page_id)
        assert page.title == "Council backs new footbridge"
        assert page.text != other.document(council).text
        assert "Subscribe now" not in page.text  # the page's navigation is left out
    actions_window.findChild(ImportReportDialog).accept()


# -- the report dialog -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("where", "location"),
    [
        ("/data/a b.jsonl:17", ProblemLocation("/data/a b.jsonl", 17)),
        ("feed.csv:4 column 'body'", ProblemLocation("feed.csv", 4, "column 'body'")),
        ("news.jsonl:3 field 'quotes[0]'", ProblemLocation("news.jsonl", 3, "field 'quotes[0]'")),
        ("news.txt quotes[2]", ProblemLocation("news.txt", None, "quotes[2]")),
        ("C:\\news\\a.ann:9", ProblemLocation("C:\\news\\a.ann", 9)),
        ("my field notes.txt", ProblemLocation("my field notes.txt")),
    ],
)
def test_problem_locations_split_into_file_line_and_field(
    where: str, location: ProblemLocation
) -> None:
    assert locate_problem(Problem(where, "bad")) == location


def test_the_report_lists_each_rejected_item_and_copies_as_text(qtbot) -> None:
    report = ImportReport(
        imported=2,
        duplicates=1,
        attributions=5,
        problems=(
            Problem("feed.csv:4 column 'body'", "no text in this row"),
            Problem("news.jsonl:9 field 'quotes[1]'", "unknown status 'maybe'"),
        ),
        notes=("old.txt: decoded as cp1252",),
    )
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text() == (
        "Imported 2 documents with 5 records; skipped 1 already in the workspace; "
        "2 could not be read."
    )
    model = dialog.problems_model
    assert [model.index(1, c).data() for c in range(4)] == [
        "news.jsonl",
        "9",
        "field 'quotes[1]'",
        "unknown status 'maybe'",
    ]
    assert dialog.problems_view.isVisible()
    assert dialog.notes.toPlainText() == "old.txt: decoded as cp1252"
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[1:] == [
        "Rejected: feed.csv:4 column 'body': no text in this row",
        "Rejected: news.jsonl:9 field 'quotes[1]': unknown status 'maybe'",
        "Note: old.txt: decoded as cp1252",
    ]


def test_a_clean_report_shows_no_empty_tables(qtbot) -> None:
    dialog = ImportReportDialog(ImportReport(imported=1, attributions=2))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.problems_view.isVisible() and not dialog.notes.isVisible()
