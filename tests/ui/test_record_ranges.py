"""The styled ranges of records, built one by one or in bulk, with and without
characters outside the Basic Multilingual Plane."""

from __future__ import annotations

import pytest

from quotes.model import Attribution, QuoteType, Span, Status
from ui.article.record_highlighter import StyledRange, ranges_by_record, ranges_of
from ui.article.text_offsets import TextOffsets
from ui.shell.theme import Part

TEXT = '"We open in May," the mayor said. "And close in June," she added.'


def records() -> list[Attribution]:
    return [
        Attribution(
            fragments=(Span(0, 17),),
            type=QuoteType.DIRECT,
            cue=Span(29, 33),
            speaker=Span(18, 27),
            id=1,
        ),
        Attribution(
            fragments=(Span(34, 40), Span(41, 54)),
            type=QuoteType.DIRECT,
            cue=Span(59, 64),
            status=Status.ACCEPTED,
            id=2,
        ),
        Attribution(fragments=(Span(34, 54),), type=QuoteType.DIRECT),  # no id: skipped
    ]


@pytest.mark.parametrize("text", [TEXT, "é" + TEXT[1:], "\U0001f6a7" + TEXT[1:]])
def test_the_bulk_ranges_equal_the_ranges_of_each_record(text: str) -> None:
    offsets = TextOffsets(text)
    by_record = ranges_by_record(records(), offsets)
    assert by_record == {a.id: ranges_of(a, offsets) for a in records() if a.id is not None}


def test_ranges_after_an_astral_character_move_by_one_qt_position() -> None:
    text = "\U0001f6a7" + TEXT[1:]  # one code point, two UTF-16 units
    offsets = TextOffsets(text)
    assert not offsets.is_identity
    ranges = ranges_by_record(records(), offsets)[1]
    assert ranges == [
        StyledRange(0, 18, 1, Part.CONTENT, Status.CANDIDATE),
        StyledRange(30, 34, 1, Part.CUE, Status.CANDIDATE),
        StyledRange(19, 28, 1, Part.SPEAKER, Status.CANDIDATE),
    ]


def test_a_text_of_the_basic_plane_maps_offsets_to_themselves() -> None:
    offsets = TextOffsets("naïve café — “quoted”")
    assert offsets.is_identity
    assert ranges_by_record(records(), offsets)[2][1] == StyledRange(
        41, 54, 2, Part.CONTENT, Status.ACCEPTED
    )


def test_the_bulk_ranges_are_styled_ranges_with_their_fields() -> None:
    styled = ranges_by_record(records(), TextOffsets(TEXT))[1][1]
    assert isinstance(styled, StyledRange)
    assert (styled.start, styled.end, styled.part, styled.status) == (
        29,
        33,
        Part.CUE,
        Status.CANDIDATE,
    )
    assert styled.priority == ranges_of(records()[0], TextOffsets(TEXT))[1].priority
