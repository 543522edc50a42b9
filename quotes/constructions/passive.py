"""Passive cues: ``It was announced that C``, ``The plan was rejected by X``, ``X is
said to C``, ``X was criticized for C``."""

from __future__ import annotations

import re

from quotes.constructions.context import RuleContext
from quotes.content_bounds import (
    content_after,
    skip_adverbials,
    starts_with_infinitive,
    trim,
    without_intro,
    word_count,
)
from quotes.cues import Cue
from quotes.drafts import Draft, Rule
from quotes.grammar import BE_FINITE, BE_NONFINITE, OBJECT_KIND, any_of
from quotes.model import Span
from quotes.units import Unit

# What a passive verb of judgement was for: "criticized for", "accused of", "charged with".
PASSIVE_COMPLEMENT = re.compile(r"(?:for|of|with|as)\s", re.IGNORECASE)

HEARSAY = frozenset("say report allege claim rumor".split())

# Where a passive's subject ends: before its auxiliaries ("will not be", "has been").
SUBJECT_END = re.compile(
    r"\s+(?:(?:will|would|could|should|can|may|might|must|has|have|had|not|never|also|"
    r"(?-i:[a-z]+ly))\s+)*(?:is|are|was|were|been|be|being)\b|$",
    re.IGNORECASE,
)

# The agent of a passive: "by a Post reporter", up to punctuation or a clause word.
AGENT = re.compile(r"\s*by\s+((?:(?!that\b|who\b|which\b|to\b)[^,;:.!?\"“”()])+)", re.I)


# A form of "be" before a passive cue: "was announced", "has been widely criticized".
PASSIVE_BE = re.compile(
    rf"\b{any_of((*BE_FINITE, *BE_NONFINITE))}(?:\s+(?:not|never|also|later|first|widely|"
    r"(?-i:[a-z]+ly)))*\s+$",
    re.IGNORECASE,
)


def draft_passive(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, lower: int, be_start: int
) -> Draft | None:
    """``It was announced that C``, ``The plan was rejected by X``, ``X is said to
    C``: a passive cue; the agent after "by", if any, speaks.

    A "that" clause is the content; otherwise the subject is what was said, and an
    infinitive after the cue joins it ("The senator is said to have left").
    """
    text = ctx.text
    if text[cue.start : cue.end].lower().endswith("ing"):
        return None
    position = skip_adverbials(text, cue_span.end, unit.end)
    agent_match = AGENT.match(text, position, unit.end)
    agent = None
    if agent_match is not None:
        agent = trim(text, agent_match.start(1), agent_match.end(1))
        position = skip_adverbials(text, agent_match.end(), unit.end)
    start, that = content_after(text, position, unit.end)
    if that:
        content = trim(text, start, ctx.content_end(unit, start))
        rule = Rule.PASSIVE_THAT
    else:
        # "X is said to have left" reports hearsay; "was estimated to cost" does not.
        infinitive = cue.lemma in HEARSAY and starts_with_infinitive(text, start, unit.end)
        if (
            agent is None
            and cue.kind == OBJECT_KIND
            and PASSIVE_COMPLEMENT.match(text, start, unit.end) is not None
        ):
            # "Mr. Reagan was criticized for trading a spy": the subject and what it
            # was criticized for are the content.
            return _draft_with_complement(ctx, unit, cue_span, lower, be_start, start)
        if agent is None and not infinitive:
            return None  # "Assange was not charged": too often no speech at all
        subject = without_intro(text, trim(text, lower, be_start) or Span(lower, be_start))
        if subject.start >= be_start or word_count(text, subject.start, be_start) > 15:
            return None
        auxiliaries = SUBJECT_END.search(text, subject.start, cue.start)
        content = trim(text, subject.start, auxiliaries.start() if auxiliaries else be_start)
        rule = Rule.PASSIVE_SUBJECT
        if infinitive:
            # "X is said to have left": the subject and the infinitive, two fragments
            # (the content may not cover its own cue).
            tail = trim(text, start, ctx.content_end(unit, start))
            if content is None or tail is None:
                return None
            return Draft([content, tail], cue_span, agent, rule, 0.5, priority=1)
    if content is None or (
        rule == Rule.PASSIVE_THAT and word_count(text, content.start, content.end) < 3
    ):
        return None
    return Draft([content], cue_span, agent, rule, 0.5, priority=1)


def _draft_with_complement(
    ctx: RuleContext, unit: Unit, cue_span: Span, lower: int, be_start: int, start: int
) -> Draft | None:
    """``X was criticized for C``: the subject and the complement, two fragments."""
    text = ctx.text
    subject = without_intro(text, trim(text, lower, be_start) or Span(lower, be_start))
    if subject.start >= be_start or word_count(text, subject.start, be_start) > 8:
        return None
    auxiliaries = SUBJECT_END.search(text, subject.start, cue_span.start)
    head = trim(text, subject.start, auxiliaries.start() if auxiliaries else be_start)
    tail = trim(text, start, ctx.content_end(unit, start))
    if head is None or tail is None or word_count(text, tail.start, tail.end) < 2:
        return None
    return Draft([head, tail], cue_span, None, Rule.PASSIVE_COMPLEMENT, 0.45, priority=1)
