"""The highlighter's range index against the plain model it replaced: every range of
every record in one sorted list (``ranges_of`` per record), searched by brute force."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.model import Attribution, QuoteType, Span, Status
from ui.article.range_index import RangeIndex, StyledRange
from ui.article.record_highlighter import ranges_of
from ui.article.text_offsets import TextOffsets

TEXT = "ab\U0001f6a7cd" * 40  # astral characters: Qt positions differ from offsets
LENGTH = len(TEXT)


@st.composite
def spans(draw: st.DrawFn, longest: int = 30) -> Span:
    start = draw(st.integers(0, LENGTH - 2))
    return Span(start, draw(st.integers(start + 1, min(LENGTH, start + longest))))


@st.composite
def records(draw: st.DrawFn, record_id: int) -> Attribution:
    first = draw(spans())
    fragments = [first]
    if draw(st.booleans()) and first.end + 2 < LENGTH:
        start = draw(st.integers(first.end + 1, LENGTH - 1))
        fragments.append(Span(start, draw(st.integers(start + 1, LENGTH))))
    return Attribution(
        fragments=tuple(fragments),
        type=QuoteType.DIRECT,
        cue=draw(st.none() | spans()),
        speaker=draw(st.none() | spans()),
        status=draw(st.sampled_from(Status)),
        id=record_id,
    )


@st.composite
def documents(draw: st.DrawFn) -> list[Attribution]:
    count = draw(st.integers(0, 25))
    return [draw(records(record_id)) for record_id in range(1, count + 1)]


def every_range(attributions: list[Attribution], offsets: TextOffsets) -> list[StyledRange]:
    return sorted(r for a in attributions for r in ranges_of(a, offsets))


def assert_same(index: RangeIndex, attributions: list[Attribution], offsets: TextOffsets) -> None:
    ranges = every_range(attributions, offsets)
    assert len(index) == len(ranges)
    for start in range(0, len(TEXT) + 41, 7):
        end = start + 9
        assert index.overlapping(start, end) == [
            r for r in ranges if r.start < end and r.end > start
        ]
    for attribution in attributions:
        assert attribution.id is not None
        assert index.of_record(attribution.id) == sorted(ranges_of(attribution, offsets))


@pytest.mark.parametrize("text", [TEXT, TEXT.replace("\U0001f6a7", "x")])
@given(attributions=documents())
@settings(max_examples=40, deadline=None)
def test_the_index_finds_what_a_sorted_list_holds(text: str, attributions: list) -> None:
    offsets = TextOffsets(text)
    index = RangeIndex()
    index.replace_records(attributions, offsets)
    assert_same(index, attributions, offsets)
    rebuilt = RangeIndex()
    rebuilt.replace_ranges(every_range(attributions, offsets))
    assert_same(rebuilt, attributions, offsets)


@given(attributions=documents(), data=st.data())
@settings(max_examples=60, deadline=None)
def test_a_changed_record_is_found_as_changed(attributions: list, data: st.DataObject) -> None:
    offsets = TextOffsets(TEXT)
    index = RangeIndex()
    index.replace_records(attributions, offsets)
    for _ in range(data.draw(st.integers(1, 5))):
        if not attributions or data.draw(st.booleans()):  # a record added
            added = data.draw(records(max((a.id for a in attributions), default=0) + 1))
            assert index.replace_record(added.id, ranges_of(added, offsets)) == []
            attributions.append(added)
            assert_same(index, attributions, offsets)
            continue
        row = data.draw(st.integers(0, len(attributions) - 1))
        old = attributions[row]
        assert old.id is not None
        new = data.draw(
            st.sampled_from(
                [
                    old.with_changes(status=data.draw(st.sampled_from(Status))),  # in place
                    data.draw(records(old.id)),  # moved
                    None,  # removed
                ]
            )
        )
        given_ranges = [] if new is None else ranges_of(new, offsets)
        had = index.replace_record(old.id, given_ranges)
        assert sorted(had) == sorted(ranges_of(old, offsets))
        if new is None:
            del attributions[row]
            assert index.of_record(old.id) == []
        else:
            attributions[row] = new
        assert_same(index, attributions, offsets)


def test_an_accept_changes_the_look_in_place() -> None:
    offsets = TextOffsets("x" * 100)
    record = Attribution(fragments=(Span(10, 20),), cue=Span(21, 25), speaker=Span(0, 8), id=7)
    index = RangeIndex()
    index.replace_records([record], offsets)
    accepted = record.with_changes(status=Status.ACCEPTED)
    index.replace_record(7, ranges_of(accepted, offsets))
    assert {r.status for r in index.of_record(7)} == {Status.ACCEPTED}
    assert index.overlapping(0, 100) == sorted(ranges_of(accepted, offsets))
