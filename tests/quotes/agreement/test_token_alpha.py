"""Token labels and Krippendorff's alpha on hand-computed cases."""

from __future__ import annotations

import pytest
from nltk.metrics.agreement import AnnotationTask

from quotes.agreement import measure_agreement
from quotes.agreement.token_alpha import (
    CONTENT,
    CUE,
    NONE,
    SOURCE,
    label_characters,
    label_tokens,
    token_spans,
)


def test_tokens_are_words_or_single_punctuation_marks() -> None:
    text = 'He said: "no!"'
    assert [text[s:e] for s, e in token_spans(text)] == ["He", "said", ":", '"', "no", "!", '"']


def test_source_beats_cue_beats_content_where_spans_overlap() -> None:
    text = "abcdef"
    quotes = [{"start": 0, "end": 6, "cue": [2, 5], "speaker": [4, 6]}]
    assert list(label_characters(text, quotes)) == [CONTENT, CONTENT, CUE, CUE, SOURCE, SOURCE]


@pytest.mark.parametrize(
    ("quote", "label"),
    [
        ({"start": 0, "end": 3}, CONTENT),  # 3 of 4 characters content
        ({"start": 0, "end": 1}, NONE),  # 1 of 4: none is the most frequent
        ({"start": 0, "end": 2, "cue": [2, 4]}, CUE),  # a 2-2 tie goes to cue
        ({"start": 0, "end": 2}, CONTENT),  # a 2-2 tie with none goes to content
    ],
)
def test_a_token_takes_the_most_frequent_label_of_its_characters(
    quote: dict[str, object], label: int
) -> None:
    text = "said"
    assert label_tokens(label_characters(text, [quote]), token_spans(text)) == bytes([label])


def test_alpha_of_two_annotators_matches_the_hand_computation() -> None:
    # Tokens A b c d. x: source cue content content; y: source cue content none.
    text = "A b c d"
    x = {"start": 4, "end": 7, "cue": [2, 3], "speaker": [0, 1]}
    y = {"start": 4, "end": 5, "cue": [2, 3], "speaker": [0, 1]}
    report = measure_agreement(
        {
            "x": [{"text": text, "quotes": [x]}],
            "y": [{"text": text, "quotes": [y]}],
        }
    )
    # Coincidences: SS 2, CuCu 2, CoCo 2, CoN 1, NCo 1; n = 8; marginals 2, 2, 3, 1.
    observed = 2 / 8
    expected = (8 * 8 - (2 * 2 + 2 * 2 + 3 * 3 + 1 * 1)) / (8 * 7)
    assert report.token_alpha.value == pytest.approx(1 - observed / expected)
    assert report.token_alpha.items == 4
    assert report.pair("y", "x").token_alpha.value == pytest.approx(1 - observed / expected)


def test_alpha_equals_nltk_with_three_annotators_and_a_missing_document() -> None:
    first, second = "One two three four five six.", "Seven eight nine ten."
    layers = {
        "a": [
            {"text": first, "quotes": [{"start": 4, "end": 13, "speaker": [0, 3]}]},
            {"text": second, "quotes": [{"start": 0, "end": 11}]},
        ],
        "b": [
            {"text": first, "quotes": [{"start": 4, "end": 18, "cue": [19, 23]}]},
            {"text": second, "quotes": [{"start": 6, "end": 21}]},
        ],
        "c": [{"text": first, "quotes": []}],
    }
    report = measure_agreement(layers)
    data = []
    for name, records in layers.items():
        for number, record in enumerate(records):
            text = str(record["text"])
            tokens = token_spans(text)
            labels = label_tokens(label_characters(text, record["quotes"]), tokens)  # type: ignore[arg-type]
            data += [(name, (number, i), label) for i, label in enumerate(labels)]
    assert report.token_alpha.value == pytest.approx(AnnotationTask(data=data).alpha())
    assert report.token_alpha.items == len(token_spans(first)) + len(token_spans(second))


def test_alpha_is_one_when_every_label_is_the_same() -> None:
    record = {"text": "Nothing quoted here.", "quotes": []}
    assert measure_agreement({"a": [record], "b": [record]}).token_alpha.value == 1.0
