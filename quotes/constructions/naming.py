"""``what he called "a disaster"``, ``which she described as C``: the words named are
reported."""

from __future__ import annotations

import re

from quotes.constructions.context import RuleContext
from quotes.content_bounds import starts_with_opening_mark, trim
from quotes.content_stop import content_stop
from quotes.cues import Cue
from quotes.drafts import Draft, Rule
from quotes.grammar import phrase_end
from quotes.model import Span
from quotes.units import Unit

# Verbs that name a thing ("what he called ...", "which she described as ...").
NAMING = frozenset("call describe term dub label".split())


WHAT_BEFORE = re.compile(
    r"\b(?P<relative>what|which|whom)\s+(?P<who>(?:he|she|they|it|we|i|the\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,2}"
    r"|(?-i:[A-Z])[\w’'.-]*(?:\s+(?-i:[A-Z])[\w’'.-]*){0,3}))\s+(?:(?:has|had|have|once|"
    r"later|now|then|also|"
    r"repeatedly|often)\s+)*$",
    re.IGNORECASE,
)


def draft_what_called(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, naming: re.Match[str]
) -> Draft | None:
    """``what he called "a disaster"``, ``which she described as C``: the words
    named are reported, with the relative word that opens them, in two fragments
    ("what" + "a disaster"): the content may not cover its own cue and speaker."""
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
    named = trim(text, cue_span.end, end)  # "as C" keeps its "as", as the cue does not
    if speaker is None or named is None or named.end <= cue_span.end + 2:
        return None
    relative = Span(naming.start("relative"), naming.end("relative"))
    return Draft([relative, named], cue_span, speaker, Rule.WHAT_SPEAKER_CALLED, 0.6, priority=2)


def naming_before(text: str, cue: Cue, lower: int) -> re.Match[str] | None:
    """The ``what he`` or ``which she`` before a naming cue ("called", "described"),
    at or after ``lower``, or None: ``draft_what_called`` reads the words named."""
    if cue.lemma not in NAMING:
        return None
    return WHAT_BEFORE.search(text, max(lower, cue.start - 50), cue.start)
