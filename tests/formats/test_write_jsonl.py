"""JSONL export: schema, filters, determinism, progress and cancel."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from writer_cases import HARBOUR_TEXT, harbour_items

from formats.writers import ExportFilters, write_export
from quotes.model import DocumentStatus, Status


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_writes_one_line_per_document_in_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    report = write_export(harbour_items(), out)
    first, second = read_lines(out)
    assert list(first) == ["id", "title", "source", "text", "quotes"]
    assert first["id"] == "doc-1"
    assert second["id"] == "lib-7"
    assert first["text"] == HARBOUR_TEXT
    [quote] = first["quotes"]
    assert quote == {
        "start": HARBOUR_TEXT.index("The old"),
        "end": HARBOUR_TEXT.index("otherwise.") + len("otherwise."),
        "fragments": quote["fragments"],
        "type": "direct",
        "cue": quote["cue"],
        "speaker": quote["speaker"],
        "speaker_name": "Inés Okafor",
        "status": "accepted",
        "annotator": "ana",
    }
    assert len(quote["fragments"]) == 2
    assert HARBOUR_TEXT[slice(*quote["speaker"])] == "Mayor Inés Okafor"
    assert (report.documents, report.attributions, report.cancelled) == (2, 1, False)


def test_keeps_non_ascii_readable(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_export(harbour_items(), out)
    raw = out.read_text(encoding="utf-8")
    assert "Inés" in raw and "\\u00e9" not in raw


def test_identical_input_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    items = harbour_items()
    # The same attributions in another order must not change the output.
    shuffled = [(doc, list(reversed(attributions))) for doc, attributions in items]
    write_export(items, first, filters=ExportFilters.every_status())
    write_export(shuffled, second, filters=ExportFilters.every_status())
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("filters", "statuses"),
    [
        (ExportFilters(), ["accepted"]),
        (ExportFilters.every_status(), ["accepted", "candidate", "rejected"]),
        (ExportFilters(statuses=frozenset({Status.REJECTED})), ["rejected"]),
        (ExportFilters.every_status(annotators=["ben"]), ["rejected"]),
        (ExportFilters.every_status(annotators=["ana", "ben"]), ["accepted", "rejected"]),
    ],
)
def test_filters_choose_attributions(
    tmp_path: Path, filters: ExportFilters, statuses: list[str]
) -> None:
    out = tmp_path / "out.jsonl"
    report = write_export(harbour_items(), out, filters=filters)
    quotes = read_lines(out)[0]["quotes"]
    assert [q["status"] for q in quotes] == statuses
    assert report.attributions == len(statuses)


def test_document_status_filter_drops_documents(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    (harbour, harbour_records), library = harbour_items()
    items = [(replace(harbour, status=DocumentStatus.IN_PROGRESS), harbour_records), library]
    filters = ExportFilters.every_status(document_statuses=[DocumentStatus.DONE])
    report = write_export(items, out, filters=filters)
    assert [r["id"] for r in read_lines(out)] == ["lib-7"]
    assert (report.documents, report.attributions) == (1, 0)


def test_progress_counts_exported_documents(tmp_path: Path) -> None:
    seen: list[int] = []
    write_export(harbour_items(), tmp_path / "out.jsonl", progress=seen.append)
    assert seen == [1, 2]


def test_cancel_leaves_the_existing_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("earlier export\n", encoding="utf-8")
    seen: list[int] = []
    report = write_export(
        harbour_items(), out, progress=seen.append, is_cancelled=lambda: len(seen) >= 1
    )
    assert report.cancelled
    assert report.documents == 1
    assert out.read_text(encoding="utf-8") == "earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_unknown_format_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        write_export(harbour_items(), tmp_path / "out.xml", format="xml")
    assert not any(tmp_path.iterdir())
