"""Edits of one record's spans: fragments stay ordered and disjoint, refs follow."""

from __future__ import annotations

import pytest

from quotes.model import Attribution, Span
from quotes.span_edits import (
    CONTENT,
    CUE,
    SPEAKER,
    SpanRef,
    SpanRole,
    add_fragment,
    merge_fragments,
    ref_at,
    remove_span,
    replace_span,
    span_of,
    span_refs,
    step_ref,
)

RECORD = Attribution(fragments=(Span(0, 10), Span(20, 30)), cue=Span(12, 16), speaker=Span(40, 45))
SECOND = SpanRef(SpanRole.CONTENT, 1)


def test_refs_step_through_fragments_then_cue_then_mention() -> None:
    assert span_refs(RECORD) == [CONTENT, SECOND, CUE, SPEAKER]
    assert step_ref(RECORD, SPEAKER, 1) == CONTENT
    assert step_ref(RECORD, CONTENT, -1) == SPEAKER
    assert step_ref(RECORD, None, 1) == CONTENT
    bare = Attribution(fragments=(Span(0, 3),))
    assert span_refs(bare) == [CONTENT]
    assert step_ref(bare, CUE, 1) == CONTENT


@pytest.mark.parametrize(
    ("offset", "ref"),
    [(0, CONTENT), (25, SECOND), (13, CUE), (44, SPEAKER), (11, None), (45, None)],
)
def test_the_span_under_an_offset(offset: int, ref: SpanRef | None) -> None:
    assert ref_at(RECORD, offset) == ref


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([Span(5, 8), Span(0, 3)], (Span(0, 3), Span(5, 8))),
        ([Span(0, 5), Span(5, 8)], (Span(0, 8),)),
        ([Span(0, 6), Span(2, 4), Span(5, 9)], (Span(0, 9),)),
    ],
)
def test_fragments_are_sorted_and_merged(spans: list[Span], merged: tuple[Span, ...]) -> None:
    assert merge_fragments(spans) == merged


def test_replacing_the_cue_and_the_mention() -> None:
    edited, ref = replace_span(RECORD, CUE, Span(11, 16))
    assert (edited.cue, ref) == (Span(11, 16), CUE)
    edited, ref = replace_span(RECORD, SPEAKER, Span(40, 50))
    assert (edited.speaker, ref) == (Span(40, 50), SPEAKER)
    assert edited.fragments == RECORD.fragments


def test_a_fragment_moved_over_its_neighbour_merges_with_it() -> None:
    edited, ref = replace_span(RECORD, CONTENT, Span(0, 22))
    assert edited.fragments == (Span(0, 30),)
    assert ref == CONTENT
    assert span_of(edited, ref) == Span(0, 30)


def test_adding_a_fragment_keeps_text_order() -> None:
    edited, ref = add_fragment(RECORD, Span(50, 60))
    assert edited.fragments == (Span(0, 10), Span(20, 30), Span(50, 60))
    assert ref == SpanRef(SpanRole.CONTENT, 2)
    edited, ref = add_fragment(RECORD, Span(15, 18))
    assert edited.fragments == (Span(0, 10), Span(15, 18), Span(20, 30))
    assert ref == SECOND


def test_removing_spans() -> None:
    assert remove_span(RECORD, CUE).cue is None
    assert remove_span(RECORD, SPEAKER).speaker is None
    assert remove_span(RECORD, CONTENT).fragments == (Span(20, 30),)
    with pytest.raises(ValueError, match="at least one fragment"):
        remove_span(Attribution(fragments=(Span(0, 3),)), CONTENT)


def test_labels_name_the_span() -> None:
    assert [r.label for r in span_refs(RECORD)] == [
        "fragment 1",
        "fragment 2",
        "cue",
        "speaker mention",
    ]
