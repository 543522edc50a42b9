"""Who speaks a verb cue that no other construction claimed: the mention right before
the cue (or its modal), the whole tag after an opening quotation, the head of a chain of
appositions, and, when none stands there, the subject of the sentence (after "and",
"to" or a finite "say"). Pure functions of a ``RuleContext``.
"""

from __future__ import annotations

import re

from quotes.constructions.context import RuleContext
from quotes.constructions.passive import PASSIVE_BE
from quotes.content_bounds import skip_adverbials, trim, word_count
from quotes.cues import PHRASE, Cue
from quotes.grammar import CLAUSE_KIND, MODALS, THAT_AFTER, any_of
from quotes.model import Span
from quotes.speakers.after_cue import find_subject
from quotes.speakers.before_cue import find_speaker_before
from quotes.units import Unit

MODAL_BEFORE = re.compile(
    rf"\b{any_of((*MODALS, 'might', 'may'))}(?:\s+(?:also|later|not|then))?\s+$"
)


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


TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)


# A verb that takes an infinitive whose subject is its own: "appeared to acknowledge".
CATENATIVE_BEFORE = re.compile(
    r"\b(?:appear|seem|continue|move|tr[iy]|struggle|refuse|decline|decide|plan|hope|"
    r"attempt|choose|chose|fail|manage|want|need|use|begin|began|start|rush|hasten|"
    r"vow|promise|pledge)(?:s|es|ed|d)?\s+(?:\w+ly\s+)?to\s+$",
    re.IGNORECASE,
)


LEADING_PRONOUN = re.compile(
    r"\W*(?:(?:but|and|so|yet),?\s+)?(he|she|they|we|i)\b(?!\s*[,'’])", re.IGNORECASE
)


CAUSATIVE = re.compile(
    r"\b(?:le[ad]|leading|leads|prompt(?:s|ed|ing)?|forc(?:e|es|ed|ing)|caus(?:e|es|ed|ing)|"
    r"push(?:es|ed|ing)?|encourag(?:e|es|ed|ing)|allow(?:s|ed|ing)?|inspir(?:e|es|ed|ing)|"
    r"spur(?:s|red|ring)?|drove|driv(?:e|es|ing))\s+",
    re.IGNORECASE,
)


def find_cue_speaker(
    ctx: RuleContext, unit: Unit, cue: Cue, lower: int, before: int, speaker: Span | None
) -> Span | None:
    """The mention right before ``before`` (the cue or its modal) unless ``speaker`` is
    given; the whole tag after an opening quotation when it starts earlier; the head of
    a chain of appositions that ends at the cue."""
    text = ctx.text
    if speaker is None:
        speaker = find_speaker_before(text, lower, before, progressive=cue.participle)
    tag = ctx.tag_speaker(unit, lower, cue.start)
    if tag is not None and (speaker is None or speaker.start > tag.start):
        speaker = tag
    if speaker is not None and text[speaker.end : cue.start].strip() == ",":
        # "Cory James, 22, of Flint, Mich., said": the name opens the chain of
        # appositions that ends at the cue.
        head = find_subject(text, lower, speaker.start)
        if head is not None and text[head.end : head.end + 1] == ",":
            speaker = Span(head.start, speaker.end)
    return speaker


def coordinated_subject(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, lower: int
) -> Span | None:
    """ "X met Y and reiterated ...", "X has ... but has said ...", and 'X, in a cape
    reading "A," shouted, "B"': the sentence's subject speaks the coordinated cue."""
    text = ctx.text
    if COORDINATED.search(text, max(lower, cue.start - 40), cue.start) or (
        lower > unit.start and ctx.quotation_follows(cue_span.end, unit.end)
    ):
        return find_subject(text, unit.start, cue.start) or ctx.previous_subject(lower, cue.start)
    return None


def distant_subject(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, lower: int
) -> tuple[Span | None, re.Match[str] | None]:
    """The speaker of a cue with no mention before it: after "to", or the subject of a
    finite "say" or "tell" (or of a reporting verb and "that"); and, when none is found,
    the form of "be" that makes the cue passive (or None)."""
    text = ctx.text
    speaker = None
    infinitive = TO_BEFORE.search(text, max(lower, cue.start - 6), cue.start)
    if infinitive is not None:
        speaker = _infinitive_subject(ctx, unit, cue, cue_span, lower, infinitive)
    passive = (
        PASSIVE_BE.search(text, max(lower, cue.start - 30), cue.start) if speaker is None else None
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
            or THAT_AFTER.match(text, ctx.late_that_start(unit, cue_span.end))
        )
    ):
        # "Sen. Rand Paul, R-Ky., told Fox News that C", "some economists - among
        # them X - warn that C": no mention stands right before the verb, but a
        # finite "say" or "tell", or a reporting verb and "that", make the
        # sentence's subject a speaker.
        speaker = find_subject(text, unit.start, cue.start)
    return speaker, passive


def _infinitive_subject(
    ctx: RuleContext, unit: Unit, cue: Cue, cue_span: Span, lower: int, to: re.Match[str]
) -> Span | None:
    """Who speaks a cue after ``to``: the object of a causative verb, the subject of a
    verb that takes its own infinitive, or the sentence's subject."""
    text = ctx.text
    # "leading Clinton's advisers to counter that C", "prompted Rubio to
    # joke": the noun phrase before "to", object of a causative verb, speaks.
    window = max(lower, to.start() - 60)
    found = list(CAUSATIVE.finditer(text, window, to.start()))
    if found and word_count(text, found[-1].end(), to.start()) <= 8:
        return trim(text, found[-1].end(), to.start())
    catenative = CATENATIVE_BEFORE.search(text, max(lower, to.start() - 40), to.end())
    if catenative is not None:
        # "Mr. Trump appeared to acknowledge C", "she moved to emphasize C":
        # the subject of the verb before "to" speaks.
        return find_speaker_before(text, lower, catenative.start()) or find_subject(
            text, unit.start, catenative.start()
        )
    if cue.kind == PHRASE or THAT_AFTER.match(text, skip_adverbials(text, cue_span.end, unit.end)):
        # "Democrats are quick to note that C", "X will come on the show to
        # talk about C": the sentence's subject.
        speaker = find_subject(text, unit.start, to.start())
        pronoun = LEADING_PRONOUN.match(text, unit.start, to.start())
        if speaker is None and pronoun is not None:
            speaker = Span(pronoun.start(1), pronoun.end(1))
        return speaker
    return None
