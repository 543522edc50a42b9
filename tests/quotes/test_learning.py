"""The learned model: training on a small set made here, storing it, combining it with
the rules, and the clear errors for too few records and bad blobs."""

from __future__ import annotations

import json
import struct

import pytest

from quotes.extract import extract
from quotes.learning import (
    FORMAT_VERSION,
    MIN_RECORDS,
    ModelFormatError,
    TrainedModel,
    TrainingCancelled,
    TrainingError,
    suggest,
    train_model,
)
from quotes.learning.calibration import CANDIDATES
from quotes.learning.crf import DEFAULT_ADD_THRESHOLD
from quotes.learning.features import FEATURE_SET
from quotes.learning.serialisation import MAGIC
from quotes.learning.training import prepare, score_prepared
from quotes.lexicon import default_lexicon
from quotes.model import Article, Attribution, QuoteType, Span, Status

NAMES = ["Smith", "Jones", "Garcia", "Brown", "Lee", "Khan", "Novak", "Silva", "Moreau", "Costa"]
TOPICS = ["the budget", "the bridge", "the treaty", "the school plan", "the new tax"]
VERBS = ["would pass in March", "was too expensive", "could fail next year", "needed more time"]


def _find(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part))


def _article(number: int) -> Article:
    """An article whose second sentence uses "blorfed", a cue no lexicon knows."""
    speaker = NAMES[number % len(NAMES)]
    other = NAMES[(number + 3) % len(NAMES)]
    said = f"{TOPICS[number % len(TOPICS)]} {VERBS[number % len(VERBS)]}"
    blorfed = f"{TOPICS[(number + 2) % len(TOPICS)]} {VERBS[(number + 1) % len(VERBS)]}"
    text = (
        f"Council news {number}.\n\n"
        f"Senator {speaker} said that {said}. Minister {other} blorfed that {blorfed}.\n"
    )
    records = []
    for name, cue, content in ((speaker, "said", said), (other, "blorfed", blorfed)):
        speaker_span = _find(text, name, text.index("\n\n"))
        records.append(
            Attribution(
                fragments=(_find(text, content, speaker_span.end),),
                type=QuoteType.INDIRECT,
                cue=_find(text, cue, speaker_span.end),
                speaker=speaker_span,
                status=Status.ACCEPTED,
            )
        )
    return Article(text=text, attributions=tuple(records))


@pytest.fixture(scope="module")
def model() -> TrainedModel:
    return train_model([_article(n) for n in range(24)], folds=2)


NEW_TEXT = (
    "City report.\n\nMayor Okafor said that the port would reopen soon. "
    "Governor Petrov blorfed that the railway would need more money.\n"
)


def test_training_records_size_date_and_cross_validated_scores(model: TrainedModel) -> None:
    assert model.info.records == 48
    assert model.info.articles == 24
    assert model.info.trained_at[:2] == "20"
    assert {"precision", "recall", "f1", "rules_f1"} <= set(model.info.scores)
    assert model.info.scores["recall"] > model.info.scores["rules_recall"]


def test_training_keeps_the_add_threshold_cross_validation_chose(model: TrainedModel) -> None:
    # "blorfed" records are consistent throughout, so learned additions pay.
    assert model.info.add_threshold == model.info.scores["add_threshold"]
    assert model.info.add_threshold in CANDIDATES
    assert model.info.scores["precision"] >= model.info.scores["rules_precision"]


def test_speech_scores_count_only_records_with_a_cue_of_speech() -> None:
    # "blorfed" is in no lexicon: its records are not speech, and the rules miss them.
    prepared = [prepare(_article(n), default_lexicon()) for n in range(4)]
    assert [item.speech for item in prepared] == [(True, False)] * 4
    every = score_prepared(prepared, None)
    speech = score_prepared(prepared, None, speech_only=True)
    assert (every.gold_speech, speech.gold_speech) == (8, 4)
    assert speech.recall == 1.0 and every.recall == 0.5
    assert speech.precision == every.precision


def test_without_cross_validation_the_default_threshold_serves() -> None:
    unscored = train_model([_article(n) for n in range(12)], folds=0)
    assert unscored.info.add_threshold == DEFAULT_ADD_THRESHOLD
    assert "add_threshold" not in unscored.info.scores


