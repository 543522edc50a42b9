"""Quotation marks: pair them into quoted stretches, across paragraphs where news does.

Handles straight (``"``) and curly (``“ ”``) double quotes, the doubled apostrophes
of some wire feeds (``''``) and guillemets. A quotation left open at the end of a
paragraph continues when the next paragraph opens with a quotation mark (the news
convention for quotations of several paragraphs); otherwise it is closed at the end
of its paragraph and flagged as unbalanced. Single quotes are not pairs: they are
too often apostrophes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from quotes.model import QuoteType

# The alphabet of quotation marks; every set and pattern of marks is built from these
# names. The engine pairs double marks only (straight, curly, angle, and the doubled
# apostrophe of some wire feeds): single marks double as apostrophes.
STRAIGHT = '"'
APOSTROPHE = "'"
DOUBLED_APOSTROPHE = APOSTROPHE * 2
CURLY_OPENING = "\u201c"  # left double quotation mark
CURLY_CLOSING = "\u201d"  # right double quotation mark
ANGLE_OPENING = "\u00ab"  # left guillemet
ANGLE_CLOSING = "\u00bb"  # right guillemet
# Marks of other conventions (German „…“, single quotes): only the guess of a
# hand-drawn span's type reads them.
LOW_OPENING = "\u201e"
SINGLE_CURLY_OPENING = "\u2018"
SINGLE_CURLY_CLOSING = "\u2019"
SINGLE_LOW_OPENING = "\u201a"
SINGLE_ANGLE_OPENING = "\u2039"
SINGLE_ANGLE_CLOSING = "\u203a"

OPENING_MARKS = STRAIGHT + CURLY_OPENING + ANGLE_OPENING
CLOSING_MARKS = STRAIGHT + CURLY_CLOSING + ANGLE_CLOSING
DOUBLE_MARKS = STRAIGHT + CURLY_OPENING + CURLY_CLOSING + ANGLE_OPENING + ANGLE_CLOSING
# Any double quotation mark, as a pattern.
QUOTE_MARK = re.compile(f"[{DOUBLE_MARKS}]")
# What may end a quotation's own words: closing marks, apostrophes, spaces.
CLOSING_TRAIL = CLOSING_MARKS + APOSTROPHE + " "

# A doubled apostrophe or a quotation mark. Written to open with one character set (an
# apostrophe counts only when a second follows), which the regex engine skips to in C;
# the plain form, "''|[\"“”«»]", tries every position of the text in turn.
_MARK = re.compile(
    f"[{APOSTROPHE}{DOUBLE_MARKS}](?:(?<={APOSTROPHE}){APOSTROPHE}|(?<!{APOSTROPHE}))"
)
_OPENERS = frozenset(CURLY_OPENING + ANGLE_OPENING)
_CLOSERS = frozenset(CURLY_CLOSING + ANGLE_CLOSING)
# A hand-drawn span's marks: any convention's, single ones too.
_ANY_OPENING = (
    OPENING_MARKS
    + APOSTROPHE
    + SINGLE_CURLY_OPENING
    + LOW_OPENING
    + SINGLE_LOW_OPENING
    + SINGLE_ANGLE_OPENING
)
_ANY_CLOSING = (
    CLOSING_MARKS
    + APOSTROPHE
    + SINGLE_CURLY_CLOSING
    + CURLY_OPENING
    + SINGLE_CURLY_OPENING
    + SINGLE_ANGLE_CLOSING
)
_ANY_DOUBLE = DOUBLE_MARKS + LOW_OPENING


def leaves_quotation_open(segment: str, *, doubled_apostrophes: bool = False) -> bool:
    """Whether ``segment`` leaves a double quotation open: an odd number of straight
    marks (a doubled apostrophe counting as one when ``doubled_apostrophes``), or more
    curly opening than closing marks."""
    straight = segment.count(STRAIGHT)
    if doubled_apostrophes:
        straight += segment.count(DOUBLED_APOSTROPHE)
    return straight % 2 == 1 or segment.count(CURLY_OPENING) > segment.count(CURLY_CLOSING)


def guess_quote_type(words: str) -> QuoteType:
    """The type of a span drawn by hand, from its words alone (no quotation index):
    direct if they open and close with quotation marks of any convention, mixed if
    they hold a double mark, indirect otherwise. The engine types its own drafts by
    their quoted share (``quotes.direct.classify``)."""
    words = words.strip()
    if len(words) >= 2 and words[0] in _ANY_OPENING and words[-1] in _ANY_CLOSING:
        return QuoteType.DIRECT
    # Single marks double as apostrophes ("India's"), so only double marks count here.
    if any(mark in words for mark in _ANY_DOUBLE):
        return QuoteType.MIXED
    return QuoteType.INDIRECT


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quoted stretch: ``start``/``end`` include the marks, end exclusive.

    ``balanced`` is False when no closing mark was found and the stretch was closed
    at the end of its paragraph.
    """

    start: int
    end: int
    balanced: bool = True

    def word_count(self, text: str) -> int:
        """How many words the quotation holds."""
        return len(text[self.start : self.end].split())


