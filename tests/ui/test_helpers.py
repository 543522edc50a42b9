"""Pure helpers of the UI layer: offset conversion and quotation-type guessing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.model import Attribution, QuoteType, Span
from quotes.quotemarks import guess_quote_type
from ui.article.text_offsets import TextOffsets
from ui.operations.attribution_operations import nearest_mention


@given(st.text(alphabet=st.sampled_from("ab 😀\n𝄞é"), max_size=40))
def test_offsets_round_trip_and_count_utf16_units(text: str) -> None:
    offsets = TextOffsets(text)
    for offset in range(len(text) + 1):
        position = offsets.to_qt(offset)
        assert position == len(text[:offset].encode("utf-16-le")) // 2
        assert offsets.to_python(position) == offset


def test_a_position_inside_a_surrogate_pair_maps_to_its_character() -> None:
    offsets = TextOffsets("a😀b")
    assert [offsets.to_python(p) for p in range(5)] == [0, 1, 1, 2, 3]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ('"We will reopen the bridge,"', QuoteType.DIRECT),
        ("\u201cIt has been a long winter\u201d", QuoteType.DIRECT),
        ("\u00abNous sommes l\u00e0\u00bb", QuoteType.DIRECT),
        ('that the plan was "a disgrace" and would fail', QuoteType.MIXED),
        ("that India's resolve was firm", QuoteType.INDIRECT),
        ("that the country\u2019s resolve was firm", QuoteType.INDIRECT),
        ("the detour added an hour", QuoteType.INDIRECT),
    ],
)
def test_guess_quote_type(words: str, expected: QuoteType) -> None:
    assert guess_quote_type(words) == expected


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ((), None),
        ((Span(0, 5), Span(40, 45)), Span(40, 45)),  # 40 is 5 after the end; 0 is 15 before
        ((Span(0, 5), Span(60, 65)), Span(0, 5)),
        ((Span(22, 25),), Span(22, 25)),  # inside the quotation counts as distance 0
    ],
)
def test_nearest_mention(mentions: tuple[Span, ...], expected: Span | None) -> None:
    attribution = Attribution(fragments=(Span(20, 35),))
    assert nearest_mention(mentions, attribution) == expected
