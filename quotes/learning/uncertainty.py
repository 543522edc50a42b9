"""How unsure the model is of a document: what active learning orders documents by.

A document's **uncertainty** is the share of its paragraphs that the model expects
to read wrongly somewhere: the mean, over paragraphs, of one minus the probability of
the model's best labelling (``TrainedModel.best_labelling_probabilities``), in [0, 1].
This is the "least confidence" measure of active learning for sequence models
(Settles and Craven, 2008), averaged over the document so that a long article does
not rise merely by being long: a review costs about as much per paragraph as it
yields. On the dev split (``bench/active_learning.py``) the quarter of held-out
articles with the highest score needed three times the fixes per paragraph of the
quarter with the lowest.

Pure and thread-safe, like ``quotes.learning.combination``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from quotes.extract import extract
from quotes.learning.combination import rules_text_ok
from quotes.learning.crf import TrainedModel
from quotes.learning.features import Paragraph, paragraph_features
from quotes.lexicon import Lexicon, default_lexicon

_log = logging.getLogger(__name__)


def document_uncertainty(text: str, model: TrainedModel, lexicon: Lexicon | None = None) -> float:
    """The model's uncertainty on ``text``, in [0, 1] (0.0 for a blank text): the
    expected share of its paragraphs whose best labelling is wrong, to 4 places.

    The model reads the rules' suggestions among its features, as when it suggests,
    so this is its uncertainty about the suggestions the annotator will see.
    Never raises: a text the rules or the model fail on scores 0.0 (logged).
    """
    if not rules_text_ok(text):
        return 0.0
    try:
        rules = extract(text, lexicon=lexicon)
        paragraphs = paragraph_features(text, rules.attributions, lexicon or default_lexicon())
        return paragraphs_uncertainty(paragraphs, model)
    except Exception:  # a defect here must not stop a scoring run of many documents
        _log.exception("uncertainty failed on a text of %d characters", len(text))
        return 0.0


def paragraphs_uncertainty(paragraphs: Sequence[Paragraph], model: TrainedModel) -> float:
    """``document_uncertainty`` from a text's paragraph features, already computed
    (``paragraph_features``): for callers that also suggest from them."""
    sure = model.best_labelling_probabilities(paragraphs)
    if not sure:
        return 0.0
    return round(sum(max(0.0, 1.0 - p) for p in sure) / len(sure), 4)
