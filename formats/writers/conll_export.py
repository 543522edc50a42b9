"""CoNLL-style export: one token per line with BIO tags, for training sequence taggers.

Layout (tab-separated, UTF-8)::

    # global.columns = FORM START END CONTENT CUE SOURCE
    # doc_id = doc-1
    Fares	0	5	O	O	O
    "	27	28	O	O	O
    The	28	31	B-CONTENT-1	O	O
    ...
    Singh	40	45	O	O	B-SOURCE-1
    said	46	50	O	B-CUE-1	O
                                    (a blank line ends each paragraph and document)

``START``/``END`` are the token's character offsets into the document text, so tags
map back to spans. Each layer (content, cue, source) has its own column because the
layers may overlap. A token gets a layer's tag when it overlaps one of its spans;
every content fragment starts with ``B-``; where two attributions' spans of one layer
overlap, the earlier in text order keeps the tokens.

Links: every tag ends in the number of its attribution, ``-<n>``: the n-th attribution
of the document in text order (the ``E<n>`` of the brat export). So when a sentence
holds several quotations, ``B-SOURCE-2`` and ``B-CUE-2`` belong to ``B-CONTENT-2``. A
span that belongs to several attributions (one speaker mention or one cue for two
quotations) carries all their numbers, joined by commas: ``B-SOURCE-1,2``. A tagger
that wants the plain BIO labels strips the suffix (``re.sub(r"-[\\d,]+$", "", tag)``).

Tokens come from a data-free nltk ``span_tokenize`` tokenizer (``WordPunctTokenizer``
unless another is passed).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, compress, repeat
from itertools import count as count_from
from operator import add, attrgetter, is_not, itemgetter, le, lt
from pathlib import Path
from typing import TypeVar

from nltk.tokenize import WordPunctTokenizer

from formats.atomic import atomic_text_file
from formats.writers.conll_tokens import SpanTokenizer, Tokens, tokens_function
from formats.writers.selection import Item, export_id
from quotes.model import Attribution, Span

HEADER = "# global.columns = FORM START END CONTENT CUE SOURCE\n"
OUTSIDE = "O"


#: Offsets below this are written from a table of ready-made ``"\t<offset>"`` texts,
#: filled as far as the longest document needs (a 64 kB table holds 3.7 MB of strings);
#: a longer document's offsets beyond it are formatted one by one.
OFFSET_TABLE_LIMIT = 1 << 16

# Replaced, never changed in place: a thread that read it keeps a consistent table.
_offset_texts: tuple[str, ...] = ()


def offset_texts(limit: int) -> tuple[str, ...]:
    """``"\t0"``, ``"\t1"``... up to at least ``min(limit, OFFSET_TABLE_LIMIT)`` entries."""
    global _offset_texts
    table = _offset_texts
    wanted = min(limit, OFFSET_TABLE_LIMIT)
    if len(table) < wanted:
        # Grown in steps of at least 4,096 so that a workspace of growing documents
        # does not rebuild the table for each one.
        wanted = min(max(wanted, 2 * len(table), 4096), OFFSET_TABLE_LIMIT)
        table = table + tuple(f"\t{n}" for n in range(len(table), wanted))
        _offset_texts = table
    return table


# The same table as UTF-8 bytes, for the encoded path; replaced likewise.
_offset_bytes: tuple[bytes, ...] = ()


def offset_bytes(limit: int) -> tuple[bytes, ...]:
    """``offset_texts(limit)`` encoded: ``b"\t0"``, ``b"\t1"``..."""
    global _offset_bytes
    table = _offset_bytes
    if len(table) < min(limit, OFFSET_TABLE_LIMIT):
        texts = offset_texts(limit)
        table = table + tuple(t.encode("ascii") for t in texts[len(table) :])
        _offset_bytes = table
    return table


def _offset_column(offsets: Sequence[int], table: tuple[str, ...], length: int) -> Sequence[str]:
    """``"\t<offset>"`` for each offset into a text of ``length``, from ``table`` when
    it reaches that far."""
    if length < len(table):
        return _pick(table, offsets)
    return ["\t" + str(n) for n in offsets]


def _offset_bytes_column(
    offsets: Sequence[int], table: tuple[bytes, ...], length: int
) -> Sequence[bytes]:
    """``_offset_column`` in bytes."""
    if length < len(table):
        return _pick(table, offsets)
    return [b"\t%d" % n for n in offsets]


_Piece = TypeVar("_Piece", str, bytes)


def _pick(table: Sequence[_Piece], indexes: Sequence[int]) -> Sequence[_Piece]:
    """``[table[i] for i in indexes]``; ``itemgetter`` looks them up in one C loop,
    several times faster than ``map(table.__getitem__, ...)`` for thousands."""
    if len(indexes) == 1:
        return [table[indexes[0]]]
    return itemgetter(*indexes)(table)  # type: ignore[no-any-return]


#: The layers, in column order. A token's three tags are written as one piece, CONTENT's
#: ``"\tB-CONTENT-1"`` followed by CUE's and SOURCE's and the line's end.
_LAYERS = ("CONTENT", "CUE", "SOURCE")
_CONTENT, _CUE, _SOURCE = range(3)


def _layer_marks(attributions: list[Attribution]) -> list[tuple[list[Span], list[int]]]:
    """Each layer's spans, with the number of the attribution each belongs to (its
    1-based position in ``attributions``). Gathered by ``map`` in C: this runs for
    every attribution of the export."""
    fragments = list(map(_FRAGMENTS_OF, attributions))
    content = list(chain.from_iterable(fragments))
    if len(content) == len(attributions):  # one fragment each
        numbers = list(range(1, len(content) + 1))
    else:
        numbers = list(chain.from_iterable(map(repeat, count_from(1), map(len, fragments))))
    layers = [(content, numbers)]
    for optional in (map(_CUE_OF, attributions), map(_SPEAKER_OF, attributions)):
        spans = list(optional)
        present = list(map(is_not, spans, repeat(None)))
        layers.append((list(compress(spans, present)), list(compress(count_from(1), present))))
    return layers


def _shared(marks: list[tuple[int, int, int]]) -> list[tuple[int, int, str]]:
    """``marks`` with each span once, in first-appearance order, with the numbers of
    every attribution it belongs to joined by commas ("1,2": two quotations of one
    speaker mention or one cue)."""
    numbers: dict[tuple[int, int], list[str]] = {}
    for start, end, number in marks:
        numbers.setdefault((start, end), []).append(str(number))
    return [(start, end, ",".join(ids)) for (start, end), ids in numbers.items()]


class _Retagged(dict[tuple[_Piece, int, _Piece], _Piece]):
    """``self[piece, layer, tag]``: the line end ``piece`` (``"\\tB-CONTENT-1\\tO\\tO\\n"``)
    with ``layer``'s tag replaced by the bare ``tag`` (``"\\tB-CUE-1"``), made on first
    use and kept, so that a column's pieces are retagged by ``map`` in C."""

    def __init__(self, piece: Callable[[str], _Piece]) -> None:
        super().__init__()
        self._tab: _Piece = piece("\t")
        self._end: _Piece = piece("\n")

    def __missing__(self, key: tuple[_Piece, int, _Piece]) -> _Piece:
        line_end, layer, tag = key
        tags = line_end[1:-1].split(self._tab)
        tags[layer] = tag[1:]
        found = self._tab + self._tab.join(tags) + self._end
        if len(self) < 100_000:  # bounded, like _Labels
            self[key] = found
        return found


