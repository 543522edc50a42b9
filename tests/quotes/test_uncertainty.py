"""The model's uncertainty of a document (``quotes.learning.uncertainty``)."""

from __future__ import annotations

import pytest

from quotes.extract import extract
from quotes.learning import TrainedModel, train_model
from quotes.learning.features import paragraph_features
from quotes.learning.uncertainty import document_uncertainty, paragraphs_uncertainty
from quotes.lexicon import default_lexicon
from tests.quotes.test_learning import NEW_TEXT, _article

# The training articles' own shape, twice, and a sentence unlike any of them.
TWO_FAMILIAR = NEW_TEXT + "\n" + NEW_TEXT.split("\n\n")[1]
UNFAMILIAR = (
    "City report.\n\nPetrov, whom Okafor blorfed about, said the port that the railway "
    "said would need more money was 'closed', blorfed Okafor.\n"
)


@pytest.fixture(scope="module")
def model() -> TrainedModel:
    return train_model([_article(n) for n in range(24)], folds=0)


def test_a_sentence_unlike_the_training_scores_far_higher(model: TrainedModel) -> None:
    familiar = document_uncertainty(NEW_TEXT, model)
    assert 0 <= familiar < 0.2
    assert document_uncertainty(UNFAMILIAR, model) > 3 * familiar


def test_a_longer_text_of_the_same_kind_is_no_more_uncertain(model: TrainedModel) -> None:
    one = document_uncertainty(NEW_TEXT, model)
    assert document_uncertainty(TWO_FAMILIAR, model) <= one + 1e-3


def test_the_score_is_the_mean_of_one_minus_the_best_labellings_probability(
    model: TrainedModel,
) -> None:
    lexicon = default_lexicon()
    paragraphs = paragraph_features(UNFAMILIAR, extract(UNFAMILIAR).attributions, lexicon)
    sure = model.best_labelling_probabilities(paragraphs)
    assert all(0 < p <= 1 for p in sure)
    expected = round(sum(1 - p for p in sure) / len(sure), 4)
    assert paragraphs_uncertainty(paragraphs, model) == expected
    assert document_uncertainty(UNFAMILIAR, model) == expected


@pytest.mark.parametrize("text", ["", "   \n\n ", None])
def test_a_blank_text_is_certain(model: TrainedModel, text: str) -> None:
    assert document_uncertainty(text, model) == 0.0


def test_a_failing_model_scores_zero_instead_of_raising(
    model: TrainedModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: TrainedModel, paragraphs: object) -> list[float]:
        raise RuntimeError("damaged tagger")

    monkeypatch.setattr(TrainedModel, "best_labelling_probabilities", broken)
    assert document_uncertainty(NEW_TEXT, model) == 0.0
