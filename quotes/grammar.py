"""Word classes and small predicates that several constructions share.

Cue kinds as plain strings, quotation marks, phrase and clause ends, finite verbs.
What one construction alone reads lives in its own module under
``quotes.constructions``. Module-level constants and pure functions; safe to share
between threads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quotes.content_bounds import starts_with_opening_mark
from quotes.lexicon import CueKind
from quotes.quotemarks import leaves_quotation_open


def any_of(words: Iterable[str]) -> str:
    """A non-capturing group matching any of ``words`` (regex fragments such as
    ``more\\s+than`` allowed), tried in the order given."""
    return f"(?:{'|'.join(words)})"


# Finite verb forms by verb, in the order the patterns try them.
MODALS = ("must", "will", "would", "could", "should", "can")
BE_FINITE = ("is", "are", "was", "were")
BE_NONFINITE = ("been", "be", "being")
HAVE_FORMS = ("has", "have", "had")
DO_FINITE = ("did", "does")
BE_WORDS = frozenset((*BE_FINITE, *BE_NONFINITE))

# Words that make a number approximate ("about 300", "more than $5").
APPROXIMATORS = ("about", "around", "nearly", "almost", "roughly", "some", r"more\s+than", "over")

# The kinds as plain strings: an enum's ``.value`` costs a descriptor call per use.
CLAUSE_KIND = CueKind.CLAUSE.value

BELIEF_KIND = CueKind.BELIEF.value

OBJECT_KIND = CueKind.OBJECT.value

# The longest circumstance between a cue and its quotation ('said in the spring, "...').
MAX_CIRCUMSTANCE_WORDS = 15


THAT_AFTER = re.compile(r"\s*that\b", re.IGNORECASE)


def phrase_end(text: str, start: int, end: int) -> int:
    """The first comma in ``[start, end)`` outside quotation marks that no quotation
    follows, or ``end``."""
    comma = start
    while True:
        comma = text.find(",", comma, end)
        if comma < 0:
            return end
        if not leaves_quotation_open(text[start:comma]) and not starts_with_opening_mark(
            text, comma + 1, end
        ):
            return comma
        comma += 1


def after_comma(text: str, start: int, position: int) -> bool:
    """Whether a comma (maybe inside a closing quotation mark) ends ``text[start:position]``
    ('..., adding', '... maniacal," adding')."""
    return text[start:position].rstrip().rstrip("”\"’'»").endswith(",")


# A "that" clause after up to eight words of circumstance ("told Fox News on Sunday that").
LATE_THAT = re.compile(r"([\w’']+)(?:[^\S\n]+[\w’'.-]+){0,8}?[^\S\n]+that\b")

# A finite verb within the first words: "adding the U.S. must be equally global".
FINITE_SOON = re.compile(
    rf"(?:[\w’'.-]+\s+){{1,6}}?{any_of((*MODALS, *BE_FINITE, *HAVE_FORMS, *DO_FINITE))}\b"
)


CLAUSE_SUBJECTS = frozenset("he she they it we i there".split())


# A lower-case past-tense verb after a subject ("the court ruled").
PAST_VERB = re.compile(r"(?<=\s)(?-i:[a-z]+ed)\b")