class _Labels(dict[tuple[int, int | str], tuple[_Piece, _Piece]]):
    """The tag pieces of a line, str or bytes as ``piece`` makes them, made on first
    use and kept: attribution numbers repeat from one document to the next.

    ``self[layer, ids]`` is a layer's (begin, inside) pair: CONTENT's with the other
    two columns outside and the line's end (``"\\tB-CONTENT-2\\tO\\tO\\n"``), so that
    a token without cue or source takes it whole; CUE's and SOURCE's bare
    (``"\\tB-CUE-2"``), for ``retagged``. ``outside`` is the line end of a token
    outside every span.
    """

    def __init__(self, piece: Callable[[str], _Piece]) -> None:
        super().__init__()
        self._piece: Callable[[str], _Piece] = piece
        self.outside: _Piece = piece(f"\t{OUTSIDE}\t{OUTSIDE}\t{OUTSIDE}\n")
        self.retagged: _Retagged[_Piece] = _Retagged(piece)

    def __missing__(self, key: tuple[int, int | str]) -> tuple[_Piece, _Piece]:
        layer, ids = key
        label = _LAYERS[layer]
        tail = f"\t{OUTSIDE}\t{OUTSIDE}\n" if layer == _CONTENT else ""
        pieces = (self._piece(f"\tB-{label}-{ids}{tail}"), self._piece(f"\tI-{label}-{ids}{tail}"))
        if len(self) < 100_000:  # bounded; numbers past it are made each time
            self[key] = pieces
        return pieces


