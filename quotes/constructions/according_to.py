"""``According to X, C``, ``C, according to X`` and ``A, according to X, B``."""

from __future__ import annotations

from quotes.constructions.context import KIND_CONFIDENCE, KIND_PRIORITY, RuleContext
from quotes.content_bounds import (
    ends_with_clause_comma,
    has_words,
    source_end,
    trim,
    without_intro,
    word_count,
)
from quotes.cues import ACCORDING, Cue
from quotes.drafts import Draft, Rule
from quotes.model import Span
from quotes.units import Unit


def draft_according_to(ctx: RuleContext, unit: Unit, cue: Cue) -> Draft | None:
    """``According to X, C``, ``C, according to X`` and ``A, according to X, B``."""
    text = ctx.text
    boundary = source_end(text, cue.end, unit.end)
    speaker = trim(text, cue.end, boundary)
    if speaker is None or word_count(text, speaker.start, speaker.end) > 15:
        return None
    leading = word_count(text, unit.start, cue.start)
    following = trim(text, boundary, unit.end)
    if leading <= 2:
        fragments = [following] if following is not None else []
    else:
        before = trim(text, unit.start, cue.start)
        before = without_intro(text, before) if before is not None else None
        fragments = [before] if before is not None else []
        # "Over the long term, according to X, the rise ...": content on both sides.
        if (
            following is not None
            and text[boundary : boundary + 1] == ","
            and ends_with_clause_comma(text, unit.start, cue.start)
            and has_words(text, following.start, following.end, 3)
        ):
            fragments.append(following)
    if not fragments:
        return None
    return Draft(
        fragments,
        Span(cue.start, cue.end),
        speaker,
        Rule.ACCORDING_TO,
        KIND_CONFIDENCE[ACCORDING],
        priority=KIND_PRIORITY[ACCORDING],
    )
