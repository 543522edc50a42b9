"""Database rows to domain objects, and attributions to the JSON states the history keeps.

The SELECTs here are the only place that knows which columns make an attribution or a
document; everything above ``storage`` sees dataclasses from ``quotes.model``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from quotes.model import Attribution, Document, DocumentStatus, Origin, QuoteType, Span, Status

ATTRIBUTION_COLUMNS = (
    'a.id, a.document_id, a.start, a."end", a.fragments, a.type, a.cue_start, a.cue_end, '
    "a.speaker_start, a.speaker_end, a.speaker_id, s.name AS speaker_name, a.status, "
    "a.origin, a.confidence, a.rule, a.annotator, a.created_at, a.updated_at"
)
ATTRIBUTION_SELECT = (
    f"SELECT {ATTRIBUTION_COLUMNS} FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker_id"
)
DOCUMENT_SELECT = (
    "SELECT id, text, title, source, status, content_hash, imported_at, external_id FROM documents"
)


def span_or_none(start: int | None, end: int | None) -> Span | None:
    """The span of two nullable columns (None when either is NULL)."""
    return None if start is None or end is None else Span(start, end)


def pair_or_none(span: Span | None) -> list[int] | None:
    """The span as ``[start, end]`` for JSON, or None."""
    return None if span is None else span.as_list()


def attribution_state(row: sqlite3.Row) -> dict[str, Any]:
    """An attribution row as the JSON-able dict kept in the history."""
    return {
        "id": row["id"],
        "document_id": row["document_id"],
        "start": row["start"],
        "end": row["end"],
        "fragments": json.loads(row["fragments"]),
        "type": row["type"],
        "cue": pair_or_none(span_or_none(row["cue_start"], row["cue_end"])),
        "speaker": pair_or_none(span_or_none(row["speaker_start"], row["speaker_end"])),
        "speaker_id": row["speaker_id"],
        "speaker_name": row["speaker_name"],
        "status": row["status"],
        "origin": row["origin"],
        "confidence": row["confidence"],
        "rule": row["rule"],
        "annotator": row["annotator"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def attribution_from_row(row: sqlite3.Row) -> Attribution:
    """An attribution row (``ATTRIBUTION_SELECT``) as the domain object."""
    return Attribution(
        fragments=tuple(Span(s, e) for s, e in json.loads(row["fragments"])),
        type=QuoteType(row["type"]),
        cue=span_or_none(row["cue_start"], row["cue_end"]),
        speaker=span_or_none(row["speaker_start"], row["speaker_end"]),
        speaker_name=row["speaker_name"],
        status=Status(row["status"]),
        origin=Origin(row["origin"]),
        confidence=row["confidence"],
        rule=row["rule"],
        annotator=row["annotator"],
        id=row["id"],
        document_id=row["document_id"],
        entity_id=row["speaker_id"],
    )


def document_from_row(row: sqlite3.Row) -> Document:
    """A ``DOCUMENT_SELECT`` row as the domain object."""
    return Document(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        source=row["source"],
        status=DocumentStatus(row["status"]),
        content_hash=row["content_hash"],
        imported_at=row["imported_at"],
        external_id=row["external_id"],
    )
