"""The speaker before the cue: ``X said (that) C``, ``X said, "C"``, ``"C," X said``,
``"A," X said, "B."``, ``C, X added.``, ``X told Y C`` and unquoted direct speech
(``X said, Terrorism is ...``).

``draft_speaker_first`` runs in named stages: the words before the speaker
(``_prefix_content``), the start of the words after the cue (``_rest_start``), the
fragments by what follows the cue, and the checks that reject a draft by its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.constructions.context import KIND_CONFIDENCE, KIND_PRIORITY, RuleContext
from quotes.constructions.speaker_first_patterns import (
    ADDRESSEE_BEFORE_QUESTION,
    AS_BEFORE,
    AS_INSIDE,
    AS_OPENING,
    ASIDE_THAT,
    CIRCUMSTANCE_STARTS,
    CUE_BEFORE_QUOTE,
    INFINITIVE_CONTENT,
    LATE_PRONOUN_CLAUSE,
    NEGATED_BEFORE,
    OBJECT_INFINITIVE,
    TOPIC_PREPOSITION,
    after_colon,
    is_clause_before,
    is_passive,
    is_sentence_adverb,
    is_title,
    quotation_after_circumstance,
    takes_no_object_content,
)
from quotes.content_bounds import (
    content_after,
    ends_with_clause_comma,
    has_words,
    is_intro_phrase,
    is_question_clause,
    is_subordinate_clause,
    skip_adverbials,
    skip_spaces,
    skip_told_object,
    starts_with_infinitive,
    starts_with_opening_mark,
    starts_with_preposition,
    trim,
    without_intro,
    word_count,
)
from quotes.cues import PHRASE, Cue
from quotes.drafts import Draft, Rule
from quotes.grammar import (
    BELIEF_KIND,
    CLAUSE_KIND,
    FINITE_SOON,
    LATE_THAT,
    OBJECT_KIND,
)
from quotes.model import Span
from quotes.tokens import SENTENCE_OPENERS, first_word
from quotes.units import Unit


@dataclass
class _Sentence:
    """What the stages know of one cue's sentence before its fragments are chosen."""

    unit: Unit
    cue: Cue
    cue_span: Span
    speaker: Span
    # The words before the speaker (only the quotation after a colon, if one ends there).
    prefix: Span | None
    prefix_quoted: bool
    # The prefix when it is content of this cue, else empty.
    before: list[Span]
    # Where the words after the cue begin, past adverbials, a told object and a
    # circumstance that a clause follows.
    rest_start: int

    @property
    def clause_kind(self) -> bool:
        """Whether the cue takes a clause (a verb or a phrase of speech)."""
        return self.cue.kind in (CLAUSE_KIND, PHRASE)


@dataclass
class _Reading:
    """The fragments a sentence reports and how the draft is judged."""

    fragments: list[Span]
    rule: Rule
    confidence: float
    priority: float
    unquoted: bool = False


def draft_speaker_first(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, speaker: Span
) -> Draft | None:
    """``X said (that) C``, ``X said, "C"``, ``"C," X said``, ``C, X added.``"""
    prefix, prefix_quoted, before = _prefix_content(ctx, unit, speaker)
    sentence = _Sentence(
        unit,
        cue,
        cue_span,
        speaker,
        prefix,
        prefix_quoted,
        before,
        _rest_start(ctx, unit, cue, cue_span),
    )
    reading = _read_fragments(ctx, sentence)
    if reading is None or _rejected(ctx, sentence, reading):
        return None
    return Draft(
        reading.fragments,
        cue_span,
        speaker,
        reading.rule,
        reading.confidence,
        priority=reading.priority,
        unquoted_direct=reading.unquoted,
    )


def _prefix_content(
    ctx: RuleContext, unit: Unit, speaker: Span
) -> tuple[Span | None, bool, list[Span]]:
    """Stage 1: the words before the speaker, whether they are quoted, and (as a list of
    at most one span) the part of them this cue reports."""
    text = ctx.text
    prefix = trim(text, unit.start, speaker.start)
    if prefix is not None:
        prefix = after_colon(ctx, prefix)
    prefix_quoted = prefix is not None and ctx.is_quoted(prefix)
    prefix_clause = (
        prefix is not None
        and (
            ends_with_clause_comma(text, unit.start, speaker.start)
            # '"A battle of niches" Grubbs said': a quotation without its comma.
            or (prefix_quoted and ctx.closes_quotation(unit.start, speaker.start))
        )
        and has_words(text, prefix.start, prefix.end, 1)
        and not (is_intro_phrase(text, prefix) and word_count(text, prefix.start, prefix.end) < 6)
    )
    if (
        prefix_clause
        and prefix_quoted
        and ctx.holds_cue(ctx.lower_bound(unit, speaker.start), speaker.start)
    ):
        # '"A," said Beck, who said B': the words before belong to another cue.
        prefix_clause = False
    if prefix_clause and prefix_quoted and prefix is not None:
        # 'When someone shouted, "Cruz," Beck joked, "B."': the cue right before the
        # first quotation introduces it; Beck's words start after his cue.
        lead = CUE_BEFORE_QUOTE.search(text, max(unit.start, prefix.start - 30), prefix.start)
        if lead is not None and ctx.holds_cue(lead.start(), lead.end()):
            prefix_clause = False
    before = [without_intro(text, prefix)] if prefix_clause and prefix is not None else []
    return prefix, prefix_quoted, before


