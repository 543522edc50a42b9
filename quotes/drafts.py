"""Drafts: attributions the cue rules propose, and the choice of the outermost ones.

A draft is mutable while the rules work on it (continuation fragments are appended,
participles inherit a speaker); ``quotes.extract`` turns the chosen drafts into
frozen ``Attribution`` objects. Functions here are pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from quotes.model import ContentEdges, Span
from quotes.quotemarks import CURLY_CLOSING, CURLY_OPENING, STRAIGHT


class Rule(StrEnum):
    """The name of each cue rule that proposes drafts.

    The values are the names that exports and the "why highlighted" view show
    (``Attribution.rule``): never change one.
    """

    ACCORDING_TO = "according-to"
    AS_SPEAKER_CUE = "as-speaker-cue"
    ASKED_QUESTION = "asked-question"
    COLON_CLAUSE_QUOTE = "colon-clause-quote"
    COLON_QUOTE = "colon-quote"
    CONTENT_CUE_SPEAKER = "content-cue-speaker"
    CONTENT_SPEAKER_CUE = "content-speaker-cue"
    CUE_SPEAKER_QUOTE = "cue-speaker-quote"
    LABEL_COLON = "label-colon"
    NOUN_CUE = "noun-cue"
    OPENING_PARTICIPLE = "opening-participle"
    PARENTHETICAL_CUE = "parenthetical-cue"
    PARTICIPLE = "participle"
    PASSIVE_COMPLEMENT = "passive-complement"
    PASSIVE_SUBJECT = "passive-subject"
    PASSIVE_THAT = "passive-that"
    QUOTE_CUE_SPEAKER = "quote-cue-speaker"
    QUOTE_SPEAKER_CUE = "quote-speaker-cue"
    SPEAKER_CUE_CONTENT = "speaker-cue-content"
    SPEAKER_CUE_OBJECT = "speaker-cue-object"
    SPEAKER_CUE_QUOTE = "speaker-cue-quote"
    SPEAKER_CUE_THAT = "speaker-cue-that"
    SPLIT_QUOTE = "split-quote"
    UNQUOTED_DIRECT = "unquoted-direct"
    WHAT_SPEAKER_CALLED = "what-speaker-called"


@dataclass
class Draft(ContentEdges):
    """A proposed attribution before typing and speaker resolution."""

    fragments: list[Span]
    cue: Span | None
    speaker: Span | None
    rule: Rule
    confidence: float
    priority: float = 0.0
    unit: int = 0
    unquoted_direct: bool = False
    cue_start: int = 0
    inherits_speaker: bool = False


def choose_outermost(candidates: list[Draft], text: str = "") -> list[Draft]:
    """The drafts of one unit to keep, best first.

    A draft is dropped when it overlaps a chosen one or holds its cue, unless its
    content runs on into the chosen one from before: then it is cut back to the last
    clause boundary before it ("X said C, and Y responded, ..."), when ``text`` is given.
    Two drafts may share their speaker ("X said A and said B").
    """
    if len(candidates) < 2:
        return list(candidates)  # most units: nothing to weigh, nothing to cut
    chosen: list[Draft] = []
    # Outermost first: content before its speaker that holds another cue reports that
    # one too ("The agency met X and cited Y, officials said").
    for draft in sorted(
        candidates, key=lambda d: (-_wrapped_cues(d, candidates), -d.priority, d.cue_start)
    ):
        blocking = [other for other in chosen if _conflicts(draft, other)]
        if blocking and text:
            cut = _cut_before(draft, min(_first_position(other) for other in blocking), text)
            if cut is not None and not any(_conflicts(cut, other) for other in chosen):
                draft = cut
                blocking = []
        if blocking:
            continue
        chosen.append(draft)
    return chosen


def _first_position(draft: Draft) -> int:
    return min(span.start for span in _spans_of(draft))


# Where a cut may end content: a comma, semicolon or dash, maybe before "and"/"but".
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;]|\s[—–-]{1,2}\s)(?:\s*(?:and|but|while|as|when)\b)?\s*$")


def _cut_before(draft: Draft, position: int, text: str) -> Draft | None:
    """``draft`` with its content ending at the clause boundary before ``position``, or
    None when its cue or speaker lie beyond, or too little content would remain."""
    if draft.cue is None or len(draft.fragments) != 1:
        return None
    fragment = draft.fragments[0]
    if not fragment.start < position <= fragment.end:
        return None
    if draft.cue.end > position or (
        draft.speaker is not None and not draft.inherits_speaker and draft.speaker.end > position
    ):
        return None
    head = text[fragment.start : position]
    match = _CLAUSE_BREAK.search(head)
    if match is None:
        return None
    end = fragment.start + match.start()
    if len(text[fragment.start : end].split()) < 3 or _odd_quotes(text[fragment.start : end]):
        return None
    return replace(draft, fragments=[Span(fragment.start, end)])


def _odd_quotes(segment: str) -> bool:
    """Whether a cut would leave a quotation open."""
    # Unlike ``quotemarks.leaves_quotation_open``, a stray closing mark counts too.
    return segment.count(STRAIGHT) % 2 == 1 or segment.count(CURLY_OPENING) != segment.count(
        CURLY_CLOSING
    )


def _wrapped_cues(draft: Draft, candidates: list[Draft]) -> int:
    if draft.rule not in {Rule.CONTENT_SPEAKER_CUE, Rule.CONTENT_CUE_SPEAKER}:
        return 0
    return sum(
        1
        for other in candidates
        if other is not draft
        and other.cue is not None
        and any(f.start <= other.cue.start < f.end for f in draft.fragments)
    )


def _conflicts(draft: Draft, other: Draft) -> bool:
    """Whether two drafts share text: content or cue of one inside the other.

    Speakers may coincide: one mention can say several things.
    """
    mine = _spans_of(draft, with_speaker=not _holds_relative(draft, other))
    theirs = _spans_of(other, with_speaker=not _holds_relative(other, draft))
    if any(a.overlaps(b) for a in draft.fragments for b in theirs):
        return True
    if any(a.overlaps(b) for a in other.fragments for b in mine):
        return True
    return draft.cue is not None and other.cue is not None and draft.cue.overlaps(other.cue)


def _holds_relative(draft: Draft, other: Draft) -> bool:
    """Whether ``other`` (cue and content) lies inside the speaker mention of ``draft``,
    as a relative clause does: "Barkley, who said he votes Democratic, said ..."."""
    speaker = draft.speaker
    return (
        speaker is not None
        and other.cue is not None
        and speaker.start <= other.cue.start
        and all(speaker.start <= f.start and f.end <= speaker.end for f in other.fragments)
    )


def _spans_of(draft: Draft, *, with_speaker: bool = True) -> list[Span]:
    spans = list(draft.fragments)
    if draft.cue is not None:
        spans.append(draft.cue)
    if with_speaker and draft.speaker is not None and not draft.inherits_speaker:
        spans.append(draft.speaker)
    return spans


def spans_of_draft(draft: Draft) -> list[Span]:
    """The content, cue and speaker spans of a draft."""
    spans = list(draft.fragments)
    spans += [s for s in (draft.cue, draft.speaker) if s is not None]
    return spans
