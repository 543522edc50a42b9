"""Word edges: snapping a selection to whole words and moving an edge word by word.

Cases are written with ``[`` and ``]`` marking the span inside the text, so each
line reads as what the annotator sees.
"""

from __future__ import annotations

import pytest

from quotes.boundaries import (
    Edge,
    is_end_edge,
    is_start_edge,
    move_edge,
    place_edge,
    snap_span,
    trim_span,
)
from quotes.model import Span


def parse(marked: str) -> tuple[str, Span]:
    """The text without its markers and the span they enclose."""
    start = marked.index("[")
    end = marked.index("]") - 1
    return marked.replace("[", "").replace("]", ""), Span(start, end)


def mark(text: str, span: Span | None) -> str | None:
    if span is None:
        return None
    return f"{text[: span.start]}[{text[span.start : span.end]}]{text[span.end :]}"


@pytest.mark.parametrize(
    ("selected", "snapped"),
    [
        ("the ma[yor sa]id so", "the [mayor said] so"),
        ("the [mayor] said", "the [mayor] said"),
        ("the[ mayor ]said", "the [mayor] said"),
        ("India'[s] port", "[India's] port"),
        ("a well-kn[own] fact", "a [well-known] fact"),
        ('in May[,"] the', 'in May[,"] the'),
        ('"We will[ reopen]', '"We will [reopen]'),
        ('[" We]', '[" We]'),
        ("caf[é] au lait", "[café] au lait"),
        ("Rajnath Singh[’]s", "Rajnath [Singh’s]"),
        ("'[quo]ted' word", "'[quoted]' word"),
        ("'[quoted'] word", "'[quoted'] word"),
        ("[x]", "[x]"),
    ],
)
def test_a_selection_snaps_to_whole_words(selected: str, snapped: str) -> None:
    text, span = parse(selected)
    assert mark(text, snap_span(text, span)) == snapped


@pytest.mark.parametrize("blank", ["a[   ]b", "[\n\n]x", "a[\t]"])
def test_a_selection_of_white_space_snaps_to_nothing(blank: str) -> None:
    text, span = parse(blank)
    assert snap_span(text, span) is None
    assert trim_span(text, span) is None


def test_trimming_keeps_a_part_of_a_word() -> None:
    text, span = parse("the ma[yor ]said")
    assert mark(text, trim_span(text, span)) == "the ma[yor] said"


@pytest.mark.parametrize(
    ("before", "edge", "step", "after"),
    [
        ("a [bridge in May]," + ' "', Edge.END, 1, 'a [bridge in May,] "'),
        ('a [bridge in May,] "x', Edge.END, 1, 'a [bridge in May, "]x'),
        ('a [bridge in May, "]x', Edge.END, 1, 'a [bridge in May, "x]'),
        ("a [bridge in May] now", Edge.END, -1, "a [bridge in] May now"),
        ("a [bridge in May] now", Edge.START, 1, "a bridge [in May] now"),
        ("a [bridge in May] now", Edge.START, -1, "[a bridge in May] now"),
        ("the [well-known] fact", Edge.END, -1, None),
        ("the [well-known] fact", Edge.START, 1, None),
        ("[a] b", Edge.START, -1, None),
        ("a [b]", Edge.END, 1, None),
        ("said [India's] port", Edge.START, -1, "[said India's] port"),
    ],
)
def test_an_edge_moves_word_by_word(before: str, edge: Edge, step: int, after: str | None) -> None:
    text, span = parse(before)
    assert mark(text, move_edge(text, span, edge, step)) == after


@pytest.mark.parametrize(
    ("before", "edge", "step", "after"),
    [
        ("a [bridge] b", Edge.END, -1, "a [bridg]e b"),
        ("a [bridge] b", Edge.START, 1, "a b[ridge] b"),
        ("a [bridge] b", Edge.START, -1, "a[ bridge] b"),
        ("[a]", Edge.END, -1, None),
        ("[a]", Edge.END, 1, None),
    ],
)
def test_without_snapping_an_edge_moves_one_character(
    before: str, edge: Edge, step: int, after: str | None
) -> None:
    text, span = parse(before)
    assert mark(text, move_edge(text, span, edge, step, snap=False)) == after


def test_a_step_must_be_one_to_either_side() -> None:
    with pytest.raises(ValueError, match="step"):
        move_edge("a b", Span(0, 1), Edge.END, 2)


@pytest.mark.parametrize(
    ("before", "edge", "offset", "snap", "after"),
    [
        ("one [two] three", Edge.END, 10, True, "one [two three]"),
        ("one [two] three", Edge.END, 10, False, "one [two th]ree"),
        ("one [two] three", Edge.START, 1, True, "[one two] three"),
        ("one [two] three", Edge.START, 3, True, "one [two] three"),
        ("one [two] three", Edge.START, 7, True, None),
        ("one [two] three", Edge.END, 2, True, None),
    ],
)
def test_placing_an_edge_where_the_mouse_lets_go(
    before: str, edge: Edge, offset: int, snap: bool, after: str | None
) -> None:
    text, span = parse(before)
    assert mark(text, place_edge(text, span, edge, offset, snap=snap)) == after


def test_edges_of_a_text() -> None:
    text = 'He said: "Go."'
    starts = [i for i in range(len(text) + 1) if is_start_edge(text, i)]
    ends = [i for i in range(len(text) + 1) if is_end_edge(text, i)]
    assert [text[i] for i in starts] == ["H", "s", ":", '"', "G", ".", '"']
    assert [text[i - 1] for i in ends] == ["e", "d", ":", '"', "o", ".", '"']
