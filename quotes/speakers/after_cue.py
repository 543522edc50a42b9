"""Find a mention after a cue ('"...," said Rajnath Singh') and the subject that opens a
clause ("The minister, speaking in Delhi, ...").

Pure functions of the text and offsets; thread-safe.
"""

from __future__ import annotations

from quotes.model import Span
from quotes.speakers.before_cue import RELATIVES
from quotes.speakers.words import MAX_MENTION_TOKENS, is_abbreviation_period, titles
from quotes.tokens import (
    AUXILIARIES,
    CLAUSE_WORDS,
    CONNECTORS,
    DETERMINERS,
    PERSONAL_PRONOUNS,
    PRONOUNS,
    SENTENCE_OPENERS,
    WEEKDAYS,
    Token,
    is_cue_modifier,
    tokenize,
)


def find_speaker_after(text: str, cue_end: int, upper_bound: int) -> Span | None:
    """The mention that follows an inverted cue ("..., said a spokesman for the ministry").

    A leading weekday ("said Tuesday") is skipped. Returns None when the words after the
    cue are not a noun phrase.
    """
    tokens = tokenize(text, cue_end, min(upper_bound, cue_end + 160))
    index = 0
    while index < len(tokens) and (
        tokens[index].lower in WEEKDAYS or is_cue_modifier(tokens[index])
    ):
        index += 1
    if index >= len(tokens):
        return None
    first = tokens[index]
    if first.lower in PRONOUNS:
        return Span(first.start, first.end)
    if first.lower in CLAUSE_WORDS - DETERMINERS or not first.is_word:
        return None
    if not (
        first.is_capitalized
        or first.lower in DETERMINERS
        or first.lower in titles()
        or _names_someone_soon(tokens, index)
    ):
        return None
    end_index = index
    position = index
    while position < len(tokens) and position - index < MAX_MENTION_TOKENS:
        token = tokens[position]
        lower = token.lower
        if not token.is_word:
            if is_abbreviation_period(tokens, position) or (
                token.text in "-’'&" and position + 1 < len(tokens)
            ):
                position += 1
                continue
            break
        if lower in CONNECTORS and lower != "and":
            position += 1
            continue
        if lower in CLAUSE_WORDS - DETERMINERS or lower in WEEKDAYS or lower in RELATIVES:
            break
        if token.is_capitalized or lower in DETERMINERS or lower in titles():
            end_index = position
        elif token.text.islower():
            end_index = position
        position += 1
    return Span(first.start, tokens[end_index].end)


def _names_someone_soon(tokens: list[Token], index: int) -> bool:
    """Whether a lower-case start leads to a title or name within a few words
    ("union leader Mara Voss", "former congressman Dan Maffei")."""
    for token in tokens[index : index + 4]:
        if not token.is_word:
            return False
        if token.is_capitalized or token.lower in titles():
            return True
    return False


def find_subject(text: str, start: int, limit: int) -> Span | None:
    """The subject of a unit: the first clause segment that opens with a name.

    Segments are split at commas; introductory phrases ("Earlier in the day,", "In a
    wide-ranging interview with X last year,") open with a lower-case word or an
    opener and are passed over. Used for cues whose subject is the sentence's
    ("X met Y and reiterated ...", "..., adding that ...").
    """
    tokens = tokenize(text, start, limit)
    simple = _first_name_after_intro(tokens)
    if simple is not None:
        return simple
    segment_start = 0
    for position in range(len(tokens) + 1):
        if position < len(tokens) and tokens[position].text != ",":
            continue
        subject = _leading_name(tokens, segment_start, position)
        if subject is not None:
            return subject
        segment_start = position + 1
    return None


def _first_name_after_intro(tokens: list[Token]) -> Span | None:
    """The capitalised run that opens the unit, or follows its first comma when an
    opener or a lower-case word starts it ("Earlier in the day, Rajnath Singh ...")."""
    index = 0
    if (
        len(tokens) > 2
        and tokens[0].text.isupper()
        and len(tokens[0].text) > 1
        and any(t.text in {"—", "–", "-", "("} for t in tokens[1:7])
    ):
        # A dateline: "PARIS — France's far-right leader ...".
        dash = next((i for i, t in enumerate(tokens) if t.text in {"—", "–", "-"}), None)
        if dash is not None:
            tokens = tokens[dash + 1 :]
    after_conjunction = (
        len(tokens) > 1
        and tokens[0].lower in _CONJUNCTIONS
        and (tokens[1].is_capitalized or tokens[1].lower in DETERMINERS)
    )
    if after_conjunction:
        # "But the Court of Appeals overruled and said": the conjunction opens the
        # sentence; the subject follows it.
        tokens = tokens[1:]
    opens_with_subject = tokens and (
        tokens[0].is_capitalized or (after_conjunction and tokens[0].lower in DETERMINERS)
    )
    if tokens and (tokens[0].lower in SENTENCE_OPENERS or not opens_with_subject):
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is None:
            return None
        index = comma + 1
    first = index
    if index > 0 and index < len(tokens) and tokens[index].lower in PERSONAL_PRONOUNS:
        # "But on Tuesday, he stood with ...": a pronoun after the opening phrase.
        return Span(tokens[index].start, tokens[index].end)
    while index < len(tokens) and (
        tokens[index].is_capitalized
        or tokens[index].lower in DETERMINERS
        or tokens[index].text == "."
    ):
        index += 1
    if index == first:
        return None
    index = _with_head_noun(tokens, first, index, len(tokens))
    return Span(tokens[first].start, tokens[index - 1].end)


def _with_head_noun(tokens: list[Token], start: int, index: int, end: int) -> int:
    """``index``, or past the noun (one or two lower-case words) when
    ``tokens[start:index]`` are only determiners: "The coach", "The harbour master" are
    the mention, not "The"."""
    if not all(t.lower in DETERMINERS for t in tokens[start:index]):
        return index
    if index < end and tokens[index].is_word and tokens[index].text.islower():
        index += 1
        # A second noun only when a verb follows it: "The harbour master will", not
        # "The auditor found errors".
        if (
            index + 1 < end
            and tokens[index].is_word
            and tokens[index].text.islower()
            and not _looks_like_verb(tokens[index])
            and _looks_like_verb(tokens[index + 1])
        ):
            index += 1
    return index


def _looks_like_verb(token: Token) -> bool:
    """Whether a lower-case word after a noun is likely the verb of its clause."""
    word = token.lower
    return word in _VERB_WORDS or word.endswith(("ed", "ing")) or word in CONNECTORS


def _leading_name(tokens: list[Token], start: int, end: int) -> Span | None:
    """The run of capitalised words (with determiners) opening ``tokens[start:end]``,
    when a lower-case word (its verb) follows it inside the segment."""
    if start >= end:
        return None
    first = tokens[start]
    if not (first.is_capitalized or first.lower in DETERMINERS) or first.lower in SENTENCE_OPENERS:
        return None
    index = start
    while index < end and (
        tokens[index].is_capitalized
        or tokens[index].lower in DETERMINERS
        or tokens[index].text == "."
    ):
        index += 1
    if index == start or index >= end or not tokens[index].text.islower():
        return None
    index = _with_head_noun(tokens, start, index, end)
    return Span(tokens[start].start, tokens[index - 1].end)


_CONJUNCTIONS = frozenset("but and yet so or".split())
_VERB_WORDS = AUXILIARIES | {"says", "said"}
