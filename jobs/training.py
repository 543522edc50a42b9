"""Teaching the annotator: a model trained on a workspace's accepted records, stored in it.

``train_workspace`` is what ``app.py train`` (``cli.learning_commands``) and the
GUI's Train worker (``ui.shell.tasks.train_workspace``) both run: it reads the
training set (``training_records``), trains (``quotes.learning.train_model``, with
cross-validation by document) and replaces the workspace's model in one
transaction. ``workspace_model`` reads the model back for import, ``extract`` and
re-suggest; ``suggester`` is the extractor they pre-annotate with.

Threading: every function runs in the calling thread on the store it is given,
which must belong to that thread. Training holds no lock while it learns (minutes on
a large workspace): it reads the records first and writes the model at the end, so
the annotator keeps working meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from quotes.learning import (
    ModelFormatError,
    TrainedModel,
    TrainingCancelled,
    TrainingError,
    suggest,
    train_model,
)
from quotes.learning.training import DEFAULT_FOLDS
from quotes.lexicon import Lexicon
from quotes.model import (
    Article,
    Attribution,
    Document,
    DocumentStatus,
    Extraction,
    Span,
    Status,
)
from storage.store import GOLD_LAYER, SHARED_LAYER, Store, StoredModel

__all__ = [
    "DEFAULT_FOLDS",
    "ModelFormatError",
    "TrainingCancelled",
    "TrainingError",
    "TrainingSet",
    "describe_model",
    "describe_training",
    "suggester",
    "train_workspace",
    "training_records",
    "workspace_model",
]


@dataclass(frozen=True, slots=True)
class TrainingSet:
    """What a model learns from: one article per document used.

    Each article's ``attributions`` are the accepted records to learn;
    ``unreviewed[i]`` are the spans of article ``i``'s records that nobody (or not
    ``annotator``) has decided on, whose paragraphs training leaves out.
    """

    articles: tuple[Article, ...]
    unreviewed: tuple[tuple[Span, ...], ...]
    annotator: str | None = None

    @property
    def records(self) -> int:
        """How many accepted records there are to learn from."""
        return sum(len(article.attributions) for article in self.articles)

    @property
    def documents(self) -> int:
        """In how many documents."""
        return len(self.articles)


def training_records(store: Store, annotator: str | None = None) -> TrainingSet:
    """The accepted records of ``store`` to train on: everyone's, or ``annotator``'s.

    This is the one place that decides what counts as training data:

    * a document the **gold** layer has reviewed teaches its adjudicated version only;
    * otherwise every layer that reviewed the document teaches its own version: each
      annotator's layer, and the shared layer (where a one-person workspace's
      decisions are), so the same text may come several times (cross-validation
      keeps its versions in one fold);
    * with ``annotator``: that annotator's layer, and in the shared layer the records
      they decided (its ``annotator`` column); gold is not used.

    A version is used when it has an accepted record (by ``annotator``, in the shared
    layer) or is marked done. Its records nobody decided on there (candidates, and in
    the shared layer with ``annotator`` the records someone else decided) are
    unreviewed: training leaves their paragraphs out.
    """
    layers = store.layers
    named = layers.layer_names()
    if annotator is None:
        chosen = [GOLD_LAYER] if GOLD_LAYER in named else []
        chosen += [SHARED_LAYER, *(n for n in named if n != GOLD_LAYER)]
    else:
        chosen = [SHARED_LAYER, *([annotator] if annotator in named else [])]
    taught_by_gold: set[int] = set()
    texts: dict[int, Document] = {}
    articles: list[Article] = []
    unreviewed: list[tuple[Span, ...]] = []
    for layer in chosen:
        who = annotator if layer == SHARED_LAYER else None
        for document_id in layers.layer_documents(layer):
            if layer != GOLD_LAYER and document_id in taught_by_gold:
                continue
            attributions = layers.layer_attributions(document_id, layer)
            accepted = [a for a in attributions if _counts(a, who, Status.ACCEPTED)]
            if not accepted and layers.layer_status(document_id, layer) != DocumentStatus.DONE:
                continue
            if layer == GOLD_LAYER:
                taught_by_gold.add(document_id)
            document = texts.get(document_id) or texts.setdefault(
                document_id, store.document(document_id)
            )
            articles.append(
                Article(
                    text=document.text,
                    title=document.title,
                    external_id=document.external_id,
                    attributions=tuple(accepted),
                )
            )
            unreviewed.append(
                tuple(span for a in attributions if not _decided(a, who) for span in a.spans())
            )
    return TrainingSet(tuple(articles), tuple(unreviewed), annotator)


def _decided(attribution: Attribution, annotator: str | None) -> bool:
    """Whether ``attribution`` was accepted or rejected (by ``annotator``, when given)."""
    return _counts(attribution, annotator, Status.ACCEPTED) or _counts(
        attribution, annotator, Status.REJECTED
    )


def _counts(attribution: Attribution, annotator: str | None, status: Status) -> bool:
    """Whether ``attribution`` has ``status`` by ``annotator`` (None: by anyone)."""
    if attribution.status != status:
        return False
    return annotator is None or attribution.annotator == annotator


def train_workspace(
    store: Store,
    *,
    annotator: str | None = None,
    folds: int = DEFAULT_FOLDS,
    lexicon: Lexicon | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> StoredModel:
    """Train a model on ``store``'s accepted records and make it the workspace's model.

    :param annotator: learn from this annotator's records only (None: everyone's).
    :param folds: cross-validation folds by document (0: none, no scores).
    :param progress: ``(done, total)`` steps, from this thread.
    :param cancelled: polled between steps; True stops training with nothing stored.
    :returns: the model as stored.
    :raises TrainingError: with too few accepted records (the message says how many
        there are and how many are needed); the previous model stays.
    :raises TrainingCancelled: when cancelled; the previous model stays.
    """
    training = training_records(store, annotator)
    try:
        model = train_model(
            training.articles,
            unreviewed=training.unreviewed,
            folds=folds,
            lexicon=lexicon,
            progress=progress,
            cancelled=cancelled,
        )
    except TrainingError as error:
        whose = f" by {annotator}" if annotator else ""
        raise TrainingError(
            str(error).replace("accepted records;", f"accepted records{whose};", 1)
        ) from None
    if cancelled is not None and cancelled():
        raise TrainingCancelled("training was cancelled")
    info = model.info
    stored = StoredModel(
        blob=model.to_bytes(),
        records=info.records,
        documents=info.articles,
        trained_at=info.trained_at,
        trained_on=annotator,
        scores=dict(info.scores),
    )
    store.save_learned_model(stored)
    return store.learned_model() or stored


def workspace_model(store: Store) -> TrainedModel | None:
    """The workspace's learned model, ready to suggest with; None when it has none.

    :raises ModelFormatError: when the stored model is damaged or was saved by a
        newer version of the app; the message names the workspace.
    """
    stored = store.learned_model()
    return None if stored is None else decode_model(stored, store.path)


def decode_model(stored: StoredModel, where: Path | None) -> TrainedModel:
    """The model of ``stored``. :raises ModelFormatError: naming ``where``."""
    try:
        return TrainedModel.from_bytes(stored.blob)
    except ModelFormatError as error:
        place = where or "the workspace"
        raise ModelFormatError(
            f"{place}: the learned model cannot be used: {error}; train again to replace it"
        ) from None


def suggester(model: TrainedModel, lexicon: Lexicon | None = None) -> Callable[[str], Extraction]:
    """The pre-annotation extractor of the rules with ``model``: picklable, so that
    the import's worker processes can run it (each receives the model once)."""
    return partial(suggest, model=model, lexicon=lexicon)