_TEXT_LABELS: _Labels[str] = _Labels(str)
_BYTE_LABELS: _Labels[bytes] = _Labels(lambda piece: piece.encode("ascii"))


def _token_runs(
    starts: Sequence[int], ends: Sequence[int], spans: list[Span], numbers: list[int]
) -> list[tuple[int, int, int | str]]:
    """The token range ``(first, stop, ids)`` each of one layer's ``spans`` takes.

    A span takes its tokens unless an earlier span already took one of them; then it
    is skipped whole. ``ids`` are the ``numbers`` of the attributions it belongs to
    (several, joined, for a span shared by attributions). No Python step per token.
    """
    if not spans:
        return []
    span_starts = list(map(_START_OF, spans))
    span_ends = list(map(_END_OF, spans))
    ids: Sequence[int | str] = numbers
    if not all(map(lt, span_starts, span_starts[1:])):
        keys = list(zip(span_starts, span_ends, strict=True))
        if not all(map(lt, keys, keys[1:])) and len(set(keys)) != len(keys):
            shared = _shared(list(zip(span_starts, span_ends, numbers, strict=True)))
            span_starts, span_ends = [m[0] for m in shared], [m[1] for m in shared]
            ids = [m[2] for m in shared]
    # The token range of every span in two C-level passes: the first token ending
    # after the span's start, and the first token starting at or after its end.
    firsts: list[int] = list(map(bisect_right, repeat(ends), span_starts))
    stops: list[int] = list(map(bisect_left, repeat(starts), span_ends))
    # Usually each span's tokens come after the previous span's: none is skipped.
    if all(map(le, [0, *stops[:-1]], firsts)) and all(map(lt, firsts, stops)):
        return list(zip(firsts, stops, ids, strict=True))
    taken = bytearray(len(starts))
    runs: list[tuple[int, int, int | str]] = []
    for first, stop, number in zip(firsts, stops, ids, strict=True):
        width = stop - first
        if width <= 0 or taken.count(0, first, stop) != width:  # counted in C
            continue
        taken[first:stop] = b"\x01" * width
        runs.append((first, stop, number))
    return runs


def _tag_column(
    attributions: list[Attribution],
    starts: Sequence[int],
    ends: Sequence[int],
    labels: _Labels[_Piece],
) -> list[_Piece]:
    """The CONTENT, CUE and SOURCE tags of every token as one piece each, ending the line.

    CONTENT is set by slice, then each cue and speaker mention retags its tokens'
    pieces through a table: one Python step per span, none per token.
    """
    content, cue, source = _layer_marks(attributions)
    column = [labels.outside] * len(starts)
    for first, stop, ids in _token_runs(starts, ends, *content):
        begin, inside = labels[_CONTENT, ids]
        column[first] = begin
        if stop - first > 1:
            column[first + 1 : stop] = [inside] * (stop - first - 1)
    retag = labels.retagged.__getitem__
    for layer, marks in ((_CUE, cue), (_SOURCE, source)):
        for low, high, numbers in _token_runs(starts, ends, *marks):
            opening, within = labels[layer, numbers]
            if high - low == 1:
                column[low] = retag((column[low], layer, opening))
                continue
            tags = [opening] + [within] * (high - low - 1)
            column[low:high] = map(retag, zip(column[low:high], repeat(layer), tags))
    return column


