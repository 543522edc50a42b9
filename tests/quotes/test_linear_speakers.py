"""Speaker lookups that replaced scans of the whole text answer as the scans did."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.drafts import Draft, Rule
from quotes.extract import _inherit_speakers, extract
from quotes.model import Span
from quotes.speakers.name_index import NameIndex, scan_occurrences

# Words and separators that exercise every edge of a whole-word match: runs that
# open with a capital, a non-ASCII capital, a lower-case letter, a digit or "_";
# names that overlap themselves ("Jo Jo"); apostrophes and hyphens inside names.
_WORDS = ["Singh", "Rajnath", "The", "White", "House", "Jo", "É", "Éva", "eBay", "x", "1", "_A"]
_SEPARATORS = ["", " ", "  ", "\n", "-", "'", "’s ", ".", "_", "é"]
_ASKED = [
    "Singh",
    "Rajnath Singh",
    "The White House",
    "White House",
    "Jo Jo",
    "Jo",
    "Éva",
    "É",
    "eBay",
    "x",
    "1",
    "Singh's",
    "O'Singh",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=14),
    st.integers(0, 80),
    st.integers(0, 80),
)
def test_index_finds_the_occurrences_the_scan_finds(
    pieces: list[tuple[str, str]], start: int, end: int
) -> None:
    text = "".join(word + separator for word, separator in pieces)
    index = NameIndex(text)
    for word in _ASKED:
        assert index.occurrences(word, start, end) == scan_occurrences(text, word, start, end)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Singh met Rajnath Singh.", "Singh", [0, 18]),
        ("Singhal and Singh", "Singh", [12]),
        ("The White House and the White House", "The White House", [0]),
        ("_Singh x", "Singh", [1]),
        # The scan resumes after each find, so the second, overlapping "Jo Jo" is not found.
        ("Jo Jo Jo", "Jo Jo", [0]),
    ],
)
def test_occurrences_are_whole_words_in_order(text: str, word: str, expected: list[int]) -> None:
    assert NameIndex(text).occurrences(word, 0, len(text)) == expected


def _draft(unit: int, cue_start: int, speaker: Span | None, inherits: bool = False) -> Draft:
    return Draft(
        fragments=[Span(cue_start + 1, cue_start + 2)],
        cue=Span(cue_start, cue_start + 1),
        speaker=speaker,
        rule=Rule.PARTICIPLE if inherits else Rule.SPEAKER_CUE_THAT,
        confidence=0.5,
        unit=unit,
        cue_start=cue_start,
        inherits_speaker=inherits,
    )


def test_a_participle_inherits_the_last_earlier_speaker_of_its_own_unit() -> None:
    first, second, other = Span(0, 1), Span(10, 11), Span(50, 51)
    drafts = [
        _draft(0, 5, first),
        _draft(0, 15, second),
        _draft(1, 55, other),
        _draft(0, 30, None, inherits=True),
        _draft(0, 3, None, inherits=True),  # no main draft before its cue
        _draft(1, 60, None, inherits=True),
        _draft(2, 70, None, inherits=True),  # a unit with no main draft
    ]
    _inherit_speakers(drafts)
    assert [d.speaker for d in drafts[3:]] == [second, None, other, None]


def test_a_long_article_resolves_each_speaker_once_however_far_apart() -> None:
    paragraph = (
        "Defence Minister Rajnath Singh said the talks went well. "
        "Singh said the army was ready. The minister said more was needed.\n\n"
    )
    filler = "The weather stayed dry all week in the capital.\n\n" * 200
    extraction = extract(paragraph + filler + paragraph)
    names = {a.speaker_name for a in extraction.attributions if a.speaker is not None}
    assert names == {"Rajnath Singh"}
