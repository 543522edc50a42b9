"""Properties of the extractor that must hold for any input (hypothesis)."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.extract import extract, extract_with
from quotes.lexicon import default_lexicon
from quotes.model import Extraction

_NEWSY = st.lists(
    st.sampled_from(
        [
            "said",
            "told",
            "according to",
            "he",
            "She",
            "Mr.",
            "Col.",
            "Smith",
            "the",
            "minister",
            '"',
            "“",
            "”",
            "''",
            ",",
            ".",
            ":",
            "\n",
            "\n\n",
            "that",
            "added",
            "Officials",
            "Trump",
            "?",
            "!",
            "(",
            ")",
            "—",
            "'",
            "saying",
            "asked",
        ]
    ).map(lambda w: w + " "),
    max_size=60,
).map("".join)
_TEXT = st.one_of(st.text(max_size=400), _NEWSY, st.text(string.printable, max_size=400))


def _check(text: str, extraction: Extraction) -> None:
    for attribution in extraction.attributions:
        for span in attribution.spans():
            assert 0 <= span.start < span.end <= len(text)
        for before, after in zip(attribution.fragments, attribution.fragments[1:], strict=False):
            assert before.end <= after.start
        assert 0 < attribution.confidence <= 1
    for speaker in extraction.speakers:
        for mention in speaker.mentions:
            assert 0 <= mention.start < mention.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_spans_lie_inside_the_text_and_fragments_are_ordered(text: str) -> None:
    # The unguarded engine, so that an internal error fails the test instead of
    # being logged and swallowed as extract() does for the import pipeline.
    _check(text, extract_with(text, default_lexicon()))


def test_empty_and_blank_texts_give_nothing() -> None:
    for text in ("", " ", "\n\n\t"):
        assert extract(text).attributions == ()


def test_text_without_punctuation() -> None:
    text = "he said the council said they told him the mayor added nothing " * 20
    _check(text, extract_with(text, default_lexicon()))


def test_unbalanced_quotation_marks() -> None:
    for text in (
        '"',
        "“",
        "”",
        '"A," he said, "B',
        "“A” ” “ “ B said",
        "''He said ''",
        '"\n\n"\n\n"',
    ):
        _check(text, extract_with(text, default_lexicon()))


def test_one_megabyte_text() -> None:
    paragraph = (
        '"We will not give up," the minister said. Officials said the talks would resume '
        "on Monday, according to a statement. The plan, she added, is sound.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    extraction = extract_with(text, default_lexicon())
    _check(text, extraction)
    assert len(extraction.attributions) >= 3 * (1_000_000 // len(paragraph))
