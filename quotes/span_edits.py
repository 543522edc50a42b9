"""Edits of one record's spans: replace a fragment, the cue or the mention, add a fragment.

A record's spans are named by :class:`SpanRef` (a content fragment by its index,
the cue, the speaker mention), in the order an annotator steps through them.
Every function returns a new :class:`Attribution` (the model is frozen) whose
fragments are again ordered and disjoint: fragments that come to overlap or
touch are merged, because two fragments side by side are one stretch of words.
Pure Python: no Qt, no storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from quotes.model import Attribution, Span


class SpanRole(StrEnum):
    """What a span is to its record."""

    CONTENT = "content"
    CUE = "cue"
    SPEAKER = "speaker"


@dataclass(frozen=True, slots=True)
class SpanRef:
    """One span of a record: a content fragment (by index), the cue or the mention."""

    role: SpanRole
    index: int = 0

    @property
    def label(self) -> str:
        """How the span is named to the user ("fragment 2", "cue", "speaker mention")."""
        if self.role is SpanRole.CONTENT:
            return f"fragment {self.index + 1}"
        return "cue" if self.role is SpanRole.CUE else "speaker mention"


CONTENT = SpanRef(SpanRole.CONTENT)
CUE = SpanRef(SpanRole.CUE)
SPEAKER = SpanRef(SpanRole.SPEAKER)


def span_refs(attribution: Attribution) -> list[SpanRef]:
    """The record's spans in stepping order: each fragment, then the cue and the mention
    when the record has them."""
    refs = [SpanRef(SpanRole.CONTENT, i) for i in range(len(attribution.fragments))]
    if attribution.cue is not None:
        refs.append(CUE)
    if attribution.speaker is not None:
        refs.append(SPEAKER)
    return refs


def span_of(attribution: Attribution, ref: SpanRef) -> Span | None:
    """The span ``ref`` names in ``attribution`` (None if the record has no such span)."""
    if ref.role is SpanRole.CUE:
        return attribution.cue
    if ref.role is SpanRole.SPEAKER:
        return attribution.speaker
    if 0 <= ref.index < len(attribution.fragments):
        return attribution.fragments[ref.index]
    return None


def ref_at(attribution: Attribution, offset: int) -> SpanRef | None:
    """The span of the record that holds character ``offset``: cue and mention first
    (they are short and may sit inside the content), then the fragments."""
    for ref in (CUE, SPEAKER, *span_refs(attribution)):
        span = span_of(attribution, ref)
        if span is not None and span.contains(offset):
            return ref
    return None


def step_ref(attribution: Attribution, ref: SpanRef | None, step: int) -> SpanRef:
    """The span after (``step`` = 1) or before (-1) ``ref``, wrapping around."""
    refs = span_refs(attribution)
    if ref not in refs:
        return refs[0]
    return refs[(refs.index(ref) + step) % len(refs)]


def merge_fragments(fragments: list[Span]) -> tuple[Span, ...]:
    """``fragments`` sorted, with overlapping or touching ones merged into one."""
    merged: list[Span] = []
    for span in sorted(fragments):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def replace_span(attribution: Attribution, ref: SpanRef, span: Span) -> tuple[Attribution, SpanRef]:
    """The record with the span ``ref`` replaced by ``span``, and the ref that now names it.

    A fragment may move over its neighbours: they are merged with it, and the ref
    returned points at the merged fragment. Replacing the cue or the mention of a
    record without one sets it.
    """
    if ref.role is SpanRole.CUE:
        return attribution.with_changes(cue=span), CUE
    if ref.role is SpanRole.SPEAKER:
        return attribution.with_changes(speaker=span), SPEAKER
    fragments = list(attribution.fragments)
    if 0 <= ref.index < len(fragments):
        fragments[ref.index] = span
    else:
        fragments.append(span)
    merged = merge_fragments(fragments)
    index = next(i for i, f in enumerate(merged) if f.start <= span.start < f.end)
    return attribution.with_changes(fragments=merged), SpanRef(SpanRole.CONTENT, index)


def add_fragment(attribution: Attribution, span: Span) -> tuple[Attribution, SpanRef]:
    """The record with ``span`` added to its content, and the ref of the fragment
    that holds it (merged with any fragment it overlaps or touches)."""
    return replace_span(attribution, SpanRef(SpanRole.CONTENT, len(attribution.fragments)), span)


def remove_span(attribution: Attribution, ref: SpanRef) -> Attribution:
    """The record without the span ``ref``.

    :raises ValueError: when ``ref`` is the record's only fragment (a quotation
        needs content; reject the record instead).
    """
    if ref.role is SpanRole.CUE:
        return attribution.with_changes(cue=None)
    if ref.role is SpanRole.SPEAKER:
        return attribution.with_changes(speaker=None)
    if len(attribution.fragments) <= 1:
        raise ValueError("a quotation needs at least one fragment: reject it instead")
    fragments = tuple(f for i, f in enumerate(attribution.fragments) if i != ref.index)
    return attribution.with_changes(fragments=fragments)
