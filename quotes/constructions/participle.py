"""Participles: ``..., adding that C`` and ``..., citing X`` (the main clause's subject
speaks), and ``Noting C, X said ...`` (the subject after the comma speaks)."""

from __future__ import annotations

import re

from quotes.constructions.context import KIND_PRIORITY, RuleContext
from quotes.content_bounds import (
    content_after,
    skip_adverbials,
    starts_with_infinitive,
    starts_with_opening_mark,
    starts_with_preposition,
    trim,
    word_count,
)
from quotes.cues import PHRASE, Cue
from quotes.drafts import Draft, Rule
from quotes.grammar import (
    CLAUSE_KIND,
    CLAUSE_SUBJECTS,
    FINITE_SOON,
    OBJECT_KIND,
    after_comma,
    phrase_end,
)
from quotes.model import Span
from quotes.quotemarks import leaves_quotation_open
from quotes.speakers.after_cue import find_speaker_after, find_subject
from quotes.tokens import first_word
from quotes.units import Unit

# A participle that opens its sentence ("Noting ...", "In rejecting ...", "While saying").
PARTICIPLE_OPENING = re.compile(
    r"\W*(?:(?:but|and|yet)\s+)?(?:(?:in|by|while|after|before|when|without|upon|since)\s+)?",
    re.IGNORECASE,
)


# Words that put a participle under the sentence's subject: "by saying", "while arguing".
PARTICIPLE_LEAD = re.compile(
    r"\b(?:by|while|in|of|from|after|before|without|also|even|then|and)\s+$", re.IGNORECASE
)


WORD_SPAN = re.compile(r"[\w’'.-]+")


VERB_OBJECT_STARTS = frozenset(
    "the a an his her their its this that these those him them it he she they".split()
)


def noun_phrase_at(text: str, start: int, limit: int) -> Span | None:
    """The noun phrase that opens ``text[start:limit]`` ("the council" of "the council
    delayed the vote"): it ends before a lower-case word that a determiner, pronoun or
    "that" follows, or before a past-tense verb."""
    phrase = find_speaker_after(text, start, limit)
    if phrase is None:
        return None
    words = list(WORD_SPAN.finditer(text, phrase.start, phrase.end))
    for index in range(1, len(words)):
        word = words[index].group()
        if not word.islower():
            continue
        following = words[index + 1].group().lower() if index + 1 < len(words) else ""
        if following in VERB_OBJECT_STARTS or word.endswith("ed"):
            return trim(text, phrase.start, words[index].start()) or phrase
    return phrase


ARTICLES = frozenset("the a an".split())

# Verbs whose object is not what was said ("shouting profanities", "tweeting a video").
NO_OBJECT_CONTENT = frozenset(
    "continue shout yell cry whisper mutter tweet write post answer respond reply joke "
    "hint signal defend".split()
)

CONJUNCTIONS = frozenset("and or but nor as while".split())


def draft_opening_participle(ctx: RuleContext, unit: Unit, cue: Cue) -> Draft | None:
    """``Noting C, X said ...``, ``In rejecting C, the court ...``: the participle's
    content runs to the first comma; the subject after it speaks."""
    if cue.kind not in (CLAUSE_KIND, PHRASE, OBJECT_KIND):
        return None
    text = ctx.text
    start, _that = content_after(text, skip_adverbials(text, cue.end, unit.end), unit.end)
    comma = start
    while True:
        comma = text.find(",", comma, unit.end)
        if comma < 0:
            return None
        if not leaves_quotation_open(text[start:comma]):
            break
        comma += 1
    content = trim(text, start, comma)
    speaker = noun_phrase_at(text, comma + 1, unit.end)
    if content is None or speaker is None or word_count(text, start, comma) < 2:
        return None
    return Draft(
        [content], Span(cue.start, cue.end), speaker, Rule.OPENING_PARTICIPLE, 0.55, priority=2
    )


def draft_participle(ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span) -> Draft | None:
    """``..., adding that C``: the speaker is the subject of the main clause.

    ``..., citing X`` and ``..., calling X a Y`` report their object; such drafts
    get a lower confidence than those with a reported clause.
    """
    if cue.kind not in (CLAUSE_KIND, PHRASE, OBJECT_KIND):
        return None
    position = skip_adverbials(ctx.text, cue_span.end, unit.end)
    start, that = content_after(ctx.text, position, unit.end)
    first = first_word(ctx.text, start, unit.end)
    confidence = 0.6
    if cue.kind == OBJECT_KIND or not (
        that
        or cue.lemma == "say"
        or ctx.text[position:start].strip().startswith(":")
        or starts_with_opening_mark(ctx.text, start, unit.end)
        # "claiming he could win": a clause with its own subject.
        or (first is not None and first.lower in CLAUSE_SUBJECTS)
        or FINITE_SOON.match(ctx.text, start, unit.end) is not None
    ):
        # "citing low growth", "calling it a mistake": the object is what is
        # reported, weaker evidence than a clause.
        if (
            first is None
            or not first.is_word
            or first.lower in CONJUNCTIONS
            or cue.lemma in NO_OBJECT_CONTENT
            or (
                starts_with_preposition(ctx.text, start, unit.end)
                and not starts_with_infinitive(ctx.text, start, unit.end)
            )
        ):
            return None
        confidence = 0.45
    end = ctx.content_end(unit, start)
    if starts_with_opening_mark(ctx.text, start, unit.end):
        # 'chanting "No more wars," raising ...': the quotation is what was said.
        end = min(end, ctx.quotation_end(start, unit.end))
    elif not after_comma(ctx.text, unit.start, cue.start):
        # "by denying X, the governor ...": a participle after a preposition ends at
        # the comma, unless a quotation follows it ('by telling her, "..."').
        end = min(end, phrase_end(ctx.text, start, end))
    else:
        # "Mr. Biden, recalling their breakfasts, described himself as ...": a
        # participle set off by commas ends where the main reporting verb comes back.
        end = ctx.main_verb_comeback(start, end)
    content = trim(ctx.text, start, end)
    if content is None or word_count(ctx.text, content.start, content.end) < 2:
        return None
    # The subject of the main clause speaks, unless a cue of the unit names one.
    subject = find_subject(ctx.text, unit.start, cue.start)
    if subject is not None and ctx.text[subject.start : subject.end].lower() in ARTICLES:
        # find_subject stops at a lower-case noun: "The mayor opened ...".
        subject = noun_phrase_at(ctx.text, subject.start, cue.start)
    return Draft(
        [content],
        cue_span,
        subject,
        Rule.PARTICIPLE,
        confidence,
        priority=KIND_PRIORITY.get(cue.kind, 1) - 1,
        inherits_speaker=True,
    )


def opens_with_participle(text: str, unit: Unit, cue: Cue) -> bool:
    """Whether the participle ``cue`` opens its sentence ("Noting ...", "In rejecting
    ..."): ``draft_opening_participle`` reads it."""
    return cue.participle and PARTICIPLE_OPENING.fullmatch(text, unit.start, cue.start) is not None


def is_participle_clause(text: str, unit: Unit, cue: Cue) -> bool:
    """Whether the participle ``cue`` falls under the sentence's subject ("..., adding
    that", "began by saying", "while arguing"): ``draft_participle`` reads it."""
    return cue.participle and (
        after_comma(text, unit.start, cue.start)
        or PARTICIPLE_LEAD.search(text, max(unit.start, cue.start - 12), cue.start) is not None
    )