def _can_open(text: str, position: int, mark: str) -> bool:
    if mark in _OPENERS:
        return True
    if mark in _CLOSERS:
        return False
    # A straight mark opens after a space or bracket and before a word.
    before = text[position - 1] if position > 0 else " "
    after_index = position + len(mark)
    after = text[after_index] if after_index < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def find_quotations(text: str) -> list[Quotation]:
    """Every quoted stretch of ``text`` in text order; stretches never overlap.

    Runs in time linear in the length of the text.
    """
    found: list[Quotation] = []
    open_at: int | None = None
    segment_start = 0  # where the open quotation's current paragraph begins
    for match in _MARK.finditer(text):
        mark = match.group()
        position = match.start()
        if open_at is None:
            if _can_open(text, position, mark):
                open_at = segment_start = position
            continue
        if _crosses_paragraph(text, segment_start, position):
            # The open quotation reached a paragraph end without a closing mark.
            if _starts_paragraph(text, position) and _same_style(text[open_at], mark):
                # A new paragraph opening with a mark continues the quotation; a writer
                # keeps one style of marks, so a straight mark left open before a curly
                # one is a stray (pasted text), not the start of a long quotation.
                segment_start = position
                continue
            found.append(Quotation(open_at, _paragraph_end(text, segment_start), balanced=False))
            if _can_open(text, position, mark):
                open_at = segment_start = position
            else:
                open_at = None
            continue
        if mark in _OPENERS and _looks_closing(text, position, mark):
            # A wrongly curled closing mark ('done,“ she said'): it closes.
            found.append(Quotation(open_at, match.end()))
            open_at = None
            continue
        if mark in _OPENERS:
            # Two openers in a row: the first was never closed inside its sentence.
            found.append(Quotation(open_at, position, balanced=False))
            open_at = segment_start = position
            continue
        found.append(Quotation(open_at, match.end()))
        open_at = None
    if open_at is not None:
        found.append(Quotation(open_at, _paragraph_end(text, segment_start), balanced=False))
    return [q for q in found if q.end > q.start + 1]


def _same_style(opening: str, mark: str) -> bool:
    """Whether two quotation marks are both straight or both typographic."""
    return (opening in "\"'") == (mark in "\"'")


def _looks_closing(text: str, position: int, mark: str) -> bool:
    """Whether an opening mark stands where a closing one belongs: after a word or
    punctuation and before a space or the end."""
    before = text[position - 1] if position > 0 else " "
    after_index = position + len(mark)
    after = text[after_index] if after_index < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:)")


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    while end > position + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _crosses_paragraph(text: str, start: int, end: int) -> bool:
    return text.find("\n", start, end) >= 0


def _starts_paragraph(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return not text[line_start:position].strip()


class QuoteIndex:
    """Answers "how much of this range is inside quotation marks" in logarithmic time.

    Quoted shares are remembered for the text last asked about, since the rules ask
    about the same ranges again and again; so an index is not for sharing between
    threads: make one per text, as ``extract`` does.
    """

    def __init__(self, quotations: list[Quotation]) -> None:
        self.quotations = quotations
        self._starts = [q.start for q in quotations]
        self._ends = [q.end for q in quotations]
        self._shares_text: str | None = None
        self._shares: dict[tuple[int, int], float] = {}

    def covering(self, position: int) -> Quotation | None:
        """The quotation that contains ``position``, if any."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and self.quotations[index].end > position:
            return self.quotations[index]
        return None

    def within(self, start: int, end: int) -> list[Quotation]:
        """The quotations that overlap ``[start, end)``, in text order."""
        # Quotations never overlap, so their ends are in order as their starts are:
        # the answer runs from the first that ends after ``start`` to the last that
        # starts before ``end``; two bisections find it.
        first = bisect_right(self._ends, start)
        stop = bisect_left(self._starts, end)
        if stop - first <= 1:
            # The usual answers, none or one quotation, without a slice.
            return [self.quotations[first]] if stop > first else []
        return self.quotations[first:stop]

    def quoted_share(self, text: str, start: int, end: int) -> float:
        """The share of the alphanumeric characters of ``[start, end)`` inside quotations."""
        if text is not self._shares_text:
            self._shares_text, self._shares = text, {}
        share = self._shares.get((start, end))
        if share is None:
            share = self._shares[start, end] = self._quoted_share(text, start, end)
        return share

    def _quoted_share(self, text: str, start: int, end: int) -> float:
        inside_quotations = self.within(start, end)
        if not inside_quotations:
            return 0.0
        total = count_alnum(text, start, end)
        if total == 0:
            return 0.0
        inside = 0
        for quotation in inside_quotations:
            inside += count_alnum(text, max(start, quotation.start), min(end, quotation.end))
        return inside / total


def count_alnum(text: str, start: int, end: int) -> int:
    """How many letters and digits ``text[start:end]`` holds (``str.isalnum``)."""
    if end <= start:
        return 0
    chunk = text[start:end]
    # Deleting the other ASCII bytes in C is some twenty times faster than a
    # Python-level ``isalnum`` per character; quoted shares are asked for often.
    # The few other characters (curly quotes, dashes, accented letters) are counted
    # by a pattern that finds only the letters and digits among them.
    count = len(chunk.encode("ascii", "ignore").translate(None, _ASCII_NOT_ALNUM))
    if not chunk.isascii():
        count += len(_NON_ASCII_ALNUM.findall(chunk))
    return count


_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())
# A letter or digit beyond ASCII: ``\w`` is exactly ``str.isalnum`` and "_".
_NON_ASCII_ALNUM = re.compile(r"[^\W_\x00-\x7f]")
