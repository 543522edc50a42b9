"""Every highlighted range of one document, sorted by position, in flat arrays.

:class:`RangeIndex` is where :class:`~ui.article.record_highlighter.RecordHighlighter`
looks its ranges up: those overlapping a block, those of one record. A 20 MB article
has some 370,000 ranges (content, cue and speaker mention of 123,000 records); as
:class:`StyledRange` tuples in a sorted list and in a list per record they took some
50 MB, in flat arrays 12 MB. The tuples are made only for the ranges asked for.
Pure Python (no Qt); threading: that of its owner, the highlighter (main thread).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
from typing import NamedTuple

from quotes.model import Attribution, Status
from ui.article.text_offsets import TextOffsets
from ui.shell.theme import STATUS_PRIORITY, Part


class StyledRange(NamedTuple):
    """One highlighted stretch, in Qt positions (end exclusive).

    A tuple whose first four fields are unique per range (a record has one range
    per part and fragment), so ranges sort by position.
    """

    start: int
    end: int
    attribution_id: int
    part: Part
    status: Status

    @property
    def priority(self) -> tuple[int, int]:
        """Paint order: later (higher) ranges are painted over earlier ones."""
        return (STATUS_PRIORITY[self.status], int(self.part))


# A range's part and status as one small code, ordered by part first, as the parts
# order the ranges of one record that share their start and end.
_LOOKS: tuple[tuple[Part, Status], ...] = tuple(
    (part, status) for part in sorted(Part) for status in Status
)
_CODES = {look: code for code, look in enumerate(_LOOKS)}
_PART_CODES = {part: _CODES[part, next(iter(Status))] for part in Part}
_STATUS_CODES = {status: _CODES[next(iter(Part)), status] for status in Status}
_CONTENT, _CUE, _SPEAKER = (_PART_CODES[p] for p in (Part.CONTENT, Part.CUE, Part.SPEAKER))

#: One range as the index sorts it: start, end, record id, code of part and status.
_Entry = tuple[int, int, int, int]


class RangeIndex:
    """The styled ranges of a document's records, sorted by (start, end, record, part).

    Starts, ends, record ids and looks (part and status) are parallel arrays. A lookup
    by position is a binary search bounded by the longest range. A record's ranges are
    found from its extent (the first and last start of its ranges, in three more
    arrays sorted by record id): the entries between those starts are scanned for
    its id, a few dozen as speakers are mentioned near their quotations (a mention
    pages away costs a scan of every range in between). A dict of
    each record's ranges or starts took 13 MB more. A record whose ranges keep their
    places (a status change: accept, reject) is updated in place; one whose ranges
    move costs a move of the arrays' tails, as the sorted list it replaces did.
    """

    def __init__(self) -> None:
        self._starts = array("q")
        self._ends = array("q")
        self._ids = array("q")
        self._looks = bytearray()
        # Each record's extent, by record id: its lowest and highest range start.
        self._records = array("q")
        self._lows = array("q")
        self._highs = array("q")
        # Only ever grows between full replacements: a longer bound just widens the
        # search a little, it never misses a range.
        self._longest = 0

    def __len__(self) -> int:
        return len(self._starts)

    def replace_records(self, attributions: Iterable[Attribution], offsets: TextOffsets) -> None:
        """Hold the ranges of ``attributions`` (those with an id) and nothing else:
        for each, what ``ranges_of`` gives."""
        identity, qt = offsets.is_identity, offsets.to_qt
        entries: list[_Entry] = []
        add = entries.append
        statuses = _STATUS_CODES
        for attribution in attributions:
            record = attribution.id
            if record is None:
                continue
            status = statuses[attribution.status]
            cue, speaker = attribution.cue, attribution.speaker
            fragments = attribution.fragments
            if identity:  # the common case, without a call per offset
                for f in fragments:
                    add((f.start, f.end, record, _CONTENT + status))
                if cue is not None:
                    add((cue.start, cue.end, record, _CUE + status))
                if speaker is not None:
                    add((speaker.start, speaker.end, record, _SPEAKER + status))
                continue
            for f in fragments:
                add((qt(f.start), qt(f.end), record, _CONTENT + status))
            if cue is not None:
                add((qt(cue.start), qt(cue.end), record, _CUE + status))
            if speaker is not None:
                add((qt(speaker.start), qt(speaker.end), record, _SPEAKER + status))
        self._fill(entries)

    def replace_ranges(self, ranges: Iterable[StyledRange]) -> None:
        """Hold exactly ``ranges`` (in any order)."""
        self._fill([(r.start, r.end, r.attribution_id, _code(r)) for r in ranges])

    def _fill(self, entries: list[_Entry]) -> None:
        """Hold ``entries`` (in any order) and the extents of their records."""
        entries.sort()
        columns = tuple(zip(*entries, strict=True)) if entries else ((), (), (), ())
        self._starts = array("q", columns[0])
        self._ends = array("q", columns[1])
        self._ids = array("q", columns[2])
        self._looks = bytearray(columns[3])
        self._longest = max((e - s for s, e, _r, _c in entries), default=0)
        # By start, so a dict of (id, start) pairs keeps each record's last start, and
        # of the reversed pairs its first: built in C, not a loop per range.
        starts, ids = columns[0], columns[2]
        highs = dict(zip(ids, starts, strict=True))
        lows = dict(zip(reversed(ids), reversed(starts), strict=True))
        records = sorted(highs)
        self._records = array("q", records)
        self._lows = array("q", map(lows.__getitem__, records))
        self._highs = array("q", map(highs.__getitem__, records))

    def overlapping(self, start: int, end: int) -> list[StyledRange]:
        """The ranges that overlap the Qt positions ``[start, end)``, by position."""
        starts, ends = self._starts, self._ends
        low = bisect.bisect_left(starts, start - self._longest)
        high = bisect.bisect_left(starts, end, low)
        return [self._range_at(i) for i in range(low, high) if ends[i] > start]

    def of_record(self, attribution_id: int) -> list[StyledRange]:
        """The ranges of one record (empty if it has none), by position."""
        return [self._range_at(i) for i in self._indices_of(attribution_id)]

    def replace_record(self, attribution_id: int, ranges: list[StyledRange]) -> list[StyledRange]:
        """Give one record ``ranges`` instead of its own (``[]``: remove it); returns
        the ranges it had."""
        found = self._indices_of(attribution_id)
        old = [self._range_at(i) for i in found]
        if sorted(_place(r) for r in old) == sorted(_place(r) for r in ranges):
            # The same places with other looks (an accept, a reject): in place.
            looks = {_place(r): _code(r) for r in ranges}
            for i, styled in zip(found, old, strict=True):
                self._looks[i] = looks[_place(styled)]
            return old
        for i in reversed(found):
            del self._starts[i], self._ends[i], self._ids[i], self._looks[i]
        for styled in ranges:
            self._insert((styled.start, styled.end, attribution_id, _code(styled)))
        self._set_extent(attribution_id, [r.start for r in ranges])
        return old

    def _set_extent(self, attribution_id: int, starts: list[int]) -> None:
        """Record (``[]``: forget) the extent of a record whose ranges start at ``starts``."""
        at = bisect.bisect_left(self._records, attribution_id)
        known = at < len(self._records) and self._records[at] == attribution_id
        if not starts:
            if known:
                del self._records[at], self._lows[at], self._highs[at]
        elif known:
            self._lows[at], self._highs[at] = min(starts), max(starts)
        else:
            self._records.insert(at, attribution_id)
            self._lows.insert(at, min(starts))
            self._highs.insert(at, max(starts))

    def _insert(self, entry: _Entry) -> None:
        start, end, record, code = entry
        starts = self._starts
        i = bisect.bisect_left(starts, start)
        while i < len(starts) and starts[i] == start:
            if (self._ends[i], self._ids[i], self._looks[i]) > (end, record, code):
                break
            i += 1
        starts.insert(i, start)
        self._ends.insert(i, end)
        self._ids.insert(i, record)
        self._looks.insert(i, code)
        self._longest = max(self._longest, end - start)

    def _indices_of(self, attribution_id: int) -> list[int]:
        """Where the record's ranges are in the arrays, in order."""
        at = bisect.bisect_left(self._records, attribution_id)
        if at == len(self._records) or self._records[at] != attribution_id:
            return []
        starts, ids = self._starts, self._ids
        low = bisect.bisect_left(starts, self._lows[at])
        high = bisect.bisect_right(starts, self._highs[at], low)
        return [i for i in range(low, high) if ids[i] == attribution_id]

    def _range_at(self, i: int) -> StyledRange:
        part, status = _LOOKS[self._looks[i]]
        return StyledRange(self._starts[i], self._ends[i], self._ids[i], part, status)


def _code(styled: StyledRange) -> int:
    return _CODES[styled.part, styled.status]


def _place(styled: StyledRange) -> tuple[int, int, int]:
    return (styled.start, styled.end, int(styled.part))
