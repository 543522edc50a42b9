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
from quotes.constructions.asked import draft_asked, is_question_to_subject
from quotes.constructions.colon import draft_colon_quotation, draft_label
from quotes.constructions.context import RuleContext
from quotes.constructions.inverted import Inversion, draft_fronted, draft_inverted, read_inversion
from quotes.constructions.naming import draft_what_called, naming_before
from quotes.constructions.nominal import agrees, draft_nominal
from quotes.constructions.participle import (
    draft_opening_participle,
    draft_participle,
    is_participle_clause,
    opens_with_participle,
)
from quotes.constructions.passive import draft_passive
from quotes.constructions.speaker_first import draft_speaker_first
from quotes.constructions.subject import (
    MODAL_BEFORE,
    coordinated_subject,
    distant_subject,
    find_cue_speaker,
)
from quotes.content_bounds import (
    is_headline,
    opens_unit,
    skip_adverbials,
)
from quotes.cues import ACCORDING, MODIFIER, NOUN, Cue
from quotes.drafts import Draft, choose_outermost
from quotes.grammar import (
    BELIEF_KIND,
    CLAUSE_KIND,
    THAT_AFTER,
)
from quotes.model import Span
from quotes.quotemarks import QuoteIndex
from quotes.speakers.after_cue import find_subject
from quotes.units import Unit

# A short tag after a quotation that closed on a comma: "Henry reports", "the ad states".
TAG_VERB = re.compile(
    r"[^\S\n]+(?:[\w’'.-]+[^\S\n]+){1,5}?(reports|states)\b(?=[^\S\n]*(?:[.,]|on|in|at|$))"
)


def tag_verbs(text: str, quotes: QuoteIndex) -> list[Cue]:
    """Verb forms the lexicon leaves out as mostly nouns ("reports", "states") where a
    tag makes them verbs: '"Q," Henry reports on Monday', '"Q," the ad states.'"""
    found = []
    for quotation in quotes.quotations:
        match = TAG_VERB.match(text, quotation.end, min(len(text), quotation.end + 80))
        if match is not None and text[quotation.end - 2 : quotation.end - 1] in {",", "?", "!"}:
            found.append(Cue(match.start(1), match.end(1), match.group(1)[:-1], CLAUSE_KIND))
    return found


# Verbs that report speech only as a tag or before a quotation ("he continued: ...").
TAG_ONLY = frozenset([*"continue answer respond reply".split(), "went on"])


# A note of the publisher, not reporting: "Editor's note: ...".
EDITORS_NOTE = re.compile(r"(?m)^[^\S\n]*editor(?:'|’)?s(?:'|’)?\s+note\b.*$", re.IGNORECASE)


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

    def _in_note(self, position: int) -> bool:
        """Whether ``position`` lies in an editor's note paragraph."""
        index = bisect_left(self._notes, (position + 1,)) - 1
        return index >= 0 and self._notes[index][0] <= position < self._notes[index][1]

    def _draft(self, unit: Unit, cue: Cue, modifiers: list[Cue]) -> Draft | None:
        """The draft of one cue (not a modifier): the constructions are tried in order,
        and the first that claims the cue decides, None included."""
        text, context = self.text, self.context
        if (
            text[cue.start].isupper()
            and cue.start > unit.start
            and not opens_unit(text, unit.start, cue.start)
            and not is_headline(text, unit)
        ):
            # "Islamic State", "the Report": a capitalised cue word inside a sentence is a name.
            return None
        if cue.kind == ACCORDING:
            return draft_according_to(context, unit, cue)
        if is_question_to_subject(text, unit, cue):
            return draft_asked(context, unit, cue)
        if opens_with_participle(text, unit, cue):
            return draft_opening_participle(context, unit, cue)
        cue_span = extend_cue(cue, modifiers, text)
        if cue.kind == CLAUSE_KIND and _NON_SPACE.search(text, unit.start, cue.start) is None:
            fronted = draft_fronted(context, unit, cue, cue_span)
            if fronted is not None:
                return fronted
        if is_participle_clause(text, unit, cue):
            return draft_participle(context, unit, cue, cue_span)
        lower = context.lower_bound(unit, cue.start)
        inversion = read_inversion(context, unit, cue, cue_span, lower)
        if inversion.decided:
            return inversion.draft
        naming = naming_before(text, cue, lower)
        if naming is not None:
            return draft_what_called(context, unit, cue, cue_span, naming)
        return self._speaker_draft(unit, cue, cue_span, lower, inversion)

    def _speaker_draft(
        self, unit: Unit, cue: Cue, cue_span: Span, lower: int, inversion: Inversion
    ) -> Draft | None:
        """The draft of a verb cue by where its speaker stands: before it (the
        speaker-first construction), else a passive, else a noun of speech."""
        text, context = self.text, self.context
        # "he will say", "she would later tell": the mention stands before the modal.
        modal = MODAL_BEFORE.search(text, max(lower, cue.start - 24), cue.start)
        speaker = find_cue_speaker(
            context, unit, cue, lower, modal.start() if modal else cue.start, inversion.speaker
        )
        if speaker is None:
            speaker = coordinated_subject(context, unit, cue, cue_span, lower)
        if speaker is None:
            if inversion.loose is not None:
                return draft_inverted(context, unit, cue, cue_span, inversion.loose)
            speaker, passive = distant_subject(context, unit, cue, cue_span, lower)
            if speaker is None:
                if passive is not None and cue.kind != BELIEF_KIND:
                    return draft_passive(context, unit, cue, cue_span, lower, passive.start())
                # "Obama's claims about", "the calls for": the cue word is a noun.
                return draft_nominal(context, unit, cue) if cue.noun_form else None
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
            return draft_nominal(context, unit, cue) if cue.noun_form else None
        if (
            cue.lemma in TAG_ONLY
            and not text[cue.end : unit.end].lstrip().startswith((",", ":", ".", '"', "“"))
            and not THAT_AFTER.match(text, skip_adverbials(text, cue_span.end, unit.end))
        ):
            # "continued appeal", "continues gaining": aspect, not speech.
            return None
        return draft_speaker_first(context, unit, cue, cue_span, speaker)