def _rest_start(ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span) -> int:
    """Stage 2: where the words after the cue begin."""
    text = ctx.text
    position = skip_adverbials(text, cue_span.end, unit.end)
    if cue.lemma == "tell" and cue.kind != PHRASE:
        position = skip_adverbials(text, skip_told_object(text, position, unit.end), unit.end)
    # Skipped in place: stripping a copy of the rest of the unit cost a copy per cue.
    rest_start = skip_spaces(text, min(position, unit.end), unit.end)
    if not starts_with_preposition(text, rest_start, unit.end):
        return rest_start
    # "said in a recent interview with the paper that ...": skip to the clause.
    late_that = LATE_THAT.match(text, rest_start, unit.end)
    if late_that is not None and late_that.group(1).lower() in CIRCUMSTANCE_STARTS:
        return late_that.end() - 4
    if (
        (topic := TOPIC_PREPOSITION.match(text, rest_start))
        and (cue.kind == PHRASE or topic.group(1).lower() == "about")
        # 'said about the rules, "..."': the quotation is the content.
        and quotation_after_circumstance(ctx, unit, cue, rest_start) is None
    ):
        # "spoke out Tuesday about the shooting", "brags about his debates":
        # the topic follows.
        return topic.end()
    late_clause = LATE_PRONOUN_CLAUSE.match(text, rest_start, unit.end)
    if late_clause is not None and late_clause.group(1).lower() in CIRCUMSTANCE_STARTS:
        # "has said for weeks he's the only candidate ...": a clause with a
        # pronoun subject after a short circumstance.
        return late_clause.end()
    return rest_start


def _read_fragments(ctx: RuleContext, s: _Sentence) -> _Reading | None:
    """Stage 3: the fragments, chosen by what follows the cue; None rejects the draft."""
    text, unit, cue, rest_start = ctx.text, s.unit, s.cue, s.rest_start
    rest = text[rest_start : unit.end]
    kind = cue.kind
    reading = _Reading(
        [], Rule.SPEAKER_CUE_CONTENT, KIND_CONFIDENCE[kind], float(KIND_PRIORITY[kind])
    )
    quote_follows = starts_with_opening_mark(text, rest_start, unit.end) or (
        rest[:1] in {",", ":"} and starts_with_opening_mark(text, rest_start + 1, unit.end)
    )
    if not quote_follows and s.clause_kind:
        late = quotation_after_circumstance(ctx, unit, cue, rest_start)
        if late is not None:
            # 'said of the senator, "..."', 'asked the crowd, "..."'.
            rest_start, quote_follows = late, True
    if quote_follows:
        return _read_quotation(ctx, s, reading, rest_start, colon=rest[:1] == ":")
    if s.prefix_quoted and s.before:
        # '"C," X said on Monday at the rally.': what follows the cue is circumstance,
        # up to a quotation that continues the first ('... said. "D."').
        reading.fragments = s.before + ctx.trailing_quotation(unit, s.cue_span.end)
        reading.rule = Rule.QUOTE_SPEAKER_CUE
        reading.confidence = max(reading.confidence, 0.9)
        reading.priority += 0.5
        return reading
    if kind == OBJECT_KIND:
        if rest[:1] in {",", ".", ";", ":", ""} or starts_with_preposition(
            text, rest_start, unit.end
        ):
            return None
        reading.fragments = _content_from(ctx, unit, rest_start)
        reading.rule = Rule.SPEAKER_CUE_OBJECT
        return reading
    if rest.startswith(":"):
        reading.fragments = _content_from(ctx, unit, rest_start + 1)
        return reading
    if re.match(r",\s*that\b", rest) or ASIDE_THAT.match(rest):
        # "He said, however, that ...": the parenthetical is skipped.
        aside = ASIDE_THAT.match(rest)
        start = rest_start + aside.end() - 4 if aside else rest_start
        start, _that = content_after(text, start, unit.end)
        reading.fragments = _content_from(ctx, unit, start)
        reading.rule = Rule.SPEAKER_CUE_THAT
        return reading
    if rest.startswith(","):
        return _read_after_comma(ctx, s, reading)
    if _clause_follows(ctx, s, rest):
        return _read_clause(ctx, s, reading)
    if (
        not s.prefix_quoted
        and rest[:1].isalnum()
        and not is_subordinate_clause(text, rest_start, unit.end)
        and not starts_with_preposition(text, rest_start, unit.end)
        and not starts_with_infinitive(text, rest_start, unit.end)
    ):
        # "Mining companies declared bankruptcy": the cue has its own object, so the
        # words before the speaker are not what was said.
        return None
    reading.fragments = s.before
    reading.rule = Rule.QUOTE_SPEAKER_CUE if s.prefix_quoted else Rule.CONTENT_SPEAKER_CUE
    as_said = None if s.before else AS_BEFORE.search(text, unit.start, s.speaker.start)
    if as_said is not None:
        # "It does not say whether he had a gun, as police have said.": the
        # clause before ", as" is reported.
        head = trim(text, unit.start, as_said.start())
        reading.fragments = [without_intro(text, head)] if head is not None else []
    return reading


