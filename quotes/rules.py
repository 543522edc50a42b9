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
boundary. The word lists and patterns the rules read clauses with live in
``quotes.clauses``. One ``UnitRules`` per text; it is not shared between threads.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from quotes.clauses import (
    ADDRESSEE_BEFORE_QUESTION,
    AGENT,
    ARTICLES,
    AS_BEFORE,
    AS_INSIDE,
    AS_OPENING,
    ASIDE_THAT,
    ASKED_AFTER,
    ASKED_OPENING,
    ASKED_PHRASE_ENDS,
    BEFORE_AFTER,
    BELIEF_KIND,
    CATENATIVE_BEFORE,
    CAUSATIVE,
    CIRCUMSTANCE_OPENERS,
    CIRCUMSTANCE_STARTS,
    CLAUSE_JOIN,
    CLAUSE_KIND,
    CLAUSE_SUBJECTS,
    COMMA_BEFORE,
    COMMA_CONJUNCTION_END,
    CONJUNCTIONS,
    COORDINATED,
    CUE_BEFORE_QUOTE,
    DETERMINED,
    EDITORS_NOTE,
    FINITE_SOON,
    FINITE_WORD,
    HEARSAY,
    INFINITIVE_CONTENT,
    JOINED_ACT,
    LABEL,
    LAST_WORD_BEFORE_COLON,
    LATE_PRONOUN_CLAUSE,
    LATE_THAT,
    LEADING_PRONOUN,
    LIST_COMMAS,
    MAIN_CLAUSE_AFTER,
    MAX_CIRCUMSTANCE_WORDS,
    MODAL_BEFORE,
    NAMING,
    NEGATED_BEFORE,
    NO_OBJECT_CONTENT,
    NOMINAL_LINK,
    NOT_SPEAKER_LABELS,
    NOUN_PHRASE_END,
    NOUNS_NEEDING_POSSESSOR,
    OBJECT_INFINITIVE,
    OBJECT_KIND,
    OPENING_SUBORDINATOR,
    PARTICIPLE_LEAD,
    PARTICIPLE_OPENING,
    PASSIVE_BE,
    PASSIVE_COMPLEMENT,
    PAST_VERB,
    POSSESSIVES,
    POSSESSOR,
    QUESTION,
    QUOTE_MARK,
    QUOTED_QUESTION,
    RELATIVE_THAT,
    SUBJECT_END,
    TAG_DETERMINERS,
    TAG_ONLY,
    THAT_AFTER,
    TO_BEFORE,
    TOPIC_PREPOSITION,
    WHAT_BEFORE,
    WRITER_AFTER_CLOSED_QUOTE,
    WRITER_AFTER_QUOTE,
    after_comma,
    agrees,
    extend_cue,
    is_clause_before,
    is_passive,
    is_sentence_adverb,
    is_title,
    noun_phrase_at,
    odd_quote_count,
    opens_quotation_after,
    phrase_end,
    tag_verbs,
    takes_no_object_content,
    with_capitalized_tail,
)
from quotes.cues import ACCORDING, MODIFIER, NOUN, PHRASE, Cue
from quotes.drafts import Draft, choose_outermost
from quotes.indirect import (
    content_after,
    content_stop,
    ends_clause,
    ends_sentence,
    ends_with_clause_comma,
    has_words,
    is_headline,
    is_intro_phrase,
    is_question_clause,
    is_subordinate_clause,
    opens_unit,
    skip_adverbials,
    skip_spaces,
    skip_told_object,
    source_end,
    starts_with_infinitive,
    starts_with_opening_mark,
    starts_with_preposition,
    trim,
    without_intro,
    word_count,
)
from quotes.model import Span
from quotes.quotemarks import QuoteIndex
from quotes.speakers import find_speaker_after, find_speaker_before, find_subject
from quotes.tokens import DETERMINERS, PERSONAL_PRONOUNS, SENTENCE_OPENERS, WEEKDAYS, first_word
from quotes.units import Unit

# Any character but whitespace: a search for it replaces slicing a unit to strip it.
_NON_SPACE = re.compile(r"\S")

