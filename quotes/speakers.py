"""Speakers: find the source mention next to a cue, resolve mentions to entities, build the roster.

A mention is what the text writes ("Rajnath Singh", "Singh", "the Defence Minister",
"he", "a spokesperson for the ministry"); an entity is the person or body it refers
to, named by its fullest name in the article. Resolution is by rule: a surname or a
title used with the full name earlier points to that person, a pronoun to the most
recent speaker. All functions are pure and thread-safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from quotes.lexicon import read_data_lines
from quotes.model import Span, Speaker
from quotes.tokens import (
    AUXILIARIES,
    CLAUSE_WORDS,
    CONNECTORS,
    CUE_MODIFIERS,
    DETERMINERS,
    PERSONAL_PRONOUNS,
    PRONOUNS,
    SENTENCE_OPENERS,
    WEEKDAYS,
    Token,
    is_cue_modifier,
    tokenize,
)

_MAX_MENTION_TOKENS = 14
_NAME_WORD = r"[A-Z][\w’'-]*\.?"


@cache
def titles() -> frozenset[str]:
    """Role and honorific words from ``quotes/data/titles.txt``."""
    return frozenset(read_data_lines("titles.txt"))


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations from ``quotes/data/abbreviations.txt`` (lower case, no final period)."""
    return frozenset(read_data_lines("abbreviations.txt"))


_DOTTED_ACRONYM = re.compile(r"[A-Z](?:\.[A-Z])+")


def _is_abbreviation_period(tokens: list[Token], index: int) -> bool:
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


def find_speaker_before(
    text: str, lower_bound: int, cue_start: int, *, progressive: bool = False
) -> Span | None:
    """The mention that ends just before a cue ("Defence Minister Rajnath Singh said").

    Cue modifiers ("also", "has") between mention and cue are skipped, and so are
    forms of "be" before an -ing cue when ``progressive`` ("she was saying"). Returns None
    when no noun phrase stands there (the cue is then not attributed by this order).
    A pronoun or common noun phrase that completes a prepositional phrase belongs to the
    mention before it: "a source close to him", "a person familiar with the talks".
    """
    mention = _speaker_before(text, lower_bound, cue_start, progressive)
    if mention is None or (text[mention.start].isupper() and not _is_pronoun_at(text, mention)):
        return mention
    link = _LINK_BEFORE.search(text, max(lower_bound, mention.start - 30), mention.start)
    if link is None:
        return mention
    head = _speaker_before(text, lower_bound, link.start() + 1, progressive)
    if head is None or head.end > link.start() + 1:
        return mention
    return Span(head.start, mention.end)


# The preposition that links a mention to the phrase before it ("close to him").
# Object forms ("a source close to him") are left to the token walk and the link above.
_SUBJECT_PRONOUNS = PERSONAL_PRONOUNS - frozenset("him them us me".split())
_LINK_BEFORE = re.compile(
    r"\s(?:close\s+to|familiar\s+with|knowledgeable\s+about|briefed\s+on|for|to|with)"
    r"[^\S\n]+$",
    re.IGNORECASE,
)


# The last letters of the subject pronouns in either case; no other character has a
# lower case that ends in one of them.
_PRONOUN_LAST_LETTERS = frozenset(
    letter for pronoun in _SUBJECT_PRONOUNS for letter in (pronoun[-1], pronoun[-1].upper())
)


def _is_pronoun_at(text: str, mention: Span) -> bool:
    return text[mention.start : mention.end].lower() in PERSONAL_PRONOUNS