def _content_from(ctx: RuleContext, unit: Unit, start: int) -> list[Span]:
    """The content from ``start`` to its end (``RuleContext.content_end``), if any."""
    after = trim(ctx.text, start, ctx.content_end(unit, start))
    return [after] if after is not None else []


def _read_quotation(
    ctx: RuleContext, s: _Sentence, reading: _Reading, start: int, *, colon: bool
) -> _Reading:
    """A quotation follows the cue at ``start`` (after a colon when ``colon``)."""
    text, unit, before = ctx.text, s.unit, s.before
    after = trim(text, start, ctx.quotation_end(start, unit.end))
    # Only a quotation before the speaker joins ("A," she said, "B."); other words
    # there open the sentence ("According to a statement, X said, "B."").
    # A short subject joins too ("That, he said, "would help."").
    # A colon introduces a quotation whole: "Surveying X, Y concludes: "..."".
    if not s.prefix_quoted and not (
        before
        and not colon
        and word_count(text, before[0].start, before[0].end) <= 8
        and not ctx.holds_any_cue(before[0].start, before[0].end)
        and not is_intro_phrase(text, before[0])
        and not is_sentence_adverb(text, before[0])
    ):
        before = []
    reading.fragments = [*before, after] if after is not None else before
    reading.rule = Rule.SPLIT_QUOTE if before else Rule.SPEAKER_CUE_QUOTE
    reading.confidence = max(reading.confidence, 0.95 if before else 0.9)
    reading.priority += 0.5
    return reading


def _read_after_comma(ctx: RuleContext, s: _Sentence, reading: _Reading) -> _Reading:
    """A comma follows the cue: ``As the mayor noted, C``, ``X said, Terrorism is ...``
    (unquoted direct speech), ``The outreach, they said, raised ...`` (an interrupted
    content), else the words before the speaker are the content."""
    text, unit, speaker = ctx.text, s.unit, s.speaker
    after_start = s.rest_start + 1
    if (
        AS_OPENING.fullmatch(text, unit.start, speaker.start)
        or AS_INSIDE.search(text, max(unit.start, speaker.start - 12), speaker.start)
    ) and has_words(text, after_start, unit.end, 3):
        # "As the mayor noted, C": the clause after the comma is reported.
        reading.fragments = _content_from(ctx, unit, after_start)
        reading.rule = Rule.AS_SPEAKER_CUE
        return reading
    first = first_word(text, after_start, min(unit.end, after_start + 59))
    gerund_subject = (
        first is not None
        and first.lower.endswith("ing")
        and FINITE_SOON.match(text, first.start, unit.end) is not None
    )
    reading.fragments = s.before
    reading.rule = Rule.CONTENT_SPEAKER_CUE
    if (
        first is None
        or not first.is_word
        # ", adding ..." is the speaker's next act; "replacing him would be ..."
        # is the subject of the interrupted content.
        or (first.lower.endswith("ing") and not gerund_subject)
    ):
        return reading
    if (
        first.is_capitalized
        and first.lower not in SENTENCE_OPENERS
        and s.clause_kind
        and not s.before
    ):
        reading.fragments = _content_from(ctx, unit, after_start)
        reading.unquoted = True
        reading.rule = Rule.UNQUOTED_DIRECT
        reading.confidence = 0.7
    elif s.before and not is_subordinate_clause(text, after_start, unit.end):
        # "The outreach, they said, raised new worries": the cue interrupts the content.
        reading.fragments = [*s.before, *_content_from(ctx, unit, after_start)]
        reading.rule = Rule.PARENTHETICAL_CUE
    elif (
        s.prefix is not None
        and not s.before
        and s.clause_kind
        and text[unit.start : speaker.start].rstrip().endswith(",")
        and not is_subordinate_clause(text, after_start, unit.end)
        and has_words(text, after_start, unit.end, 4)
    ):
        # "In his state, Christie said, offenders are sent to treatment": the
        # cue interrupts a sentence that opens with a circumstance.
        after = _content_from(ctx, unit, after_start)
        reading.fragments = [s.prefix, *after] if after else []
        reading.rule = Rule.PARENTHETICAL_CUE
    return reading


