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

_PATTERNS: dict[tuple[int, bool], tuple[Lexicon, re.Pattern[str]]] = {}


def _pattern(lexicon: Lexicon, ignore_case: bool) -> re.Pattern[str]:
    cached = _PATTERNS.get((id(lexicon), ignore_case))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    words = [*lexicon.phrases, *lexicon.according, *lexicon.verbs, *lexicon.nouns]
    # A trie-shaped pattern: the regex engine tries one branch per letter instead of
    # every word at every position, which keeps the scan fast.
    alternatives = _trie_pattern(sorted({w.lower() for w in words}))
    # Word boundaries that also reject hyphenated compounds ("so-called", "well-said").
    flags = re.IGNORECASE if ignore_case else 0
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)
    _PATTERNS[(id(lexicon), ignore_case)] = (lexicon, pattern)
    return pattern


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
    found = []
    lowered = text.lower()
    # Matching the lower-cased text is much faster than a case-insensitive pattern;
    # the rare text whose length changes in lower case ("İ") keeps the slow way.
    same_length = len(lowered) == len(text)
    scanned = lowered if same_length else text
    for match in _pattern(lexicon, not same_length).finditer(scanned):
        words = match.group().lower().split()
        phrase = " ".join(words)
        if len(words) > 1:
            if phrase in lexicon.according:
                found.append(Cue(match.start(), match.end(), phrase, ACCORDING))
                continue
            if words[0] in _PREPOSITIONS:
                found.append(Cue(match.start(), match.end(), phrase, MODIFIER))
                continue
            head = lexicon.verb(words[0])
            lemma = head[0] if head else phrase
            found.append(Cue(match.start(), match.end(), lemma, PHRASE, words[0].endswith("ing")))
            continue
        entry = lexicon.verb(phrase)
        if entry is None:
            if phrase in lexicon.nouns:
                found.append(Cue(match.start(), match.end(), phrase, NOUN))
            continue
        lemma, kind = entry
        found.append(
            Cue(
                match.start(),
                match.end(),
                lemma,
                kind.value,
                phrase.endswith("ing"),
                phrase in lexicon.nouns,
            )
        )
    return found