def _speaker_before(text: str, lower_bound: int, cue_start: int, progressive: bool) -> Span | None:
    """``find_speaker_before`` without joining prepositional phrases."""
    near = max(lower_bound, cue_start - 24)
    # A subject pronoun ends in one of a few letters: most cues ("Trump said",
    # "officials said") skip the search for one.
    quick = (
        _LAST_WORD.search(text, near, cue_start)
        if text[near:cue_start].rstrip()[-1:] in _PRONOUN_LAST_LETTERS
        else None
    )
    if quick is not None and quick.group(1).lower() in _SUBJECT_PRONOUNS:
        # The common case, "he said", without tokenising the context.
        before = text[max(lower_bound, quick.start(1) - 12) : quick.start(1)].rstrip()
        if not before.lower().endswith(_EMBEDDING_ENDINGS):
            return Span(quick.start(1), quick.end(1))
    aside = _ASIDE_BEFORE_CUE.search(text, max(lower_bound, cue_start - 60), cue_start)
    if aside is not None:
        # "The two lawmakers, however, argue": the aside is not the speaker.
        cue_start = aside.start()
    far = max(lower_bound, cue_start - 160)
    # Few windows hold a dash at all: finding one is much cheaper than the search.
    dashed = (
        _DASHED_ASIDE.search(text, far, cue_start)
        if text.find("—", far, cue_start) >= 0
        or text.find("–", far, cue_start) >= 0
        or text.find("--", far, cue_start) >= 0
        else None
    )
    if dashed is not None and dashed.start() > lower_bound:
        # "Many speakers at the service — including Muslims and Jews — said": the
        # mention is the phrase before the dashes, with its aside.
        head = find_speaker_before(text, lower_bound, dashed.start())
        if head is not None:
            return Span(head.start, dashed.end(1))
    name = _NAME_BEFORE.search(text, max(lower_bound, cue_start - 48), cue_start)
    if name is not None and _opens_phrase(text, lower_bound, name.start(), name.end(1)):
        # "Mr. Trump said" after a comma or quotation mark, or opening the sentence:
        # the name run is the whole mention, found without tokenising.
        return Span(name.start(), name.end(1))
    after_comma = text[max(0, cue_start - 2) : cue_start].strip() == ","
    if not after_comma:
        # Most mentions are short ("Mr. Trump said"): a narrow window first, for speed;
        # a mention that reaches its edge may be longer.
        narrow = max(lower_bound, cue_start - 40)
        mention = _mention_before(text, narrow, cue_start, progressive)
        if narrow == lower_bound or (mention is not None and mention.start > narrow + 2):
            return mention
        if (
            mention is None
            and text.find(",", narrow, cue_start) < 0
            and text.find(")", narrow, cue_start) < 0
        ):
            # No noun phrase ends at the cue ("the plan would say"); a wider window
            # changes that only for an apposition or a party tag in brackets.
            return None
    window = max(lower_bound, cue_start - 80)
    mention = _mention_before(text, window, cue_start, progressive)
    if window > lower_bound and (mention is None or mention.start <= window + 2) and after_comma:
        # A long apposition ("X, who was traveling in Europe this week, said") may
        # open before the short window: look again with a wider one.
        wider = _mention_before(text, max(lower_bound, cue_start - 200), cue_start, progressive)
        if wider is not None and (mention is None or wider.start < mention.start):
            return wider
    return mention


# An aside set off by a pair of dashes right before a cue: " — including X — ".
_DASHED_ASIDE = re.compile(
    r"[^\S\n]+(?:—|–|--)[^\S\n]+([^—–\n]{1,120}?)[^\S\n]*(?:—|–|--)[^\S\n]*$"
)
# Capitalised words (with abbreviation periods) right before a cue: "Mr. Trump ".
# The pattern opens with the capital and then looks behind it (the character before
# the capital is no word character, period, apostrophe or hyphen): a pattern that
# opens with a character set lets the regex engine skip to capitals in C.
_NAME_BEFORE = re.compile(
    r"([A-Z](?<![\w.’'-].)[a-zA-Z]*\.?(?:[^\S\n]+[A-Z][a-zA-Z]*\.?){0,3})[^\S\n]+$"
)


def _opens_phrase(text: str, lower_bound: int, start: int, end: int) -> bool:
    """Whether a name run at ``start`` follows a clear phrase boundary: the unit's
    start, or a comma, semicolon, colon or quotation mark; and whether its words are
    all name-like: no sentence opener ("But Trump"), determiner, pronoun, clause word
    or cue modifier ("Will"), which the token walk treats on its own."""
    position = start
    while position > lower_bound and text[position - 1] in " \t":
        position -= 1
    if position > lower_bound and text[position - 1] not in ',;:"“”':
        return False
    return not any(word.lower() in _NOT_NAME_WORDS for word in _WORD_AT.findall(text, start, end))