# How much each kind of cue is trusted, before adjustments for the construction.
_KIND_CONFIDENCE = {
    CLAUSE_KIND: 0.85,
    PHRASE: 0.85,
    ACCORDING: 0.8,
    BELIEF_KIND: 0.45,
    OBJECT_KIND: 0.5,
}
_KIND_PRIORITY = {
    CLAUSE_KIND: 3,
    PHRASE: 3,
    ACCORDING: 2,
    BELIEF_KIND: 1,
    OBJECT_KIND: 1,
}
_CLOSING = ("”", '"', "''", "»")


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
            draft = self._nominal(unit, noun)
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
        colon = self._colon_quotation(unit, chosen)
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
            label = self._labelled(unit)
            if label is not None:
                chosen = []
        if not chosen:
            label = label or self._labelled(unit)
            if label is not None:
                label.unit = number
                label.cue_start = unit.start
                chosen.append(label)
        return chosen

    def _in_note(self, position: int) -> bool:
        """Whether ``position`` lies in an editor's note paragraph."""
        index = bisect_left(self._notes, (position + 1,)) - 1
        return index >= 0 and self._notes[index][0] <= position < self._notes[index][1]

    def _labelled(self, unit: Unit) -> Draft | None:
        """``Clinton: I support statehood``, ``Q: Did you vote?``: a short name and a
        colon open the unit (headlines, interview transcripts); the name speaks."""
        text = self.text
        if text.find(":", unit.start, min(unit.end, unit.start + 80)) < 0:
            return None  # the common case, checked without the pattern
        match = LABEL.match(text, unit.start, unit.end)
        if match is None:
            return None
        label = match.group("label")
        if (
            label.isupper()
            or label.lower() in NOT_SPEAKER_LABELS
            # "The Latest:", "The Ninth Circle:": a section or column, not a person.
            or label.startswith("The ")
            or not all(w[0].isupper() or w in {"at", "on", "of", "in"} for w in label.split())
        ):
            # "TOP STORIES:", "Update:", "Q:": the writer's labels; a transcript's
            # letters are annotated too rarely to propose.
            return None
        content = trim(text, match.end(), unit.end)
        if content is None or word_count(text, content.start, content.end) < 3:
            return None
        if text.count(",", content.start, content.end) >= LIST_COMMAS:
            return None  # "Iowa: Tim Albrecht, Brad Anderson, ...": a list of names
        colon = match.end("label")
        return Draft(
            [content],
            Span(colon, colon + 1),
            Span(match.start("label"), colon),
            "label-colon",
            0.5,
            priority=1,
        )

    def _colon_quotation(self, unit: Unit, chosen: list[Draft]) -> Draft | None:
        """A quotation introduced by a colon that no cue rule attributed.

        ``Jones: "..."`` (transcripts: the name is the speaker, the colon the cue) and
        ``X concluded in a memo: "..."``, ``X had this to say: "..."`` (the subject
        speaks; the cue runs from the last reporting verb before the colon, else from
        the word before it, to the colon).
        """
        text = self.text
        if text.find(":", unit.start, unit.end) < 0:
            return None  # most units: no colon, nothing to look at
        taken: list[Span] | None = None
        for quotation in self.quotes.within(unit.start, unit.end):
            colon = quotation.start - 1
            # Walk back over spaces instead of slicing: units can be long.
            while colon > unit.start and text[colon].isspace():
                colon -= 1
            if colon < unit.start or text[colon] != ":":
                continue
            if taken is None:
                taken = [span for draft in chosen for span in spans_of_draft(draft)]
            if any(s.start < quotation.end and quotation.start < s.end for s in taken):
                continue
            content = self._colon_content(unit, quotation.start, quotation.end)
            if content is None:
                return None
            speaker = find_speaker_before(text, unit.start, colon)
            if speaker is not None and text[speaker.start].isupper():
                return Draft([content], Span(colon, colon + 1), speaker, "colon-quote", 0.6, 1)
            return self.colon_clause_draft(unit, colon, content, taken)
        return None

    def _colon_content(self, unit: Unit, start: int, close: int) -> Span | None:
        """The quotation from ``start``: to the unit's end when only punctuation or
        more quotation follows its close, else to its close ('"A" and vowed ...')."""
        text = self.text
        end = close
        rest = trim(text, close, unit.end)
        if rest is None or self.quotes.quoted_share(text, rest.start, rest.end) >= 0.8:
            end = unit.end
        return trim(text, start, end)

    def colon_clause_draft(
        self, unit: Unit, colon: int, content: Span, taken: list[Span]
    ) -> Draft | None:
        """``X concluded: "..."``: a clause of ``unit`` ending at ``colon`` whose subject
        speaks introduces the quotation ``content`` (in the unit or the next paragraph).

        :param taken: spans of the unit's other drafts; a cue inside them is no cue here.
        """
        text = self.text
        if self.quotes.covering(colon) is not None:
            return None
        if word_count(text, content.start, content.end) < 3:
            return None  # a short quoted name or title, not speech
        lower = self._lower_bound(unit, colon)
        cue_span: Span | None = None
        for cue in self._cues_from(bisect_left(self._cue_starts, lower)):
            if cue.start >= colon:
                break
            if cue.kind != MODIFIER:
                cue_span = Span(cue.start, colon + 1)
        speaker = None
        if cue_span is not None:
            # "The senator wrote in a memo:": the mention right before the verb.
            speaker = find_speaker_before(text, lower, cue_span.start)
        else:
            last = LAST_WORD_BEFORE_COLON.search(text, max(lower, colon - 40), colon + 1)
            if last is None:
                return None
            cue_span = Span(last.start(1), colon + 1)
        if any(s.overlaps(cue_span) for s in taken):
            return None
        speaker = speaker or find_subject(text, lower, cue_span.start)
        if speaker is None:
            return None
        if text[speaker.start : speaker.end].lower() in DETERMINERS:
            # "The coach summed up ...": the subject is the determiner and its noun.
            noun = first_word(text, speaker.end, cue_span.start)
            if noun is None or not noun.is_word:
                return None
            speaker = Span(speaker.start, noun.end)
        return Draft([content], cue_span, speaker, "colon-clause-quote", 0.55, 1)

    # -- one cue ------------------------------------------------------------------------

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
            return self._according_to(unit, cue)
        if cue.lemma == "ask" and (
            ASKED_OPENING.fullmatch(text, unit.start, cue.start)
            or ASKED_AFTER.search(text, max(unit.start, cue.start - 30), cue.start)
        ):
            return self._asked(unit, cue)
        if cue.participle and PARTICIPLE_OPENING.fullmatch(text, unit.start, cue.start):
            return self._opening_participle(unit, cue)
        cue_span = extend_cue(cue, modifiers, text)
        if cue.kind == CLAUSE_KIND and _NON_SPACE.search(text, unit.start, cue.start) is None:
            fronted = self._fronted(unit, cue, cue_span)
            if fronted is not None:
                return fronted
        before_end = cue.start
        lower = self._lower_bound(unit, cue.start)
        inverted = ends_with_clause_comma(text, unit.start, before_end) or self._closes_quotation(
            unit.start, before_end
        )
        if cue.participle and (
            after_comma(text, unit.start, before_end)
            or PARTICIPLE_LEAD.search(text, max(unit.start, cue.start - 12), cue.start)
        ):
            # "..., adding that", "began by saying", "while arguing", "in denouncing".
            return self._participle(unit, cue, cue_span)
        # "told" takes its addressee as object, so "..., told X" is never inverted.
        speaker: Span | None = None
        # '"Q," said Al From, who ...': an inverted tag whose clause the finder could not
        # close; taken when no mention stands before the cue.
        loose_inverted: Span | None = None
        if inverted and cue.kind in (CLAUSE_KIND, PHRASE) and cue.lemma != "tell":
            after_quote = self._closes_quotation(unit.start, before_end, comma=True)
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
                    return self._inverted(unit, cue, cue_span, inverted_speaker)
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
                    return self._inverted(unit, cue, cue_span, inverted_speaker)
        if cue.lemma in NAMING:
            naming = WHAT_BEFORE.search(text, max(lower, cue.start - 50), cue.start)
            if naming is not None:
                return self._what_called(unit, cue, cue_span, naming)
        # "he will say", "she would later tell": the mention stands before the modal.
        modal = MODAL_BEFORE.search(text, max(lower, cue.start - 24), cue.start)
        if speaker is None:
            speaker = find_speaker_before(
                text, lower, modal.start() if modal else cue.start, progressive=cue.participle
            )
        tag = self._tag_speaker(unit, lower, cue.start)
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
                lower > unit.start and self._quotation_follows(cue_span.end, unit.end)
            ):
                # "X met Y and reiterated ...", "X has ... but has said ...", and
                # 'X, in a cape reading "A," shouted, "B"': the sentence's subject.
                speaker = find_subject(text, unit.start, cue.start) or self._previous_subject(
                    lower, cue.start
                )
            if speaker is None and loose_inverted is not None:
                return self._inverted(unit, cue, cue_span, loose_inverted)
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
                    or THAT_AFTER.match(text, self._late_that_start(unit, cue_span.end))
                )
            ):
                # "Sen. Rand Paul, R-Ky., told Fox News that C", "some economists - among
                # them X - warn that C": no mention stands right before the verb, but a
                # finite "say" or "tell", or a reporting verb and "that", make the
                # sentence's subject a speaker.
                speaker = find_subject(text, unit.start, cue.start)
            if speaker is None:
                if passive is not None and cue.kind != BELIEF_KIND:
                    return self._passive(unit, cue, cue_span, lower, passive.start())
                # "Obama's claims about", "the calls for": the cue word is a noun.
                return self._nominal(unit, cue) if cue.noun_form else None
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
            return self._nominal(unit, cue) if cue.noun_form else None
        if (
            cue.lemma in TAG_ONLY
            and not text[cue.end : unit.end].lstrip().startswith((",", ":", ".", '"', "“"))
            and not THAT_AFTER.match(text, skip_adverbials(text, cue_span.end, unit.end))
        ):
            # "continued appeal", "continues gaining": aspect, not speech.
            return None
        return self._speaker_first(unit, cue, cue_span, speaker)

    def _previous_subject(self, lower: int, position: int) -> Span | None:
        """The mention before the last verb cue in ``[lower, position)``: "Carson admitted
        X but said C" gives "Carson" to "said"."""
        index = bisect_left(self._cue_starts, position) - 1
        while index >= 0 and self.cues[index].start >= lower:
            cue = self.cues[index]
            if cue.kind not in (MODIFIER, ACCORDING) and not cue.participle:
                return find_speaker_before(self.text, lower, cue.start)
            index -= 1
        return None

    def _late_that_start(self, unit: Unit, position: int) -> int:
        """Where a "that" clause after the cue ending at ``position`` would start: past
        adverbials, a told object and a short circumstance ("told Fox News on Sunday
        that"); ``position`` when there is none."""
        text = self.text
        start = skip_adverbials(text, position, unit.end)
        late = LATE_THAT.match(text, skip_spaces(text, start, unit.end), unit.end)
        return late.end() - 4 if late is not None else start

    def _lower_bound(self, unit: Unit, position: int) -> int:
        """A speaker mention never reaches back into a quotation."""
        bound = unit.start
        for quotation in self.quotes.within(unit.start, position):
            if bound < quotation.end <= position:
                bound = quotation.end
        return bound

    def _according_to(self, unit: Unit, cue: Cue) -> Draft | None:
        """``According to X, C``, ``C, according to X`` and ``A, according to X, B``."""
        text = self.text
        boundary = source_end(text, cue.end, unit.end)
        speaker = trim(text, cue.end, boundary)
        if speaker is None or word_count(text, speaker.start, speaker.end) > 15:
            return None
        leading = word_count(text, unit.start, cue.start)
        following = trim(text, boundary, unit.end)
        if leading <= 2:
            fragments = [following] if following is not None else []
        else:
            before = trim(text, unit.start, cue.start)
            before = without_intro(text, before) if before is not None else None
            fragments = [before] if before is not None else []
            # "Over the long term, according to X, the rise ...": content on both sides.
            if (
                following is not None
                and text[boundary : boundary + 1] == ","
                and ends_with_clause_comma(text, unit.start, cue.start)
                and has_words(text, following.start, following.end, 3)
            ):
                fragments.append(following)
        if not fragments:
            return None
        return Draft(
            fragments,
            Span(cue.start, cue.end),
            speaker,
            "according-to",
            _KIND_CONFIDENCE[ACCORDING],
            priority=_KIND_PRIORITY[ACCORDING],
        )

    def _asked(self, unit: Unit, cue: Cue) -> Draft | None:
        """``Asked whether C, X said ...``, ``he said when asked about C``, ``X was asked
        to C``: the question is reported; its asker is named only by "by X"."""
        text = self.text
        quoted = QUOTED_QUESTION.match(text, cue.end, unit.end)
        if quoted is not None:
            # 'X was asked, "Would you ...?"': the quoted question is reported.
            start = quoted.end() - 1
            content = trim(text, start, self._quotation_end(start, unit.end))
            if content is None:
                return None
            return Draft([content], Span(cue.start, cue.end), None, "asked-question", 0.6, 2)
        match = QUESTION.match(text, cue.end, unit.end)
        if match is not None:
            start = match.start("question")
        elif text[cue.start : cue.end].lower().endswith(ASKED_PHRASE_ENDS):
            # The phrase cue "asked about" holds its preposition; its object follows.
            start = cue.end
        else:
            return None
        end = text.find(",", start, unit.end)
        content = trim(text, start, end if end > 0 else unit.end)
        if content is None:
            return None
        asker = None
        if match is not None and match.group("asker"):
            asker = trim(text, match.start("asker"), match.end("asker"))
        return Draft([content], Span(cue.start, cue.end), asker, "asked-question", 0.6, priority=2)

    def _what_called(
        self, unit: Unit, cue: Cue, cue_span: Span, naming: re.Match[str]
    ) -> Draft | None:
        """``what he called "a disaster"``, ``which she described as C``: the words
        named are reported, with the relative word that opens them."""
        text = self.text
        speaker = trim(text, naming.start("who"), naming.end("who"))
        start = cue_span.end
        if text.startswith(" as ", start):
            start += 3
        if starts_with_opening_mark(text, start, unit.end):
            end = self._quotation_end(start, unit.end)
            inside = self.quotes.within(start, end)
            end = inside[0].end if inside else end
        else:
            end = phrase_end(text, start, content_stop(text, start, unit.end))
            inside = self.quotes.within(start, end)
            if inside and inside[0].start >= start:
                # 'what he called his own "October Surprise" last week': to the close.
                end = inside[0].end
        content = trim(text, naming.start(), end)
        if speaker is None or content is None or content.end <= cue_span.end + 2:
            return None
        return Draft([content], cue_span, speaker, "what-speaker-called", 0.6, priority=2)

    def _passive(
        self, unit: Unit, cue: Cue, cue_span: Span, lower: int, be_start: int
    ) -> Draft | None:
        """``It was announced that C``, ``The plan was rejected by X``, ``X is said to
        C``: a passive cue; the agent after "by", if any, speaks.

        A "that" clause is the content; otherwise the subject is what was said, and an
        infinitive after the cue joins it ("The senator is said to have left").
        """
        text = self.text
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
            content = trim(text, start, self._content_end(unit, start))
            rule = "passive-that"
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
                return self._passive_with_complement(unit, cue_span, lower, be_start, start)
            if agent is None and not infinitive:
                return None  # "Assange was not charged": too often no speech at all
            subject = without_intro(text, trim(text, lower, be_start) or Span(lower, be_start))
            if subject.start >= be_start or word_count(text, subject.start, be_start) > 15:
                return None
            end = be_start
            if infinitive:
                end = self._content_end(unit, start)
            else:
                auxiliaries = SUBJECT_END.search(text, subject.start, cue.start)
                end = auxiliaries.start() if auxiliaries else be_start
            content = trim(text, subject.start, end)
            rule = "passive-subject"
        if content is None or (
            rule == "passive-that" and word_count(text, content.start, content.end) < 3
        ):
            return None
        return Draft([content], cue_span, agent, rule, 0.5, priority=1)

    def _passive_with_complement(
        self, unit: Unit, cue_span: Span, lower: int, be_start: int, start: int
    ) -> Draft | None:
        """``X was criticized for C``: the subject and the complement, two fragments."""
        text = self.text
        subject = without_intro(text, trim(text, lower, be_start) or Span(lower, be_start))
        if subject.start >= be_start or word_count(text, subject.start, be_start) > 8:
            return None
        auxiliaries = SUBJECT_END.search(text, subject.start, cue_span.start)
        head = trim(text, subject.start, auxiliaries.start() if auxiliaries else be_start)
        tail = trim(text, start, self._content_end(unit, start))
        if head is None or tail is None or word_count(text, tail.start, tail.end) < 2:
            return None
        return Draft([head, tail], cue_span, None, "passive-complement", 0.45, priority=1)

    def _nominal(self, unit: Unit, cue: Cue) -> Draft | None:
        """``his claim that C``, ``Obama's call for C``, ``the question of whether C``:
        a noun of speech; its possessor, if any, speaks."""
        text = self.text
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
                speaker = Span(
                    offset + possessor.start("pronoun"), offset + possessor.end("pronoun")
                )
            else:
                mark = offset + possessor.start("mark")
                name = find_speaker_before(text, self._lower_bound(unit, mark), mark)
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
        return Draft([content], Span(cue.start, cue.end), speaker, "noun-cue", 0.5, priority=1)

    def _opening_participle(self, unit: Unit, cue: Cue) -> Draft | None:
        """``Noting C, X said ...``, ``In rejecting C, the court ...``: the participle's
        content runs to the first comma; the subject after it speaks."""
        if cue.kind not in (CLAUSE_KIND, PHRASE, OBJECT_KIND):
            return None
        text = self.text
        start, _that = content_after(text, skip_adverbials(text, cue.end, unit.end), unit.end)
        comma = start
        while True:
            comma = text.find(",", comma, unit.end)
            if comma < 0:
                return None
            if not odd_quote_count(text[start:comma]):
                break
            comma += 1
        content = trim(text, start, comma)
        speaker = noun_phrase_at(text, comma + 1, unit.end)
        if content is None or speaker is None or word_count(text, start, comma) < 2:
            return None
        return Draft(
            [content], Span(cue.start, cue.end), speaker, "opening-participle", 0.55, priority=2
        )

    def _inverted(self, unit: Unit, cue: Cue, cue_span: Span, speaker: Span) -> Draft | None:
        """``"C," said X`` and ``C, said X, "D."``."""
        text = self.text
        content = trim(text, unit.start, cue.start)
        if content is None:
            return None
        fragments = [content]
        rest = text.find(",", speaker.end, unit.end)
        if rest >= 0 and starts_with_opening_mark(text, rest + 1, unit.end):
            second = trim(text, rest + 1, unit.end)
            if second is not None:
                fragments.append(second)
        elif self._is_quoted(content):
            fragments += self._trailing_quotation(unit, speaker.end)
        quoted = self._is_quoted(content)
        return Draft(
            fragments,
            cue_span,
            speaker,
            "quote-cue-speaker" if quoted else "content-cue-speaker",
            0.9 if quoted else 0.75,
            priority=_KIND_PRIORITY[cue.kind] + (0.5 if quoted else 0),
        )

    def _participle(self, unit: Unit, cue: Cue, cue_span: Span) -> Draft | None:
        """``..., adding that C``: the speaker is the subject of the main clause.

        ``..., citing X`` and ``..., calling X a Y`` report their object; such drafts
        get a lower confidence than those with a reported clause.
        """
        if cue.kind not in (CLAUSE_KIND, PHRASE, OBJECT_KIND):
            return None
        position = skip_adverbials(self.text, cue_span.end, unit.end)
        start, that = content_after(self.text, position, unit.end)
        first = first_word(self.text, start, unit.end)
        confidence = 0.6
        if cue.kind == OBJECT_KIND or not (
            that
            or cue.lemma == "say"
            or self.text[position:start].strip().startswith(":")
            or starts_with_opening_mark(self.text, start, unit.end)
            # "claiming he could win": a clause with its own subject.
            or (first is not None and first.lower in CLAUSE_SUBJECTS)
            or FINITE_SOON.match(self.text, start, unit.end) is not None
        ):
            # "citing low growth", "calling it a mistake": the object is what is
            # reported, weaker evidence than a clause.
            if (
                first is None
                or not first.is_word
                or first.lower in CONJUNCTIONS
                or cue.lemma in NO_OBJECT_CONTENT
                or (
                    starts_with_preposition(self.text, start, unit.end)
                    and not starts_with_infinitive(self.text, start, unit.end)
                )
            ):
                return None
            confidence = 0.45
        end = self._content_end(unit, start)
        if starts_with_opening_mark(self.text, start, unit.end):
            # 'chanting "No more wars," raising ...': the quotation is what was said.
            end = min(end, self._quotation_end(start, unit.end))
        elif not after_comma(self.text, unit.start, cue.start):
            # "by denying X, the governor ...": a participle after a preposition ends at
            # the comma, unless a quotation follows it ('by telling her, "..."').
            end = min(end, phrase_end(self.text, start, end))
        else:
            # "Mr. Biden, recalling their breakfasts, described himself as ...": a
            # participle set off by commas ends where the main reporting verb comes back.
            end = self._main_verb_comeback(start, end)
        content = trim(self.text, start, end)
        if content is None or word_count(self.text, content.start, content.end) < 2:
            return None
        # The subject of the main clause speaks, unless a cue of the unit names one.
        subject = find_subject(self.text, unit.start, cue.start)
        if subject is not None and self.text[subject.start : subject.end].lower() in ARTICLES:
            # find_subject stops at a lower-case noun: "The mayor opened ...".
            subject = noun_phrase_at(self.text, subject.start, cue.start)
        return Draft(
            [content],
            cue_span,
            subject,
            "participle",
            confidence,
            priority=_KIND_PRIORITY.get(cue.kind, 1) - 1,
            inherits_speaker=True,
        )

    def _speaker_first(self, unit: Unit, cue: Cue, cue_span: Span, speaker: Span) -> Draft | None:
        """``X said (that) C``, ``X said, "C"``, ``"C," X said``, ``C, X added.``"""
        text = self.text
        kind = cue.kind
        position = skip_adverbials(text, cue_span.end, unit.end)
        if cue.lemma == "tell" and kind != PHRASE:
            position = skip_adverbials(text, skip_told_object(text, position, unit.end), unit.end)
        prefix = trim(text, unit.start, speaker.start)
        if prefix is not None:
            prefix = self._after_colon(prefix)
        prefix_quoted = prefix is not None and self._is_quoted(prefix)
        prefix_clause = (
            prefix is not None
            and (
                ends_with_clause_comma(text, unit.start, speaker.start)
                # '"A battle of niches" Grubbs said': a quotation without its comma.
                or (prefix_quoted and self._closes_quotation(unit.start, speaker.start))
            )
            and has_words(text, prefix.start, prefix.end, 1)
            and not (
                is_intro_phrase(text, prefix) and word_count(text, prefix.start, prefix.end) < 6
            )
        )
        if (
            prefix_clause
            and prefix_quoted
            and self._holds_cue(self._lower_bound(unit, speaker.start), speaker.start)
        ):
            # '"A," said Beck, who said B': the words before belong to another cue.
            prefix_clause = False
        if prefix_clause and prefix_quoted and prefix is not None:
            # 'When someone shouted, "Cruz," Beck joked, "B."': the cue right before the
            # first quotation introduces it; Beck's words start after his cue.
            lead = CUE_BEFORE_QUOTE.search(text, max(unit.start, prefix.start - 30), prefix.start)
            if lead is not None and self._holds_cue(lead.start(), lead.end()):
                prefix_clause = False
        before = [without_intro(text, prefix)] if prefix_clause and prefix is not None else []
        rest = text[position : unit.end].lstrip()
        rest_start = unit.end - len(rest)
        if starts_with_preposition(text, rest_start, unit.end):
            # "said in a recent interview with the paper that ...": skip to the clause.
            late_that = LATE_THAT.match(text, rest_start, unit.end)
            if late_that is not None and late_that.group(1).lower() in CIRCUMSTANCE_STARTS:
                rest_start = late_that.end() - 4
                rest = text[rest_start : unit.end]
            elif (
                (topic := TOPIC_PREPOSITION.match(text, rest_start))
                and (kind == PHRASE or topic.group(1).lower() == "about")
                # 'said about the rules, "..."': the quotation is the content.
                and self._quotation_after_circumstance(unit, cue, rest_start) is None
            ):
                # "spoke out Tuesday about the shooting", "brags about his debates":
                # the topic follows.
                rest_start = topic.end()
                rest = text[rest_start : unit.end]
            elif (
                late_clause := LATE_PRONOUN_CLAUSE.match(text, rest_start, unit.end)
            ) is not None and late_clause.group(1).lower() in CIRCUMSTANCE_STARTS:
                # "has said for weeks he's the only candidate ...": a clause with a
                # pronoun subject after a short circumstance.
                rest_start = late_clause.end()
                rest = text[rest_start : unit.end]
        clause_kind = kind in (CLAUSE_KIND, PHRASE)
        confidence = _KIND_CONFIDENCE[kind]
        priority = float(_KIND_PRIORITY[kind])
        unquoted = False
        fragments: list[Span] = []
        rule = "speaker-cue-content"
        quote_follows = starts_with_opening_mark(text, rest_start, unit.end) or (
            rest[:1] in {",", ":"} and starts_with_opening_mark(text, rest_start + 1, unit.end)
        )
        if not quote_follows and clause_kind:
            late = self._quotation_after_circumstance(unit, cue, rest_start)
            if late is not None:
                # 'said of the senator, "..."', 'asked the crowd, "..."'.
                rest_start, quote_follows = late, True
        if quote_follows:
            after = trim(text, rest_start, self._quotation_end(rest_start, unit.end))
            # Only a quotation before the speaker joins ("A," she said, "B."); other words
            # there open the sentence ("According to a statement, X said, "B."").
            # A short subject joins too ("That, he said, "would help."").
            # A colon introduces a quotation whole: "Surveying X, Y concludes: "..."".
            if not prefix_quoted and not (
                before
                and rest[:1] != ":"
                and word_count(text, before[0].start, before[0].end) <= 8
                and not self._holds_any_cue(before[0].start, before[0].end)
                and not is_intro_phrase(text, before[0])
                and not is_sentence_adverb(text, before[0])
            ):
                before = []
            fragments = [*before, after] if after is not None else before
            rule = "split-quote" if before else "speaker-cue-quote"
            confidence = max(confidence, 0.95 if before else 0.9)
            priority += 0.5
        elif prefix_quoted and before:
            # '"C," X said on Monday at the rally.': what follows the cue is circumstance,
            # up to a quotation that continues the first ('... said. "D."').
            fragments = before + self._trailing_quotation(unit, cue_span.end)
            rule = "quote-speaker-cue"
            confidence = max(confidence, 0.9)
            priority += 0.5
        elif kind == OBJECT_KIND:
            if rest[:1] in {",", ".", ";", ":", ""} or starts_with_preposition(
                text, rest_start, unit.end
            ):
                return None
            after = trim(text, rest_start, self._content_end(unit, rest_start))
            fragments = [after] if after is not None else []
            rule = "speaker-cue-object"
        elif rest.startswith(":"):
            after = trim(text, rest_start + 1, self._content_end(unit, rest_start + 1))
            fragments = [after] if after is not None else []
        elif re.match(r",\s*that\b", rest) or ASIDE_THAT.match(rest):
            # "He said, however, that ...": the parenthetical is skipped.
            aside = ASIDE_THAT.match(rest)
            start = rest_start + aside.end() - 4 if aside else rest_start
            start, that = content_after(text, start, unit.end)
            after = trim(text, start, self._content_end(unit, start))
            fragments = [after] if after is not None else []
            rule = "speaker-cue-that"
        elif (
            rest.startswith(",")
            and (
                AS_OPENING.fullmatch(text, unit.start, speaker.start)
                or AS_INSIDE.search(text, max(unit.start, speaker.start - 12), speaker.start)
            )
            and has_words(text, rest_start + 1, unit.end, 3)
        ):
            # "As the mayor noted, C": the clause after the comma is reported.
            after = trim(text, rest_start + 1, self._content_end(unit, rest_start + 1))
            fragments = [after] if after is not None else []
            rule = "as-speaker-cue"
        elif rest.startswith(","):
            first = first_word(text, rest_start + 1, min(unit.end, rest_start + 60))
            gerund_subject = (
                first is not None
                and first.lower.endswith("ing")
                and FINITE_SOON.match(text, first.start, unit.end) is not None
            )
            if (
                first is None
                or not first.is_word
                or (
                    # ", adding ..." is the speaker's next act; "replacing him would be ..."
                    # is the subject of the interrupted content.
                    first.lower.endswith("ing") and not gerund_subject
                )
            ):
                fragments = before
                rule = "content-speaker-cue"
            elif (
                first.is_capitalized
                and first.lower not in SENTENCE_OPENERS
                and clause_kind
                and not before
            ):
                after = trim(text, rest_start + 1, self._content_end(unit, rest_start + 1))
                fragments = [after] if after is not None else []
                unquoted = True
                rule = "unquoted-direct"
                confidence = 0.7
            elif before and not is_subordinate_clause(text, rest_start + 1, unit.end):
                # "The outreach, they said, raised new worries": the cue interrupts the content.
                after = trim(text, rest_start + 1, self._content_end(unit, rest_start + 1))
                fragments = [*before, after] if after is not None else before
                rule = "parenthetical-cue"
            elif (
                prefix is not None
                and not before
                and clause_kind
                and text[unit.start : speaker.start].rstrip().endswith(",")
                and not is_subordinate_clause(text, rest_start + 1, unit.end)
                and has_words(text, rest_start + 1, unit.end, 4)
            ):
                # "In his state, Christie said, offenders are sent to treatment": the
                # cue interrupts a sentence that opens with a circumstance.
                after = trim(text, rest_start + 1, self._content_end(unit, rest_start + 1))
                fragments = [prefix, after] if after is not None else []
                rule = "parenthetical-cue"
            else:
                fragments = before
                rule = "content-speaker-cue"
        elif (
            rest
            and rest[0] not in ",.;!?)"
            and has_words(text, rest_start, unit.end, 1 if kind == PHRASE else 2)
            and (
                not is_subordinate_clause(text, rest_start, unit.end)
                # "Lawmakers have not said when they would vote": a question left open.
                or (
                    NEGATED_BEFORE.search(text, max(unit.start, cue.start - 12), cue.start)
                    is not None
                    and text.startswith("when", rest_start)
                )
            )
            and not starts_with_preposition(text, rest_start, unit.end)
            and not (
                starts_with_infinitive(text, rest_start, unit.end)
                and (cue.lemma not in INFINITIVE_CONTENT or is_passive(text, speaker, cue))
            )
        ):
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
                end = self._content_end(unit, start)
                if text[speaker.start : speaker.end].lower() in {"who", "which"}:
                    # A relative clause ends at its comma: "X, who said Y, left".
                    comma = text.find(",", start, end)
                    end = comma if comma > start else end
                after = trim(text, start, end)
                fragments = [after] if after is not None else []
                rule = "speaker-cue-that" if that else "speaker-cue-content"
        elif (
            not prefix_quoted
            and rest[:1].isalnum()
            and not is_subordinate_clause(text, rest_start, unit.end)
            and not starts_with_preposition(text, rest_start, unit.end)
            and not starts_with_infinitive(text, rest_start, unit.end)
        ):
            # "Mining companies declared bankruptcy": the cue has its own object, so the
            # words before the speaker are not what was said.
            return None
        else:
            fragments = before
            rule = "quote-speaker-cue" if prefix_quoted else "content-speaker-cue"
            as_said = None if before else AS_BEFORE.search(text, unit.start, speaker.start)
            if as_said is not None:
                # "It does not say whether he had a gun, as police have said.": the
                # clause before ", as" is reported.
                head = trim(text, unit.start, as_said.start())
                fragments = [without_intro(text, head)] if head is not None else []
        if kind == OBJECT_KIND and rule not in {"speaker-cue-object", "quote-speaker-cue"}:
            return None
        if not fragments:
            return None
        if kind == BELIEF_KIND and rule not in {"speaker-cue-that", "speaker-cue-content"}:
            return None
        if rule == "content-speaker-cue" and not is_clause_before(text, fragments[0]):
            return None
        if (
            cue.lemma == "call"
            and rule == "speaker-cue-object"
            and (
                is_title(text, fragments[0])
                or (
                    text[speaker.start : speaker.end].split()[0].lower() in {"a", "an"}
                    and text[fragments[0].start].isupper()
                )
            )
        ):
            return None  # "a website called Real News Right Now": a name, not speech
        return Draft(
            fragments,
            cue_span,
            speaker,
            rule,
            confidence,
            priority=priority,
            unquoted_direct=unquoted,
        )

    def _trailing_quotation(self, unit: Unit, position: int) -> list[Span]:
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
            ) or self._holds_any_cue(position, quotation.start):
                # Another cue introduces it ('..., adding: "B"'): not a continuation.
                return []
            span = trim(text, quotation.start, unit.end)
            if span is None or self.quotes.quoted_share(text, span.start, span.end) < 0.8:
                return []
            return [span]
        return []

    def _fronted(self, unit: Unit, cue: Cue, cue_span: Span) -> Draft | None:
        """``Said Dora Lind, who grew up there, "We were proud of him."``: the cue opens
        the sentence, its speaker follows, and a quotation after a comma closes it."""
        text = self.text
        speaker = find_speaker_after(text, cue_span.end, unit.end)
        if speaker is None:
            return None
        for quotation in self.quotes.within(speaker.end, unit.end):
            if quotation.start < speaker.end:
                continue
            lead = text[speaker.end : quotation.start]
            if not lead.rstrip().endswith((",", ":")) or QUOTE_MARK.search(lead):
                return None
            if word_count(text, speaker.end, quotation.start) > MAX_CIRCUMSTANCE_WORDS:
                return None
            content = trim(text, quotation.start, unit.end)
            if content is None or not self._is_quoted(content):
                return None
            speaker = trim(text, speaker.start, quotation.start) or speaker
            return Draft([content], cue_span, speaker, "cue-speaker-quote", 0.8, priority=3.5)
        return None

    def _quotation_after_circumstance(self, unit: Unit, cue: Cue, position: int) -> int | None:
        """Where a quotation starts that follows a cue's circumstance and a comma or
        colon ('said in the spring, when the story broke, "..."'), or None.

        The quotation must run to the unit's end and the circumstance be short, open
        with a preposition, a time word or (after "ask" and "tell") the addressee, and
        hold no quotation mark and no other cue.
        """
        text = self.text
        inside = self.quotes.within(position, unit.end)
        if not inside or inside[0].start < position:
            return None
        quotation = inside[0]
        gap = text[position : quotation.start]
        if not gap.rstrip().endswith((",", ":")) or QUOTE_MARK.search(gap):
            return None
        if word_count(text, position, quotation.start) > MAX_CIRCUMSTANCE_WORDS:
            return None
        if self._holds_any_cue(position, quotation.start):
            return None
        first = first_word(text, position, quotation.start)
        if first is not None and first.text == "," and first.end < quotation.start:
            first = first_word(text, first.end, quotation.start)  # 'joked, again, "..."'
        if first is None or not (
            first.lower in CIRCUMSTANCE_OPENERS
            or first.lower in WEEKDAYS
            # 'joked, using a Southern accent, "..."': a participle of manner (cues
            # among them were excluded above).
            or (first.lower.endswith("ing") and len(first.lower) > 4)
            or (
                cue.lemma in {"ask", "tell"}
                and skip_told_object(text, position, quotation.start) > position
            )
        ):
            # "says no matter what X does, "...", "noted the slogan, "..."": content.
            return None
        rest = trim(text, quotation.start, unit.end)
        if rest is None or self.quotes.quoted_share(text, rest.start, rest.end) < 0.8:
            return None
        return quotation.start

    def _after_colon(self, prefix: Span) -> Span:
        """'... with a caveat: "Q," the source said': only the quotation is content."""
        inside = self.quotes.within(prefix.start, prefix.end)
        if not inside:
            return prefix
        last = inside[-1]
        if last.start <= prefix.start or last.end < prefix.end - 1:
            return prefix
        if not self.text[prefix.start : last.start].rstrip().endswith(":"):
            return prefix
        return Span(last.start, prefix.end)

    def _tag_speaker(self, unit: Unit, quote_end: int, cue_start: int) -> Span | None:
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
        if span is None or self._holds_cue(quote_end, cue_start) or QUOTE_MARK.search(gap):
            return None
        first = first_word(text, span.start, span.end)
        if first is None or not (first.is_capitalized or first.lower in TAG_DETERMINERS):
            return None
        return span

    def _quotation_end(self, start: int, end: int) -> int:
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
            inner = self.text[first.start : first.end].rstrip("”\"»' ")
            if inner.endswith((",", ".", "!", "?", "…")):
                return first.end
        if (
            first.start >= start
            and len(inside) > 1
            and self._holds_cue(first.end, inside[1].start)
            and self.text[first.start : first.end].rstrip("”\"»' ").endswith(",")
        ):
            # 'shouted, "Cruz," Beck joked, "Amen!"': another speaker's tag follows.
            return first.end
        return end

    def _cues_from(self, index: int) -> Iterator[Cue]:
        """The cues from ``index`` on, without copying the list (texts can be long)."""
        cues = self.cues
        for position in range(index, len(cues)):
            yield cues[position]

    def _holds_any_cue(self, start: int, end: int) -> bool:
        """Whether any cue but a modifier (an "according to" too) lies in ``[start, end)``."""
        low = bisect_left(self._cue_starts, start)
        for cue in self._cues_from(low):
            if cue.start >= end:
                return False
            if cue.kind != MODIFIER:
                return True
        return False

    def _holds_cue(self, start: int, end: int) -> bool:
        """Whether a verb cue outside quotation marks lies in ``[start, end)``."""
        low = bisect_left(self._cue_starts, start)
        for cue in self._cues_from(low):
            if cue.start >= end:
                return False
            if cue.kind not in (MODIFIER, ACCORDING):
                return True
        return False

    def _content_end(self, unit: Unit, start: int) -> int:
        """The unit end, or an earlier ``, adding ...`` that starts a new attribution."""
        end = content_stop(self.text, start, unit.end)
        end = self._subordinate_clause_end(unit, start, end)
        low = bisect_left(self._cue_starts, start)
        for cue in self._cues_from(low):
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

    def _subordinate_clause_end(self, unit: Unit, start: int, end: int) -> int:
        """``end``, or the comma that closes an opening subordinate clause holding the
        content: "After he announced that C, U.S. forces bombed ..." reports C only."""
        text = self.text
        if OPENING_SUBORDINATOR.match(text, unit.start, start) is None:
            return end
        if text.find(",", unit.start, start) >= 0:
            return end  # the clause closed before the content began
        comma = start
        while (comma := text.find(",", comma + 1, end)) >= 0:
            if odd_quote_count(text[start:comma]):
                continue
            if MAIN_CLAUSE_AFTER.match(text, comma + 1, end):
                return comma
        return end

    def _main_verb_comeback(self, start: int, end: int) -> int:
        """``end``, or the comma before the first finite cue verb in ``[start, end)``
        that directly follows a comma (", described himself", ", said")."""
        text = self.text
        for cue in self._cues_from(bisect_left(self._cue_starts, start)):
            if cue.start >= end:
                break
            if cue.participle or cue.kind not in (CLAUSE_KIND, PHRASE, OBJECT_KIND):
                continue
            comma = COMMA_BEFORE.search(text, max(start, cue.start - 12), cue.start)
            if comma is not None and not odd_quote_count(text[start : comma.start()]):
                return comma.start()
        return end

    def _quotation_follows(self, position: int, end: int) -> bool:
        """Whether a quotation opens at ``position``, maybe after a comma or colon."""
        start = skip_spaces(self.text, position, end)
        if self.text[start : start + 1] in {",", ":"}:
            start += 1
        return starts_with_opening_mark(self.text, start, end)

    def _closes_quotation(self, start: int, end: int, *, comma: bool = False) -> bool:
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
        if text[position - 1] in '”"»' or text[position - 2 : position] == "''":
            return True
        quotation = self.quotes.covering(position - 1)
        return quotation is not None and quotation.end == position

    def _is_quoted(self, span: Span) -> bool:
        return self.quotes.quoted_share(self.text, span.start, span.end) > 0.5


def spans_of_draft(draft: Draft) -> list[Span]:
    """The content, cue and speaker spans of a draft."""
    spans = list(draft.fragments)
    spans += [s for s in (draft.cue, draft.speaker) if s is not None]
    return spans
