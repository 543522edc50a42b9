"""The JSONL interchange schema: attributions and articles to and from plain dicts.

One schema serves exports, extractor predictions and gold data, so that any of
them can be read where another is expected::

    {"id", "title", "source", "text",
     "quotes": [{"start", "end", "fragments", "type", "cue": [s, e] | null,
                 "speaker": [s, e] | null, "speaker_name", "status", "annotator"}]}

Gold files name the fragments ``content_fragments``; both names are read.
These functions are pure and raise ``RecordError`` naming the offending field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quotes.model import Article, Attribution, Origin, QuoteType, Span, Status


def unstorable_text(value: str) -> str | None:
    """Why ``value`` cannot be stored (a NUL or a lone surrogate), or None when it can.

    A NUL (U+0000) is refused because SQLite's ``length()`` stops at it, so a stored
    length (and the span triggers built on it) would not count the characters Python
    does; a lone surrogate cannot be encoded as UTF-8 at all. The readers refuse such
    a record with its file and line; the store refuses such an article made in code.
    """
    at = value.find("\x00")
    if at != -1:
        return f"holds a NUL character (at character {at + 1})"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return (
            f"holds a lone surrogate {value[error.start]!r} (at character {error.start + 1}), "
            "which is not text"
        )
    return None


class RecordError(ValueError):
    """A record that does not fit the schema; the message names the field."""


def attribution_to_record(attribution: Attribution) -> dict[str, Any]:
    """The attribution as one ``quotes`` entry of the export schema."""
    return {
        "start": attribution.start,
        "end": attribution.end,
        "fragments": [f.as_list() for f in attribution.fragments],
        "type": attribution.type.value,
        "cue": attribution.cue.as_list() if attribution.cue else None,
        "speaker": attribution.speaker.as_list() if attribution.speaker else None,
        "speaker_name": attribution.speaker_name,
        "status": attribution.status.value,
        "annotator": attribution.annotator,
    }


def article_to_record(
    *,
    external_id: str,
    title: str,
    source: str,
    text: str,
    attributions: list[Attribution] | tuple[Attribution, ...],
) -> dict[str, Any]:
    """One line of the export schema; attributions are written in text order."""
    ordered = sorted(attributions, key=lambda a: (a.start, a.end))
    return {
        "id": external_id,
        "title": title,
        "source": source,
        "text": text,
        "quotes": [attribution_to_record(a) for a in ordered],
    }


def _span_field(record: Mapping[str, Any], name: str, text_length: int) -> Span | None:
    value = record.get(name)
    if value is None:
        return None
    span = _as_span(value, name)
    if span.end > text_length:
        raise RecordError(f"'{name}' [{span.start}, {span.end}] lies outside the text")
    return span


def _as_span(value: Any, name: str) -> Span:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise RecordError(f"'{name}' must be a pair of integers [start, end], got {value!r}")
    try:
        return Span(value[0], value[1])
    except ValueError as error:
        raise RecordError(f"'{name}': {error}") from None


def attribution_from_record(
    record: Mapping[str, Any], text_length: int, *, origin: Origin = Origin.IMPORT
) -> Attribution:
    """Read one ``quotes`` entry; offsets are checked against ``text_length``.

    :raises RecordError: for a missing or malformed field, offsets outside the
        text, overlapping fragments or an unknown type or status.
    """
    if not isinstance(record, Mapping):
        raise RecordError(f"a quote must be an object, got {type(record).__name__}")
    raw_fragments = record.get("fragments", record.get("content_fragments"))
    if raw_fragments:
        fragments = tuple(_as_span(f, "fragments") for f in raw_fragments)
    else:
        if "start" not in record or "end" not in record:
            raise RecordError("a quote needs 'start' and 'end' or 'fragments'")
        fragments = (_as_span([record["start"], record["end"]], "start/end"),)
    fragments = tuple(sorted(fragments))
    if fragments[-1].end > text_length:
        raise RecordError(
            f"content [{fragments[0].start}, {fragments[-1].end}] lies outside the text "
            f"of {text_length} characters"
        )
    try:
        quote_type = QuoteType(record.get("type") or "indirect")
    except ValueError:
        raise RecordError(f"unknown 'type' {record.get('type')!r}") from None
    try:
        status = Status(record.get("status") or "candidate")
    except ValueError:
        raise RecordError(f"unknown 'status' {record.get('status')!r}") from None
    speaker_name = record.get("speaker_name")
    if speaker_name is not None and not isinstance(speaker_name, str):
        raise RecordError("'speaker_name' must be a string or null")
    annotator = record.get("annotator")
    try:
        return Attribution(
            fragments=fragments,
            type=quote_type,
            cue=_span_field(record, "cue", text_length),
            speaker=_span_field(record, "speaker", text_length),
            speaker_name=speaker_name,
            status=status,
            origin=origin,
            annotator=annotator if isinstance(annotator, str) else None,
            confidence=1.0,
            rule="",
        )
    except ValueError as error:
        raise RecordError(str(error)) from None


def article_from_record(record: Mapping[str, Any], *, with_quotes: bool = True) -> Article:
    """Read one line of the schema into an article with its attributions.

    :raises RecordError: when ``text`` is missing or not a string, or any quote is
        invalid (the message names the quote's index). Callers that want to keep
        the valid quotes of a record use ``attribution_from_record`` one by one.
    """
    if not isinstance(record, Mapping):
        raise RecordError(f"a line must be a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise RecordError("missing or non-string field 'text'")
    meta = record.get("meta") if isinstance(record.get("meta"), Mapping) else {}
    title = record.get("title") or (meta or {}).get("title") or ""
    attributions: list[Attribution] = []
    if with_quotes:
        for index, quote in enumerate(record.get("quotes") or ()):
            try:
                attributions.append(attribution_from_record(quote, len(text)))
            except RecordError as error:
                raise RecordError(f"quotes[{index}]: {error}") from None
    external_id = record.get("id")
    return Article(
        text=text,
        title=str(title),
        source=str(record.get("source") or ""),
        external_id=None if external_id is None else str(external_id),
        attributions=tuple(attributions),
    )
