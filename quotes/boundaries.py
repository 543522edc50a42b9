"""Word edges: where a span may begin and end when boundaries snap to words.

A *token* is a word (letters, digits and underscores, with inner apostrophes and
hyphens: ``India's``, ``well-known``) or a single punctuation mark, so that a
quotation can be made to include or leave out its comma and its closing
quotation mark one step at a time. A span snapped to words begins at a token's
first character and ends after a token's last one; it never begins or ends with
white space and never cuts a word in two.

Everything here scans only around the offsets it is given (no tokenising of the
whole text), so it stays cheap on a 1 MB article. Pure Python: no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from quotes.model import Span

#: Characters that join two word characters into one word ("India's", "co-op").
_JOINERS = frozenset("'\u2019-\u2010\u2011")


class Edge(StrEnum):
    """Which end of a span moves."""

    START = "start"
    END = "end"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _joined(text: str, left: int, right: int) -> bool:
    """Whether the characters at ``left`` and ``right`` (= left + 1) belong to one word."""
    a, b = text[left], text[right]
    if _is_word(a) and _is_word(b):
        return True
    if a in _JOINERS and _is_word(b):
        return left > 0 and _is_word(text[left - 1])
    if b in _JOINERS and _is_word(a):
        return right + 1 < len(text) and _is_word(text[right + 1])
    return False


def is_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` falls between two tokens (or at either end of ``text``)."""
    if offset <= 0 or offset >= len(text):
        return True
    return not _joined(text, offset - 1, offset)


def is_start_edge(text: str, offset: int) -> bool:
    """Whether a span may begin at ``offset``: a token begins there."""
    return 0 <= offset < len(text) and not text[offset].isspace() and is_boundary(text, offset)


def is_end_edge(text: str, offset: int) -> bool:
    """Whether a span may end at ``offset`` (exclusive): a token ends there."""
    return 0 < offset <= len(text) and not text[offset - 1].isspace() and is_boundary(text, offset)


def snap_start(text: str, offset: int) -> int:
    """The start edge for a span meant to begin at ``offset``.

    Inside a word: the word's first character; on white space: the next token.
    Returns ``len(text)`` when only white space follows.
    """
    offset = max(0, min(offset, len(text)))
    while offset < len(text) and text[offset].isspace():
        offset += 1
    while offset < len(text) and not is_boundary(text, offset):
        offset -= 1
    return offset


def snap_end(text: str, offset: int) -> int:
    """The end edge for a span meant to end at ``offset`` (exclusive).

    Inside a word: after its last character; after white space: after the
    previous token. Returns 0 when only white space precedes.
    """
    offset = max(0, min(offset, len(text)))
    while offset > 0 and text[offset - 1].isspace():
        offset -= 1
    while offset > 0 and not is_boundary(text, offset):
        offset += 1
    return offset


def trim_span(text: str, span: Span) -> Span | None:
    """``span`` without white space at either end; None if nothing else is left."""
    start, end = span.start, min(span.end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def snap_span(text: str, span: Span) -> Span | None:
    """``span`` widened to whole words and trimmed of white space.

    None when the span holds only white space.
    """
    trimmed = trim_span(text, span)
    if trimmed is None:
        return None
    return Span(snap_start(text, trimmed.start), snap_end(text, trimmed.end))


def move_edge(text: str, span: Span, edge: Edge, step: int, *, snap: bool = True) -> Span | None:
    """``span`` with one edge moved by one word (or, without ``snap``, one character).

    ``step`` is -1 (left) or +1 (right). Returns None when the edge cannot move
    that way: at the start or end of the text, or when the span would become empty.
    """
    if step not in (-1, 1):
        raise ValueError(f"step must be -1 or 1, not {step}")
    if edge is Edge.START:
        offset = _next_edge(text, span.start, step, is_start_edge, snap)
        if offset is None or offset >= span.end:
            return None
        return Span(offset, span.end)
    offset = _next_edge(text, span.end, step, is_end_edge, snap)
    if offset is None or offset <= span.start:
        return None
    return Span(span.start, offset)


def place_edge(text: str, span: Span, edge: Edge, offset: int, *, snap: bool = True) -> Span | None:
    """``span`` with ``edge`` put at ``offset`` (a mouse drag), snapped when asked.

    None when the span would be empty or turned inside out.
    """
    if edge is Edge.START:
        start = snap_start(text, offset) if snap else max(0, offset)
        return Span(start, span.end) if start < span.end else None
    end = snap_end(text, offset) if snap else min(len(text), offset)
    return Span(span.start, end) if end > span.start else None


def _next_edge(
    text: str, offset: int, step: int, is_edge: Callable[[str, int], bool], snap: bool
) -> int | None:
    offset += step
    if not snap:
        return offset if 0 <= offset <= len(text) else None
    while 0 <= offset <= len(text):
        if is_edge(text, offset):
            return offset
        offset += step
    return None
