"""What the speaker-first construction reads a sentence with: its word lists,
patterns and predicates (``quotes.constructions.speaker_first`` applies them).
Module-level constants and pure functions; safe to share between threads.
"""

from __future__ import annotations

import re

from quotes.constructions.context import RuleContext
from quotes.content_bounds import skip_told_object, trim, word_count
from quotes.cues import Cue
from quotes.grammar import (
    APPROXIMATORS,
    BE_WORDS,
    BELIEF_KIND,
    CLAUSE_SUBJECTS,
    FINITE_SOON,
    MAX_CIRCUMSTANCE_WORDS,
    PAST_VERB,
    any_of,
)
from quotes.model import Span
from quotes.quotemarks import QUOTE_MARK
from quotes.tokens import AUXILIARIES, SENTENCE_OPENERS, WEEKDAYS, first_word
from quotes.units import Unit

# Words that open a circumstance between a cue and its quotation ("said in the spring,").
CIRCUMSTANCE_OPENERS = frozenset(
    "in on at about of during after before to with from via through for over when while "
    "as then again later earlier repeatedly also last this recently once".split()
)


# An auxiliary in lower case: "in late May" holds no verb.
FINITE_LOWER = re.compile(rf"\b{any_of(sorted(AUXILIARIES - {'do'}))}\b")


# Words that open an adverbial phrase before a speaker ("In May 2014, ...").
PHRASE_OPENERS = frozenset(
    "in on at for after during under like later then just before since with from by among "
    "amid despite following offstage weighing speaking".split()
)


SUBORDINATORS = frozenset("after as even while when if because though although since".split())


# Verbs whose object is mostly no speech ("claimed the prize", "charged a fee", "boasts
# a lead", "advises companies"): content after them must be a clause.
CLAUSE_ONLY = frozenset("claim charge boast advise".split())


QUANTITY = re.compile(rf"(?:{any_of((*APPROXIMATORS, 'another'))}\s+)?[$\d]", re.IGNORECASE)


# "he's", "they’re": the subject before its contracted verb.
CONTRACTION = re.compile(r"[’'].*$")


def after_colon(ctx: RuleContext, prefix: Span) -> Span:
    """'... with a caveat: "Q," the source said': only the quotation is content."""
    inside = ctx.quotes.within(prefix.start, prefix.end)
    if not inside:
        return prefix
    last = inside[-1]
    if last.start <= prefix.start or last.end < prefix.end - 1:
        return prefix
    if not ctx.text[prefix.start : last.start].rstrip().endswith(":"):
        return prefix
    return Span(last.start, prefix.end)


def quotation_after_circumstance(
    ctx: RuleContext, unit: Unit, cue: Cue, position: int
) -> int | None:
    """Where a quotation starts that follows a cue's circumstance and a comma or
    colon ('said in the spring, when the story broke, "..."'), or None.

    The quotation must run to the unit's end and the circumstance be short, open
    with a preposition, a time word or (after "ask" and "tell") the addressee, and
    hold no quotation mark and no other cue.
    """
    text = ctx.text
    inside = ctx.quotes.within(position, unit.end)
    if not inside or inside[0].start < position:
        return None
    quotation = inside[0]
    gap = text[position : quotation.start]
    if not gap.rstrip().endswith((",", ":")) or QUOTE_MARK.search(gap):
        return None
    if word_count(text, position, quotation.start) > MAX_CIRCUMSTANCE_WORDS:
        return None
    if ctx.holds_any_cue(position, quotation.start):
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
    if rest is None or ctx.quotes.quoted_share(text, rest.start, rest.end) < 0.8:
        return None
    return quotation.start


def is_clause_before(text: str, span: Span) -> bool:
    """Whether words before a speaker can be reported content: not a dateline or a
    short opener ("WASHINGTON", "Thus far"), nor a lone subordinate clause ("even as ...")."""
    words = text[span.start : span.end].split()
    if not words or text[span.start : span.end].isupper():
        return False
    if len(words) <= 2 and words[0].lower().strip(",") in SENTENCE_OPENERS:
        return False
    if (
        words[0].lower() in PHRASE_OPENERS
        and FINITE_LOWER.search(text, span.start, span.end) is None
        and PAST_VERB.search(text, span.start, span.end) is None
    ):
        # "In an interview with the Post in May, she said": a phrase without a verb.
        return False
    # "While X ran third, ..., he said" holds a main clause; "even as X rose" does not.
    return words[0].lower() not in SUBORDINATORS or "," in text[span.start : span.end]