def describe_model(stored: StoredModel) -> str:
    """One line about a stored model: size of its training set, date, CV scores."""
    whose = f"{stored.trained_on}'s" if stored.trained_on else "all"
    line = (
        f"trained {stored.trained_at} on {stored.records} of {whose} accepted records "
        f"in {stored.documents} documents"
    )
    scores = stored.scores
    if "f1" in scores and "rules_f1" in scores:
        line += (
            f"; cross-validated F1 {scores['f1']:.3f} with the model, "
            f"{scores['rules_f1']:.3f} rules alone"
        )
    additions = _additions(scores)
    return line + (f"; {additions}" if additions else "")


def _additions(scores: Mapping[str, float]) -> str:
    """What the model adds, by the threshold its cross-validation chose ("" if none)."""
    threshold = scores.get("add_threshold")
    if threshold is None:
        return ""
    if threshold > 1:
        return (
            "learned additions: none (no threshold tried beat adding nothing in "
            "cross-validated F1 while holding precision and speech F1); the model "
            "re-scores the rules"
        )
    return f"learned additions: spans the model gives P(content) >= {threshold:.2f}"


def describe_training(stored: StoredModel, *, seconds: float) -> str:
    """The lines ``train`` prints: training set, cross-validated scores, time."""
    whose = f"{stored.trained_on}'s" if stored.trained_on else "all"
    lines = [
        f"trained on {stored.records} accepted records ({whose}) in {stored.documents} documents"
    ]
    scores = stored.scores
    if "f1" in scores:
        lines.append(
            "cross-validated by document: "
            f"rules + model P {scores['precision']:.3f} R {scores['recall']:.3f} "
            f"F1 {scores['f1']:.3f}; rules alone P {scores['rules_precision']:.3f} "
            f"R {scores['rules_recall']:.3f} F1 {scores['rules_f1']:.3f}"
        )
        additions = _additions(scores)
        if additions:
            lines.append(additions)
    else:
        lines.append("not cross-validated (no folds asked, or too few documents)")
    fit = scores.get("training_seconds")
    lines.append(f"time {seconds:.1f} s" + (f" (final fit {fit:.1f} s)" if fit is not None else ""))
    return "\n".join(lines)
