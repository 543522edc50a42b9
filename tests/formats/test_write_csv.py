"""CSV export: one row per attribution with texts and offsets."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from writer_cases import HARBOUR_TEXT, harbour_items

from formats.writers import ExportFilters, write_export
from formats.writers.csv_export import CSV_COLUMNS


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_one_row_per_kept_attribution(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    report = write_export(harbour_items(), out, format="csv", filters=ExportFilters.every_status())
    rows = read_rows(out)
    assert [r["status"] for r in rows] == ["accepted", "candidate", "rejected"]
    assert report.attributions == 3
    assert list(rows[0]) == list(CSV_COLUMNS)


def test_row_holds_texts_and_offsets(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    write_export(harbour_items(), out, format="csv")
    [row] = read_rows(out)
    assert row["document_id"] == "doc-1"
    assert row["quotation"] == (
        "The old timetable cannot survive the winter, … and we will not pretend otherwise."
    )
    fragments = json.loads(row["fragments"])
    assert [HARBOUR_TEXT[s:e] for s, e in fragments] == [
        "The old timetable cannot survive the winter,",
        "and we will not pretend otherwise.",
    ]
    assert (row["start"], row["end"]) == (str(fragments[0][0]), str(fragments[1][1]))
    assert row["cue"] == "said"
    assert HARBOUR_TEXT[int(row["cue_start"]) : int(row["cue_end"])] == "said"
    assert row["speaker"] == "Mayor Inés Okafor"
    assert row["speaker_name"] == "Inés Okafor"
    assert (row["type"], row["annotator"]) == ("direct", "ana")


def test_missing_parts_are_empty_cells(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    write_export(harbour_items(), out, format="csv", filters=ExportFilters.every_status())
    candidate = read_rows(out)[1]
    assert candidate["annotator"] == ""
    rejected = read_rows(out)[2]
    assert rejected["speaker_name"] == ""


def test_no_attributions_gives_only_the_header(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    write_export(harbour_items()[1:], out, format="csv")
    assert out.read_bytes() == (",".join(CSV_COLUMNS) + "\r\n").encode()
