"""Checks an edited record must pass before it is saved: spans that make sense together.

A record's content may not cover its own cue or speaker mention, nor overlap the
content of another record of the same document (two records claiming the same words
is how a run-away edit shows). Content crossing a paragraph break is usually a
run-away edit too, but multi-paragraph quotations exist: that case is not refused
outright, it is reported apart so that the caller can ask the annotator once.

The same checks serve span edits in the UI (:func:`check_edit`) and annotations read
from files (:func:`imported_record_problem`, which also checks the spans against the
document's text). Pure functions; any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quotes.model import Attribution, Span, Status

# A paragraph break: a line break, with or without blank lines after it. News text
# comes with one paragraph per line as often as with blank lines between them.
_PARAGRAPH_BREAK = re.compile(r"\n")


@dataclass(frozen=True, slots=True)
class SpanProblem:
    """Why an edited record should not be saved as it is.

    :param message: one sentence for the status bar.
    :param paragraph: True when the only problem is a new paragraph break inside the
        content, which the annotator may confirm (a multi-paragraph quotation).
    """

    message: str
    paragraph: bool = False


def _content_spans(attribution: Attribution) -> tuple[Span, ...]:
    return attribution.fragments


def _overlaps_any(span: Span | None, spans: Iterable[Span]) -> bool:
    return span is not None and any(span.overlaps(s) for s in spans)


def _breaks_inside(text: str, attribution: Attribution) -> int:
    """How many paragraph breaks lie inside the content's fragments.

    Fragments in different paragraphs were each chosen (F adds one); a run-away edge
    shows as one fragment stretched over a break.
    """
    return sum(
        len(_PARAGRAPH_BREAK.findall(text[f.start : f.end].rstrip("\n")))
        for f in attribution.fragments
    )


def _own_spans_problem(attribution: Attribution) -> str | None:
    content = _content_spans(attribution)
    if _overlaps_any(attribution.cue, content):
        return "The content would cover its own cue; edit the cue first."
    if _overlaps_any(attribution.speaker, content):
        return "The content would cover its own speaker mention."
    return None


def _overlapped(attribution: Attribution, others: list[Attribution]) -> list[int | None]:
    """Ids of the ``others`` whose content shares words with the record's content."""
    return [
        other.id
        for other in others
        if any(_overlaps_any(fragment, other.fragments) for fragment in attribution.fragments)
    ]


def check_edit(
    text: str,
    before: Attribution | None,
    after: Attribution,
    others: Iterable[Attribution],
) -> SpanProblem | None:
    """The first problem the edit from ``before`` (as stored; None for a new record) to
    ``after`` introduces, or None when ``after`` may be saved.

    ``others`` are the document's records; rejected ones and the record itself (same
    id) are ignored. Only what the edit makes worse counts, so that a record that was
    already odd (two engine suggestions sharing words) can still be corrected.
    """
    problem = _own_spans_problem(after)
    if problem and (before is None or _own_spans_problem(before) != problem):
        return SpanProblem(problem)
    kept = [
        o
        for o in others
        if o.status is not Status.REJECTED and (after.id is None or o.id != after.id)
    ]
    already = set(_overlapped(before, kept)) if before is not None else set()
    for other_id in _overlapped(after, kept):
        if other_id not in already:
            return SpanProblem(
                f"The content would run into record {other_id}'s quotation; "
                "shorten it or reject that record first."
            )
    breaks_before = _breaks_inside(text, before) if before is not None else 0
    if _breaks_inside(text, after) > breaks_before:
        return SpanProblem("The content would cross a paragraph break.", paragraph=True)
    return None


#: The stored span texts a record read from a file may carry (``cue_text`` as in
#: PolNeAR-derived JSONL), each with the span it quotes.
SPAN_TEXT_FIELDS = {"content_text": "fragments", "cue_text": "cue", "speaker_text": "speaker"}


def _collapsed(words: str) -> str:
    return " ".join(words.split())


def _outside(text: str, name: str, span: Span | None) -> str | None:
    if span is None or span.end <= len(text):
        return None
    return f"'{name}' [{span.start}, {span.end}] lies outside the text of {len(text)} characters"


def _stored_text_problem(
    text: str, attribution: Attribution, field: str, stored: object
) -> str | None:
    """Whether the stored text ``stored`` of ``field`` differs from the text at its span."""
    span_field = SPAN_TEXT_FIELDS[field]
    if not isinstance(stored, str):
        return f"'{field}' must be a string, got {type(stored).__name__}"
    if span_field == "fragments":
        pieces = [f.text_of(text) for f in attribution.fragments]
        # Several fragments may be quoted joined, or as the stretch that holds them.
        found = {
            _collapsed(" ".join(pieces)),
            _collapsed(text[attribution.start : attribution.end]),
        }
        shown = pieces[0] if len(pieces) == 1 else text[attribution.start : attribution.end]
    else:
        span = attribution.cue if span_field == "cue" else attribution.speaker
        if span is None:
            return f"'{field}' is given but the record has no '{span_field}'"
        shown = span.text_of(text)
        found = {_collapsed(shown)}
    if _collapsed(stored) in found:
        return None
    return f"'{field}' says {stored[:40]!r} but the text at '{span_field}' is {shown[:40]!r}"


def _covered_by_content(attribution: Attribution, span: Span) -> bool:
    """Whether content words lie on ``span``, unless ``span`` runs on past the content
    on both sides: a source written around the quotation (PolNeAR's discontinuous
    sources are read whole, first start to last end) is not covered by it."""
    if not _overlaps_any(span, attribution.fragments):
        return False
    return not (span.start < attribution.start and attribution.end < span.end)


def imported_record_problem(
    text: str, attribution: Attribution, span_texts: Mapping[str, object] | None = None
) -> str | None:
    """Why an attribution read from a file does not fit its document's ``text``, as one
    sentence naming the field (``'cue' [5, 9] lies inside the content ...``), or None.

    * every content fragment, the cue and the speaker mention lie inside ``text``;
    * each stored span text of :data:`SPAN_TEXT_FIELDS` found in ``span_texts`` (the
      record's own fields; others are ignored) is the text at its span, compared with
      white space collapsed, since imports normalise line endings;
    * the content covers neither its own cue nor its own speaker mention (a span
      running on past the content on both sides, a source split around it, is allowed).

    Readers reject the record with this message, naming file and line, and go on.
    """
    for index, fragment in enumerate(attribution.fragments):
        problem = _outside(text, f"fragments[{index}]", fragment)
        if problem:
            return problem
    for name, span in (("cue", attribution.cue), ("speaker", attribution.speaker)):
        problem = _outside(text, name, span)
        if problem:
            return problem
    for field in SPAN_TEXT_FIELDS:
        if span_texts is not None and span_texts.get(field) is not None:
            problem = _stored_text_problem(text, attribution, field, span_texts[field])
            if problem:
                return problem
    for name, span in (("cue", attribution.cue), ("speaker", attribution.speaker)):
        if span is not None and _covered_by_content(attribution, span):
            return (
                f"'{name}' [{span.start}, {span.end}] lies inside the content: "
                f"a quotation may not cover its own {'cue' if name == 'cue' else 'speaker mention'}"
            )
    return None
