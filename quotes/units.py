"""Units: sentences joined so that no quotation is cut, the stretch each rule looks at.

A quotation of several sentences ("A. B," he said.) must be seen whole with its cue,
so sentences that a quotation spans are merged into one unit. Units never overlap and
come in text order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from quotes.quotemarks import Quotation
from quotes.sentences import paragraph_bounds, sentence_bounds

# A possible sentence end inside a paragraph: without one, the paragraph is one sentence.
_INNER_BREAK = re.compile(r"[.?!…][\"”’')\]]*\s+\S")


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence or group of sentences; ``paragraph`` counts paragraphs from 0."""

    start: int
    end: int
    paragraph: int


def build_units(text: str, quotations: list[Quotation], marks: list[int]) -> list[Unit]:
    """The units of ``text``: Punkt sentences merged across the quotations that span them.

    :param marks: sorted offsets of what the rules look at (cues, colons before a
        quotation); a paragraph holding none becomes a single unit without running
        Punkt (for speed).
    """
    # Offsets as plain tuples and lists until the end: units are merged often, and a
    # frozen dataclass per step costs more than the merging.
    sentences: list[tuple[int, int, int]] = []
    for number, (start, end) in enumerate(paragraph_bounds(text)):
        if _holds_any(marks, start, end) and _INNER_BREAK.search(text, start, end):
            sentences.extend(
                (first, last, number) for first, last in sentence_bounds(text, start, end)
            )
        else:
            sentences.append((start, end, number))
    units: list[list[int]] = []  # [start, end, paragraph]
    quote_index = 0
    for start, end, paragraph in sentences:
        while quote_index < len(quotations) and quotations[quote_index].end <= start:
            quote_index += 1
        if units:
            previous = units[-1]
            # Merge when an open quotation runs from the previous unit into this sentence.
            spanning = _spans_both(quotations, quote_index, previous[1], start)
            same_paragraph = previous[2] == paragraph
            if spanning or (
                same_paragraph
                and (
                    _continues_sentence(text, previous[0], previous[1], start)
                    or _tags_quotation(text, previous[0], previous[1], start, end)
                )
            ):
                previous[1] = end
                continue
        units.append([start, end, paragraph])
    return [Unit(start, end, paragraph) for start, end, paragraph in units]


def _spans_both(quotations: list[Quotation], index: int, end: int, start: int) -> bool:
    """Whether quotation ``index - 1`` or ``index`` opens before ``end`` and closes
    after ``start`` (checked by index: this runs once per sentence)."""
    if index > 0:
        quotation = quotations[index - 1]
        if quotation.start < end and quotation.end > start:
            return True
    if index < len(quotations):
        quotation = quotations[index]
        return quotation.start < end and quotation.end > start
    return False


# A closing mark, maybe after a closing single quote that ends a quotation inside
# the quotation ('... do you need?’”').
_CLOSING_END = re.compile(r"""[?!.,…—-]\s*[’']?\s*(?:["”»]|'')\s*$""")


def _continues_sentence(text: str, previous_start: int, previous_end: int, start: int) -> bool:
    """Whether Punkt cut a sentence after an abbreviation: a sentence never opens with
    a closing bracket or a comma ("(D-S.C.), a member ..."), and a name's initials
    ("Rep. G.K. Butterfield") end no sentence."""
    if text[start : start + 1] in {")", "]", ",", ";"}:
        return True
    # Cheap tests first: the search needs an upper-case start and a period at the end.
    return (
        text[start : start + 1].isupper()
        and text[previous_end - 1 : previous_end] in {".", "\n"}
        and _INITIALS_END.search(text, max(previous_start, previous_end - 12), previous_end)
        is not None
    )


# Initials before a surname: " G.K." or " O." at the end of a unit.
_INITIALS_END = re.compile(r"(?:^|[\s(])(?:[A-Z]\.){1,3}$")


_SHORT_TAG_WORDS = 8
_BARE_TAG_WORDS = 3
_FULL_STOP_CLOSE = re.compile(r"""[^.]\.\s*[’']?\s*(?:["”»]|'')\s*$""")


def _tags_quotation(
    text: str, previous_start: int, previous_end: int, start: int, end: int
) -> bool:
    """Whether the sentence ``text[start:end]`` is the cue of the quotation that ends
    the previous unit, ``text[previous_start:previous_end]``.

    Punkt ends a sentence after '?"' or '!"', which parts "Why not?" from "she asked.";
    a short or lower-case sentence after a closing mark is its tag.
    """
    # Only the last characters matter; searching the whole unit would be quadratic.
    if not _CLOSING_END.search(text, max(previous_start, previous_end - 8), previous_end):
        return False
    words = text[start:end].split()
    if not words or words[0][0] in "\"“«'":
        return False
    if _FULL_STOP_CLOSE.search(text, max(previous_start, previous_end - 8), previous_end):
        # A quotation that closed on a full stop ended its sentence: what follows is
        # a new one ('... "Never again." The 40-year-old nurse says she ...').
        # Only a bare tag follows it ('"... missing." Trump said.'), or lower case.
        return words[0][0].islower() or (
            len(words) <= _BARE_TAG_WORDS and _TAG_OPENING.match(text, start, end) is not None
        )
    if words[0] in _CAPITALIZED_PRONOUNS and _OWN_QUOTATION.match(text, start, end):
        # '"... a good idea?" He answered, "..."': a new sentence with its own quotation.
        return False
    return (
        words[0][0].islower()
        or len(words) <= _SHORT_TAG_WORDS
        or _TAG_OPENING.match(text, start, end) is not None
    )


_CAPITALIZED_PRONOUNS = frozenset("He She They We It".split())
_OWN_QUOTATION = re.compile(r"\w+\s+\w+[,:]\s*[\"“]")
# '"Why?" Trump said of Apple in February, when ...': a name and a cue open the tag.
# '"Why?" Lisa Monaco, the adviser on security, said at a summit': an apposition too.
_TAG_OPENING = re.compile(
    r"(?:[\w’'.-]+,?\s+){1,14}?(?:said|says|asked|told|added|wrote|tweeted|replied|"
    r"continued|explained|recalled|noted|insisted|argued|declared|joked)\b"
)


def _holds_any(positions: list[int], start: int, end: int) -> bool:
    """Whether any of the sorted ``positions`` lies in ``[start, end)``."""
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end
