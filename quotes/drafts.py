"""Drafts: attributions the cue rules propose, and the choice of the outermost ones.

A draft is mutable while the rules work on it (continuation fragments are appended,
participles inherit a speaker); ``quotes.extract`` turns the chosen drafts into
frozen ``Attribution`` objects. Functions here are pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.model import Span


@dataclass
class Draft:
    """A proposed attribution before typing and speaker resolution."""

    fragments: list[Span]
    cue: Span | None
    speaker: Span | None
    rule: str
    confidence: float
    priority: float = 0.0
    unit: int = 0
    unquoted_direct: bool = False
    cue_start: int = 0
    inherits_speaker: bool = False

    @property
    def start(self) -> int:
        """Where the content begins."""
        return self.fragments[0].start

    @property
    def end(self) -> int:
        """Where the content ends."""
        return self.fragments[-1].end


def choose_outermost(candidates: list[Draft]) -> list[Draft]:
    """The drafts of one unit to keep, best first.

    A draft is dropped when it overlaps a chosen one or holds its cue.
    """
    chosen: list[Draft] = []
    # Outermost first: content before its speaker that holds another cue reports that
    # one too ("The agency met X and cited Y, officials said").
    for draft in sorted(
        candidates, key=lambda d: (-_wrapped_cues(d, candidates), -d.priority, d.cue_start)
    ):
        if any(_conflicts(draft, other) for other in chosen):
            continue
        chosen.append(draft)
    return chosen


def _wrapped_cues(draft: Draft, candidates: list[Draft]) -> int:
    if draft.rule not in {"content-speaker-cue", "content-cue-speaker"}:
        return 0
    return sum(
        1
        for other in candidates
        if other is not draft
        and other.cue is not None
        and any(f.start <= other.cue.start < f.end for f in draft.fragments)
    )


def _conflicts(draft: Draft, other: Draft) -> bool:
    """Whether two drafts share text: content, cue or speaker of one inside the other."""
    mine = _spans_of(draft)
    theirs = _spans_of(other)
    return any(a.overlaps(b) for a in mine for b in theirs)


def _spans_of(draft: Draft) -> list[Span]:
    spans = list(draft.fragments)
    if draft.cue is not None:
        spans.append(draft.cue)
    if draft.speaker is not None and not draft.inherits_speaker:
        spans.append(draft.speaker)
    return spans
