"""Conversion between Python ``str`` offsets and Qt text positions.

Stored offsets count code points (Python ``str``); Qt counts UTF-16 units, so a
character outside the Basic Multilingual Plane (an emoji, some CJK) takes two Qt
positions. Without a conversion every highlight after such a character would be
shifted by one. Pure Python: no Qt needed.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextOffsets:
    """Maps offsets of one text between Python and Qt (UTF-16) counting.

    Costs nothing for texts without astral characters (the common case); otherwise
    each conversion is a binary search over the astral characters' positions.
    """

    def __init__(self, text: str) -> None:
        # An ASCII text (most news) needs no scan of its 20 MB.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        # The Qt position of each astral character: its Python offset plus the
        # extra units of the astral characters before it.
        self._astral_qt = [offset + i for i, offset in enumerate(self._astral)]

    @property
    def is_identity(self) -> bool:
        """Whether every offset is its own Qt position (no astral characters)."""
        return not self._astral

    def to_qt(self, offset: int) -> int:
        """The Qt position of the Python ``offset``."""
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_python(self, position: int) -> int:
        """The Python offset of the Qt ``position`` (inside a surrogate pair: its start)."""
        if not self._astral:
            return position
        # Each astral character starting before ``position`` took one extra unit; a
        # position between the two halves of a pair thus maps to the pair's start.
        return position - bisect.bisect_left(self._astral_qt, position)
