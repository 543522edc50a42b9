"""``train_model``: a model from articles and their accepted attributions.

Training runs the rules on every article (their labels are features), marks the accepted
records on the tokens, optionally cross-validates by article (never scoring an article
the fold was trained on) and fits the final CRF on everything.

Threading: pure apart from a temporary directory crfsuite writes its model to; run it in
a worker. ``progress(done, total)`` is called from the calling thread; ``cancelled()`` is
polled between articles and between folds (crfsuite's optimisation itself cannot be
interrupted: one fit takes seconds to a minute on a few hundred articles).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from quotes.cues import MODIFIER, Cue, find_cues
from quotes.evaluate import Scores, score_article
from quotes.extract import extract_with
from quotes.grammar import BELIEF_KIND
from quotes.learning.calibration import CANDIDATES, choose_add_threshold
from quotes.learning.combination import combine
from quotes.learning.crf import (
    DEFAULT_ADD_THRESHOLD,
    NO_ADDITIONS,
    ModelInfo,
    Tagged,
    TrainedModel,
    train_crf,
)
from quotes.learning.features import Paragraph, paragraph_features
from quotes.learning.labels import labels_for
from quotes.lexicon import Lexicon, default_lexicon
from quotes.model import Article, Attribution, Extraction, Span, Status
from quotes.records import attribution_to_record

# Cue kinds that do not make a record speech: beliefs, and a modifier on its own.
_NOT_SPEECH = frozenset({BELIEF_KIND, MODIFIER})
# Fewer accepted records than this teach the CRF nothing it can generalise.
MIN_RECORDS = 20
DEFAULT_FOLDS = 3

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class TrainingError(ValueError):
    """Training cannot run on what it was given; the message says what is missing."""


class TrainingCancelled(RuntimeError):
    """``cancelled()`` returned True; nothing was trained."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article ready for training and scoring: rules' output, features and labels.

    ``left_out`` are the paragraphs (as spans of the text) that held a record nobody
    reviewed yet: they are neither learned from nor scored, since their labels are
    unknown. ``speech`` says, per accepted record, whether it attributes speech
    (``is_speech_record``); empty counts every record as speech.
    """

    text: str
    accepted: tuple[Attribution, ...]
    rules: Extraction
    paragraphs: list[Paragraph]
    labels: list[list[str]]
    left_out: tuple[Span, ...] = ()
    speech: tuple[bool, ...] = ()


def accepted_of(article: Article) -> tuple[Attribution, ...]:
    """The records of ``article`` that count as accepted (all but rejected ones)."""
    return tuple(a for a in article.attributions if a.status != Status.REJECTED)


def prepare(article: Article, lexicon: Lexicon, unreviewed: Sequence[Span] = ()) -> Prepared:
    """Run the rules on ``article`` and mark its accepted records on its paragraphs.

    :param unreviewed: spans of records not reviewed yet (a document half way through
        its review); the paragraphs they touch are left out.
    """
    accepted = accepted_of(article)
    rules = extract_with(article.text, lexicon)
    paragraphs = paragraph_features(article.text, rules.attributions, lexicon)
    left_out: list[Span] = []
    if unreviewed:
        kept = []
        for paragraph in paragraphs:
            whole = Span(paragraph.tokens[0].start, paragraph.tokens[-1].end)
            if any(whole.overlaps(span) for span in unreviewed):
                left_out.append(whole)
            else:
                kept.append(paragraph)
        paragraphs = kept
    labels = [labels_for(p.tokens, accepted) for p in paragraphs]
    cues = find_cues(article.text, lexicon) if accepted else []
    speech = tuple(is_speech_record(a, cues) for a in accepted)
    return Prepared(article.text, accepted, rules, paragraphs, labels, tuple(left_out), speech)


def is_speech_record(attribution: Attribution, cues: Sequence[Cue]) -> bool:
    """Whether ``attribution`` attributes speech: its cue is a lexicon cue of speech
    (not of belief, intention or perception: "believes", "fears"), or it has no cue
    ('Clinton: "We will win."'). ``cues`` are ``find_cues`` of its text."""
    cue = attribution.cue
    if cue is None:
        return True
    return any(c.kind not in _NOT_SPEECH and c.start < cue.end and cue.start < c.end for c in cues)


def fit(
    prepared: Sequence[Prepared],
    *,
    scores: dict[str, float] | None = None,
    add_threshold: float = DEFAULT_ADD_THRESHOLD,
    on_iteration: Callable[[int], None] | None = None,
) -> TrainedModel:
    """Fit one CRF on ``prepared`` articles (no checks, no cross-validation)."""
    sequences = [
        (paragraph.features, labels)
        for item in prepared
        for paragraph, labels in zip(item.paragraphs, item.labels, strict=True)
    ]
    crf = train_crf(sequences, on_iteration=on_iteration)
    info = ModelInfo(
        records=sum(len(item.accepted) for item in prepared),
        articles=len(prepared),
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        scores=dict(scores or {}),
        add_threshold=add_threshold,
    )
    return TrainedModel(crf=crf, info=info)


def score_prepared(
    prepared: Sequence[Prepared],
    model: TrainedModel | None,
    *,
    add_threshold: float | None = None,
    tagged: Sequence[Sequence[Tagged]] | None = None,
    speech_only: bool = False,
) -> Scores:
    """Scores of the suggestions (rules alone when ``model`` is None) on ``prepared``.

    The accepted records are the gold; every one counts for recall, or with
    ``speech_only`` the speech records only (``Prepared.speech``; a suggestion matching
    any record is still no false alarm). Records in an article's ``left_out``
    paragraphs, suggested or accepted, are not scored.

    :param tagged: per item, ``model.tag(item.paragraphs)`` if already computed.
    """
    total = Scores()
    for item, predicted in _predictions(prepared, model, add_threshold, tagged):
        total.add(score_article(item.text, _gold_records(item, speech_only), predicted))
    return total


def _predictions(
    prepared: Sequence[Prepared],
    model: TrainedModel | None,
    add_threshold: float | None,
    tagged: Sequence[Sequence[Tagged]] | None,
) -> Iterator[tuple[Prepared, list[dict[str, Any]]]]:
    """Each item with its suggestions as records, those in ``left_out`` paragraphs
    dropped (``score_prepared``'s arguments)."""
    for index, item in enumerate(prepared):
        if model is None:
            extraction = item.rules
        else:
            threshold = model.info.add_threshold if add_threshold is None else add_threshold
            extraction = combine(
                item.text,
                item.rules,
                item.paragraphs,
                model,
                add_threshold=threshold,
                tagged=None if tagged is None else tagged[index],
            )
        yield (
            item,
            [attribution_to_record(a) for a in _scored(extraction.attributions, item.left_out)],
        )


def _gold_records(item: Prepared, speech_only: bool) -> list[dict[str, Any]]:
    speech = item.speech or (True,) * len(item.accepted)
    gold = []
    for attribution, is_speech in zip(item.accepted, speech, strict=True):
        if _left_out(attribution, item.left_out):
            continue
        record = attribution_to_record(attribution)
        if speech_only:
            record["cue_speech_lexicon_match"] = is_speech
        gold.append(record)
    return gold


def _scored(attributions: Sequence[Attribution], left_out: Sequence[Span]) -> list[Attribution]:
    return [a for a in attributions if not _left_out(a, left_out)]


def _left_out(attribution: Attribution, left_out: Sequence[Span]) -> bool:
    return any(attribution.content.overlaps(p) for p in left_out)


def train_model(
    articles: Sequence[Article],
    *,
    unreviewed: Sequence[Sequence[Span]] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    folds: int = DEFAULT_FOLDS,
    lexicon: Lexicon | None = None,
) -> TrainedModel:
    """Train a model on ``articles``, whose ``attributions`` are the accepted records.

    Rejected records among them are ignored. With ``folds`` >= 2 (and at least that many
    articles with records) the model's ``info.scores`` hold cross-validated precision,
    recall and F1 of rules + model and of rules alone, and the model's ``add_threshold``
    is the one cross-validation chose (``quotes.learning.calibration``; also in the
    scores as ``add_threshold``); ``folds=0`` skips that and keeps
    ``DEFAULT_ADD_THRESHOLD``.

    :param unreviewed: per article, the spans of its records nobody reviewed yet
        (see ``prepare``); None when every article is reviewed throughout.

    :raises TrainingError: with fewer than ``MIN_RECORDS`` accepted records (the message
        says how many there are and how many are needed).
    :raises TrainingCancelled: when ``cancelled()`` turns True.
    """
    records = sum(len(accepted_of(a)) for a in articles)
    if records < MIN_RECORDS:
        raise TrainingError(
            f"training needs at least {MIN_RECORDS} accepted records; there are {records}"
            + (f" in {len(articles)} documents" if articles else "")
            + ": accept more suggestions first"
        )
    lexicon = lexicon or default_lexicon()
    usable = [a for a in articles if accepted_of(a)]
    texts = len({a.text for a in usable})
    folds = folds if folds >= 2 and texts >= folds else 0
    steps = len(articles) + folds + 1
    done = 0

    def advance() -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise TrainingCancelled("training was cancelled")
        done += 1
        if progress is not None:
            progress(done, steps)

    if unreviewed is not None and len(unreviewed) != len(articles):
        raise ValueError("unreviewed needs one sequence of spans per article")
    prepared = []
    for index, article in enumerate(articles):
        prepared.append(prepare(article, lexicon, unreviewed[index] if unreviewed else ()))
        advance()
    scores = _cross_validate(prepared, folds, advance) if folds else {}
    threshold = scores.get("add_threshold", DEFAULT_ADD_THRESHOLD)
    started = time.perf_counter()
    model = fit(prepared, scores=scores, add_threshold=threshold)
    scores = dict(model.info.scores, training_seconds=round(time.perf_counter() - started, 2))
    advance()
    return TrainedModel(
        crf=model.crf,
        info=ModelInfo(
            records=records,
            articles=len(usable),
            trained_at=model.info.trained_at,
            scores=scores,
            add_threshold=model.info.add_threshold,
        ),
    )


def calibrated_threshold(prepared: Sequence[Prepared], folds: int = DEFAULT_FOLDS) -> float:
    """The add threshold cross-validation over ``prepared`` chooses (as ``train_model``
    does), or ``DEFAULT_ADD_THRESHOLD`` when there are too few texts for ``folds``."""
    if folds < 2 or len({p.text for p in prepared if p.accepted}) < folds:
        return DEFAULT_ADD_THRESHOLD
    return _cross_validate(prepared, folds, lambda: None)["add_threshold"]


def _cross_validate(
    prepared: Sequence[Prepared], folds: int, advance: Callable[[], None]
) -> dict[str, float]:
    rules = Scores()
    thresholds = (*CANDIDATES, NO_ADDITIONS)
    by_threshold = {threshold: Scores() for threshold in thresholds}
    speech_by_threshold = {threshold: Scores() for threshold in thresholds}
    # Folds by text, not by position: several versions of one article (two
    # annotators') share a fold, so none is scored by a model that learned another.
    groups: dict[str, int] = {}
    fold_of = [groups.setdefault(p.text, len(groups)) % folds for p in prepared]
    scored = 0
    for fold in range(folds):
        held = [p for p, f in zip(prepared, fold_of, strict=True) if f == fold]
        rest = [p for p, f in zip(prepared, fold_of, strict=True) if f != fold]
        if not any(p.accepted for p in rest):
            advance()
            continue
        scored += 1
        model = fit(rest)
        # Tagged once and each suggestion scored against both golds, for every threshold.
        tagged = [model.tag(p.paragraphs) for p in held]
        golds = [(_gold_records(p, False), _gold_records(p, True)) for p in held]
        for threshold in thresholds:
            predictions = _predictions(held, model, threshold, tagged)
            for (item, predicted), (every, speech) in zip(predictions, golds, strict=True):
                by_threshold[threshold].add(score_article(item.text, every, predicted))
                speech_by_threshold[threshold].add(score_article(item.text, speech, predicted))
        rules.add(score_prepared(held, None))
        advance()
    chosen = (
        choose_add_threshold(by_threshold, rules, speech=speech_by_threshold)
        if scored
        else DEFAULT_ADD_THRESHOLD
    )
    combined = by_threshold.get(chosen, by_threshold[NO_ADDITIONS])
    return {
        "precision": round(combined.precision, 4),
        "recall": round(combined.recall, 4),
        "f1": round(combined.f1, 4),
        "rules_precision": round(rules.precision, 4),
        "rules_recall": round(rules.recall, 4),
        "rules_f1": round(rules.f1, 4),
        "add_threshold": chosen,
    }
