"""The trained model: a linear-chain CRF (python-crfsuite) with what is known about it.

We use python-crfsuite directly rather than nltk's ``CRFTagger`` wrapper: that wrapper
asks for a model *file* and a per-token feature function, while a workspace keeps the
model as bytes and our features are computed per paragraph in one pass
(``quotes.learning.features``). The CRF underneath is the same.

Threading: a ``TrainedModel`` is immutable and may be shared; each thread gets its own
crfsuite tagger (taggers are not thread-safe), opened lazily from the model's bytes.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from quotes.learning.features import RULE_CONTENT_FEATURES, Paragraph
from quotes.learning.labels import BEGIN, INSIDE

CONTENT = (BEGIN, INSIDE)

# L-BFGS with elastic-net regularisation: c1 prunes the many useless word features,
# which keeps the model small and tagging fast.
TRAINING_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}

# A learned span is suggested only when the model's mean P(content) over it reaches the
# model's threshold, which training chooses by cross-validation (``quotes.learning.
# calibration``). This one serves a model trained on too few documents to choose: in
# bench/learning.py, 0.95 kept precision against all gold above .88 (0.5 gave .83).
DEFAULT_ADD_THRESHOLD = 0.95
# A threshold no probability reaches: the model re-scores the rules and adds nothing.
NO_ADDITIONS = 1.01


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What a model was trained on and how well it did.

    ``scores`` are cross-validated figures on the training records (``precision``,
    ``recall``, ``f1`` of the combined suggestions, and the same for rules alone with a
    ``rules_`` prefix); empty when training skipped cross-validation.
    """

    records: int
    articles: int
    trained_at: str
    scores: dict[str, float] = field(default_factory=dict)
    add_threshold: float = DEFAULT_ADD_THRESHOLD


@dataclass(frozen=True, slots=True)
class Tagged:
    """The model's reading of one paragraph: a label per token and P(content) per token."""

    labels: list[str]
    content: list[float]


_local = threading.local()


@dataclass(frozen=True, slots=True, eq=False)
class TrainedModel:
    """A CRF model (crfsuite's own bytes) and its ``ModelInfo``.

    ``to_bytes``/``from_bytes`` (``quotes.learning.serialisation``) are how it is stored.
    """

    crf: bytes
    info: ModelInfo

    def to_bytes(self) -> bytes:
        """The model as one versioned blob (see ``quotes.learning.serialisation``)."""
        from quotes.learning.serialisation import model_to_bytes

        return model_to_bytes(self)

    @classmethod
    def from_bytes(cls, blob: bytes) -> TrainedModel:
        """Read a blob written by ``to_bytes``.

        :raises ModelFormatError: for a corrupt blob or one from a newer app version.
        """
        from quotes.learning.serialisation import model_from_bytes

        return model_from_bytes(blob)

    def tag(self, paragraphs: Sequence[Paragraph]) -> list[Tagged]:
        """Label every paragraph; P(content) is the marginal of ``B`` plus ``I``.

        P(content) is computed for the tokens labelled content by the model or by the
        rules; it is 0.0 for the others.
        """
        tagger = self._tagger()
        known = set(tagger.labels())
        results = []
        for paragraph in paragraphs:
            tagger.set(paragraph.features)
            labels = tagger.tag()
            content = [0.0] * len(labels)
            # Marginals cost a call each: only tokens the model or the rules call content
            # are ever asked about (``combination``), so only they get one.
            wanted = [
                i
                for i, (label, row) in enumerate(zip(labels, paragraph.features, strict=True))
                if label in CONTENT or row[3] in RULE_CONTENT_FEATURES
            ]
            for label in (BEGIN, INSIDE):
                if label in known:
                    for i in wanted:
                        content[i] += tagger.marginal(label, i)
            results.append(Tagged(labels, content))
        return results

    def best_labelling_probabilities(self, paragraphs: Sequence[Paragraph]) -> list[float]:
        """P(the model's best labelling | paragraph) for each paragraph, in (0, 1]:
        crfsuite's probability of the Viterbi sequence (1.0 for a paragraph with no
        tokens). One minus it is the chance that the model's reading of the paragraph
        is wrong somewhere, which active learning orders documents by."""
        tagger = self._tagger()
        found = []
        for paragraph in paragraphs:
            if not paragraph.features:
                found.append(1.0)
                continue
            tagger.set(paragraph.features)
            found.append(float(tagger.probability(tagger.tag())))
        return found

    def _tagger(self) -> pycrfsuite.Tagger:
        cache: dict[int, tuple[TrainedModel, pycrfsuite.Tagger]] = getattr(_local, "cache", {})
        _local.cache = cache
        entry = cache.get(id(self))
        if entry is None or entry[0] is not self:
            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self.crf)
            if len(cache) > 4:  # models are replaced rarely; keep the cache small
                cache.clear()
            cache[id(self)] = (self, tagger)
            return tagger
        return entry[1]


class _Trainer(pycrfsuite.Trainer):
    """A crfsuite trainer that reports iterations instead of printing them."""

    def __init__(self, on_iteration: Callable[[int], None] | None) -> None:
        # verbose=True only makes crfsuite call the on_* hooks; they print nothing here.
        super().__init__(algorithm="lbfgs", params=TRAINING_PARAMS, verbose=True)
        self._report = on_iteration

    def on_start(self, log: Any) -> None:
        pass

    def on_featgen_progress(self, log: Any, percent: Any) -> None:
        pass

    def on_featgen_end(self, log: Any) -> None:
        pass

    def on_prepared(self, log: Any) -> None:
        pass

    def on_prepare_error(self, log: Any) -> None:
        pass

    def on_iteration(self, log: Any, info: Any) -> None:
        if self._report is not None:
            self._report(int(info.get("num", 0)))

    def on_optimization_end(self, log: Any) -> None:
        pass

    def on_end(self, log: Any) -> None:
        pass


def train_crf(
    sequences: Sequence[tuple[list[list[str]], list[str]]],
    *,
    on_iteration: Callable[[int], None] | None = None,
) -> bytes:
    """Train a CRF on (features, labels) sequences and return crfsuite's model bytes.

    crfsuite cannot be interrupted inside its optimisation (errors raised in its
    callbacks are swallowed), so ``on_iteration`` only reports; callers check for
    cancellation around this call. At most ``TRAINING_PARAMS['max_iterations']`` runs.
    """
    trainer = _Trainer(on_iteration)
    for features, labels in sequences:
        trainer.append(features, labels)
    with tempfile.TemporaryDirectory(prefix="quote-model-") as folder:
        path = Path(folder) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()
