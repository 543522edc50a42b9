"""The cue before its speaker: ``"C," said X``, ``C, said X, "D."`` and the fronted
``Said X, who ..., "C."``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.constructions.context import KIND_PRIORITY, RuleContext
from quotes.content_bounds import (
    ends_clause,
    ends_sentence,
    ends_with_clause_comma,
    starts_with_opening_mark,
    trim,
    word_count,
)
from quotes.cues import PHRASE, Cue
from quotes.drafts import Draft, Rule
from quotes.grammar import CLAUSE_KIND, MAX_CIRCUMSTANCE_WORDS, PAST_VERB
from quotes.model import Span
from quotes.quotemarks import QUOTE_MARK
from quotes.speakers.after_cue import find_speaker_after
from quotes.speakers.before_cue import find_speaker_before
from quotes.tokens import PERSONAL_PRONOUNS
from quotes.units import Unit

NEXT_CAPITALIZED = re.compile(r"[^\S\n]+[A-Z][\w’'.-]*")


def with_capitalized_tail(text: str, speaker: Span, limit: int) -> Span:
    """``speaker`` extended over the capitalised words right after it ("Al" of "Al From":
    a surname the mention finder took for a preposition)."""
    end = speaker.end
    while True:
        word = NEXT_CAPITALIZED.match(text, end, limit)
        if word is None:
            return Span(speaker.start, end)
        end = word.end()


# Possessive determiners: they open an object, never an inverted speaker.
POSSESSIVES = frozenset("his her their its our my your".split())


# Words that make a clause of what follows a cue: no speaker mention holds them.
FINITE_WORD = re.compile(
    r"\b(?:would|will|is|are|was|were|has|have|had|could|should|can|may|might|must|"
    r"does|did|won’t|won't|isn’t|isn't|wasn’t|wasn't|(?:do|does|did|are|were|has|have|had|"
    r"could|would|should|ca)n[’']t)\b",
    re.IGNORECASE,
)


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
        Rule.QUOTE_CUE_SPEAKER if quoted else Rule.CONTENT_CUE_SPEAKER,
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
        return Draft([content], cue_span, speaker, Rule.CUE_SPEAKER_QUOTE, 0.8, priority=3.5)
    return None


@dataclass(frozen=True)
class Inversion:
    """What reading a cue as inverted ('"C," said X') found.

    ``decided``: the cue is inverted and ``draft`` (maybe None) is its only draft.
    Otherwise ``speaker`` is the mention before the cue when an apposition rules the
    inversion out ("Name, an apposition, said X"), and ``loose`` an inverted tag whose
    clause the mention finder could not close ('"Q," said Al From, who ...'), to take
    when no mention stands before the cue.
    """

    decided: bool = False
    draft: Draft | None = None
    speaker: Span | None = None
    loose: Span | None = None


# What most cues read as: not inverted, nothing found (shared: the class is frozen, and
# a cue reads its inversion on every draft).
_NOT_INVERTED = Inversion()


def read_inversion(ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, lower: int) -> Inversion:
    """Whether ``cue`` stands before its speaker, after a clause comma or a quotation.

    :param lower: where a speaker mention before the cue may begin.
    """
    text = ctx.text
    # "told" takes its addressee as object, so "..., told X" is never inverted.
    if cue.kind not in (CLAUSE_KIND, PHRASE) or cue.lemma == "tell":
        return _NOT_INVERTED
    if not (
        ends_with_clause_comma(text, unit.start, cue.start)
        or ctx.closes_quotation(unit.start, cue.start)
    ):
        return _NOT_INVERTED
    after_quote = ctx.closes_quotation(unit.start, cue.start, comma=True)
    speaker = find_speaker_after(text, cue_span.end, unit.end)
    if speaker is None or (
        FINITE_WORD.search(text, speaker.start, speaker.end)
        or text[speaker.start : speaker.end].lower() in PERSONAL_PRONOUNS
    ):
        # "The union, in a statement, said the strike would continue", "X, who
        # calls him a "fraud," said he ...": a clause follows the cue, not an
        # inverted speaker (news writes '"...," he said', never 'said he').
        return _NOT_INVERTED
    if after_quote:
        if ends_clause(text, speaker.end, unit.end):
            return Inversion(True, draft_inverted(ctx, unit, cue, cue_span, speaker))
        return Inversion(loose=with_capitalized_tail(text, speaker, unit.end))
    # "Name, an apposition, said X" is not inverted: the name is the speaker.
    before = find_speaker_before(text, lower, cue.start)
    apposition = before is not None and "," in text[before.start : before.end]
    clause = PAST_VERB.search(text, speaker.start, speaker.end)
    # "X, and Y, tweeted their approval": an object, not a speaker.
    first = text[speaker.start : speaker.end].split()[0]
    if (
        not apposition
        and first.lower() not in POSSESSIVES
        and clause is None  # "X, with Y, say Trump's manager yanked her"
        and ends_sentence(text, speaker.end, unit.end)
    ):
        return Inversion(True, draft_inverted(ctx, unit, cue, cue_span, speaker))
    return Inversion(speaker=before)
