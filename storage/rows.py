"""Database rows to domain objects, and attributions to the JSON states the history keeps.

The SELECTs here are the only place that knows which columns make an attribution or a
document; everything above ``storage`` sees dataclasses from ``quotes.model``.

Reading a document's attributions is on the path of opening it (6,000 rows for a
1 MB article), so :func:`attributions_from_values` builds them on a trusted path:
plain tuples instead of ``sqlite3.Row`` lookups by name, enum members from dicts,
a single fragment taken from the ``start``/``end`` columns instead of parsing its
JSON, and the frozen dataclasses filled slot by slot without their ``__post_init__``
checks. The checks it skips are the table's own CHECK constraints (``start >= 0``,
``start < end``, both ends of a span or neither, the enum values), so every row the
database accepts yields the same object either way; several fragments, which the
table does not check one by one, still go through the checked constructors.

The values many rows share (the speaker's id and name, the rule, the confidence,
the document id) are kept once per read: sqlite3 makes a new object for each
column of each row, and for the 120,000 records of a 20 MB article those copies
took some 20 MB.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any

from quotes.model import (
    Attribution,
    Document,
    DocumentStatus,
    DocumentSummary,
    Origin,
    QuoteType,
    Span,
    Status,
)

# The columns that make an Attribution, in the order attributions_from_values reads.
_VALUE_COLUMNS = (
    'a.id, a.document_id, a.start, a."end", a.fragments, a.type, a.cue_start, a.cue_end, '
    "a.speaker_start, a.speaker_end, a.speaker_id, s.name AS speaker_name, a.status, "
    "a.origin, a.confidence, a.rule, a.annotator"
)
_FROM = "FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker_id"
ATTRIBUTION_COLUMNS = f"{_VALUE_COLUMNS}, a.created_at, a.updated_at, a.layer"
#: Every column of an attribution, for ``sqlite3.Row`` readers (the history's states).
ATTRIBUTION_SELECT = f"SELECT {ATTRIBUTION_COLUMNS} {_FROM}"
#: The columns :func:`attributions_from_values` takes, to be read as plain tuples.
ATTRIBUTION_VALUES_SELECT = f"SELECT {_VALUE_COLUMNS} {_FROM}"
#: A document with its shared-layer status (``WHERE`` and ``ORDER BY`` may name ``id``).
DOCUMENT_SELECT = (
    "SELECT d.id AS id, d.text AS text, d.title AS title, d.source AS source,"
    " s.status AS status, d.content_hash AS content_hash, d.imported_at AS imported_at,"
    " d.external_id AS external_id FROM documents d CROSS JOIN document_statuses s"
    " ON s.document_id = d.id"
)

_TYPES = {member.value: member for member in QuoteType}
_STATUSES = {member.value: member for member in Status}
_ORIGINS = {member.value: member for member in Origin}

# The slot setters of the frozen dataclasses, in field order. They are only used while
# the classes have exactly the fields this module fills; a changed model falls back to
# the checked constructors rather than leaving a new field unset.
_ATTRIBUTION_FIELDS = (
    "fragments",
    "type",
    "cue",
    "speaker",
    "speaker_name",
    "status",
    "origin",
    "confidence",
    "rule",
    "annotator",
    "id",
    "document_id",
    "entity_id",
)
_TRUSTED = tuple(f.name for f in fields(Attribution)) == _ATTRIBUTION_FIELDS and tuple(
    f.name for f in fields(Span)
) == ("start", "end")


def _setter(cls: type, name: str) -> Callable[[object, object], None]:
    return cls.__dict__[name].__set__  # type: ignore[no-any-return]


_SET_START, _SET_END = _setter(Span, "start"), _setter(Span, "end")


def _unchecked_span(start: int, end: int) -> Span:
    """A ``Span`` built without its own check (only when ``_TRUSTED``)."""
    made = object.__new__(Span)
    _SET_START(made, start)
    _SET_END(made, end)
    return made


def spans_from_pairs(pairs: Iterable[tuple[int, int]]) -> tuple[Span, ...]:
    """Spans of ``(start, end)`` pairs the caller has checked (``0 <= start < end``),
    without ``Span``'s own check: for the thousands of mentions of a long document."""
    if not _TRUSTED:
        return tuple(Span(start, end) for start, end in pairs)
    # _unchecked_span's steps, inline: a call per span costs a fifth more here.
    new, set_start, set_end = object.__new__, _SET_START, _SET_END
    built = []
    for start, end in pairs:
        span = new(Span)
        set_start(span, start)
        set_end(span, end)
        built.append(span)
    return tuple(built)


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
        "layer": row["layer"],
    }