_WORD_AT = re.compile(r"[A-Za-z]+")
_NOT_NAME_WORDS = (
    SENTENCE_OPENERS
    | CLAUSE_WORDS
    | CONNECTORS
    | PRONOUNS
    | DETERMINERS
    | WEEKDAYS
    | CUE_MODIFIERS
    | frozenset("no just from what who why how not".split())
)


def _mention_before(text: str, window: int, cue_start: int, progressive: bool) -> Span | None:
    """``find_speaker_before`` on the tokens of ``text[window:cue_start]``."""
    tokens = tokenize(text, window, cue_start)
    index = len(tokens) - 1
    while index >= 0:
        if (
            is_cue_modifier(tokens[index])
            or _is_contraction(tokens[index])
            or tokens[index].lower in _NEGATED_AUXILIARIES
            or (progressive and tokens[index].lower in _BE_FORMS)
        ):
            index -= 1
        elif tokens[index].lower in WEEKDAYS or tokens[index].lower in _TIME_WORDS:
            # "Trump on Friday said", "the senator last week said".
            index -= 1
            if index >= 0 and tokens[index].lower in {"on", "last", "this", "early", "late"}:
                index -= 1
        else:
            break
    if index < 0:
        return None
    last = tokens[index]
    if last.text == ",":
        # An apposition or relative clause sits between subject and cue
        # ("Willie Minor, an actor in Dallas, recalled"): the mention is the name
        # before it, and runs to the apposition's end.
        appositive = _apposition_head(tokens, index)
        if appositive is not None:
            return appositive
        index -= 1
        if index < 0:
            return None
        last = tokens[index]
    if last.text == ")":
        # "Rep. Gwen Moore (D-Wis.) said": the party tag belongs to the mention.
        opening = next(
            (i for i in range(index - 1, max(index - 12, -1), -1) if tokens[i].text == "("), None
        )
        if opening is None or opening == 0:
            return None
        name = _walk_back(tokens, opening - 1)
        return None if name is None else Span(name.start, last.end)
    word = _strip_contraction(last)
    if word.lower in PRONOUNS:
        mention: Span | None = Span(word.start, word.end)
    elif not last.is_word and not _is_abbreviation_period(tokens, index):
        return None
    elif (
        last.lower in CLAUSE_WORDS
        or last.lower in WEEKDAYS
        or last.lower in _ARTICLES
        or last.lower in CONNECTORS
        or last.lower.endswith(("’s", "'s", "n’t", "n't"))
    ):
        # "the state convention", "Mr. Trump's remarks", "didn't answer": the cue
        # word is a noun, or the words before it are no subject.
        return None
    else:
        mention = _walk_back(tokens, index)
    if mention is None:
        return None
    # The token before the mention (token ends increase: the last one found from the end).
    for preceding in reversed(tokens):
        if preceding.end <= mention.start:
            if preceding.lower in _EMBEDDING_WORDS:
                # "what he believes", "where both claim roots": an embedded clause.
                return None
            break
    return mention


# "wouldn't say", "didn’t respond": a negated auxiliary between speaker and cue.
_NEGATED_AUXILIARIES = frozenset(
    f"{word}{mark}t"
    for word in "wouldn couldn didn doesn don won can hasn haven hadn isn wasn shouldn".split()
    for mark in "'’"
)
_BE_FORMS = frozenset("is are was were been be being ’s 's ’re 're".split())
_RELATIVES = frozenset("who whose whom which".split())
_ASIDE_BEFORE_CUE = re.compile(
    r",\s*(?:however|in\s+fact|for\s+instance|for\s+example|for\s+(?:his|her|their|its)\s+part"
    r"|too|meanwhile|though|in\s+turn|of\s+course|in\s+particular|instead"
    # "The campaign, in a statement, said": the medium is no speaker.
    r"|in\s+(?:a|an|his|her|their|its)\s+(?:[\w-]+\s+)?(?:statement|interview|tweet|e-?mail|"
    r"letter|speech|post|memo|release|op-ed|video))\s*,"
    r"(?:\s+(?:also|even|still|now|then|later|has|have|had|would|will))*\s*$",
    re.IGNORECASE,
)
_TIME_WORDS = frozenset("night morning week month year weekend afternoon evening".split())
_LAST_WORD = re.compile(r"\b(\w+)\s+$")
_EMBEDDING_WORDS = frozenset("what where how whose than whatever".split())
_EMBEDDING_ENDINGS = tuple(sorted(_EMBEDDING_WORDS))  # for str.endswith
# Determiners that never stand for a noun: "the state", unlike "several said".
_ARTICLES = frozenset("the a an his her their its our my your this these those".split())
_APPOSITION_OPENERS = frozenset("who which a an the whose whom".split())


