"""``what he called "a disaster"``, ``which she described as C``: the words named are
reported."""

from __future__ import annotations

import re

from quotes.constructions.context import RuleContext
from quotes.cues import Cue
from quotes.drafts import Draft
from quotes.grammar import phrase_end
from quotes.indirect import content_stop, starts_with_opening_mark, trim
from quotes.model import Span
from quotes.units import Unit


def draft_what_called(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, naming: re.Match[str]
) -> Draft | None:
    """``what he called "a disaster"``, ``which she described as C``: the words
    named are reported, with the relative word that opens them."""
    text = ctx.text
    speaker = trim(text, naming.start("who"), naming.end("who"))
    start = cue_span.end
    if text.startswith(" as ", start):
        start += 3
    if starts_with_opening_mark(text, start, unit.end):
        end = ctx.quotation_end(start, unit.end)
        inside = ctx.quotes.within(start, end)
        end = inside[0].end if inside else end
    else:
        end = phrase_end(text, start, content_stop(text, start, unit.end))
        inside = ctx.quotes.within(start, end)
        if inside and inside[0].start >= start:
            # 'what he called his own "October Surprise" last week': to the close.
            end = inside[0].end
    content = trim(text, naming.start(), end)
    if speaker is None or content is None or content.end <= cue_span.end + 2:
        return None
    return Draft([content], cue_span, speaker, "what-speaker-called", 0.6, priority=2)
