"""Every highlighted range of one document, sorted by position, in flat arrays.

:class:`RangeIndex` is where :class:`~ui.article.record_highlighter.RecordHighlighter`
looks its ranges up: those overlapping a block, those of one record. A 20 MB article
has some 370,000 ranges (content, cue and speaker mention of 123,000 records); as
:class:`StyledRange` tuples in a sorted list and in a list per record they took some
50 MB, in four flat arrays 9 MB. The tuples are made only for the ranges asked for.
Pure Python (no Qt); threading: that of its owner, the highlighter (main thread).
"""

from __future__ import annotations

import bisect
import sys
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

_ID_BYTES = array("Q").itemsize
#: One range as the index sorts it: start, end, record id, code of part and status.
_Entry = tuple[int, int, int, int]


class RangeIndex:
    """The styled ranges of a document's records, sorted by (start, end, record, part).

    Starts, ends, record ids and looks (part and status) are parallel arrays. A lookup
    by position is a binary search bounded by the longest range; a record's ranges are
    found by searching its id's bytes in the ids (``bytearray.find``, a scan in C of
    3 MB for a 20 MB article, well under a millisecond), which spares a map from each
    record to its ranges (13 MB more). A record whose ranges keep their
    places (a status change: accept, reject) is updated in place; one whose ranges
    move costs a move of the arrays' tails, as the sorted list it replaces did.
    """

    def __init__(self) -> None:
        self._starts = array("q")
        self._ends = array("q")
        # Each id in _ID_BYTES bytes, native order (what array("Q") holds).
        self._ids = bytearray()
        self._looks = bytearray()
        # Only ever grows between full replacements: a longer bound just widens the
        # search a little, it never misses a range.
        self._longest = 0

    def __len__(self) -> int:
        return len(self._starts)

    def replace_records(self, attributions: Iterable[Attribution], offsets: TextOffsets) -> None:
        """Hold the ranges of ``attributions`` (those with an id) and nothing else:
        for each, what ``ranges_of`` gives."""
        to_qt = None if offsets.is_identity else offsets.to_qt
        entries: list[_Entry] = []
        add = entries.append
        statuses = _STATUS_CODES
        qt = offsets.to_qt
        for attribution in attributions:
            record = attribution.id
            if record is None:
                continue
            status = statuses[attribution.status]
            cue, speaker = attribution.cue, attribution.speaker
            if to_qt is None:  # the common case, without a call per offset
                for f in attribution.fragments:
                    add((f.start, f.end, record, _CONTENT + status))
                if cue is not None:
                    add((cue.start, cue.end, record, _CUE + status))
                if speaker is not None:
                    add((speaker.start, speaker.end, record, _SPEAKER + status))
                continue
            for f in attribution.fragments:
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
        entries.sort()
        columns = tuple(zip(*entries, strict=True)) if entries else ((), (), (), ())
        self._starts = array("q", columns[0])
        self._ends = array("q", columns[1])
        self._ids = bytearray(array("Q", columns[2]).tobytes())
        self._looks = bytearray(columns[3])
        self._longest = max((e - s for s, e, _r, _c in entries), default=0)

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
            del self._starts[i], self._ends[i], self._looks[i]
            del self._ids[i * _ID_BYTES : (i + 1) * _ID_BYTES]
        for styled in ranges:
            self._insert((styled.start, styled.end, attribution_id, _code(styled)))
        return old

    def _insert(self, entry: _Entry) -> None:
        start, end, record, code = entry
        starts = self._starts
        i = bisect.bisect_left(starts, start)
        while i < len(starts) and starts[i] == start:
            if (self._ends[i], self._id_at(i), self._looks[i]) > (end, record, code):
                break
            i += 1
        starts.insert(i, start)
        self._ends.insert(i, end)
        self._ids[i * _ID_BYTES : i * _ID_BYTES] = _id_bytes(record)
        self._looks.insert(i, code)
        self._longest = max(self._longest, end - start)

    def _indices_of(self, attribution_id: int) -> list[int]:
        """Where the record's ranges are in the arrays, in order."""
        ids, key = self._ids, _id_bytes(attribution_id)
        found = []
        at = ids.find(key)
        while at != -1:
            if at % _ID_BYTES:  # the bytes straddle two ids: not this one
                at = ids.find(key, at + 1)
                continue
            found.append(at // _ID_BYTES)
            at = ids.find(key, at + _ID_BYTES)
        return found

    def _id_at(self, i: int) -> int:
        return int.from_bytes(self._ids[i * _ID_BYTES : (i + 1) * _ID_BYTES], sys.byteorder)

    def _range_at(self, i: int) -> StyledRange:
        part, status = _LOOKS[self._looks[i]]
        return StyledRange(self._starts[i], self._ends[i], self._id_at(i), part, status)


def _id_bytes(record: int) -> bytes:
    return record.to_bytes(_ID_BYTES, sys.byteorder)


def _code(styled: StyledRange) -> int:
    return _CODES[styled.part, styled.status]


def _place(styled: StyledRange) -> tuple[int, int, int]:
    return (styled.start, styled.end, int(styled.part))
