"""JSONL export: one line per document in the interchange schema of ``quotes.records``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from formats.atomic import atomic_text_file
from formats.writers.selection import Item, export_id
from quotes.records import article_to_record


def document_record(item: Item) -> dict[str, Any]:
    """The schema record of one selected document (attributions already filtered).

    A document nobody reviewed (exported with ``include_unreviewed``) gets
    ``"reviewed": false``, so that its empty ``quotes`` is not read as "none".
    """
    document, attributions = item
    record = article_to_record(
        external_id=export_id(document),
        title=document.title,
        source=document.source,
        text=document.text,
        attributions=attributions,
    )
    if document.reviewed is False:
        record["reviewed"] = False
    return record


def record_line(record: dict[str, Any]) -> str:
    """One JSONL line. Non-ASCII stays readable and key order is fixed, so equal
    input gives byte-identical output."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(items: Iterable[Item], out_path: Path) -> None:
    """Write ``items`` to ``out_path`` atomically, one document per line, streamed."""
    with atomic_text_file(out_path) as stream:
        for item in items:
            stream.write(record_line(document_record(item)))