def _apposition_head(tokens: list[Token], comma: int) -> Span | None:
    """The mention "Name, apposition," that ends at the comma ``tokens[comma]``.

    The apposition opens with who/which/an article or is an age ("Quina Jones, 25,").
    Returns the span from the name to the apposition's end, or None.
    """
    opening = None
    for index in range(comma - 1, max(comma - 40, -1), -1):
        if tokens[index].text == ",":
            opening = index
            break
    if opening is None or opening + 1 >= comma or opening == 0:
        return None
    first = tokens[opening + 1]
    participial = first.text.islower() and first.lower.endswith("ing")
    if not (first.lower in _APPOSITION_OPENERS or first.text.isdigit() or participial):
        # "An official, speaking on condition of anonymity, said" is participial.
        return None
    head = tokens[opening - 1]
    if not (head.is_capitalized or head.lower in titles()) or head.lower in SENTENCE_OPENERS:
        return None
    name = _walk_back(tokens, opening - 1)
    if name is None:
        return None
    return Span(name.start, tokens[comma - 1].end)


def _walk_back(tokens: list[Token], index: int) -> Span | None:
    """Extend a mention leftwards from its head at ``tokens[index]``.

    Names, titles and determiners commit the mention up to them; up to three other
    lower-case words ("political analysts") join it when a boundary follows them
    (punctuation, a clause word or the start of the window).
    """
    end = tokens[index].end
    committed = index  # leftmost token known to belong to the mention
    pending: int | None = None  # leftmost lower-case word not yet committed
    uncommitted_words = 0
    position = index
    steps = 0
    boundary = True  # whether the walk ended at a natural edge of the phrase
    crossed_and = False  # whether the walk joined a second name over "and"
    while position >= 0 and steps < _MAX_MENTION_TOKENS:
        token = tokens[position]
        lower = token.lower
        steps += 1
        if _is_abbreviation_period(tokens, position):
            position -= 1
            continue
        if not token.is_word:
            if token.text in "-’'&" and position > 0:
                position -= 1
                continue
            break
        if lower in DETERMINERS:
            committed = position
            pending = None
            before = tokens[position - 1].lower if position > 0 else ""
            if before not in CONNECTORS or before == "and":
                break
            position -= 1
            continue
        if crossed_and and (not token.is_capitalized or lower in PRONOUNS):
            break  # only names join across "and"
        if token.is_capitalized:
            if lower in SENTENCE_OPENERS and (position == 0 or not tokens[position - 1].is_word):
                break
            if lower in SENTENCE_OPENERS and position != index:
                break
            committed = position
            pending = None
            uncommitted_words = 0
        elif lower in titles():
            committed = position
            pending = None
            uncommitted_words = 0
        elif lower in CONNECTORS and lower != "and":
            if position == index:
                break
        elif (
            lower == "and"
            and committed == position + 1
            and position > 0
            and tokens[position - 1].is_capitalized
            and tokens[position - 1].lower not in SENTENCE_OPENERS
        ):
            # "Clinton and Sanders said": two names, one mention.
            crossed_and = True
            position -= 1
            continue
        elif lower in CLAUSE_WORDS or lower in PRONOUNS:
            break
        else:
            uncommitted_words += 1
            if uncommitted_words > 3 or position == index - 8:
                boundary = False
                break
            pending = position
            if position == index:
                committed = position
        position -= 1
    else:
        boundary = position < 0
    if boundary and pending is not None and pending < committed:
        committed = pending
    start = tokens[committed].start
    if start >= end:
        return None
    return Span(start, end)


