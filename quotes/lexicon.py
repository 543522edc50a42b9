"""The cue lexicon: reporting verbs and multiword cues, read from package data.

The words live in ``quotes/data/cues.txt`` (format described at its top) so that a
user can read and extend them; ``load_lexicon`` also takes the user's own file.
A ``Lexicon`` is immutable and safe to share between threads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path


class CueKind(StrEnum):
    """How a reporting verb takes its content; it sets the rule's confidence."""

    CLAUSE = "clause"  # "X said (that) ...", "..., X said."
    BELIEF = "belief"  # "X believes ...": attribution of a belief, weakest clause cue
    OBJECT = "object"  # "X called the plan a disaster": the object is the content


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words that mark an attribution.

    ``verbs`` maps every lower-case verb form to its lemma and kind;
    ``phrases`` are multiword cues in lower case with single spaces;
    ``according`` are phrases that introduce a source ("according to", "as reported by");
    ``nouns`` are nouns of speech acts ("his claim that", "Obama's call for").
    """

    verbs: dict[str, tuple[str, CueKind]]
    phrases: tuple[str, ...]
    according: tuple[str, ...] = ("according to",)
    nouns: frozenset[str] = frozenset()

    def verb(self, word: str) -> tuple[str, CueKind] | None:
        """The lemma and kind of ``word`` if it is a known cue verb form."""
        return self.verbs.get(word.lower())

    def merged(self, other: Lexicon) -> Lexicon:
        """A lexicon holding the words of both; ``other`` wins on conflicts."""
        return Lexicon(
            verbs={**self.verbs, **other.verbs},
            phrases=tuple(dict.fromkeys(self.phrases + other.phrases)),
            according=tuple(dict.fromkeys(self.according + other.according)),
            nouns=self.nouns | other.nouns,
        )


_SECTION = re.compile(r"^\[(\w+)\]$")


class LexiconError(ValueError):
    """A lexicon file that does not fit the format; the message names file and line."""


def parse_lexicon(text: str, where: str = "<lexicon>") -> Lexicon:
    """Parse the ``cues.txt`` format.

    :raises LexiconError: for an unknown section or a line before any section.
    """
    verbs: dict[str, tuple[str, CueKind]] = {}
    phrases: list[str] = []
    according: list[str] = []
    nouns: set[str] = set()
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _SECTION.match(line)
        if header:
            section = header.group(1).lower()
            if section not in {"clause", "belief", "object", "phrases", "according", "nouns"}:
                raise LexiconError(f"{where}:{number}: unknown section [{section}]")
            continue
        words = line.lower().split()
        if section is None:
            raise LexiconError(f"{where}:{number}: a line before any [section]")
        if section in {"clause", "belief", "object"}:
            kind = CueKind(section)
            lemma = words[0].rstrip(":")
            # "lemma:" names the verb without making its base form a cue.
            forms = words[1:] if words[0].endswith(":") else words
            for form in forms:
                # A verb listed twice keeps its first, more specific kind.
                verbs.setdefault(form, (lemma, kind))
        elif section == "phrases":
            phrases.append(" ".join(words))
        elif section == "nouns":
            nouns.update(words)
        else:
            according.append(" ".join(words))
    return Lexicon(
        verbs=verbs, phrases=tuple(phrases), according=tuple(according), nouns=frozenset(nouns)
    )


def read_data_lines(name: str) -> tuple[str, ...]:
    """The non-comment, non-blank lines of a package data file, stripped and lower-cased."""
    text = resources.files("quotes.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``quotes/data/cues.txt`` (read once, then cached)."""
    text = resources.files("quotes.data").joinpath("cues.txt").read_text(encoding="utf-8")
    return parse_lexicon(text, "quotes/data/cues.txt")


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The default lexicon, extended by the user's file at ``path`` when given.

    :raises OSError: when the file cannot be read.
    :raises LexiconError: when it does not fit the format.
    """
    base = default_lexicon()
    if path is None:
        return base
    user = parse_lexicon(Path(path).read_text(encoding="utf-8"), str(path))
    return base.merged(user)
