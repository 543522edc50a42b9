"""Nouns of speech: ``his claim that C``, ``Obama's call for C``, ``the question of
whether C``; the possessor, if any, speaks."""

from __future__ import annotations

import re

from quotes.constructions.context import RuleContext
from quotes.content_bounds import (
    skip_adverbials,
    starts_with_infinitive,
    trim,
    word_count,
)
from quotes.content_stop import content_stop
from quotes.cues import Cue
from quotes.drafts import Draft, Rule
from quotes.model import Span
from quotes.speakers.before_cue import find_speaker_before
from quotes.units import Unit

# The possessor before a noun of speech: "Obama's", "George Will’s earlier", "his".
POSSESSOR = re.compile(
    r"(?:(?P<mark>['’]s)|\b(?P<pronoun>his|her|their|its|my|our|your))"
    r"(?:\s+(?-i:[a-z]+)){0,2}\s+$",
    re.IGNORECASE,
)

DETERMINED = re.compile(r"\b(?:the|a|an|this|that|these|those)(?:\s+(?-i:[a-z-]+)){0,2}\s+$", re.I)

NOUNS_NEEDING_POSSESSOR = frozenset(
    "attack attacks question questions charge charges praise argument arguments threat "
    "threats demand demands call calls".split()
)

RELATIVE_THAT = re.compile(
    r"\s+(?:is|was|are|were|has|had|have|would|will|could|can|(?-i:[a-z]+ed))\b", re.I
)

NOMINAL_LINK = re.compile(r"\s*(that|for|about|on|of|to|against|:)(?=\s)", re.IGNORECASE)

NOUN_PHRASE_END = re.compile(
    r",|;|\s[—–-]{1,2}\s|\s\(|\s(?:is|are|was|were|has|have|had|will|would|could|should|"
    r"can|may|might|came|comes|remains?|seems?|appears?|drew|draws|did|does|do)\b"
)


SINGULAR_STARTS = frozenset("a an this each every he she it".split())


def agrees(text: str, cue: Cue, speaker: Span) -> bool:
    """Whether a base-form cue can have this subject: "a new report" is no speaker of
    "report", and "the state" none of "state" (the cue is a noun there)."""
    form = text[cue.start : cue.end].lower()
    if form != cue.lemma or " " in form:
        return True
    words = text[speaker.start : speaker.end].lower().split()
    # "A strong majority of voters say" agrees; "a new report" does not.
    return words[0] not in SINGULAR_STARTS or len(words) > 3 or "of" in words


def draft_nominal(ctx: RuleContext, unit: Unit, cue: Cue) -> Draft | None:
    """``his claim that C``, ``Obama's call for C``, ``the question of whether C``:
    a noun of speech; its possessor, if any, speaks."""
    text = ctx.text
    position = skip_adverbials(text, cue.end, unit.end)
    link = NOMINAL_LINK.match(text, position, unit.end)
    if link is None:
        return None
    before = text[max(unit.start, cue.start - 60) : cue.start]
    possessor = POSSESSOR.search(before)
    speaker: Span | None = None
    if possessor is not None:
        offset = cue.start - len(before)
        if possessor.group("pronoun"):
            speaker = Span(offset + possessor.start("pronoun"), offset + possessor.end("pronoun"))
        else:
            mark = offset + possessor.start("mark")
            name = find_speaker_before(text, ctx.lower_bound(unit, mark), mark)
            if name is not None:
                speaker = Span(name.start, offset + possessor.end("mark"))
    elif not DETERMINED.search(before):
        return None  # "X attacks Y" with no subject found, not a noun
    if speaker is None and cue.lemma in NOUNS_NEEDING_POSSESSOR:
        return None  # "the attack on the embassy", "questions about the budget"
    word = link.group(1).lower()
    if word == "to" and not starts_with_infinitive(text, link.start(1), unit.end):
        return None
    if word == "that" and RELATIVE_THAT.match(text, link.end(), unit.end):
        return None  # "a claim that originated in ...": a relative clause
    start = link.start(1) if word in {"that", "to"} else link.end()
    end = content_stop(text, start, unit.end)
    if word == "to":
        comma = text.find(",", start, end)
        end = comma if comma > 0 else end
    elif word not in {"that", ":"}:
        # A noun phrase ends where the sentence's own verb begins.
        stop = NOUN_PHRASE_END.search(text, start, end)
        end = stop.start() if stop else end
    content = trim(text, start, end)
    if content is None or word_count(text, content.start, content.end) < 2:
        return None
    return Draft([content], Span(cue.start, cue.end), speaker, Rule.NOUN_CUE, 0.5, priority=1)