def _is_contraction(token: Token) -> bool:
    return token.lower in {"’ve", "'ve", "’d", "'d", "’s", "'s", "’ll", "'ll"}


_CONTRACTION = re.compile(r"(?i)[’'](?:ve|d|ll|s|re)$")


def _strip_contraction(token: Token) -> Token:
    """ "who’ve" -> "who": the pronoun of a contracted auxiliary."""
    match = _CONTRACTION.search(token.text)
    if not match or token.text.lower().rstrip("’'svedlr") == "":
        return token
    stem = token.text[: match.start()]
    if stem.lower() not in PRONOUNS:
        return token
    return Token(stem, token.start, token.start + len(stem), stem.lower())


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
    while position < len(tokens) and position - index < _MAX_MENTION_TOKENS:
        token = tokens[position]
        lower = token.lower
        if not token.is_word:
            if _is_abbreviation_period(tokens, position) or (
                token.text in "-’'&" and position + 1 < len(tokens)
            ):
                position += 1
                continue
            break
        if lower in CONNECTORS and lower != "and":
            position += 1
            continue
        if lower in CLAUSE_WORDS - DETERMINERS or lower in WEEKDAYS or lower in _RELATIVES:
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


# --- resolution -----------------------------------------------------------------------

_FULL_NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}")
# One to four name words before a position; the first is written out so that the
# pattern opens with a character set (which the regex engine skips to in C).
_PRECEDING_WORDS = re.compile(rf"({_NAME_WORD}\s+(?:{_NAME_WORD}\s+){{0,3}})$")


def _occurrences(text: str, word: str, start: int, end: int) -> list[int]:
    """Offsets where ``word`` occurs as a whole word in ``text[start:end]``."""
    found = []
    position = text.find(word, start, end)
    while position >= 0:
        after = position + len(word)
        if (position == 0 or not text[position - 1].isalnum()) and (
            after >= len(text) or not text[after].isalnum()
        ):
            found.append(position)
        position = text.find(word, after, end)
    return found


def _names_before(text: str, position: int) -> list[str]:
    """The capitalised non-title words written just before ``position``."""
    match = _PRECEDING_WORDS.search(text, max(0, position - 80), position)
    if match is None:
        return []
    return [w for w in match.group(1).split() if w.lower() not in titles()]


# Connectors inside a name ("Ursula von der Leyen"), unlike those that join two.
_NAME_CONNECTORS = CONNECTORS - {"and", "of", "for", "at"}


@dataclass
class _Entity:
    name: str
    surname: str
    descriptors: set[str] = field(default_factory=set)
    variants: dict[str, None] = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)