def attributions_from_values(rows: Iterable[tuple[Any, ...]]) -> list[Attribution]:
    """Attributions from ``ATTRIBUTION_VALUES_SELECT`` rows read as plain tuples.

    The result equals ``[attribution_from_row(r) for r in rows]`` of the same rows read
    with ``ATTRIBUTION_SELECT``; it is several times faster (see the module docstring).
    """
    if not _TRUSTED:
        return [_checked_attribution(*row) for row in rows]
    new, span = object.__new__, _unchecked_span
    (
        set_fragments,
        set_type,
        set_cue,
        set_speaker,
        set_name,
        set_status,
        set_origin,
        set_confidence,
        set_rule,
        set_annotator,
        set_id,
        set_document,
        set_entity,
    ) = (_setter(Attribution, name) for name in _ATTRIBUTION_FIELDS)
    types, statuses, origins = _TYPES, _STATUSES, _ORIGINS
    # One object per distinct value (see the module docstring); dict.setdefault returns
    # the kept one, in C. A dict per type: 1 == 1.0 would turn a confidence into an int.
    texts: dict[str | None, str | None] = {}
    ids: dict[int | None, int | None] = {}
    floats: dict[float, float] = {}
    keep_text, keep_id, keep_float = texts.setdefault, ids.setdefault, floats.setdefault
    built = []
    for row in rows:
        (
            id_,
            document_id,
            start,
            end,
            fragments,
            type_,
            cue_start,
            cue_end,
            speaker_start,
            speaker_end,
            speaker_id,
            speaker_name,
            status,
            origin,
            confidence,
            rule,
            annotator,
        ) = row
        # One fragment is stored as "[[start, end]]" next to equal start/end columns;
        # several are parsed (one record in six: mixed and split quotations), and
        # anything the trusted path cannot vouch for goes through the checked one.
        if fragments == f"[[{start}, {end}]]":
            parts: tuple[Span, ...] | None = (span(start, end),)
        else:
            parts = _ordered_fragments(fragments)
            if parts is None:
                built.append(_checked_attribution(*row))
                continue
        attribution = new(Attribution)
        set_fragments(attribution, parts)
        set_type(attribution, types[type_])
        set_cue(attribution, None if cue_start is None else span(cue_start, cue_end))
        set_speaker(
            attribution, None if speaker_start is None else span(speaker_start, speaker_end)
        )
        set_name(attribution, keep_text(speaker_name, speaker_name))
        set_status(attribution, statuses[status])
        set_origin(attribution, origins[origin])
        set_confidence(attribution, keep_float(confidence, confidence))
        set_rule(attribution, keep_text(rule, rule))
        set_annotator(attribution, keep_text(annotator, annotator))
        set_id(attribution, id_)
        set_document(attribution, keep_id(document_id, document_id))
        set_entity(attribution, keep_id(speaker_id, speaker_id))
        built.append(attribution)
    return built


def _ordered_fragments(stored: str) -> tuple[Span, ...] | None:
    """The spans of a ``fragments`` column holding two or more ``[start, end]`` pairs of
    whole numbers, each non-empty, ordered and disjoint (what ``Span`` and
    ``Attribution`` check); None for anything else, which the checked constructors
    then accept or refuse with their own message."""
    try:
        pairs = json.loads(stored)
    except ValueError:
        return None
    if type(pairs) is not list or len(pairs) < 2:
        return None
    previous_end = 0
    for pair in pairs:
        if type(pair) is not list or len(pair) != 2:
            return None
        start, end = pair
        if type(start) is not int or type(end) is not int:
            return None
        if start < previous_end or end <= start:  # also refuses a negative start
            return None
        previous_end = end
    return spans_from_pairs(pairs)


def _checked_attribution(
    id_: int,
    document_id: int,
    start: int,
    end: int,
    fragments: str,
    type_: str,
    cue_start: int | None,
    cue_end: int | None,
    speaker_start: int | None,
    speaker_end: int | None,
    speaker_id: int | None,
    speaker_name: str | None,
    status: str,
    origin: str,
    confidence: float,
    rule: str,
    annotator: str | None,
) -> Attribution:
    """The attribution of one row's values through the validating constructors."""
    return Attribution(
        fragments=tuple(Span(s, e) for s, e in json.loads(fragments)),
        type=QuoteType(type_),
        cue=span_or_none(cue_start, cue_end),
        speaker=span_or_none(speaker_start, speaker_end),
        speaker_name=speaker_name,
        status=Status(status),
        origin=Origin(origin),
        confidence=confidence,
        rule=rule,
        annotator=annotator,
        id=id_,
        document_id=document_id,
        entity_id=speaker_id,
    )


def attribution_from_row(row: sqlite3.Row) -> Attribution:
    """An attribution row (``ATTRIBUTION_SELECT``) as the domain object."""
    return _checked_attribution(*tuple(row)[:17])


def columns(row: sqlite3.Row, names: Iterable[str]) -> dict[str, Any]:
    """The row's values of the columns ``names``, by name: a domain object's fields
    that the store keeps as they are (the others are converted by the caller)."""
    return {name: row[name] for name in names}


_SUMMARY_COLUMNS = ("id", "title", "candidates", "accepted", "rejected", "length")
_DOCUMENT_COLUMNS = ("id", "text", "title", "source", "content_hash", "imported_at", "external_id")


def summary_from_row(row: sqlite3.Row) -> DocumentSummary:
    """A row of the document list (id, title, status, the three counts, length) as the
    domain object; the SELECT decides whose status and counts they are."""
    return DocumentSummary(**columns(row, _SUMMARY_COLUMNS), status=DocumentStatus(row["status"]))


def document_from_row(row: sqlite3.Row) -> Document:
    """A ``DOCUMENT_SELECT`` row as the domain object."""
    return Document(**columns(row, _DOCUMENT_COLUMNS), status=DocumentStatus(row["status"]))