def is_title(text: str, span: Span) -> bool:
    """Whether every word of ``span`` is capitalised, as in a name or title."""
    words = [w for w in text[span.start : span.end].split() if w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def is_passive(text: str, speaker: Span, cue: Cue) -> bool:
    """Whether a form of "be" stands between speaker and cue ("is said to", "was asked")."""
    between = text[speaker.end : cue.start].lower().split()
    return any(word in BE_WORDS for word in between)


def is_sentence_adverb(text: str, span: Span) -> bool:
    """Whether ``span`` is one adverb opening the sentence ("Additionally,")."""
    words = text[span.start : span.end].split()
    return len(words) == 1 and words[0].lower().rstrip(",").endswith("ly")


def takes_no_object_content(text: str, cue: Cue, start: int, limit: int) -> bool:
    """Whether the words after a cue are no reported content: after a verb of belief
    or one of ``CLAUSE_ONLY``, no clause ("feel free", "claimed the prize"); a quantity
    after "added" ("the economy added 292,000 jobs"); "pledged delegates"."""
    first = first_word(text, start, limit)
    if first is None:
        return True
    if cue.lemma == "add" and QUANTITY.match(text, start, limit):
        return True
    if cue.lemma == "pledge" and first.lower.startswith("delegate"):
        return True
    if cue.kind == BELIEF_KIND or cue.lemma in CLAUSE_ONLY:
        return not (
            CONTRACTION.sub("", first.lower) in CLAUSE_SUBJECTS
            or first.is_capitalized
            or FINITE_SOON.match(text, start, limit) is not None
        )
    return False


# Verbs whose infinitive complement reports a commitment or a request ("vowed to fight",
# "urged them to leave"); after other verbs "to" opens a purpose or a passive.
INFINITIVE_CONTENT = frozenset(
    "promise vow pledge threaten urge ask tell warn caution advise call demand propose "
    "agree offer refuse decline swear beg plead order instruct encourage invite challenge "
    "remind implore".split()
)

# The preposition that introduces a topic after a cue ("talked about", "spoke of").
TOPIC_PREPOSITION = re.compile(r"(about|against|of)\s+", re.IGNORECASE)

# A short circumstance, then a clause with a pronoun subject ("for weeks he's ...").
LATE_PRONOUN_CLAUSE = re.compile(
    r"\s*([\w’']+)(?:[^\S\n]+[\w’'.-]+){0,4}?[^\S\n]+(?=(?:he|she|they|we|it|i)(?:[’'](?:s|re|d|ll|ve|m))?"
    r"[^\S\n]+(?:[\w’']+[^\S\n]+)?(?:is|was|are|were|has|had|have|would|will|could|can|should|"
    r"did|does|do|may|might|must|(?-i:[a-z]+ed))\b|(?:he|she|they|we|it|i)[’'](?:s|re|d|ll|ve|m)\b)",
    re.IGNORECASE,
)

CIRCUMSTANCE_STARTS = (
    frozenset(
        "on in at during following after before last this earlier later via through over to "
        "for with from by again repeatedly publicly privately recently previously night morning "
        "afternoon evening week weekend month year".split()
    )
    | WEEKDAYS
)

# A negation right before a cue ("have not said", "didn't say").
NEGATED_BEFORE = re.compile(r"\b(?:not|never)\s+$|n[’']t\s+$", re.IGNORECASE)

# A short addressee (no comma, no verb form) before the question word of "asked".
ADDRESSEE_BEFORE_QUESTION = re.compile(
    r"(?:(?!(?:is|are|was|were|has|have|had|will|would|to)\b)[\w’'.-]+\s+){1,7}?"
    r"(?=(?:whether|if|why|how|what|who|where|when|about)\b)",
    re.IGNORECASE,
)

# The last word before a quotation, with its comma or colon: 'shouted, "'.
CUE_BEFORE_QUOTE = re.compile(r"\b[\w’']+[,:]?\s*$")

# "asked the court to intervene": an addressee and an infinitive.
OBJECT_INFINITIVE = re.compile(
    r"(?:[\w’'.-]+\s+){1,6}?to\s+(?!(?:the|a|an|his|her|their|its|this|that)\b)(?-i:[a-z]+)\b",
    re.IGNORECASE,
)

# "C, as X said": the speaker's clause after a comma and "as".
AS_BEFORE = re.compile(r",\s*(?:just\s+)?as\s+$", re.IGNORECASE)

# "As X noted, C".
AS_OPENING = re.compile(r"\W*(?:(?:but|and|yet|so),?\s+)?as\s+", re.IGNORECASE)

# "..., and as X noted, C": the same after a comma inside the sentence.
AS_INSIDE = re.compile(r"[,;]\s*(?:(?:and|but|yet|so)\s+)?as\s+$", re.IGNORECASE)

# "He said, without evidence, that C": an aside between the cue and "that".
ASIDE_THAT = re.compile(r",\s*[^,;:\"“”]{1,60},\s*that\b", re.IGNORECASE)
