"""How the records look in the article: :class:`RecordHighlighter` paints them.

Each record's content fragments, cue and speaker mention become
:class:`StyledRange` s in Qt positions; the highlighter, a ``QSyntaxHighlighter``,
formats one block at a time from a list of ranges sorted by position. A change to
one record re-formats only the blocks its old and new ranges touch, and a long
text is formatted lazily, as its blocks come into view (see
:class:`RecordHighlighter`). Threading: main thread only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import SIGNAL, SLOT, QObject
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from quotes.model import Attribution, Status
from ui.article.range_index import RangeIndex, StyledRange
from ui.article.text_offsets import TextOffsets
from ui.shell.theme import (
    LIGHT_HIGHLIGHTS,
    HighlightColours,
    Part,
    article_formats,
    dimmed_format,
)

# QSyntaxHighlighter re-formats the blocks a change touches through this private
# slot of its own, connected to the document's change signal (Qt's setDocument).
_CONTENTS_CHANGE = SIGNAL("contentsChange(int,int,int)")
_REFORMAT_BLOCKS = SLOT("_q_reformatBlocks(int,int,int)")


def ranges_of(attribution: Attribution, offsets: TextOffsets) -> list[StyledRange]:
    """The styled ranges of one record: each fragment, the cue and the speaker mention."""
    assert attribution.id is not None
    if offsets.is_identity:
        return _identity_ranges_of(attribution)
    parts = [(Part.CONTENT, fragment) for fragment in attribution.fragments]
    if attribution.cue is not None:
        parts.append((Part.CUE, attribution.cue))
    if attribution.speaker is not None:
        parts.append((Part.SPEAKER, attribution.speaker))
    return [
        StyledRange(
            offsets.to_qt(span.start),
            offsets.to_qt(span.end),
            attribution.id,
            part,
            attribution.status,
        )
        for part, span in parts
    ]


def ranges_by_record(
    attributions: Iterable[Attribution], offsets: TextOffsets
) -> dict[int, list[StyledRange]]:
    """The styled ranges of every record with an id, by id (what
    :meth:`RecordHighlighter.set_ranges` takes): equal to ``ranges_of`` per record.

    A text without astral characters skips the offset conversion, which would map
    every offset to itself. (A document switch does not come here: the view hands
    the records to :meth:`RecordHighlighter.set_records`, which makes no tuple per
    range.)
    """
    if offsets.is_identity:
        return {a.id: _identity_ranges_of(a) for a in attributions if a.id is not None}
    return {a.id: ranges_of(a, offsets) for a in attributions if a.id is not None}


def _identity_ranges_of(attribution: Attribution) -> list[StyledRange]:
    """``ranges_of`` for a text whose Python offsets are its Qt positions.

    The ranges are made with ``tuple.__new__``, which fills the same fields as
    ``StyledRange(...)`` without its Python-level constructor call.
    """
    attribution_id, status = attribution.id, attribution.status
    assert attribution_id is not None
    make = tuple.__new__
    ranges = [
        make(StyledRange, (fragment.start, fragment.end, attribution_id, Part.CONTENT, status))
        for fragment in attribution.fragments
    ]
    cue, speaker = attribution.cue, attribution.speaker
    if cue is not None:
        ranges.append(make(StyledRange, (cue.start, cue.end, attribution_id, Part.CUE, status)))
    if speaker is not None:
        ranges.append(
            make(StyledRange, (speaker.start, speaker.end, attribution_id, Part.SPEAKER, status))
        )
    return ranges


class PendingBlocks:
    """The numbers of the blocks still to be formatted: one byte per block.

    A 20 MB article has some 250,000 blocks; a ``set`` of their numbers took 15 MB
    (an int object and a hash slot each), this takes 250 kB. Numbers past the end
    grow the flags, so a block added later is kept like in a set.
    """

    def __init__(self, count: int = 0) -> None:
        self._flags = bytearray(b"\x01") * count
        self._count = count

    def __bool__(self) -> bool:
        return self._count > 0

    def __contains__(self, number: int) -> bool:
        return 0 <= number < len(self._flags) and self._flags[number] == 1

    def add(self, number: int) -> None:
        """Mark block ``number`` pending."""
        if number >= len(self._flags):
            self._flags.extend(bytes(number + 1 - len(self._flags)))
        if not self._flags[number]:
            self._flags[number] = 1
            self._count += 1

    def discard(self, number: int) -> None:
        """Mark block ``number`` formatted (nothing if it was not pending)."""
        if number in self:
            self._flags[number] = 0
            self._count -= 1


class RecordHighlighter(QSyntaxHighlighter):
    """Paints the styled ranges of all records, block by block.

    The ranges are kept in a :class:`~ui.article.range_index.RangeIndex`, sorted by
    start; a block finds the ranges that overlap it with a binary search bounded by
    the longest range, so formatting a block costs O(log n + overlaps).

    With a current record set (:meth:`set_current`), every other record is painted
    with its dimmed format, so the one under review stands out in its context.

    In a long text (:attr:`LAZY_FROM_CHARS`) only the blocks inside the window set
    by :meth:`set_window` (the view sets it to what is on screen, before painting)
    are formatted; the others are remembered as pending and formatted when they
    come into view (:meth:`format_pending`). Opening a 1 MB article thus formats a
    screenful of blocks, not ten thousand.
    """

    #: Texts at least this long are formatted lazily, as they come into view.
    LAZY_FROM_CHARS = 100_000

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = article_formats(LIGHT_HIGHLIGHTS)
        self._dimmed = {key: dimmed_format(f, LIGHT_HIGHLIGHTS) for key, f in self._formats.items()}
        self._current: int | None = None
        self._index = RangeIndex()
        # Lazy formatting: blocks starting in [window) are formatted, others wait.
        self._lazy = False
        self._window = (0, 0)
        self._pending = PendingBlocks()

    def set_ranges(self, ranges_by_record: dict[int, list[StyledRange]], *, repaint: bool) -> None:
        """Replace every range; ``repaint`` re-formats the whole document now.

        Pass ``repaint=False`` when the text is about to be set anyway (setting the
        text formats every block once, with these ranges).
        """
        self._index.replace_ranges(r for ranges in ranges_by_record.values() for r in ranges)
        if repaint:
            self._rehighlight_all()

    def set_records(
        self, attributions: Iterable[Attribution], offsets: TextOffsets, *, repaint: bool
    ) -> None:
        """Replace every range with those of ``attributions`` (``ranges_of`` each, in
        the text that ``offsets`` maps); ``repaint`` as for :meth:`set_ranges`.

        What the view does on a document switch: no :class:`StyledRange` is made for
        the 370,000 ranges of a 20 MB article.
        """
        self._index.replace_records(attributions, offsets)
        if repaint:
            self._rehighlight_all()

    @property
    def lazy(self) -> bool:
        """Whether only the blocks in view are formatted (set by :meth:`prepare_text`)."""
        return self._lazy

    def prepare_text(self, length: int) -> None:
        """Get ready for a new text of ``length`` characters (call before setting it):
        long ones are formatted lazily, starting with nothing in view."""
        self._lazy = length >= self.LAZY_FROM_CHARS
        self._window = (0, 0)
        self._pending = PendingBlocks()

    @contextmanager
    def replacing_text(self) -> Iterator[None]:
        """Wrap the setting of a new text (after :meth:`prepare_text`).

        Qt would call :meth:`highlightBlock` on every new block, only for a lazy
        highlighter to mark each one pending: some 250,000 calls from C++ into
        Python for a 20 MB article. A lazy highlighter therefore leaves the
        document's change signal unheard while the text is set and marks every
        block pending itself, which is the state those calls would have left.
        """
        document = self.document()
        detached = self._lazy and QObject.disconnect(
            document, _CONTENTS_CHANGE, self, _REFORMAT_BLOCKS
        )
        try:
            yield
        finally:
            if detached:
                QObject.connect(document, _CONTENTS_CHANGE, self, _REFORMAT_BLOCKS)
                self._pending = PendingBlocks(document.blockCount())

    def is_formatted(self, block_number: int) -> bool:
        """Whether block ``block_number`` shows its highlights (not pending)."""
        return block_number not in self._pending

    def set_window(self, start: int, end: int) -> None:
        """Format blocks starting in Qt positions ``[start, end)`` from now on."""
        self._window = (start, end)

    def format_pending(self, first_block: int, last_block: int) -> int:
        """Format the pending blocks among ``first_block..last_block`` (numbers,
        inclusive) now; returns how many were formatted."""
        if not self._pending:
            return 0
        document = self.document()
        due = [n for n in range(first_block, last_block + 1) if n in self._pending]
        for number in due:
            self.rehighlightBlock(document.findBlockByNumber(number))
        return len(due)

    def set_record(self, attribution_id: int, ranges: list[StyledRange]) -> None:
        """Replace (or with ``[]`` remove) one record's ranges and repaint their blocks.

        The sorted index is patched in place (binary search per range), so one
        record's change costs O(log n) lookups plus, when its ranges move, the
        arrays' moves; not a re-sort.
        """
        old = self._index.replace_record(attribution_id, ranges)
        for styled in old + ranges:
            self._rehighlight_between(styled.start, styled.end)

    def set_colours(self, colours: HighlightColours) -> None:
        """Paint with the theme's colours from now on (repaints the whole text)."""
        self._formats = article_formats(colours)
        self._dimmed = {key: dimmed_format(f, colours) for key, f in self._formats.items()}
        self._rehighlight_all()

    def formats(self, *, dimmed: bool = False) -> dict[tuple[Part, Status], QTextCharFormat]:
        """The formats painted for (part, status): the current record's, or with
        ``dimmed`` the other records'."""
        return dict(self._dimmed if dimmed else self._formats)

    @property
    def current(self) -> int | None:
        """The record painted in full colour while the others are dimmed (None: all full)."""
        return self._current

    def set_current(self, attribution_id: int | None) -> None:
        """Emphasise ``attribution_id`` and dim the others (None: dim nothing).

        Moving from one record to another repaints only the blocks of those two;
        switching dimming on or off repaints everything (every record changes look).
        """
        old, self._current = self._current, attribution_id
        if old == attribution_id:
            return
        if old is None or attribution_id is None:
            self._rehighlight_all()
            return
        for styled in self.ranges_for(old) + self.ranges_for(attribution_id):
            self._rehighlight_between(styled.start, styled.end)

    def ranges_at(self, position: int) -> list[StyledRange]:
        """The ranges that contain the Qt ``position``."""
        return self._overlapping(position, position + 1)

    def ranges_for(self, attribution_id: int) -> list[StyledRange]:
        """The ranges of one record (empty if it has none)."""
        return self._index.of_record(attribution_id)

    def _overlapping(self, start: int, end: int) -> list[StyledRange]:
        return self._index.overlapping(start, end)

    def _rehighlight_all(self) -> None:
        """Re-format every block: at once, or lazily the ones in view and the others
        (marked pending) when they come into view."""
        if not self._lazy:
            self.rehighlight()
            return
        self._pending = PendingBlocks(self.document().blockCount())
        self._rehighlight_between(*self._window)

    def _rehighlight_between(self, start: int, end: int) -> None:
        document = self.document()
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            self.rehighlightBlock(block)
            block = block.next()

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        block_start = block.position()
        if self._lazy:
            # No block state is used: a changed state would make Qt go on to
            # format the next block too, and the next, defeating the laziness.
            if not self._window[0] <= block_start < self._window[1]:
                self._pending.add(block.blockNumber())
                return
            self._pending.discard(block.blockNumber())
        block_end = block_start + len(text)
        overlapping = self._overlapping(block_start, block_end)
        for styled in sorted(overlapping, key=lambda r: r.priority):
            start = max(styled.start, block_start) - block_start
            end = min(styled.end, block_end) - block_start
            if end > start:
                dim = self._current is not None and styled.attribution_id != self._current
                formats = self._dimmed if dim else self._formats
                self.setFormat(start, end - start, formats[styled.part, styled.status])
