"""Round trips: export, import into a fresh workspace, export again gives the same output.

These run the real importers (``formats.readers``) and a real in-memory ``Store``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from roundtrip_support import export_import_export, folder_bytes, import_fresh
from writer_cases import HARBOUR_TEXT, harbour_attributions, make_document, span_of

from formats.writers import ExportFilters, write_export
from quotes.model import Attribution, DocumentStatus, QuoteType, Span, Status

# Round trips keep every document: unreviewed ones go out marked and come back so.
ALL_DOCUMENTS = ExportFilters(include_unreviewed=True)


def workspace_items() -> list:
    """Three documents with ids that sort in workspace order (folders are read by name)."""
    no_cue_text = "Quiet day.\n“We are still counting,” read a note on the door."
    no_cue = Attribution(
        fragments=(Span(12, 34),),
        type=QuoteType.DIRECT,
        status=Status.ACCEPTED,
        annotator="ana",
    )
    return [
        (
            make_document(1, HARBOUR_TEXT, title="Harbour", external_id="a-harbour"),
            harbour_attributions(),
        ),
        (
            make_document(
                2,
                "The library reopens on Monday.",
                external_id="b-library",
                status=DocumentStatus.NEW,
            ),
            [],
        ),
        (make_document(3, no_cue_text, title="Quiet day.", external_id="c-quiet"), [no_cue]),
    ]


@pytest.mark.parametrize(
    "filters",
    [ExportFilters(include_unreviewed=True), ExportFilters.every_status(include_unreviewed=True)],
    ids=["accepted", "every"],
)
def test_jsonl_round_trip_is_identical(tmp_path: Path, filters: ExportFilters) -> None:
    first, second, problems = export_import_export(
        workspace_items(), tmp_path, format="jsonl", name="out.jsonl", filters=filters
    )
    assert problems == []
    assert second.read_bytes() == first.read_bytes()


def test_jsonl_round_trip_with_pre_annotation_keeps_the_accepted_export(tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    write_export(workspace_items(), first, filters=ALL_DOCUMENTS)
    store, problems = import_fresh([first], preannotate=True)
    second = tmp_path / "second.jsonl"
    write_export(store.iter_documents(), second, filters=ALL_DOCUMENTS)
    assert problems == []
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.parametrize(
    "filters",
    [ExportFilters(include_unreviewed=True), ExportFilters.every_status(include_unreviewed=True)],
    ids=["accepted", "every"],
)
def test_brat_round_trip_is_identical(tmp_path: Path, filters: ExportFilters) -> None:
    first, second, problems = export_import_export(
        workspace_items(), tmp_path, format="brat", name="brat", filters=filters
    )
    assert problems == []
    assert folder_bytes(second) == folder_bytes(first)
    assert (first / "a-harbour.ann").read_text(encoding="utf-8")  # not trivially empty


def test_csv_round_trip_through_the_text_files(tmp_path: Path) -> None:
    """The CSV holds no article text, so the texts travel as brat's text files; the
    CSV exported from the re-imported workspace equals the first one."""
    filters = ExportFilters.every_status(include_unreviewed=True)
    first_csv = tmp_path / "first.csv"
    write_export(workspace_items(), first_csv, format="csv", filters=filters)
    write_export(workspace_items(), tmp_path / "texts", format="brat", filters=filters)
    store, problems = import_fresh([tmp_path / "texts"])
    second_csv = tmp_path / "second.csv"
    write_export(store.iter_documents(), second_csv, format="csv", filters=filters)
    assert problems == []
    assert second_csv.read_bytes() == first_csv.read_bytes()
    assert len(first_csv.read_text(encoding="utf-8").splitlines()) == 5


def test_hf_dataset_round_trip_is_identical(tmp_path: Path) -> None:
    items = []
    for i in range(1, 41):
        text = f"Report {i}: “All clear,” the warden said."
        quote = Attribution(fragments=(span_of(text, "All clear,"),), status=Status.ACCEPTED)
        items.append((make_document(i, text, external_id=f"r{i:03}"), [quote]))
    first, second, problems = export_import_export(
        items,
        tmp_path,
        format="hf",
        name="dataset",
        import_paths=["train.jsonl", "validation.jsonl", "test.jsonl"],
    )
    assert problems == []
    assert folder_bytes(second) == folder_bytes(first)


def test_conll_and_csv_of_the_reimported_workspace_match(tmp_path: Path) -> None:
    """Formats without an importer still agree after a JSONL round trip."""
    first = tmp_path / "first.jsonl"
    write_export(workspace_items(), first, filters=ALL_DOCUMENTS)
    store, _ = import_fresh([first])
    for name in ("conll", "csv"):
        write_export(workspace_items(), tmp_path / f"a.{name}", format=name, filters=ALL_DOCUMENTS)
        write_export(
            store.iter_documents(), tmp_path / f"b.{name}", format=name, filters=ALL_DOCUMENTS
        )
        assert (tmp_path / f"a.{name}").read_bytes() == (tmp_path / f"b.{name}").read_bytes()
