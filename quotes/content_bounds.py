"""Where reported content begins and ends around a cue, and the shape of its clause.

``X said (that) CONTENT.``, ``X told reporters CONTENT.``, ``CONTENT, X added.``,
``According to X, CONTENT.`` These helpers only measure text (adverbials after a
cue, introductory phrases, where an inverted speaker ends; content stops are in
``quotes.content_stop``); ``quotes.rules`` and ``quotes.constructions`` decide which
construction applies. All are pure functions of the text and offsets.
"""

from __future__ import annotations

import re

from quotes.model import Span
from quotes.speakers.words import abbreviations
from quotes.tokens import (
    CLAUSE_WORDS,
    DETERMINERS,
    PRONOUNS,
    WEEKDAYS,
    Token,
    first_word,
    is_cue_modifier,
    tokenize,
)
from quotes.units import Unit

# Adverbials between a cue and its content: "said on Tuesday", "said in an interview
# with CNN", "told reporters at the White House".
_ADVERBIAL = re.compile(
    r"""\s*(?:
        (?:on|last|this|early|late|earlier)\s+(?:(?-i:[A-Z])\w+|week|month|year|night|morning)\b
      | (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)\b
            (?:\s+(?:morning|afternoon|evening|night)\b)?
      | (?:in|during|at|on|via|through|over)\s+(?:a|an|the|his|her|their|its)\s+
            (?:[\w’'-]+\s+){0,3}?
            (?:statement|interview|speech|tweet|post|letter|e-?mail|memo|release|
               conference|briefing|rally|hearing|debate|op-ed|column|event|appearance|
               call|video|message|broadcast|town\s+hall|news\s+conference|press\s+conference)s?
            (?:\s+(?:message|statement|interview|address|appearance|conference|call|post)s?)?
            (?:\s+(?:with|to|on|at)\s+(?:(?-i:[A-Z])[\w’'.-]*\s*)+)?
      | (?:on|to)\s+(?:Twitter|Facebook|Instagram|television|TV|radio|Fox\s+News|CNN|MSNBC)\b
      | (?:to\s+)?reporters\b | to\s+(?:the\s+)?(?:press|media|journalists)\b
      | (?:in|at)\s+(?:(?-i:[A-Z])[\w’'.-]*\s*)+
      | ,\s*(?:however|though|too|also|again|instead|in\s+fact|of\s+course)\s*(?=,)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_THAT = re.compile(r"\s*,?\s*that\b", re.IGNORECASE)
_WHETHER = re.compile(r"\s*(?:whether|if|why|how|what|when|where|who)\b", re.IGNORECASE)


def skip_adverbials(text: str, position: int, limit: int) -> int:
    """The offset after any adverbials and cue modifiers that follow a cue at ``position``."""
    for _ in range(4):
        match = _ADVERBIAL.match(text, position, limit)
        if match and match.end() > position:
            position = match.end()
            continue
        token = first_word(text, position, min(limit, position + 40))
        if (
            token is not None
            and token.is_word
            and (
                (is_cue_modifier(token) and token.lower not in {"that", "not"})
                or token.lower in WEEKDAYS
            )
        ):
            position = token.end
            continue
        break
    return position


_ADDRESSEES = frozenset(
    "him her them us me you reporters journalists supporters voters listeners viewers "
    "members lawmakers students people audiences congress donors delegates".split()
)


def skip_told_object(text: str, position: int, limit: int) -> int:
    """The offset after the addressee of "told" ("told him", "told the crowd",
    "told The Post", "told Chris Wallace of Fox News"), or ``position`` when none."""
    tokens = tokenize(text, position, min(limit, position + 120))
    count = len(tokens)
    if not count or not tokens[0].is_word:
        return position
    first = tokens[0]
    index = 0
    if first.lower in _ADDRESSEES:
        index = 1
    elif first.lower in DETERMINERS:
        index = 1
        while (
            index < min(count, 6)
            and tokens[index].is_word
            and tokens[index].lower not in CLAUSE_WORDS
            and tokens[index].lower not in DETERMINERS
            and tokens[index].lower not in PRONOUNS
        ):
            index += 1
    elif first.is_capitalized:
        index = _skip_name(tokens, 0)
        while (
            index + 1 < count
            and tokens[index].lower in {"of", "at", "on", "from"}
            and tokens[index + 1].is_capitalized
        ):
            index = _skip_name(tokens, index + 1)
    if index == 0:
        return position
    return tokens[index - 1].end


def _skip_name(tokens: list[Token], index: int) -> int:
    """The index after a run of capitalised words, possessives and abbreviation periods."""
    while index < len(tokens) and (
        tokens[index].is_capitalized or tokens[index].text in {"’s", "'s", ".", "-"}
    ):
        index += 1
    return index


def content_after(text: str, position: int, limit: int) -> tuple[int, bool]:
    """Where the content after a cue begins, skipping ", :"; and whether it opens with "that".

    The complementiser "that" belongs to the content, as annotators mark it.
    """
    match = _THAT.match(text, position, limit)
    if match:
        return _skip_space_and(text, match.end() - 4, limit, " \t,"), True
    return _skip_space_and(text, position, limit, " \t,:—–-"), False


_SUBORDINATE = re.compile(
    r"\s*(?:when|while|as|after|before|because|during|since|until|without|upon|in\s+response)\b",
    re.IGNORECASE,
)


def is_subordinate_clause(text: str, position: int, limit: int) -> bool:
    """Whether the words after a cue are a circumstance ("said when asked"), not content."""
    return _SUBORDINATE.match(text, position, limit) is not None


_PREPOSITION = re.compile(
    r"\s*(?:about|of|with|to|for|on|at|in|from|by|into|onto|over|against|after|up|down|off)"
    r"(?![\w-])"
    # "said about half of the deficit ...": "about" and "over" before a number are adverbs.
    r"(?<!about)(?<!over)|\s*(?:about|over)(?!\s+(?:\d|\$|half\b|a\s+(?:third|quarter|"
    r"dozen|fifth)\b|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion))(?![\w-])",
    re.IGNORECASE,
)
# "vowed to fight", "urged them to leave": "to" before a verb, not a noun phrase.
_INFINITIVE = re.compile(
    r"\s*(?:not\s+)?to\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|"
    r"him|them|us|me|you|it|reporters|voters|supporters|congress)\b)[\"“‘']?(?-i:[a-z]+)\b(?![-’'])",
    re.IGNORECASE,
)


def starts_with_preposition(text: str, position: int, limit: int) -> bool:
    """Whether the words after a cue open with a preposition ("joked with", "written by").

    An infinitive's "to" is no preposition: "vowed to fight" reports a promise.
    """
    return _PREPOSITION.match(text, position, limit) is not None and not starts_with_infinitive(
        text, position, limit
    )


def starts_with_infinitive(text: str, position: int, limit: int) -> bool:
    """Whether the words at ``position`` are "to" and a lower-case verb ("to take")."""
    return _INFINITIVE.match(text, position, limit) is not None


def is_question_clause(text: str, position: int, limit: int) -> bool:
    """Whether the content starts with "whether"/"if"/a wh-word (after "asked")."""
    return _WHETHER.match(text, position, limit) is not None


def _skip_space_and(text: str, position: int, limit: int, characters: str) -> int:
    while position < limit and text[position] in characters:
        position += 1
    while position < limit and text[position].isspace():
        position += 1
    return position


def trim(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace and trailing ``, ; :`` (None when empty).

    Closing quotation marks and final periods are kept: they belong to a quotation.
    """
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-("):
        end -= 1
    if end <= start or _ALNUM.search(text, start, end) is None:
        return None
    return Span(start, end)


# One letter or digit: exactly the characters ``str.isalnum`` accepts (``\w`` less "_").
_ALNUM = re.compile(r"[^\W_]")


def ends_with_clause_comma(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends a clause before a speaker: with a comma or dash,
    or with a closing quotation mark after , ? ! or . ('"We won,"', '"Why?"')."""
    # Walk back instead of slicing: the range is often a whole unit's start.
    position = end
    while position > start and text[position - 1].isspace():
        position -= 1
    if position <= start:
        return False
    if text[position - 1] in ",—–":
        return True
    unquoted = position
    while unquoted > start and text[unquoted - 1] in "”\"’'»":
        unquoted -= 1
    return start < unquoted < position and text[unquoted - 1] in ",?!.…"


_WORD = re.compile(r"\w+(?:[’'.&-]\w+)*")


def word_count(text: str, start: int, end: int) -> int:
    """How many word tokens ``text[start:end]`` holds."""
    return len(_WORD.findall(text, start, end)) if end > start else 0


def has_words(text: str, start: int, end: int, count: int) -> bool:
    """Whether ``text[start:end]`` holds at least ``count`` word tokens.

    Same answer as ``word_count(...) >= count``, but stops at the ``count``-th word:
    the range is often the rest of a long unit.
    """
    if end <= start:
        return count <= 0
    found = 0
    for _ in _WORD.finditer(text, start, end):
        found += 1
        if found >= count:
            return True
    return found >= count


def starts_with_opening_mark(text: str, position: int, limit: int) -> bool:
    """Whether a quotation opens at ``position`` (after whitespace)."""
    while position < limit and text[position].isspace():
        position += 1
    return position < limit and (text[position] in '“«"' or text.startswith("''", position))


_SOURCE_END = re.compile(r",|;|\.(?=\s|$)|\s[—–-]{1,2}\s|[—–]|$")


def source_end(text: str, start: int, limit: int) -> int:
    """Where the source named after "according to" ends: the next comma, dash or period.

    A period that belongs to an abbreviation or initial ("E. J. Fleming") does not end it.
    """
    position = start
    while True:
        match = _SOURCE_END.search(text, position, limit)
        if match is None:
            return limit
        if match.group() == "." and _is_abbreviation_end(text, match.start()):
            position = match.end()
            continue
        return match.start()


def _is_abbreviation_end(text: str, period: int) -> bool:
    word_start = period
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:period]
    return len(word) == 1 or word.lower() in abbreviations()


# Words that open a sentence before its reported content: a connective or a short
# concessive phrase ("Still, ...", "Despite the attacks, ..."), or a dateline.
_INTRO = re.compile(
    r"(?:(?:but|and|yet)\s+(?=\w)"
    r"|(?:still|however|meanwhile|instead|indeed|moreover|also|now|then|separately),\s+"
    r"|(?:despite|recalling|asked|amid)\b[^,;:\"“]{1,80},\s+"
    # A concessive clause: "Though he has no path to the nomination, ...".
    r"|(?:though|although|even\s+though)\b[^,;:\"“]{1,120},\s+"
    r"|(?-i:[A-Z][A-Z .,'’-]{2,40})(?:\([^)]{1,30}\))?\s*[-—–―]+\s+)",
    re.IGNORECASE,
)


def without_intro(text: str, span: Span) -> Span:
    """``span`` without an opening connective, concessive phrase or dateline, or the
    writer's words before a colon ("Advocates have done well: So far, 14 states ...")."""
    colon = text.rfind(": ", span.start, span.end)
    if colon > span.start and not any(mark in text[span.start : span.end] for mark in '"“”'):
        after_colon = trim(text, colon + 1, span.end)
        if after_colon is not None:
            span = after_colon
    match = _INTRO.match(text, span.start, span.end)
    if match is None or match.end() >= span.end:
        return span
    return Span(match.end(), span.end)


def opens_unit(text: str, start: int, position: int) -> bool:
    """Whether only punctuation and quotation marks stand between ``start`` and ``position``."""
    return not any(ch.isalnum() for ch in text[start:position])


def ends_sentence(text: str, position: int, limit: int) -> bool:
    """Whether an inverted speaker after plain content ends the sentence, or is
    followed only by an apposition ("..., said Mara Voss, a union leader.")."""
    rest = _PLACE.sub("", text[position:limit].strip(), count=1)
    if not rest or rest[0] in ".!?":
        return True
    # "..., said Mindy Romero, director of the Civic Engagement Project at the
    # University of California, Davis.": a long apposition may hold commas, but no
    # clause of its own.
    return rest[0] == "," and ("," not in rest[1:-1] or _APPOSITION_CLAUSE.search(rest) is None)


# Words that open a new clause after an apposition ("..., X, who ..., said that").
_APPOSITION_CLAUSE = re.compile(
    r"\b(?:that|said|says|told|added|adding|saying|but|and\s+(?:he|she|they))\b|[\"“”]"
)


# "says political scientist X in Almaty.": a place or affiliation after the name.
_PLACE = re.compile(
    r"^(?:in|at|of|from|for|with)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
    # "..., said one source in the room.": a short phrase that closes the sentence.
    r"|^(?:in|at|of|from|for|with|on)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+(?=\s*[.!?]\s*$)"
)


def is_headline(text: str, unit: Unit) -> bool:
    """Whether the unit is written in title case, as headlines are ("Rubio Says ...")."""
    words = [w for w in text[unit.start : unit.end].split() if w[0].isalpha()]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.8 * len(words)


def ends_clause(text: str, position: int, limit: int) -> bool:
    """Whether an inverted speaker closes its clause ("..., said X." / "said X, the Y,")."""
    rest = text[position:limit].lstrip()
    if not rest or rest[0] in ".,;:!?()—–-\"”'":
        return True
    # "said Dick Durbin in an interview", "said a longtime adviser to Trump".
    return _AFTER_INVERTED_SPEAKER.match(rest) is not None


_AFTER_INVERTED_SPEAKER = re.compile(
    r"(?:in|at|on|during|to|of|for|from|who|after|before|as|when|while|with)\b"
)


def is_intro_phrase(text: str, prefix: Span) -> bool:
    """Whether the words before a speaker are an introductory phrase, not content.

    "During the meeting," or "Speaking about X," open a sentence; reported content
    before "X said" is a clause, which these are not.
    """
    token = first_word(text, prefix.start, prefix.end)
    if token is None:
        return True
    first = token.lower
    if first in {
        "during",
        "speaking",
        "stressing",
        "asked",
        "in",
        "at",
        "on",
        "after",
        "before",
        "earlier",
        "later",
        "meanwhile",
        "separately",
        "however",
        "addressing",
        "responding",
        "referring",
        "commenting",
        "writing",
        "talking",
        "since",
        "when",
        "while",
        "following",
        "describing",
    }:
        return not text[prefix.start : prefix.end].lstrip().startswith(("“", '"'))
    # "Minutes later,", "Two days ago,": a time phrase, not a clause. The time word is
    # the last word, so the search starts at most its length before that word's end
    # instead of at every word of the prefix (same match).
    last_end = prefix.end
    while last_end > prefix.start and not (
        text[last_end - 1].isalnum() or text[last_end - 1] == "_"
    ):
        last_end -= 1
    start = max(prefix.start, last_end - _LONGEST_TIME_WORD)
    return _TIME_PHRASE_END.search(text, start, prefix.end) is not None


_TIME_WORDS = ("later", "earlier", "ago", "afterward", "afterwards")
_LONGEST_TIME_WORD = max(len(word) for word in _TIME_WORDS)
_TIME_PHRASE_END = re.compile(rf"\b(?:{'|'.join(_TIME_WORDS)})\W*$", re.IGNORECASE)


def skip_spaces(text: str, position: int, limit: int) -> int:
    while position < limit and text[position].isspace():
        position += 1
    return position
