"""Find the speaker mention right before a cue: "Rajnath Singh said", "the
Defence Minister, who ..., said", "a spokesperson for the ministry said".

Pure functions of the text and offsets; thread-safe.
"""

from __future__ import annotations

import re

from quotes.model import Span
from quotes.speakers.words import MAX_MENTION_TOKENS, is_abbreviation_period, titles
from quotes.tokens import (
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
    elif not last.is_word and not is_abbreviation_period(tokens, index):
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
RELATIVES = frozenset("who whose whom which".split())
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
    while position >= 0 and steps < MAX_MENTION_TOKENS:
        token = tokens[position]
        lower = token.lower
        steps += 1
        if is_abbreviation_period(tokens, position):
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
        if token.is_capitalized or lower in titles():
            if (
                token.is_capitalized
                and lower in SENTENCE_OPENERS
                and (position == 0 or not tokens[position - 1].is_word or position != index)
            ):
                break
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
    return _walked_span(tokens, committed, pending if boundary else None, end)


def _walked_span(tokens: list[Token], committed: int, pending: int | None, end: int) -> Span | None:
    """The mention from the leftmost committed token (or the pending lower-case words
    before it, when the walk ended at a boundary) to ``end``; None when empty."""
    if pending is not None and pending < committed:
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
