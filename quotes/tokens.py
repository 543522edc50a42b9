"""Word tokens with offsets, and the small closed word classes the rules look at.

The classes here are grammar (pronouns, determiners, clause openers), not content
lexicons; titles and cues are package data read by ``quotes.lexicon``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A word keeps inner apostrophes, periods and hyphens ("Ryan’s", "U.S", "Member-States");
# any other character but white space is a token of its own. This is
# "\w+(?:[’'.&-]\w+)*|[^\w\s]" written to open with one character set (\S, then a
# look-behind tells word from punctuation), which lets the regex engine skip white
# space in C instead of trying both branches at every space.
_TOKEN = re.compile(r"\S(?:(?<=\w)\w*(?:[’'.&-]\w+)*|(?<!\w))")


class Token(NamedTuple):
    """One word or punctuation mark: its text, offsets into the article text, lower case.

    A named tuple rather than a frozen dataclass: tokens are made by the hundred
    thousand and tuples are several times cheaper to build.
    """

    text: str
    start: int
    end: int
    lower: str

    @property
    def is_word(self) -> bool:
        """Whether the token is a word (starts with a letter or digit)."""
        return self.text[0].isalnum()

    @property
    def is_capitalized(self) -> bool:
        """Whether the token starts with an upper-case letter."""
        return self.text[0].isupper()


# Builds a Token straight from its four fields, skipping the named tuple's Python-level
# ``__new__``: tokenising is the extractor's most frequent step.
_new_tuple = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [
        _new_tuple(Token, (word, match.start(), match.end(), word.lower()))
        for match in _TOKEN.finditer(text, start, end)
        for word in (match.group(),)
    ]


def first_word(text: str, start: int, end: int) -> Token | None:
    """The first token of ``text[start:end]``, or None (cheaper than ``tokenize``)."""
    match = _TOKEN.search(text, start, end)
    if match is None:
        return None
    word = match.group()
    return _new_tuple(Token, (word, match.start(), match.end(), word.lower()))


PRONOUNS = frozenset(
    "he she they we i you it who which him her them us me someone somebody".split()
)
PERSONAL_PRONOUNS = frozenset("he she they we i you him her them us me".split())
# Forms of "be", "have" and "do" and the modals: the finite verb of a clause.
AUXILIARIES = frozenset(
    "is are was were has have had will would could should can may might must did does do".split()
)
DETERMINERS = frozenset(
    "the a an his her their its our my your this these those some many several other "
    "both one two three four five few most all each another any".split()
)
CONNECTORS = frozenset("of for at to de la le van von der al bin du da del and".split())
# Words that open a clause; a speaker mention never runs back across them.
CLAUSE_WORDS = frozenset(
    "that which what when where whether if because but and or nor while after before "
    "since than then also as so though although unless until once where whom whose "
    "is are was were be been being am has have had do does did not no to with by from "
    "on in into about over under against during through without within between among "
    "said says say told tells added adds".split()
)
# Capitalised words that open a sentence without belonging to its subject.
SENTENCE_OPENERS = frozenset(
    "but and so yet still however meanwhile also then now when if asked in on at after "
    "before during while later earlier today yesterday instead indeed moreover there "
    "here thus still nonetheless nevertheless besides finally first second third as "
    "although though because since speaking stressing asked noting minutes hours days "
    "weeks months moments shortly beyond absent despite amid".split()
)
# Words between a speaker and the cue that belong to neither ("he also said").
CUE_MODIFIERS = frozenset(
    "also has had have having 've ’ve 'd ’d would will could might may must should can "
    "did does do not never later previously then again once first further finally just "
    "only even still already recently reportedly publicly privately repeatedly often "
    "frequently initially subsequently quickly flatly sharply openly bluntly firmly "
    "clearly famously quietly loudly strongly simply explicitly specifically angrily "
    "emphatically ultimately now indeed soon".split()
)
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "earlier later recently".split()
)


def is_cue_modifier(token: Token) -> bool:
    """Whether ``token`` may stand between a speaker and the cue verb ("has", "also")."""
    lower = token.lower
    return lower in CUE_MODIFIERS or (
        len(lower) > 4
        and lower.endswith("ly")
        and token.text.islower()
        and lower not in _LY_NOUNS_AND_VERBS
    )


# Words ending in -ly that are not adverbs ("attorneys for the family said").
_LY_NOUNS_AND_VERBS = frozenset(
    "family rally ally assembly supply reply apply italy july bully anomaly monopoly "
    "homily panoply butterfly belly jelly tally folly holly comply imply rely multiply "
    "sully anomaly melancholy".split()
)
