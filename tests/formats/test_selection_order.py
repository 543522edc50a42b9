"""``text_order``: the one order every writer uses, with or without ties in position."""

from __future__ import annotations

import random

import pytest

from formats.writers.selection import _full_order, text_order
from quotes.model import Attribution, QuoteType, Span, Status


def _record(start: int, end: int, **fields: object) -> Attribution:
    return Attribution(fragments=(Span(start, end),), **fields)  # type: ignore[arg-type]


def test_distinct_positions_sort_by_start_then_end() -> None:
    records = [_record(9, 12), _record(0, 5), _record(0, 3), _record(4, 8)]
    assert [(a.start, a.end) for a in text_order(records)] == [(0, 3), (0, 5), (4, 8), (9, 12)]


@pytest.mark.parametrize(
    ("later", "earlier"),
    [
        (_record(0, 5, cue=Span(6, 8)), _record(0, 5)),
        (_record(0, 5, cue=Span(7, 8)), _record(0, 5, cue=Span(6, 8))),
        (_record(0, 5, type=QuoteType.MIXED), _record(0, 5, type=QuoteType.DIRECT)),
        (_record(0, 5, status=Status.REJECTED), _record(0, 5, status=Status.ACCEPTED)),
        (_record(0, 5, speaker_name="Ben"), _record(0, 5, speaker_name="Ana")),
    ],
)
def test_equal_positions_fall_back_to_the_other_fields(
    later: Attribution, earlier: Attribution
) -> None:
    assert text_order([later, _record(9, 10), earlier]) == [earlier, later, _record(9, 10)]


def test_the_order_is_that_of_the_full_key_on_random_records() -> None:
    rng = random.Random(7)
    for _ in range(300):
        records = []
        for _ in range(rng.randrange(8)):
            start = rng.randrange(4)
            records.append(
                _record(
                    start,
                    start + rng.randrange(1, 3),
                    cue=rng.choice([None, Span(5, 6), Span(6, 7)]),
                    status=rng.choice(list(Status)),
                )
            )
        expected = sorted(records, key=_full_order)
        assert [id(a) for a in text_order(records)] == [id(a) for a in expected]
