"""Cue finding: every reporting verb form and multiword cue of the lexicon in a text.

One compiled pattern per lexicon scans the whole text once, which keeps extraction
linear and fast. Patterns are cached per lexicon object; compiled patterns are
thread-safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.lexicon import Lexicon

# Kinds of cue besides the verb kinds of the lexicon.
PHRASE = "phrase"  # a verb phrase: "pointed out", "told reporters"
ACCORDING = "according"  # "according to X"
MODIFIER = "modifier"  # "in a statement": extends the verb cue it follows
NOUN = "noun"  # a noun of speech: "his claim that", "Obama's call for"


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue occurrence: offsets, the lemma or phrase, and its kind."""

    start: int
    end: int
    lemma: str
    kind: str
    participle: bool = False  # an -ing form ("adding", "saying")
    noun_form: bool = False  # the verb form is also a noun of speech ("claims", "calls")


# A multiword cue opening with a preposition qualifies a verb ("said in a statement").
_PREPOSITIONS = frozenset("in on at during via through over".split())


@dataclass(frozen=True, slots=True)
class _Scanner:
    """What ``find_cues`` needs of one lexicon, built once.

    ``lowered`` finds the cues of a lower-cased text with one character of context
    before each (the text is scanned with a space in front); ``folding`` is the plain
    case-insensitive pattern for the rare text whose length changes in lower case.
    ``fields`` holds the cue fields after the offsets (lemma, kind, participle,
    noun form) of every lexicon entry, None for an entry that is no cue on its own.
    """

    lexicon: Lexicon
    lowered: re.Pattern[str]
    folding: re.Pattern[str]
    fields: dict[str, tuple[str, str, bool, bool] | None]


_SCANNERS: dict[int, _Scanner] = {}


def _scanner(lexicon: Lexicon) -> _Scanner:
    cached = _SCANNERS.get(id(lexicon))
    if cached is not None and cached.lexicon is lexicon:
        return cached
    words = sorted(
        {w.lower() for w in [*lexicon.phrases, *lexicon.according, *lexicon.verbs, *lexicon.nouns]}
    )
    # A trie-shaped pattern: the regex engine tries one branch per letter instead of
    # every word at every position, which keeps the scan fast.
    alternatives = _trie_pattern(words)
    # Word boundaries that also reject hyphenated compounds ("so-called", "well-said").
    # The lower-cased scan consumes the character before a cue instead of looking
    # behind: a pattern that opens with a character set lets the regex engine skip
    # the letters inside words in C, much faster than testing a look-behind at every
    # position. The set is ASCII, so a non-ASCII letter before a match (which the
    # look-behind would reject) is checked in ``_cue_spans``.
    lowered = re.compile(rf"[^a-z0-9_-]({alternatives})(?![\w-])")
    folding = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    keys = {" ".join(word.split()) for word in words}
    fields = {key: _cue_fields(key, lexicon) for key in keys}
    scanner = _Scanner(lexicon, lowered, folding, fields)
    _SCANNERS[id(lexicon)] = scanner
    return scanner


def _trie_pattern(words: list[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes.

    Spaces inside multiword cues match any run of whitespace.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:
    branches = []
    optional = False
    for character, child in sorted(node.items()):
        if character == "":
            optional = True
            continue
        head = r"\s+" if character == " " else re.escape(character)
        branches.append(head + _node_pattern(child))
    if not branches:
        return ""
    # Longer branches first, so that "said" is not cut to "sai" by a shorter word.
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body


def find_cues(text: str, lexicon: Lexicon) -> list[Cue]:
    """All cue occurrences in text order; a phrase wins over the verb inside it."""
    scanner = _scanner(lexicon)
    lowered = text.lower()
    # Matching the lower-cased text is much faster than a case-insensitive pattern;
    # the rare text whose length changes in lower case ("İ") keeps the slow way.
    if len(lowered) == len(text):
        matches = _cue_spans(scanner.lowered, lowered)
    else:
        matches = [(m.start(), m.end(), m.group()) for m in scanner.folding.finditer(text)]
    found = []
    for start, end, matched in matches:
        # A single word or a phrase with single spaces is a key as it stands.
        key = matched if matched in scanner.fields else " ".join(matched.lower().split())
        fields = scanner.fields[key] if key in scanner.fields else _cue_fields(key, lexicon)
        if fields is not None:
            found.append(Cue(start, end, *fields))
    return found


def _cue_spans(pattern: re.Pattern[str], lowered: str) -> list[tuple[int, int, str]]:
    """``(start, end, matched text)`` of the cues in ``lowered`` (``_Scanner.lowered``)."""
    padded = " " + lowered  # a character before the first word: offsets shift by one
    found = []
    position = 0
    while (match := pattern.search(padded, position)) is not None:
        before = match.start()
        if not padded[before].isascii() and _WORD_OR_HYPHEN.match(padded, before):
            # A non-ASCII letter runs into the cue ("ésaid"): no word boundary. Go on
            # right after it, where the look-behind pattern would have gone on too.
            position = before + 1
            continue
        found.append((before, match.end() - 1, match.group(1)))
        position = match.end()
    return found


_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _cue_fields(phrase: str, lexicon: Lexicon) -> tuple[str, str, bool, bool] | None:
    """The lemma, kind, participle and noun-form flags of a matched cue (lower case,
    single spaces), or None when it is no cue on its own."""
    words = phrase.split()
    if len(words) > 1:
        if phrase in lexicon.according:
            return phrase, ACCORDING, False, False
        if words[0] in _PREPOSITIONS:
            return phrase, MODIFIER, False, False
        head = lexicon.verb(words[0])
        return (head[0] if head else phrase), PHRASE, words[0].endswith("ing"), False
    entry = lexicon.verb(phrase)
    if entry is None:
        return (phrase, NOUN, False, False) if phrase in lexicon.nouns else None
    lemma, kind = entry
    return lemma, kind.value, phrase.endswith("ing"), phrase in lexicon.nouns
