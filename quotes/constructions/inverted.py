"""The cue before its speaker: ``"C," said X``, ``C, said X, "D."`` and the fronted
``Said X, who ..., "C."``."""

from __future__ import annotations

from quotes.constructions.context import KIND_PRIORITY, RuleContext
from quotes.cues import Cue
from quotes.drafts import Draft
from quotes.grammar import MAX_CIRCUMSTANCE_WORDS, QUOTE_MARK
from quotes.indirect import starts_with_opening_mark, trim, word_count
from quotes.model import Span
from quotes.speakers import find_speaker_after
from quotes.units import Unit


def draft_inverted(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, speaker: Span
) -> Draft | None:
    """``"C," said X`` and ``C, said X, "D."``."""
    text = ctx.text
    content = trim(text, unit.start, cue.start)
    if content is None:
        return None
    fragments = [content]
    rest = text.find(",", speaker.end, unit.end)
    if rest >= 0 and starts_with_opening_mark(text, rest + 1, unit.end):
        second = trim(text, rest + 1, unit.end)
        if second is not None:
            fragments.append(second)
    elif ctx.is_quoted(content):
        fragments += ctx.trailing_quotation(unit, speaker.end)
    quoted = ctx.is_quoted(content)
    return Draft(
        fragments,
        cue_span,
        speaker,
        "quote-cue-speaker" if quoted else "content-cue-speaker",
        0.9 if quoted else 0.75,
        priority=KIND_PRIORITY[cue.kind] + (0.5 if quoted else 0),
    )


def draft_fronted(ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span) -> Draft | None:
    """``Said Dora Lind, who grew up there, "We were proud of him."``: the cue opens
    the sentence, its speaker follows, and a quotation after a comma closes it."""
    text = ctx.text
    speaker = find_speaker_after(text, cue_span.end, unit.end)
    if speaker is None:
        return None
    for quotation in ctx.quotes.within(speaker.end, unit.end):
        if quotation.start < speaker.end:
            continue
        lead = text[speaker.end : quotation.start]
        if not lead.rstrip().endswith((",", ":")) or QUOTE_MARK.search(lead):
            return None
        if word_count(text, speaker.end, quotation.start) > MAX_CIRCUMSTANCE_WORDS:
            return None
        content = trim(text, quotation.start, unit.end)
        if content is None or not ctx.is_quoted(content):
            return None
        speaker = trim(text, speaker.start, quotation.start) or speaker
        return Draft([content], cue_span, speaker, "cue-speaker-quote", 0.8, priority=3.5)
    return None
