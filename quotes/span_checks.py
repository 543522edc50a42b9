"""Checks an edited record must pass before it is saved: spans that make sense together.

A record's content may not cover its own cue or speaker mention, nor overlap the
content of another record of the same document (two records claiming the same words
is how a run-away edit shows). Content crossing a paragraph break is usually a
run-away edit too, but multi-paragraph quotations exist: that case is not refused
outright, it is reported apart so that the caller can ask the annotator once.

The same checks serve span edits in the UI and annotations read from files. Pure
functions; any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
