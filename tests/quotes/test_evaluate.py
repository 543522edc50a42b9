"""The metrics of quotes.evaluate on hand-made gold and predicted records."""

from __future__ import annotations

import pytest

from quotes.evaluate import alnum_prefix, core_of, overlap, score_article, score_records

TEXT = '"Taxes will rise," the mayor said. Officials said the road is closed. He laughed.'
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678
QUOTE = (0, 18)  # '"Taxes will rise,"'
ROAD = (49, 69)  # 'the road is closed.'


def _quote(start: int, end: int, **fields: object) -> dict[str, object]:
    return {"start": start, "end": end, "type": "direct", **fields}


def test_core_strips_marks_and_punctuation() -> None:
    alnum = alnum_prefix(TEXT)
    core = core_of(TEXT, [QUOTE], alnum)
    assert core.ranges == ((1, 16),)
    assert core.size == len("Taxeswillrise")


def test_identical_cores_overlap_fully_even_with_different_marks() -> None:
    alnum = alnum_prefix(TEXT)
    a = core_of(TEXT, [(0, 18)], alnum)
    b = core_of(TEXT, [(1, 16)], alnum)
    assert overlap(a, b, alnum) == 1.0


def test_exact_match_counts_in_every_measure() -> None:
    gold = [_quote(*QUOTE, cue=[30, 34], speaker=[19, 28])]
    predicted = [_quote(1, 17, cue=[30, 34], speaker=[23, 28])]
    scores = score_article(TEXT, gold, predicted)
    assert (scores.precision, scores.recall, scores.exact_f1) == (1.0, 1.0, 1.0)
    assert (scores.cue_accuracy, scores.speaker_accuracy, scores.full_f1) == (1.0, 1.0, 1.0)


def test_partial_overlap_matches_but_is_not_exact() -> None:
    gold = [_quote(*ROAD)]
    predicted = [_quote(49, 63)]  # "the road is" : 9 of 15 alphanumeric characters
    scores = score_article(TEXT, gold, predicted)
    assert scores.recall == 1.0
    assert scores.exact_f1 == 0.0


def test_low_overlap_is_a_miss_and_a_false_alarm() -> None:
    gold = [_quote(*ROAD)]
    predicted = [_quote(35, 58)]  # "Officials said the road" shares only "theroad"
    scores = score_article(TEXT, gold, predicted)
    assert (scores.precision, scores.recall) == (0.0, 0.0)


def test_nested_prediction_is_left_out_of_precision() -> None:
    gold = [_quote(*ROAD)]
    predicted = [_quote(*ROAD), _quote(53, 57)]  # "road" lies inside the gold content
    scores = score_article(TEXT, gold, predicted)
    assert scores.nested == 1
    assert scores.precision == 1.0


def test_matching_is_one_to_one_best_first() -> None:
    gold = [_quote(*ROAD)]
    predicted = [_quote(49, 66), _quote(*ROAD)]
    scores = score_article(TEXT, gold, predicted)
    assert scores.matched_predictions == 1
    assert scores.exact == 1


def test_recall_counts_only_speech_gold_but_any_gold_saves_precision() -> None:
    gold = [_quote(*QUOTE), _quote(*ROAD, cue_speech_lexicon_match=False)]
    predicted = [_quote(*ROAD)]
    scores = score_article(TEXT, gold, predicted)
    assert scores.gold_speech == 1
    assert scores.recall == 0.0
    assert scores.precision == 1.0


def test_wrong_cue_and_speaker_fail_full_attribution() -> None:
    gold = [_quote(*ROAD, cue=[45, 49], speaker=[35, 44])]
    predicted = [_quote(*ROAD, cue=[76, 83], speaker=[70, 72])]
    scores = score_article(TEXT, gold, predicted)
    assert scores.recall == 1.0
    assert scores.cue_accuracy == 0.0
    assert scores.speaker_accuracy == 0.0
    assert scores.full_f1 == 0.0


def test_split_quotation_compares_its_fragments() -> None:
    text = '"We will rebuild," she said, "and do it together."'
    gold = [{"start": 0, "end": 50, "fragments": [[0, 18], [29, 50]], "type": "direct"}]
    predicted = [{"start": 0, "end": 50, "content_fragments": [[0, 18], [29, 50]]}]
    whole = [{"start": 0, "end": 50}]  # also takes in "she said"
    assert score_article(text, gold, predicted).exact == 1
    assert score_article(text, gold, whole).exact == 0


def test_per_type_recall() -> None:
    gold = [_quote(*QUOTE), _quote(*ROAD, type="indirect")]
    scores = score_article(TEXT, gold, [_quote(*ROAD)])
    assert scores.recall_of("direct") == 0.0
    assert scores.recall_of("indirect") == 1.0


def test_records_pair_by_id_and_ignore_predictions_on_another_text() -> None:
    gold = [
        {"id": "a", "text": TEXT, "quotes": [_quote(*ROAD)]},
        {"id": "b", "text": TEXT, "quotes": [_quote(*QUOTE)]},
    ]
    predicted = [
        {"id": "b", "text": TEXT, "quotes": [_quote(*QUOTE)]},
        {"id": "a", "text": TEXT + " changed", "quotes": [_quote(*ROAD)]},
    ]
    scores = score_records(gold, predicted)
    assert scores.articles == 2
    assert scores.recall == pytest.approx(0.5)
    assert scores.unmatched_articles == ["a"]
    assert scores.as_dict()["recall"] == 0.5


@pytest.mark.parametrize(
    ("gold_types", "predicted", "accuracy"),
    [
        (("direct", "indirect"), "unquoted", 1.0),  # gold without the type: unquoted is direct
        (("unquoted", "indirect"), "unquoted", 1.0),  # gold with it: compared as it is
        (("direct", "unquoted"), "unquoted", 0.0),
        (("indirect", "indirect"), "unquoted", 0.0),
        (("direct", "indirect"), "direct", 1.0),
    ],
)
def test_type_accuracy_maps_unquoted_to_direct_only_for_gold_without_it(
    gold_types: tuple[str, str], predicted: str, accuracy: float
) -> None:
    gold = {"id": "a", "text": TEXT, "quotes": [_quote(*QUOTE, type=gold_types[0])]}
    # A second article tells the corpus whether its gold knows the unquoted type.
    other = {"id": "b", "text": TEXT, "quotes": [_quote(*ROAD, type=gold_types[1])]}
    predictions = [
        {"id": "a", "text": TEXT, "quotes": [_quote(*QUOTE, type=predicted)]},
        {"id": "b", "text": TEXT, "quotes": []},
    ]
    scores = score_records([gold, other], predictions)
    assert (scores.type_pairs, scores.type_accuracy) == (1, accuracy)
    assert scores.as_dict()["type_accuracy"] == accuracy