_FRAGMENTS_OF = attrgetter("fragments")
_CUE_OF = attrgetter("cue")
_SPEAKER_OF = attrgetter("speaker")
_START_OF = attrgetter("start")
_END_OF = attrgetter("end")
#: Pieces per token line: the form, "\t<start>", "\t<end>" and the tags with the line end.
_PIECES = 4


def _paragraph_starts(text: str, starts: Sequence[int], count: int) -> set[int]:
    """The tokens (0 < index < count) that have a line break before them."""
    lines = text.split("\n")
    if len(lines) == 1:
        return set()
    # The end of the k-th line break is the length of the first k+1 lines plus k+1.
    breaks_end = map(add, accumulate(map(len, lines[:-1])), count_from(1))
    found = set(map(bisect_left, repeat(starts), breaks_end))
    found.discard(0)
    found.discard(count)
    return found


def document_block(
    document_id: str,
    text: str,
    attributions: list[Attribution],
    tokenize: Callable[[str], Tokens],
) -> str:
    """One document's lines: its id comment, its tokens, a closing blank line."""
    return encoded_block(document_id, text, attributions, tokenize).decode("utf-8")


def encoded_block(
    document_id: str,
    text: str,
    attributions: list[Attribution],
    tokenize: Callable[[str], Tokens],
) -> bytes:
    """``document_block`` as UTF-8 bytes, the form the export writes.

    Built without a Python step per token (this runs for every token of the export):
    the tags are bytes set by slice per span, the offsets come from a table of texts,
    and the four pieces of each line are placed by slice assignment into one list,
    joined once. A text in the Windows-1252 repertoire (English and western European
    news) is tokenized and assembled as bytes (``_WordPunctTokens.encoded``); any
    other as str, then encoded.
    """
    header = f"# doc_id = {' '.join(document_id.split())}\n".encode()
    encoded = getattr(tokenize, "encoded", None)
    found = encoded(text) if encoded is not None else None
    if found is None:
        return header + _text_lines(text, attributions, tokenize).encode("utf-8") + b"\n"
    words, starts, ends = found
    count = len(words)
    if not count:
        return header + b"\n"
    table = offset_bytes(len(text) + 1)
    pieces: list[bytes] = [b""] * (_PIECES * count)
    pieces[0::_PIECES] = words
    pieces[1::_PIECES] = _offset_bytes_column(starts, table, len(text))
    pieces[2::_PIECES] = _offset_bytes_column(ends, table, len(text))
    pieces[3::_PIECES] = _tag_column(attributions, starts, ends, _BYTE_LABELS)
    # A line break between two tokens ends a paragraph: a blank line before the token.
    for index in _paragraph_starts(text, starts, count):
        pieces[_PIECES * index] = b"\n" + pieces[_PIECES * index]
    return header + b"".join(pieces) + b"\n"


def _text_lines(
    text: str, attributions: list[Attribution], tokenize: Callable[[str], Tokens]
) -> str:
    """The token lines of ``encoded_block``, built as str."""
    words, starts, ends = tokenize(text)
    count = len(words)
    if not count:
        return ""
    table = offset_texts(len(text) + 1)
    pieces: list[str] = [""] * (_PIECES * count)
    pieces[0::_PIECES] = words
    pieces[1::_PIECES] = _offset_column(starts, table, len(text))
    pieces[2::_PIECES] = _offset_column(ends, table, len(text))
    pieces[3::_PIECES] = _tag_column(attributions, starts, ends, _TEXT_LABELS)
    for index in _paragraph_starts(text, starts, count):
        pieces[_PIECES * index] = "\n" + pieces[_PIECES * index]
    return "".join(pieces)


def write_conll(
    items: Iterable[Item], out_path: Path, *, tokenizer: SpanTokenizer | None = None
) -> None:
    """Write the token table to ``out_path`` atomically, one document at a time."""
    tokenize = tokens_function(tokenizer or WordPunctTokenizer())
    with atomic_text_file(out_path) as stream:
        # Blocks are UTF-8 bytes, written under the (empty) text layer; nothing is
        # written through it, so nothing of it is pending.
        write = stream.buffer.write
        write(HEADER.encode("ascii"))
        for document, attributions in items:
            write(encoded_block(export_id(document), document.text, attributions, tokenize))
