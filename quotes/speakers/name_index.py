"""Where capitalised words stand in one text: the index the speaker resolver looks
names up in, so that each lookup costs the occurrences of that name, not a scan of
the text from its start.

Built once per text (lazily, on the first lookup); not shared between threads.
"""

from __future__ import annotations

import bisect
import re

# A run of letters and digits (``str.isalnum`` characters: ``[^\W_]`` is exactly that
# set) opening with an ASCII capital that no letter or digit precedes. The pattern opens
# with the capital so that the regex engine skips to capitals in C.
_CAPITALISED_RUN = re.compile(r"[A-Z](?<![^\W_].)[^\W_]*")
_LEADING_RUN = re.compile(r"[^\W_]+")


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

    ``occurrences`` answers exactly as ``scan_occurrences`` does. Words it cannot
    answer from the index (not opening with an ASCII capital, or able to overlap
    themselves, where the scan's resumption rule matters) are scanned for.
    Not thread-safe: one per text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] | None = None

    def occurrences(self, word: str, start: int, end: int) -> list[int]:
        """Offsets where ``word`` occurs as a whole word in ``text[start:end]``, in order."""
        if not word or not ("A" <= word[0] <= "Z") or _overlaps_itself(word):
            return scan_occurrences(self.text, word, start, end)
        leading = _LEADING_RUN.match(word)
        assert leading is not None  # word opens with a capital
        # A whole-word occurrence opens a capitalised run, and that run is the word's
        # own leading run: the word ends there or goes on with a non-alphanumeric.
        starts = self._index().get(leading.group(), [])
        text, size = self.text, len(word)
        found = []
        for position in starts[bisect.bisect_left(starts, start) :]:
            after = position + size
            if after > end:
                break
            if text.startswith(word, position) and (
                after >= len(text) or not text[after].isalnum()
            ):
                found.append(position)
        return found

    def _index(self) -> dict[str, list[int]]:
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            for match in _CAPITALISED_RUN.finditer(self.text):
                starts.setdefault(match.group(), []).append(match.start())
            self._starts = starts
        return self._starts
