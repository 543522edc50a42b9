"""Where capitalised words stand in one text: the index the speaker resolver looks
names up in, so that each lookup costs the occurrences of that name, not a scan of
the text from its start.

Built once per text (lazily, on the first lookup); not shared between threads.
"""

from __future__ import annotations

import bisect
import re

# A run of letters and digits (``str.isalnum`` characters: ``[^\W_]`` is exactly that
# set) that no letter or digit precedes and that opens with a letter other than a-z:
# the capitalised words of English text (and any word of a text in another script).
# The pattern opens with a plain range (A-Z or any non-ASCII character), then looks
# behind it to check that the character is a letter ("[^\W\d_]") that no letter or digit
# precedes: the regex engine skips to a plain range in C, while a set built from
# categories ("[^\W\d_a-z]") costs a Unicode lookup at every character (the index is
# built over the whole text, so this scan is a few percent of extraction). Same
# matches as "[^\W\d_a-z](?<![^\W_].)[^\W_]*", checked over every code point.
_INDEXED_RUN = re.compile(r"[A-Z\x80-\U0010ffff](?<=[^\W\d_])(?<![^\W_].)[^\W_]*")
_RUN = re.compile(r"[^\W_]+")


def scan_occurrences(text: str, word: str, start: int, end: int) -> list[int]:
    """Offsets where ``word`` occurs as a whole word in ``text[start:end]``, by scanning.

    Occurrences are found left to right without overlap: the search resumes after
    each place ``word`` was found, whole word or not. ``NameIndex.occurrences`` gives
    the same answer from its index.
    """
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


def _overlaps_itself(word: str) -> bool:
    """Whether two occurrences of ``word`` can overlap (a prefix is also a suffix)."""
    return any(word[:size] == word[-size:] for size in range(1, len(word)))


class NameIndex:
    """The offsets of every capitalised word of one text, by word.

    ``occurrences`` answers exactly as ``scan_occurrences`` does, from the offsets of
    the rarest capitalised word in the name ("House" rather than "The" for "The White
    House"). Words it cannot answer from the index (with no capitalised word, or able to
    overlap themselves, where the scan's resumption rule matters) are scanned for.
    Not thread-safe: one per text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] | None = None

    def occurrences(self, word: str, start: int, end: int) -> list[int]:
        """Offsets where ``word`` occurs as a whole word in ``text[start:end]``, in order."""
        anchor = None if _overlaps_itself(word) else self._rarest_run(word)
        if anchor is None:
            return scan_occurrences(self.text, word, start, end)
        # Each run of letters and digits in ``word`` is a whole run of the text wherever
        # ``word`` occurs as a whole word, so the occurrences are among the places of
        # its anchor run, shifted back by the run's offset in ``word``.
        offset, starts = anchor
        text, size = self.text, len(word)
        found = []
        for place in starts[bisect.bisect_left(starts, start + offset) :]:
            position = place - offset
            after = position + size
            if after > end:
                break
            if (
                text.startswith(word, position)
                and (position == 0 or not text[position - 1].isalnum())
                and (after >= len(text) or not text[after].isalnum())
            ):
                found.append(position)
        return found

    def _rarest_run(self, word: str) -> tuple[int, list[int]] | None:
        """The offset in ``word`` of its indexed run with the fewest places in the text,
        and those places; None when ``word`` has no indexed run."""
        index = self._index()
        best: tuple[int, list[int]] | None = None
        for run in _RUN.finditer(word):
            if _INDEXED_RUN.match(run.group()) is None:
                continue
            starts = index.get(run.group(), [])
            if best is None or len(starts) < len(best[1]):
                best = (run.start(), starts)
        return best

    def _index(self) -> dict[str, list[int]]:
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            for match in _INDEXED_RUN.finditer(self.text):
                starts.setdefault(match.group(), []).append(match.start())
            self._starts = starts
        return self._starts