def _clause_follows(ctx: RuleContext, s: _Sentence, rest: str) -> bool:
    """Whether the words after the cue can be its content: words, not a subordinate
    clause (unless a question left open), a prepositional phrase or an infinitive the
    cue does not take."""
    text, unit, cue, start = ctx.text, s.unit, s.cue, s.rest_start
    return bool(
        rest
        and rest[0] not in ",.;!?)"
        and has_words(text, start, unit.end, 1 if cue.kind == PHRASE else 2)
        and (
            not is_subordinate_clause(text, start, unit.end)
            # "Lawmakers have not said when they would vote": a question left open.
            or (
                NEGATED_BEFORE.search(text, max(unit.start, cue.start - 12), cue.start) is not None
                and text.startswith("when", start)
            )
        )
        and not starts_with_preposition(text, start, unit.end)
        and not (
            starts_with_infinitive(text, start, unit.end)
            and (cue.lemma not in INFINITIVE_CONTENT or is_passive(text, s.speaker, cue))
        )
    )


def _read_clause(ctx: RuleContext, s: _Sentence, reading: _Reading) -> _Reading:
    """The cue's clause follows it: ``X said (that) C``, ``X asked Y whether C``."""
    text, unit, cue, rest_start = ctx.text, s.unit, s.cue, s.rest_start
    if cue.lemma == "ask" and not is_question_clause(text, rest_start, unit.end):
        # "Hannity asked Trump if he would ...": the question follows the addressee.
        addressee_end = skip_told_object(text, rest_start, unit.end)
        if is_question_clause(text, addressee_end, unit.end):
            rest_start = skip_spaces(text, addressee_end, unit.end)
        elif (addressee := ADDRESSEE_BEFORE_QUESTION.match(text, rest_start)) is not None:
            # "asked former Attorney General Eric Holder whether ...".
            rest_start = addressee.end()
    start, that = content_after(text, rest_start, unit.end)
    if not that:
        # "told foundation employees on Thursday that ...", "said on NBC's
        # Meet the Press that ...": circumstances before the "that" clause.
        late_that = LATE_THAT.match(text, start, unit.end)
        if late_that is not None and (
            cue.lemma == "tell" or late_that.group(1).lower() in CIRCUMSTANCE_STARTS
        ):
            start, that = late_that.end() - 4, True
    request = cue.lemma == "ask" and OBJECT_INFINITIVE.match(text, start, unit.end)
    if (
        cue.lemma != "ask" or that or request or is_question_clause(text, start, unit.end)
    ) and not (not that and takes_no_object_content(text, cue, start, unit.end)):
        end = ctx.content_end(unit, start)
        if text[s.speaker.start : s.speaker.end].lower() in {"who", "which"}:
            # A relative clause ends at its comma: "X, who said Y, left".
            comma = text.find(",", start, end)
            end = comma if comma > start else end
        after = trim(text, start, end)
        reading.fragments = [after] if after is not None else []
        reading.rule = Rule.SPEAKER_CUE_THAT if that else Rule.SPEAKER_CUE_CONTENT
    return reading


def _rejected(ctx: RuleContext, s: _Sentence, reading: _Reading) -> bool:
    """Stage 4: whether the cue's kind or word rules the reading out."""
    text, kind, rule, fragments = ctx.text, s.cue.kind, reading.rule, reading.fragments
    if kind == OBJECT_KIND and rule not in {Rule.SPEAKER_CUE_OBJECT, Rule.QUOTE_SPEAKER_CUE}:
        return True
    if not fragments:
        return True
    if kind == BELIEF_KIND and rule not in {Rule.SPEAKER_CUE_THAT, Rule.SPEAKER_CUE_CONTENT}:
        return True
    if rule == Rule.CONTENT_SPEAKER_CUE and not is_clause_before(text, fragments[0]):
        return True
    # "a website called Real News Right Now": a name, not speech.
    return (
        s.cue.lemma == "call"
        and rule == Rule.SPEAKER_CUE_OBJECT
        and (
            is_title(text, fragments[0])
            or (
                text[s.speaker.start : s.speaker.end].split()[0].lower() in {"a", "an"}
                and text[fragments[0].start].isupper()
            )
        )
    )
