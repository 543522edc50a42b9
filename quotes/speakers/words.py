"""What the speaker finders know of words: titles, abbreviations and the shape of a
name word. Cached word lists from ``quotes/data``; safe to share between threads.
"""

from __future__ import annotations

import re
from functools import cache

from quotes.lexicon import read_data_lines
from quotes.tokens import (
    Token,
)

MAX_MENTION_TOKENS = 14
NAME_WORD = r"[A-Z][\w’'-]*\.?"


@cache
def titles() -> frozenset[str]:
    """Role and honorific words from ``quotes/data/titles.txt``."""
    return frozenset(read_data_lines("titles.txt"))


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations from ``quotes/data/abbreviations.txt`` (lower case, no final period)."""
    return frozenset(read_data_lines("abbreviations.txt"))


_DOTTED_ACRONYM = re.compile(r"[A-Z](?:\.[A-Z])+")


def is_abbreviation_period(tokens: list[Token], index: int) -> bool:
    """Whether ``tokens[index]`` is the period of an abbreviation such as "Mr."."""
    return (
        index > 0
        and tokens[index].text == "."
        and tokens[index - 1].end == tokens[index].start
        and (
            tokens[index - 1].lower in abbreviations()
            # An initial: "E. J. Fleming".
            or (len(tokens[index - 1].text) == 1 and tokens[index - 1].text.isupper())
            # A dotted acronym: "The S.E.C.", "the U.N.".
            or _DOTTED_ACRONYM.fullmatch(tokens[index - 1].text) is not None
        )
    )
