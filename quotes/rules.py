"""The cue-anchored rules: for each unit, which cue attributes which content to which mention.

Every cue outside quotation marks proposes a draft; the orders handled are
``X said (that) C``, ``X said, "C"``, ``"C," X said``, ``"C," said X``,
``"A," X said, "B."`` (two fragments), ``C, X added.``, ``X told Y C``,
``According to X, C`` and ``C, according to X``, plus unquoted direct speech
(``X said, Terrorism is ...``). Indirect speech beyond the verb-first orders:
``As X noted, C``; participles (``..., citing C``, ``by warning that C``,
``Noting C, X ...``); questions (``when asked whether C``, ``X was asked by Y to C``);
passives (``it was announced that C``, ``C was rejected by X``); nouns of speech
(``Obama's claim that C``); ``what X called C``; headlines (``Clinton: C``).
Drafts of one unit are then chosen best first so that only outermost attributions
remain; a draft whose content runs into a chosen one is cut back at a clause
boundary. Each construction lives in its own module under
``quotes.constructions``; this module holds the unit loop and the order in which
the constructions are tried. One ``UnitRules`` per text; it is not shared between threads.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from quotes.constructions.according_to import draft_according_to
from quotes.constructions.asked import draft_asked
from quotes.constructions.colon import draft_colon_clause, draft_colon_quotation, draft_label
from quotes.constructions.context import RuleContext
from quotes.constructions.inverted import draft_fronted, draft_inverted
from quotes.constructions.naming import draft_what_called
from quotes.constructions.nominal import draft_nominal
from quotes.constructions.participle import draft_opening_participle, draft_participle
from quotes.constructions.passive import draft_passive
from quotes.constructions.speaker_first import draft_speaker_first
from quotes.cues import ACCORDING, MODIFIER, NOUN, PHRASE, Cue
from quotes.drafts import Draft, choose_outermost
from quotes.grammar import (
    BELIEF_KIND,
    CLAUSE_KIND,
    NEXT_CAPITALIZED,
    PAST_VERB,
    SINGULAR_STARTS,
    TAG_VERB,
    after_comma,
)
from quotes.indirect import (
    ends_clause,
    ends_sentence,
    ends_with_clause_comma,
    is_headline,
    opens_unit,
    skip_adverbials,
    trim,
    word_count,
)
from quotes.model import Span
from quotes.quotemarks import QuoteIndex
from quotes.speakers import find_speaker_after, find_speaker_before, find_subject
from quotes.tokens import PERSONAL_PRONOUNS
from quotes.units import Unit


def tag_verbs(text: str, quotes: QuoteIndex) -> list[Cue]:
    """Verb forms the lexicon leaves out as mostly nouns ("reports", "states") where a
    tag makes them verbs: '"Q," Henry reports on Monday', '"Q," the ad states.'"""
    found = []
    for quotation in quotes.quotations:
        match = TAG_VERB.match(text, quotation.end, min(len(text), quotation.end + 80))
        if match is not None and text[quotation.end - 2 : quotation.end - 1] in {",", "?", "!"}:
            found.append(Cue(match.start(1), match.end(1), match.group(1)[:-1], CLAUSE_KIND))
    return found


def with_capitalized_tail(text: str, speaker: Span, limit: int) -> Span:
    """``speaker`` extended over the capitalised words right after it ("Al" of "Al From":
    a surname the mention finder took for a preposition)."""
    end = speaker.end
    while True:
        word = NEXT_CAPITALIZED.match(text, end, limit)
        if word is None:
            return Span(speaker.start, end)
        end = word.end()


MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|can|must|should)(?:\s+(?:also|later|not|then))?\s+$"
)

# Verbs that report speech only as a tag or before a quotation ("he continued: ...").
TAG_ONLY = frozenset([*"continue answer respond reply".split(), "went on"])

COORDINATED = re.compile(
    r"\b(?:and|but)(?:\s+(?:also|then|later|has|have|had|has\s+also|never|still|did\s+not|"
    r"didn[’']t|does\s+not|doesn[’']t|would|will|(?-i:[a-z]+ly)))*\s*$"
    # A list of the subject's acts: "...; blamed Obama for ...".
    r"|;\s*$"
    # An infinitive whose subject is the sentence's: "He went out of his way to say".
    r"|\b(?:wants?|wanted|refused|declined|decided|went\s+on|continued|tried|"
    r"hoped|plans?|planned|used|began|chose|seemed|appeared|is\s+expected|"
    r"was\s+expected|is\s+likely|has|had|have|way)\s+to\s*$",
    re.IGNORECASE,
)

# Possessive determiners: they open an object, never an inverted speaker.
POSSESSIVES = frozenset("his her their its our my your".split())


def agrees(text: str, cue: Cue, speaker: Span) -> bool:
    """Whether a base-form cue can have this subject: "a new report" is no speaker of
    "report", and "the state" none of "state" (the cue is a noun there)."""
    form = text[cue.start : cue.end].lower()
    if form != cue.lemma or " " in form:
        return True
    words = text[speaker.start : speaker.end].lower().split()
    # "A strong majority of voters say" agrees; "a new report" does not.
    return words[0] not in SINGULAR_STARTS or len(words) > 3 or "of" in words


ASKED_OPENING = re.compile(
    r"\W*(?:(?:when|after|once|if)\s+)?(?:(?:he|she|they)\s+(?:was|were)\s+|(?:was|were)\s+)?",
    re.I,
)

# "he said when asked", "after being asked", "Trump was asked": a question to the subject.
ASKED_AFTER = re.compile(
    r"\b(?:(?:when|whenever|after|once|if|before|until|upon)(?:\s+(?:he|she|they|it|i|we))?"
    r"(?:\s+(?:was|were|being|is|are))?|was|were|been|being)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)

# A participle that opens its sentence ("Noting ...", "In rejecting ...", "While saying").
PARTICIPLE_OPENING = re.compile(
    r"\W*(?:(?:but|and|yet)\s+)?(?:(?:in|by|while|after|before|when|without|upon|since)\s+)?",
    re.IGNORECASE,
)

# A note of the publisher, not reporting: "Editor's note: ...".
EDITORS_NOTE = re.compile(r"(?m)^[^\S\n]*editor(?:'|’)?s(?:'|’)?\s+note\b.*$", re.IGNORECASE)

# A form of "be" before a passive cue: "was announced", "has been widely criticized".
PASSIVE_BE = re.compile(
    r"\b(?:is|are|was|were|been|be|being)(?:\s+(?:not|never|also|later|first|widely|"
    r"(?-i:[a-z]+ly)))*\s+$",
    re.IGNORECASE,
)

TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)

# A verb that takes an infinitive whose subject is its own: "appeared to acknowledge".
CATENATIVE_BEFORE = re.compile(
    r"\b(?:appear|seem|continue|move|tr[iy]|struggle|refuse|decline|decide|plan|hope|"
    r"attempt|choose|chose|fail|manage|want|need|use|begin|began|start|rush|hasten|"
    r"vow|promise|pledge)(?:s|es|ed|d)?\s+(?:\w+ly\s+)?to\s+$",
    re.IGNORECASE,
)

THAT_AFTER = re.compile(r"\s*that\b", re.IGNORECASE)

LEADING_PRONOUN = re.compile(
    r"\W*(?:(?:but|and|so|yet),?\s+)?(he|she|they|we|i)\b(?!\s*[,'’])", re.IGNORECASE
)

CAUSATIVE = re.compile(
    r"\b(?:le[ad]|leading|leads|prompt(?:s|ed|ing)?|forc(?:e|es|ed|ing)|caus(?:e|es|ed|ing)|"
    r"push(?:es|ed|ing)?|encourag(?:e|es|ed|ing)|allow(?:s|ed|ing)?|inspir(?:e|es|ed|ing)|"
    r"spur(?:s|red|ring)?|drove|driv(?:e|es|ing))\s+",
    re.IGNORECASE,
)

# Verbs that name a thing ("what he called ...", "which she described as ...").
NAMING = frozenset("call describe term dub label".split())

WHAT_BEFORE = re.compile(
    r"\b(?:what|which|whom)\s+(?P<who>(?:he|she|they|it|we|i|the\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,2}"
    r"|(?-i:[A-Z])[\w’'.-]*(?:\s+(?-i:[A-Z])[\w’'.-]*){0,3}))\s+(?:(?:has|had|have|once|"
    r"later|now|then|also|"
    r"repeatedly|often)\s+)*$",
    re.IGNORECASE,
)

# Words that put a participle under the sentence's subject: "by saying", "while arguing".
PARTICIPLE_LEAD = re.compile(
    r"\b(?:by|while|in|of|from|after|before|without|also|even|then|and)\s+$", re.IGNORECASE
)

# Words that make a clause of what follows a cue: no speaker mention holds them.
FINITE_WORD = re.compile(
    r"\b(?:would|will|is|are|was|were|has|have|had|could|should|can|may|might|must|"
    r"does|did|won’t|won't|isn’t|isn't|wasn’t|wasn't|(?:do|does|did|are|were|has|have|had|"
    r"could|would|should|ca)n[’']t)\b",
    re.IGNORECASE,
)


def extend_cue(cue: Cue, modifiers: list[Cue], text: str) -> Span:
    """The cue with a modifier that directly follows it ("said in a statement")."""
    for modifier in modifiers:
        if 0 <= modifier.start - cue.end <= 2 and not text[cue.end : modifier.start].strip():
            return Span(cue.start, modifier.end)
    return Span(cue.start, cue.end)


# Any character but whitespace: a search for it replaces slicing a unit to strip it.
_NON_SPACE = re.compile(r"\S")


class UnitRules:
    """Applies the cue rules to the units of one text.

    :param text: the article text.
    :param cues: every cue of the text in text order (``quotes.cues.find_cues``).
    :param quotes: the quotation index of the text.
    """

    def __init__(self, text: str, cues: list[Cue], quotes: QuoteIndex) -> None:
        self.text = text
        outside = [c for c in cues if quotes.covering(c.start) is None]
        # Nouns of speech ("his claim that") only propose drafts of their own; the
        # other rules look at verbs.
        self.cues = [c for c in outside if c.kind != NOUN]
        verb_tags = tag_verbs(text, quotes)
        if verb_tags:
            self.cues = sorted([*self.cues, *verb_tags], key=lambda c: c.start)
        self._cue_starts = [c.start for c in self.cues]
        self.context = RuleContext(text, self.cues, quotes)
        self._nouns = [c for c in outside if c.kind == NOUN]
        # Paragraphs that are the publisher's notes ("Editor's note: ...").
        self._notes = [m.span() for m in EDITORS_NOTE.finditer(text)]
        self._noun_starts = [c.start for c in self._nouns]
        self.quotes = quotes

    def drafts_for(self, unit: Unit, number: int) -> list[Draft]:
        """The chosen drafts of one unit, outermost first, never overlapping."""
        if self._notes and self._in_note(unit.start):
            return []
        low = bisect_left(self._cue_starts, unit.start)
        high = bisect_left(self._cue_starts, unit.end)
        cues = self.cues[low:high]
        modifiers = [c for c in cues if c.kind == MODIFIER]
        candidates = []
        for noun in self._nouns[
            bisect_left(self._noun_starts, unit.start) : bisect_left(self._noun_starts, unit.end)
        ]:
            draft = draft_nominal(self.context, unit, noun)
            if draft is not None:
                draft.unit = number
                draft.cue_start = noun.start
                candidates.append(draft)
        for cue in cues:
            if cue.kind == MODIFIER:
                continue
            draft = self._draft(unit, cue, modifiers)
            if draft is not None:
                draft.unit = number
                draft.cue_start = cue.start
                candidates.append(draft)
        chosen = choose_outermost(candidates, self.text)
        colon = draft_colon_quotation(self.context, unit, chosen)
        if colon is not None:
            colon.unit = number
            colon.cue_start = colon.cue.start if colon.cue else unit.start
            chosen.append(colon)
        label = None
        if (
            chosen
            and self.text.find(":", unit.start, unit.end) >= 0
            and is_headline(self.text, unit)
        ):
            # "Cruz: Trump Would Put Liberals On Court, 'I Fear ...'": in a headline the
            # name before the colon speaks, not a capitalised word that looks like a cue.
            label = draft_label(self.context, unit)
            if label is not None:
                chosen = []
        if not chosen:
            label = label or draft_label(self.context, unit)
            if label is not None:
                label.unit = number
                label.cue_start = unit.start
                chosen.append(label)
        return chosen

    def colon_clause_draft(
        self, unit: Unit, colon: int, content: Span, taken: list[Span]
    ) -> Draft | None:
        """``X concluded: "..."`` (``quotes.constructions.colon.draft_colon_clause``)."""
        return draft_colon_clause(self.context, unit, colon, content, taken)

    def _in_note(self, position: int) -> bool:
        """Whether ``position`` lies in an editor's note paragraph."""
        index = bisect_left(self._notes, (position + 1,)) - 1
        return index >= 0 and self._notes[index][0] <= position < self._notes[index][1]

    def _draft(self, unit: Unit, cue: Cue, modifiers: list[Cue]) -> Draft | None:
        text = self.text
        if (
            text[cue.start].isupper()
            and cue.start > unit.start
            and not opens_unit(text, unit.start, cue.start)
            and not is_headline(text, unit)
        ):
            # "Islamic State", "the Report": a capitalised cue word inside a sentence is a name.
            return None
        if cue.kind == ACCORDING:
            return draft_according_to(self.context, unit, cue)
        if cue.lemma == "ask" and (
            ASKED_OPENING.fullmatch(text, unit.start, cue.start)
            or ASKED_AFTER.search(text, max(unit.start, cue.start - 30), cue.start)
        ):
            return draft_asked(self.context, unit, cue)
        if cue.participle and PARTICIPLE_OPENING.fullmatch(text, unit.start, cue.start):
            return draft_opening_participle(self.context, unit, cue)
        cue_span = extend_cue(cue, modifiers, text)
        if cue.kind == CLAUSE_KIND and _NON_SPACE.search(text, unit.start, cue.start) is None:
            fronted = draft_fronted(self.context, unit, cue, cue_span)
            if fronted is not None:
                return fronted
        before_end = cue.start
        lower = self.context.lower_bound(unit, cue.start)
        inverted = ends_with_clause_comma(
            text, unit.start, before_end
        ) or self.context.closes_quotation(unit.start, before_end)
        if cue.participle and (
            after_comma(text, unit.start, before_end)
            or PARTICIPLE_LEAD.search(text, max(unit.start, cue.start - 12), cue.start)
        ):
            # "..., adding that", "began by saying", "while arguing", "in denouncing".
            return draft_participle(self.context, unit, cue, cue_span)
        # "told" takes its addressee as object, so "..., told X" is never inverted.
        speaker: Span | None = None
        # '"Q," said Al From, who ...': an inverted tag whose clause the finder could not
        # close; taken when no mention stands before the cue.
        loose_inverted: Span | None = None
        if inverted and cue.kind in (CLAUSE_KIND, PHRASE) and cue.lemma != "tell":
            after_quote = self.context.closes_quotation(unit.start, before_end, comma=True)
            inverted_speaker = find_speaker_after(text, cue_span.end, unit.end)
            if inverted_speaker is not None and (
                FINITE_WORD.search(text, inverted_speaker.start, inverted_speaker.end)
                or text[inverted_speaker.start : inverted_speaker.end].lower() in PERSONAL_PRONOUNS
            ):
                # "The union, in a statement, said the strike would continue", "X, who
                # calls him a "fraud," said he ...": a clause follows the cue, not an
                # inverted speaker (news writes '"...," he said', never 'said he').
                inverted_speaker = None
            if inverted_speaker is not None and after_quote:
                if ends_clause(text, inverted_speaker.end, unit.end):
                    return draft_inverted(self.context, unit, cue, cue_span, inverted_speaker)
                loose_inverted = with_capitalized_tail(text, inverted_speaker, unit.end)
            elif inverted_speaker is not None:
                # "Name, an apposition, said X" is not inverted: the name is the speaker.
                speaker = find_speaker_before(text, lower, cue.start)
                apposition = speaker is not None and "," in text[speaker.start : speaker.end]
                clause = PAST_VERB.search(text, inverted_speaker.start, inverted_speaker.end)
                # "X, and Y, tweeted their approval": an object, not a speaker.
                first = text[inverted_speaker.start : inverted_speaker.end].split()[0]
                if (
                    not apposition
                    and first.lower() not in POSSESSIVES
                    and clause is None  # "X, with Y, say Trump's manager yanked her"
                    and ends_sentence(text, inverted_speaker.end, unit.end)
                ):
                    return draft_inverted(self.context, unit, cue, cue_span, inverted_speaker)
        if cue.lemma in NAMING:
            naming = WHAT_BEFORE.search(text, max(lower, cue.start - 50), cue.start)
            if naming is not None:
                return draft_what_called(self.context, unit, cue, cue_span, naming)
        # "he will say", "she would later tell": the mention stands before the modal.
        modal = MODAL_BEFORE.search(text, max(lower, cue.start - 24), cue.start)
        if speaker is None:
            speaker = find_speaker_before(
                text, lower, modal.start() if modal else cue.start, progressive=cue.participle
            )
        tag = self.context.tag_speaker(unit, lower, cue.start)
        if tag is not None and (speaker is None or speaker.start > tag.start):
            speaker = tag
        if speaker is not None and text[speaker.end : cue.start].strip() == ",":
            # "Cory James, 22, of Flint, Mich., said": the name opens the chain of
            # appositions that ends at the cue.
            head = find_subject(text, lower, speaker.start)
            if head is not None and text[head.end : head.end + 1] == ",":
                speaker = Span(head.start, speaker.end)
        if speaker is None:
            if COORDINATED.search(text, max(lower, cue.start - 40), cue.start) or (
                lower > unit.start and self.context.quotation_follows(cue_span.end, unit.end)
            ):
                # "X met Y and reiterated ...", "X has ... but has said ...", and
                # 'X, in a cape reading "A," shouted, "B"': the sentence's subject.
                speaker = find_subject(
                    text, unit.start, cue.start
                ) or self.context.previous_subject(lower, cue.start)
            if speaker is None and loose_inverted is not None:
                return draft_inverted(self.context, unit, cue, cue_span, loose_inverted)
            infinitive = TO_BEFORE.search(text, max(lower, cue.start - 6), cue.start)
            if speaker is None and infinitive is not None:
                # "leading Clinton's advisers to counter that C", "prompted Rubio to
                # joke": the noun phrase before "to", object of a causative verb, speaks.
                window = max(lower, infinitive.start() - 60)
                found = list(CAUSATIVE.finditer(text, window, infinitive.start()))
                if found and word_count(text, found[-1].end(), infinitive.start()) <= 8:
                    speaker = trim(text, found[-1].end(), infinitive.start())
                elif (
                    catenative := CATENATIVE_BEFORE.search(
                        text, max(lower, infinitive.start() - 40), infinitive.end()
                    )
                ) is not None:
                    # "Mr. Trump appeared to acknowledge C", "she moved to emphasize C":
                    # the subject of the verb before "to" speaks.
                    speaker = find_speaker_before(text, lower, catenative.start()) or find_subject(
                        text, unit.start, catenative.start()
                    )
                elif cue.kind == PHRASE or THAT_AFTER.match(
                    text, skip_adverbials(text, cue_span.end, unit.end)
                ):
                    # "Democrats are quick to note that C", "X will come on the show to
                    # talk about C": the sentence's subject.
                    speaker = find_subject(text, unit.start, infinitive.start())
                    pronoun = LEADING_PRONOUN.match(text, unit.start, infinitive.start())
                    if speaker is None and pronoun is not None:
                        speaker = Span(pronoun.start(1), pronoun.end(1))
            passive = (
                PASSIVE_BE.search(text, max(lower, cue.start - 30), cue.start)
                if speaker is None
                else None
            )
            if (
                speaker is None
                and cue.kind == CLAUSE_KIND
                and not cue.participle
                and infinitive is None
                and passive is None
                and not cue.noun_form
                and (
                    cue.lemma in {"say", "tell"}
                    or THAT_AFTER.match(text, self.context.late_that_start(unit, cue_span.end))
                )
            ):
                # "Sen. Rand Paul, R-Ky., told Fox News that C", "some economists - among
                # them X - warn that C": no mention stands right before the verb, but a
                # finite "say" or "tell", or a reporting verb and "that", make the
                # sentence's subject a speaker.
                speaker = find_subject(text, unit.start, cue.start)
            if speaker is None:
                if passive is not None and cue.kind != BELIEF_KIND:
                    return draft_passive(self.context, unit, cue, cue_span, lower, passive.start())
                # "Obama's claims about", "the calls for": the cue word is a noun.
                return draft_nominal(self.context, unit, cue) if cue.noun_form else None
        if cue.participle and text[speaker.start : speaker.end].split()[0].lower() in {
            "a",
            "an",
            "the",
        }:
            # "issued a statement saying", "sent an email saying": the object is the
            # medium; the subject of the sentence speaks.
            speaker = find_subject(text, unit.start, speaker.start) or speaker
        if modal is None and not agrees(text, cue, speaker):
            # "a passing promise that C": the cue word is a noun of speech.
            return draft_nominal(self.context, unit, cue) if cue.noun_form else None
        if (
            cue.lemma in TAG_ONLY
            and not text[cue.end : unit.end].lstrip().startswith((",", ":", ".", '"', "“"))
            and not THAT_AFTER.match(text, skip_adverbials(text, cue_span.end, unit.end))
        ):
            # "continued appeal", "continues gaining": aspect, not speech.
            return None
        return draft_speaker_first(self.context, unit, cue, cue_span, speaker)
