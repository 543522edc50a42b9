"""Resolve mentions to entities and build the roster: a surname or a title used with
the full name earlier points to that person, a pronoun to the most recent speaker.

One ``SpeakerResolver`` per text; not shared between threads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotes.model import Span, Speaker
from quotes.speakers.name_index import NameIndex
from quotes.speakers.words import NAME_WORD, titles
from quotes.tokens import (
    CONNECTORS,
    DETERMINERS,
    PERSONAL_PRONOUNS,
    PRONOUNS,
    SENTENCE_OPENERS,
    Token,
    tokenize,
)

_FULL_NAME = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}")
# One to four name words before a position; the first is written out so that the
# pattern opens with a character set (which the regex engine skips to in C).
_PRECEDING_WORDS = re.compile(rf"({NAME_WORD}\s+(?:{NAME_WORD}\s+){{0,3}})$")


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
    number: int  # its place in the resolver's list
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
        self._names = NameIndex(text)
        # Lookups that replace loops over every entity (which made resolution cost
        # speakers x mentions). Each maps a key to the entity the loop found: the first
        # with that surname, name or lower-case name; the last with a descriptor that
        # ends in the key's words.
        self._first_by_surname: dict[str, _Entity] = {}
        self._first_by_name: dict[str, _Entity] = {}
        self._first_by_lower_name: dict[str, _Entity] = {}
        self._last_by_descriptor: dict[str, _Entity] = {}

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
        known = self._first_by_lower_name.get(text.lower())
        if known is not None:
            return known
        return self._new(text, words[-1].lower)

    def _by_name(self, mention: Span, tail: list[Token], words: list[Token]) -> _Entity:
        surname = tail[-1].text
        for suffix in ("’s", "'s"):
            surname = surname.removesuffix(suffix)
        full = " ".join(w.text for w in tail)
        for suffix in ("’s", "'s"):
            full = full.removesuffix(suffix)
        descriptor = " ".join(w.lower for w in words if w.lower in titles())
        known = self._first_named(surname, full)
        if known is not None:
            if descriptor:
                self._describe(known, descriptor)
            return known
        if len(tail) == 1:
            # A surname alone: look for the full name earlier in the text.
            earlier = self._full_name_before(mention.start, surname)
            if earlier:
                full = earlier
        entity = self._new(full, surname)
        if descriptor:
            self._describe(entity, descriptor)
        self._add_descriptors_from_text(entity)
        return entity

    def _first_named(self, surname: str, full: str) -> _Entity | None:
        """The first entity whose surname is ``surname`` or whose name is ``full``."""
        by_surname = self._first_by_surname.get(surname)
        by_name = self._first_by_name.get(full)
        if by_surname is None or by_name is None:
            return by_surname or by_name
        return by_surname if by_surname.number < by_name.number else by_name

    def _full_name_before(self, position: int, surname: str) -> str | None:
        """The last full name ending in ``surname`` before ``position`` ("Rajnath Singh")."""
        for found in reversed(self._names.occurrences(surname, 0, position)):
            words = _names_before(self.text, found)
            if words:
                return " ".join([*words, surname])
        return None

    def _add_descriptors_from_text(self, entity: _Entity) -> None:
        """Record title words written before the entity's full name ("Defence Minister X")."""
        if " " not in entity.name:
            return
        for found in self._names.occurrences(entity.name, 0, len(self.text)):
            match = _PRECEDING_WORDS.search(self.text, max(0, found - 80), found)
            if match is None:
                continue
            descriptor = [w.lower() for w in match.group(1).split() if w.lower() in titles()]
            if descriptor:
                self._describe(entity, " ".join(descriptor))

    def _by_descriptor(self, words: list[Token]) -> _Entity | None:
        described = [w.lower for w in words if w.lower in titles()]
        if not described:
            return None
        return self._last_by_descriptor.get(" ".join(described))

    def _describe(self, entity: _Entity, descriptor: str) -> None:
        """Add ``descriptor`` to ``entity``; ``_by_descriptor`` then finds the entity by
        the descriptor or any of its ends that opens after a space ("minister" for
        "defence minister"), unless a later entity has one too."""
        entity.descriptors.add(descriptor)
        keys = [descriptor]
        keys.extend(descriptor[i + 1 :] for i, c in enumerate(descriptor) if c == " ")
        for key in keys:
            known = self._last_by_descriptor.get(key)
            if known is None or known.number < entity.number:
                self._last_by_descriptor[key] = entity

    def _by_nearest_name(self, mention: Span) -> _Entity | None:
        matches = list(_FULL_NAME.finditer(self.text, max(0, mention.start - 600), mention.start))
        for match in reversed(matches):
            words = [w for w in match.group().split() if w.lower() not in titles()]
            if len(words) >= 2:
                surname = words[-1]
                known = self._first_by_surname.get(surname)
                if known is not None:
                    return known
                entity = self._new(" ".join(words), surname)
                self._add_descriptors_from_text(entity)
                return entity
        return None

    def _new(self, name: str, surname: str) -> _Entity:
        entity = _Entity(number=len(self.entities), name=name, surname=surname)
        self.entities.append(entity)
        self._first_by_surname.setdefault(surname, entity)
        self._first_by_name.setdefault(name, entity)
        self._first_by_lower_name.setdefault(name.lower(), entity)
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