class SpeakerResolver:
    """Resolves speaker mentions of one text to entities, in text order.

    Not thread-safe: make one per text (``resolve_speakers`` does).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[_Entity] = []
        self._last: _Entity | None = None

    def resolve(self, mention: Span) -> str:
        """The entity name for ``mention``; mentions must come in text order.

        A mention with appositions ("Cory James, 22, of Flint") is resolved by the
        words before its first comma.
        """
        head = mention
        comma = self.text.find(",", mention.start, mention.end)
        if comma > mention.start:
            head = Span(mention.start, comma)
        words = tokenize(self.text, head.start, head.end)
        entity = self._entity_for(head, words)
        entity.variants.setdefault(mention.text_of(self.text), None)
        entity.mentions.append(mention)
        self._last = entity
        return entity.name

    def _entity_for(self, mention: Span, words: list[Token]) -> _Entity:
        if len(words) == 1 and words[0].lower in PRONOUNS:
            if self._last is not None and words[0].lower in PERSONAL_PRONOUNS:
                return self._last
            return self._by_nearest_name(mention) or self._new(words[0].text, words[0].text)
        title_words = titles()
        name_words = [
            w
            for w in words
            if w.is_capitalized
            and w.is_word
            and w.lower not in title_words
            and w.lower not in DETERMINERS
            and w.lower not in SENTENCE_OPENERS
        ]
        # Only the run of capitalised words at the end is the name
        # ("Defence Minister Rajnath Singh" -> "Rajnath Singh").
        if (name_words and name_words[-1] is words[-1]) or (
            name_words and words[-1].text.endswith(("’s", "'s"))
        ):
            tail = []
            for w in reversed(words):
                if w.is_capitalized and w.lower not in title_words and w.is_word:
                    tail.append(w)
                elif w.text == "." or w.lower in _NAME_CONNECTORS:
                    continue
                else:
                    break
            tail.reverse()
            if tail:
                return self._by_name(mention, tail, words)
        described = self._by_descriptor(words)
        if described is not None:
            return described
        text = mention.text_of(self.text)
        lowered = text.lower()
        for entity in self.entities:
            if entity.name.lower() == lowered:
                return entity
        return self._new(text, words[-1].lower)

    def _by_name(self, mention: Span, tail: list[Token], words: list[Token]) -> _Entity:
        surname = tail[-1].text
        for suffix in ("’s", "'s"):
            surname = surname.removesuffix(suffix)
        full = " ".join(w.text for w in tail)
        for suffix in ("’s", "'s"):
            full = full.removesuffix(suffix)
        descriptor = " ".join(w.lower for w in words if w.lower in titles())
        for entity in self.entities:
            if entity.surname == surname or entity.name == full:
                if descriptor:
                    entity.descriptors.add(descriptor)
                return entity
        if len(tail) == 1:
            # A surname alone: look for the full name earlier in the text.
            earlier = self._full_name_before(mention.start, surname)
            if earlier:
                full = earlier
        entity = self._new(full, surname)
        if descriptor:
            entity.descriptors.add(descriptor)
        self._add_descriptors_from_text(entity)
        return entity

    def _full_name_before(self, position: int, surname: str) -> str | None:
        """The last full name ending in ``surname`` before ``position`` ("Rajnath Singh")."""
        for found in reversed(_occurrences(self.text, surname, 0, position)):
            words = _names_before(self.text, found)
            if words:
                return " ".join([*words, surname])
        return None

    def _add_descriptors_from_text(self, entity: _Entity) -> None:
        """Record title words written before the entity's full name ("Defence Minister X")."""
        if " " not in entity.name:
            return
        for found in _occurrences(self.text, entity.name, 0, len(self.text)):
            match = _PRECEDING_WORDS.search(self.text, max(0, found - 80), found)
            if match is None:
                continue
            descriptor = [w.lower() for w in match.group(1).split() if w.lower() in titles()]
            if descriptor:
                entity.descriptors.add(" ".join(descriptor))

    def _by_descriptor(self, words: list[Token]) -> _Entity | None:
        described = [w.lower for w in words if w.lower in titles()]
        if not described:
            return None
        wanted = " ".join(described)
        for entity in reversed(self.entities):
            for descriptor in entity.descriptors:
                if descriptor == wanted or descriptor.endswith(" " + wanted):
                    return entity
        return None

    def _by_nearest_name(self, mention: Span) -> _Entity | None:
        matches = list(_FULL_NAME.finditer(self.text, max(0, mention.start - 600), mention.start))
        for match in reversed(matches):
            words = [w for w in match.group().split() if w.lower() not in titles()]
            if len(words) >= 2:
                surname = words[-1]
                for entity in self.entities:
                    if entity.surname == surname:
                        return entity
                entity = self._new(" ".join(words), surname)
                self._add_descriptors_from_text(entity)
                return entity
        return None

    def _new(self, name: str, surname: str) -> _Entity:
        entity = _Entity(name=name, surname=surname)
        self.entities.append(entity)
        return entity

    def roster(self) -> tuple[Speaker, ...]:
        """The speakers resolved so far, each with its name variants and mentions."""
        return tuple(
            Speaker(
                name=entity.name,
                variants=tuple(entity.variants),
                mentions=tuple(sorted(set(entity.mentions))),
            )
            for entity in self.entities
            if entity.mentions
        )
