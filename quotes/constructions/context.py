"""The text as the constructions read it: ``RuleContext`` and the cue trust tables.

``RuleContext`` answers the questions several constructions ask of one text: where a
content ends (``content_end``), where a quotation opening the content ends
(``quotation_end``), whether a cue lies in a stretch (``holds_cue``), where a speaker
mention may begin (``lower_bound``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from quotes.content_bounds import (
    skip_adverbials,
    skip_spaces,
    starts_with_opening_mark,
    trim,
    word_count,
)
from quotes.content_stop import content_stop
from quotes.cues import ACCORDING, MODIFIER, PHRASE, Cue
from quotes.grammar import (
    BELIEF_KIND,
    CLAUSE_KIND,
    LATE_THAT,
    OBJECT_KIND,
    after_comma,
)
from quotes.model import Span
from quotes.quotemarks import (
    CLOSING_MARKS,
    CLOSING_TRAIL,
    QUOTE_MARK,
    QuoteIndex,
    leaves_quotation_open,
)
from quotes.speakers.before_cue import find_speaker_before
from quotes.tokens import first_word
from quotes.units import Unit

# How much each kind of cue is trusted, before adjustments for the construction.
KIND_CONFIDENCE = {
    CLAUSE_KIND: 0.85,
    PHRASE: 0.85,
    ACCORDING: 0.8,
    BELIEF_KIND: 0.45,
    OBJECT_KIND: 0.5,
}
KIND_PRIORITY = {
    CLAUSE_KIND: 3,
    PHRASE: 3,
    ACCORDING: 2,
    BELIEF_KIND: 1,
    OBJECT_KIND: 1,
}


# The writer's words after a closed quotation ('"A," but in fact ...', ', which ...').
WRITER_AFTER_QUOTE = re.compile(
    r"\s*,?\s*(?:but|while|although|though|which|whereas|according)\b", re.IGNORECASE
)

# Words that open a speaker mention in a tag ('"Q," the two write', '"Q," one owner said').
TAG_DETERMINERS = frozenset(
    "the a an one two three some many several another its his her their our".split()
)

# Lower-case words right after a quotation that closed on punctuation are the writer's.
WRITER_AFTER_CLOSED_QUOTE = re.compile(r"[^\S\n]*[a-z]")

COMMA_CONJUNCTION_END = re.compile(r",\s*(?:but|and)$")

# What joins a new clause to content: a comma, semicolon or dash, or "and", "but", "while".
CLAUSE_JOIN = re.compile(
    r"\s*(?:[,;]|\s[—–-]{1,2})\s*(?:(?:and|but|while)\s+)?$|\s+(?:and|but|while)\s+$"
)

# A comma right before a verb, maybe with an auxiliary or adverb: ", has also said".
COMMA_BEFORE = re.compile(r",\s+(?:(?:has|had|have|also|then|later)\s+)*$")

# A unit opening with a subordinate clause ("After he announced that ..., X did").
OPENING_SUBORDINATOR = re.compile(
    r"\W*(?:(?:but|and|yet)\s+)?(?:after|while|although|though|when|as|since|because|if|"
    r"once|before|until|whereas|even\s+as|even\s+though|even\s+after)\s",
    re.IGNORECASE,
)

# The subject that opens the main clause after the subordinate clause's comma.
MAIN_CLAUSE_AFTER = re.compile(
    r"\s*(?:(?-i:[A-Z])[\w’'.-]*|he|she|they|we|it|i|the|a|an|his|her|their|its|this|that|"
    r"(?-i:[a-z]+s))"
    r"\s+(?!(?:and|or)\b)[\w’'.-]+",
    re.IGNORECASE,
)

# "and", "but" or "while" (and an adverb) right before a further cue verb.
JOINED_ACT = re.compile(r"\s+(and|but|while)\s+(?:(?-i:[a-z]+ly)\s+)?$", re.IGNORECASE)

# "before" or "after" right before a participle cue: ", before noting that ...".
BEFORE_AFTER = re.compile(r",?\s+(?:before|after)\s+$", re.IGNORECASE)


def opens_quotation_after(text: str, position: int) -> bool:
    """Whether the first non-space character from ``position`` opens a quotation.

    Walks over the spaces instead of slicing the rest of the text, which made the
    check linear in the text length at every quotation.
    """
    length = len(text)
    while position < length and text[position].isspace():
        position += 1
    return position < length and text[position] in '“"'


class RuleContext:
    """One text as the constructions read it: its verb cues, its quotation index, and
    the questions about both that several constructions ask (where content ends, whether
    a cue lies in a stretch, where a quotation closes).

    :param text: the article text.
    :param cues: the verb cues the rules look at, in text order (no nouns of speech,
        none inside quotation marks; ``quotes.rules.UnitRules`` chooses them).
    :param quotes: the quotation index of the text.

    One per text, built by ``UnitRules``; not shared between threads.
    """

    def __init__(self, text: str, cues: list[Cue], quotes: QuoteIndex) -> None:
        self.text = text
        self.cues = cues
        self.cue_starts = [c.start for c in cues]
        self.quotes = quotes

    def cues_from(self, index: int) -> Iterator[Cue]:
        """The cues from ``index`` on, without copying the list (texts can be long)."""
        cues = self.cues
        for position in range(index, len(cues)):
            yield cues[position]

    def holds_any_cue(self, start: int, end: int) -> bool:
        """Whether any cue but a modifier (an "according to" too) lies in ``[start, end)``."""
        low = bisect_left(self.cue_starts, start)
        for cue in self.cues_from(low):
            if cue.start >= end:
                return False
            if cue.kind != MODIFIER:
                return True
        return False

    def holds_cue(self, start: int, end: int) -> bool:
        """Whether a verb cue outside quotation marks lies in ``[start, end)``."""
        low = bisect_left(self.cue_starts, start)
        for cue in self.cues_from(low):
            if cue.start >= end:
                return False
            if cue.kind not in (MODIFIER, ACCORDING):
                return True
        return False

    def content_end(self, unit: Unit, start: int) -> int:
        """The unit end, or an earlier ``, adding ...`` that starts a new attribution."""
        end = content_stop(self.text, start, unit.end)
        end = self.subordinate_clause_end(unit, start, end)
        low = bisect_left(self.cue_starts, start)
        for cue in self.cues_from(low):
            if cue.start >= end:
                break
            if cue.participle and after_comma(self.text, start, cue.start):
                return cue.start
            if cue.participle:
                # "... was troubling, before noting that C2": the speaker's next act.
                lead = BEFORE_AFTER.search(self.text, max(start, cue.start - 12), cue.start)
                if lead is not None and lead.start() > start:
                    return lead.start()
            if not cue.participle and cue.kind in (CLAUSE_KIND, PHRASE):
                # "..., Podesta said that C2", "and rights groups warned that C2": another
                # speaker's clause starts a new attribution.
                speaker = find_speaker_before(self.text, start, cue.start)
                if speaker is not None and speaker.start > start:
                    join = CLAUSE_JOIN.search(
                        self.text, max(start, speaker.start - 8), speaker.start
                    )
                    if join is not None and join.start() > start:
                        return join.start()
            if cue.kind not in (MODIFIER, ACCORDING, BELIEF_KIND) and cue.start > start:
                # "criticizing the pipeline and calling for a ban": the speaker's next act.
                joined = JOINED_ACT.search(self.text, max(start, cue.start - 24), cue.start)
                if (
                    joined is not None
                    and joined.start() > start
                    # "while claiming tax breaks" qualifies the content; "while Sanders
                    # suggests" or "while suggesting" after a verb is the writer's.
                    and not (joined.group(1).lower() == "while" and cue.participle)
                ):
                    return joined.start()
        return end

    def subordinate_clause_end(self, unit: Unit, start: int, end: int) -> int:
        """``end``, or the comma that closes an opening subordinate clause holding the
        content: "After he announced that C, U.S. forces bombed ..." reports C only."""
        text = self.text
        if OPENING_SUBORDINATOR.match(text, unit.start, start) is None:
            return end
        if text.find(",", unit.start, start) >= 0:
            return end  # the clause closed before the content began
        comma = start
        while (comma := text.find(",", comma + 1, end)) >= 0:
            if leaves_quotation_open(text[start:comma]):
                continue
            if MAIN_CLAUSE_AFTER.match(text, comma + 1, end):
                return comma
        return end

    def main_verb_comeback(self, start: int, end: int) -> int:
        """``end``, or the comma before the first finite cue verb in ``[start, end)``
        that directly follows a comma (", described himself", ", said")."""
        text = self.text
        for cue in self.cues_from(bisect_left(self.cue_starts, start)):
            if cue.start >= end:
                break
            if cue.participle or cue.kind not in (CLAUSE_KIND, PHRASE, OBJECT_KIND):
                continue
            comma = COMMA_BEFORE.search(text, max(start, cue.start - 12), cue.start)
            if comma is not None and not leaves_quotation_open(text[start : comma.start()]):
                return comma.start()
        return end

    def quotation_follows(self, position: int, end: int) -> bool:
        """Whether a quotation opens at ``position``, maybe after a comma or colon."""
        start = skip_spaces(self.text, position, end)
        if self.text[start : start + 1] in {",", ":"}:
            start += 1
        return starts_with_opening_mark(self.text, start, end)

    def closes_quotation(self, start: int, end: int, *, comma: bool = False) -> bool:
        """Whether ``text[start:end]`` ends with a closing quotation mark (after which a
        comma may stand when ``comma``), wrongly curled ones ('unusual,“') included."""
        text = self.text
        position = end
        # Walk back over spaces (and a comma) instead of slicing: units can be long.
        while position > start and text[position - 1].isspace():
            position -= 1
        if comma:
            while position > start and text[position - 1] in ", \t\n":
                position -= 1
        if position <= start:
            return False
        if text[position - 1] in CLOSING_MARKS or text[position - 2 : position] == "''":
            return True
        quotation = self.quotes.covering(position - 1)
        return quotation is not None and quotation.end == position

    def is_quoted(self, span: Span) -> bool:
        return self.quotes.quoted_share(self.text, span.start, span.end) > 0.5

    def quotation_end(self, start: int, end: int) -> int:
        """Where content opening with a quotation at ``start`` ends: at ``end``, or where
        the last quotation closes when the writer's words follow it
        ('X said: "A," but in fact ...')."""
        inside = self.quotes.within(start, end)
        if not inside:
            return end
        close = inside[-1].end
        if close < end and WRITER_AFTER_QUOTE.match(self.text, close, end):
            return close
        first = inside[0]
        if first.start >= start and WRITER_AFTER_CLOSED_QUOTE.match(self.text, first.end, end):
            # '..., "Don't do it," until the shots': a closed utterance, then the writer.
            inner = self.text[first.start : first.end].rstrip(CLOSING_TRAIL)
            if inner.endswith((",", ".", "!", "?", "…")):
                return first.end
        if (
            first.start >= start
            and len(inside) > 1
            and self.holds_cue(first.end, inside[1].start)
            and self.text[first.start : first.end].rstrip(CLOSING_TRAIL).endswith(",")
        ):
            # 'shouted, "Cruz," Beck joked, "Amen!"': another speaker's tag follows.
            return first.end
        return end

    def lower_bound(self, unit: Unit, position: int) -> int:
        """A speaker mention never reaches back into a quotation."""
        bound = unit.start
        for quotation in self.quotes.within(unit.start, position):
            if bound < quotation.end <= position:
                bound = quotation.end
        return bound

    def previous_subject(self, lower: int, position: int) -> Span | None:
        """The mention before the last verb cue in ``[lower, position)``: "Carson admitted
        X but said C" gives "Carson" to "said"."""
        index = bisect_left(self.cue_starts, position) - 1
        while index >= 0 and self.cues[index].start >= lower:
            cue = self.cues[index]
            if cue.kind not in (MODIFIER, ACCORDING) and not cue.participle:
                return find_speaker_before(self.text, lower, cue.start)
            index -= 1
        return None

    def late_that_start(self, unit: Unit, position: int) -> int:
        """Where a "that" clause after the cue ending at ``position`` would start: past
        adverbials, a told object and a short circumstance ("told Fox News on Sunday
        that"); ``position`` when there is none."""
        text = self.text
        start = skip_adverbials(text, position, unit.end)
        late = LATE_THAT.match(text, skip_spaces(text, start, unit.end), unit.end)
        return late.end() - 4 if late is not None else start

    def trailing_quotation(self, unit: Unit, position: int) -> list[Span]:
        """A quotation that continues after the cue tag, to the unit's end.

        '"A," he said with a grin. "B."' often stays one Punkt sentence, and
        '"A," said X, a long apposition, "B."' is one; B continues A.
        """
        text = self.text
        for quotation in self.quotes.within(position, unit.end):
            if quotation.start < position:
                continue
            if quotation.word_count(text) <= 3 and not opens_quotation_after(text, quotation.end):
                continue  # a title in the tag: 'he said on MSNBC's "Morning Joe."'
            tag = text[position : quotation.start].rstrip()
            # A comma ends a tag that interrupts the quotation ('"A," he said of the
            # plan, "B."', '"A," he said, but "B."'); a stop ends one that closes its
            # sentence.
            if not (
                tag.endswith((".", "!", "?", ":", ","))
                or COMMA_CONJUNCTION_END.search(tag, max(0, len(tag) - 8)) is not None
            ) or self.holds_any_cue(position, quotation.start):
                # Another cue introduces it ('..., adding: "B"'): not a continuation.
                return []
            span = trim(text, quotation.start, unit.end)
            if span is None or self.quotes.quoted_share(text, span.start, span.end) < 0.8:
                return []
            return [span]
        return []

    def tag_speaker(self, unit: Unit, quote_end: int, cue_start: int) -> Span | None:
        """The whole tag between a quotation and its cue: '"Q," Harry Bond, 30, of
        Raleigh, who was polled, said' names "Harry Bond, 30, of Raleigh, who was polled".

        Only when a quotation opens the unit and ends right before the tag, the tag
        starts with a name or a determiner ('"Q," the two write') and holds no other
        cue.
        """
        text = self.text
        if quote_end <= unit.start or self.quotes.covering(unit.start) is None:
            return None
        if self.quotes.covering(quote_end - 1) is None:
            return None
        gap = text[quote_end:cue_start]
        if word_count(text, quote_end, cue_start) > (25 if "," in gap else 8):
            return None
        span = trim(text, quote_end, cue_start)
        if span is None or self.holds_cue(quote_end, cue_start) or QUOTE_MARK.search(gap):
            return None
        first = first_word(text, span.start, span.end)
        if first is None or not (first.is_capitalized or first.lower in TAG_DETERMINERS):
            return None
        return span
