"""Exports keep reviewed documents only, unless asked; unreviewed ones go out marked."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from writer_cases import harbour_attributions, harbour_items, make_document

from formats.writers import ExportFilters, write_export
from formats.writers.brat_export import UNREVIEWED_NOTE
from formats.writers.selection import is_reviewed
from quotes.model import DocumentStatus, Status


def mixed_items() -> list:
    """The two reviewed harbour items and a third document nobody touched."""
    untouched = make_document(
        3, "Nothing was decided here.", status=DocumentStatus.IN_PROGRESS, external_id="todo"
    )
    candidates = [replace(a, status=Status.CANDIDATE) for a in harbour_attributions()]
    return [*harbour_items(), (untouched, candidates[:1])]


@pytest.mark.parametrize(
    ("status", "statuses", "expected"),
    [
        (DocumentStatus.DONE, [], True),  # looked at, nothing found: "none"
        (DocumentStatus.NEW, [Status.ACCEPTED], True),
        (DocumentStatus.IN_PROGRESS, [Status.REJECTED], True),
        (DocumentStatus.IN_PROGRESS, [Status.CANDIDATE], False),
        (DocumentStatus.NEW, [], False),
    ],
)
def test_reviewed_means_done_or_one_decision(status, statuses, expected) -> None:
    document = make_document(1, "Some text.", status=status)
    records = [replace(harbour_attributions()[0], status=s) for s in statuses]
    assert is_reviewed(document, records) is expected


def test_default_leaves_out_unreviewed_and_counts_them(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    report = write_export(mixed_items(), out)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["doc-1", "lib-7"]
    assert (report.documents, report.unreviewed_left_out, report.unreviewed_exported) == (2, 1, 0)
    assert "left out 1 unreviewed document" in report.summary()


def test_included_unreviewed_documents_are_marked_in_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    filters = ExportFilters.every_status(include_unreviewed=True)
    report = write_export(mixed_items(), out, filters=filters)
    records = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert records["todo"]["reviewed"] is False and len(records["todo"]["quotes"]) == 1
    assert "reviewed" not in records["doc-1"]  # reviewed records keep the plain schema
    assert (report.documents, report.unreviewed_exported) == (3, 1)
    assert "1 of the documents marked unreviewed" in report.summary()


def test_hf_rows_all_carry_reviewed(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_export(mixed_items(), out, format="hf", filters=ExportFilters(include_unreviewed=True))
    rows = [
        json.loads(line)
        for split in sorted(out.glob("*.jsonl"))
        for line in split.read_text("utf-8").splitlines()
    ]
    assert {row["id"]: row["reviewed"] for row in rows} == {
        "doc-1": True,
        "lib-7": True,
        "todo": False,
    }
    assert all(list(row)[4] == "reviewed" for row in rows)  # where the card declares it
    assert "`reviewed`" in (out / "README.md").read_text("utf-8")


def test_brat_marks_unreviewed_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    write_export(mixed_items(), out, format="brat", filters=ExportFilters(include_unreviewed=True))
    assert (out / "todo.ann").read_text("utf-8") == UNREVIEWED_NOTE  # no accepted record
    assert not (out / "doc-1.ann").read_text("utf-8").startswith("#0")