def test_the_model_adds_what_the_rules_miss_with_origin_and_confidence(
    model: TrainedModel,
) -> None:
    combined = suggest(NEW_TEXT, model)
    learned = [a for a in combined.attributions if a.rule == "learned"]
    assert [a.content_text(NEW_TEXT) for a in learned] == ["the railway would need more money"]
    assert learned[0].cue is not None and learned[0].cue.text_of(NEW_TEXT) == "blorfed"
    assert 0 < learned[0].confidence <= 1
    rules = extract(NEW_TEXT).attributions
    ruled = [a for a in combined.attributions if a.rule != "learned"]
    assert [(a.fragments, a.rule) for a in ruled] == [(a.fragments, a.rule) for a in rules]
    assert all(0 < a.confidence <= 1 for a in ruled)


def test_without_a_model_suggestions_are_the_rules_exactly() -> None:
    assert suggest(NEW_TEXT, None) == extract(NEW_TEXT)
    assert suggest("", None) == extract("")


def test_a_high_threshold_leaves_the_rules_alone_but_rescored(model: TrainedModel) -> None:
    combined = suggest(NEW_TEXT, model, add_threshold=1.01)
    assert [a.fragments for a in combined.attributions] == [
        a.fragments for a in extract(NEW_TEXT).attributions
    ]


def test_save_and_load_round_trip(model: TrainedModel) -> None:
    loaded = TrainedModel.from_bytes(model.to_bytes())
    assert loaded.info == model.info
    assert loaded.crf == model.crf
    assert suggest(NEW_TEXT, loaded) == suggest(NEW_TEXT, model)


def test_a_model_from_a_newer_version_is_refused_by_name(model: TrainedModel) -> None:
    blob = bytearray(model.to_bytes())
    struct.pack_into(">H", blob, len(MAGIC), FORMAT_VERSION + 1)
    with pytest.raises(ModelFormatError, match=r"newer version.*format 2"):
        TrainedModel.from_bytes(bytes(blob))


def _with_header(blob: bytes, **changes: object) -> bytes:
    """``blob`` with its JSON header's fields changed (None removes one)."""
    offset = len(MAGIC)
    version, length = struct.unpack_from(">HI", blob, offset)
    start = offset + struct.calcsize(">HI")
    header = json.loads(blob[start : start + length])
    for key, value in changes.items():
        if value is None:
            header.pop(key, None)
        else:
            header[key] = value
    encoded = json.dumps(header).encode()
    return MAGIC + struct.pack(">HI", version, len(encoded)) + encoded + blob[start + length :]


@pytest.mark.parametrize(
    ("feature_set", "message"),
    [
        pytest.param(None, r"older version.*feature set 1;", id="before feature sets"),
        pytest.param(FEATURE_SET - 1, r"older version.*train the model again", id="older"),
        pytest.param(FEATURE_SET + 1, r"newer version.*update the app", id="newer"),
        pytest.param("two", "corrupt model: its feature set", id="not a number"),
    ],
)
def test_a_model_of_other_features_is_refused_with_what_to_do(
    model: TrainedModel, feature_set: object, message: str
) -> None:
    blob = _with_header(model.to_bytes(), feature_set=feature_set)
    with pytest.raises(ModelFormatError, match=message):
        TrainedModel.from_bytes(blob)


def test_a_model_keeps_the_feature_set_it_was_trained_on(model: TrainedModel) -> None:
    assert TrainedModel.from_bytes(_with_header(model.to_bytes())).info == model.info


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-1] + bytes([b[-1] ^ 0xFF]), id="flipped byte"),
        pytest.param(lambda b: b"not a model at all", id="not a model"),
        pytest.param(lambda b: b[: len(MAGIC) + 2], id="no header length"),
        pytest.param(lambda b: MAGIC + struct.pack(">HI", 1, 5) + b"{oops" + b"x", id="bad header"),
    ],
)
def test_a_corrupt_blob_is_refused_clearly(model: TrainedModel, damage) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelFormatError, match="corrupt model"):
        TrainedModel.from_bytes(damage(model.to_bytes()))


def test_too_few_records_names_how_many_are_needed() -> None:
    with pytest.raises(
        TrainingError, match=f"at least {MIN_RECORDS} accepted records; there are 4"
    ):
        train_model([_article(0), _article(1)])


def test_rejected_records_do_not_count() -> None:
    articles = [
        Article(
            text=a.text,
            attributions=tuple(r.with_changes(status=Status.REJECTED) for r in a.attributions),
        )
        for a in (_article(n) for n in range(12))
    ]
    with pytest.raises(TrainingError, match="there are 0"):
        train_model(articles)


def test_progress_reaches_the_total_and_cancel_stops_training() -> None:
    articles = [_article(n) for n in range(12)]
    seen: list[tuple[int, int]] = []
    train_model(articles, folds=0, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(TrainingCancelled):
        train_model(articles, folds=0, cancelled=cancelled)
