"""CSV export: one row per attribution, for spreadsheets and data frames.

Columns (``CSV_COLUMNS``): the document id, the content offsets with its fragments
(JSON ``[[start, end], ...]``), the quotation text (fragments joined by `` … ``),
type, cue and speaker mention with their offsets, the speaker entity, status and
annotator. Offsets are Python ``str`` offsets, end exclusive, as in the JSONL
schema; an empty cell means "none". Documents without a kept attribution have
no row. The dialect is RFC 4180 (comma, double quotes, CRLF), UTF-8 without BOM.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from formats.atomic import atomic_text_file
from formats.writers.selection import Item, export_id
from quotes.model import Attribution, Span

CSV_COLUMNS: tuple[str, ...] = (
    "document_id",
    "start",
    "end",
    "fragments",
    "quotation",
    "type",
    "cue_start",
    "cue_end",
    "cue",
    "speaker_start",
    "speaker_end",
    "speaker",
    "speaker_name",
    "status",
    "annotator",
)


def _span_cells(span: Span | None, text: str) -> list[object]:
    if span is None:
        return ["", "", ""]
    return [span.start, span.end, span.text_of(text)]


def attribution_row(document_id: str, text: str, attribution: Attribution) -> list[object]:
    """The cells of one attribution, in ``CSV_COLUMNS`` order."""
    fragments = json.dumps([f.as_list() for f in attribution.fragments], separators=(",", ":"))
    return [
        document_id,
        attribution.start,
        attribution.end,
        fragments,
        attribution.content_text(text),
        attribution.type.value,
        *_span_cells(attribution.cue, text),
        *_span_cells(attribution.speaker, text),
        attribution.speaker_name or "",
        attribution.status.value,
        attribution.annotator or "",
    ]


def write_csv(items: Iterable[Item], out_path: Path) -> None:
    """Write a header and one row per attribution to ``out_path`` atomically, streamed."""
    # newline="" hands line endings to the csv module, which quotes embedded newlines.
    with atomic_text_file(out_path, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        for document, attributions in items:
            document_id = export_id(document)
            writer.writerows(attribution_row(document_id, document.text, a) for a in attributions)
