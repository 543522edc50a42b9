"""Suggestions from the rules and a trained model together: ``suggest``.

The rules run first, exactly as ``quotes.extract`` runs them; the model then reads each
paragraph with the rules' labels among its features, and:

- **re-scores** every rule suggestion: its confidence becomes the mean of the rule's and
  the model's P(content) over its tokens; its ``rule`` name stays;
- **drops** a rule suggestion whose P(content) is below ``drop_threshold`` (0 by
  default, i.e. never: on speech the rules' precision is already the model's ceiling);
- **adds** a span the model labels content that overlaps no rule suggestion, when its
  mean P(content) reaches the model's ``add_threshold`` and it holds at least
  ``MIN_WORDS`` words and the model labelled a cue in its paragraph; it carries
  ``rule="learned"``, that probability as its confidence, and the nearest cue and
  speaker the model labelled in its paragraph.

Boundaries of rule suggestions are kept: moving them lowered exact F1 in the bench.
Pure and thread-safe (each thread tags with its own crfsuite tagger).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from quotes.collector import collection_paused
from quotes.direct import classify
from quotes.extract import extract
from quotes.learning.crf import Tagged, TrainedModel
from quotes.learning.features import Paragraph, paragraph_features, token_index, tokens_in
from quotes.learning.labels import CONTENT_LABELS, CUE, INSIDE, SOURCE
from quotes.lexicon import Lexicon, default_lexicon
from quotes.model import Attribution, Extraction, Origin, Span, Status
from quotes.quotemarks import QuoteIndex, find_quotations
from quotes.tokens import Token

_log = logging.getLogger(__name__)
LEARNED = "learned"
MIN_WORDS = 3


def suggest(
    text: str,
    model: TrainedModel | None,
    lexicon: Lexicon | None = None,
    *,
    add_threshold: float | None = None,
    drop_threshold: float = 0.0,
) -> Extraction:
    """The attributions of ``text`` from the rules, improved by ``model`` when given.

    With ``model`` None the result is exactly ``quotes.extract.extract(text,
    lexicon=lexicon)``. Every attribution names its origin in ``rule``
    (a rule's name, or ``"learned"``) and has a ``confidence`` in (0, 1].
    Never raises: when the model fails on a text the rules' suggestions are returned.

    :param add_threshold: overrides the model's own threshold for learned additions.
    """
    rules = extract(text, lexicon=lexicon)
    if model is None or not rules_text_ok(text):
        return rules
    try:
        # The features are a list of strings per token, some twenty per word: paused,
        # the collector no longer walks them again and again (as in ``extract``).
        with collection_paused():
            paragraphs = paragraph_features(text, rules.attributions, lexicon or default_lexicon())
            return combine(
                text,
                rules,
                paragraphs,
                model,
                add_threshold=model.info.add_threshold if add_threshold is None else add_threshold,
                drop_threshold=drop_threshold,
            )
    except Exception:  # a model defect must not cost the text its rule suggestions
        _log.exception("the learned model failed on a text of %d characters", len(text))
        return rules


def rules_text_ok(text: object) -> bool:
    """Whether ``text`` is something the model can read (a non-blank string)."""
    return isinstance(text, str) and bool(text.strip())


def combine(
    text: str,
    rules: Extraction,
    paragraphs: Sequence[Paragraph],
    model: TrainedModel,
    *,
    add_threshold: float,
    drop_threshold: float = 0.0,
    tagged: Sequence[Tagged] | None = None,
) -> Extraction:
    """``suggest``'s second half: the rules' ``Extraction`` of ``text`` with ``model``.

    :param paragraphs: ``paragraph_features(text, rules.attributions, lexicon)``; passed in
        so that training's cross-validation computes them once per article.
    :param tagged: ``model.tag(paragraphs)`` when the caller has it already (calibration
        combines one reading at several thresholds).
    """
    if tagged is None:
        tagged = model.tag(paragraphs)
    probability = _content_probability(paragraphs, tagged)
    kept = []
    for attribution in rules.attributions:
        p = probability(attribution.fragments)
        if p is not None and p < drop_threshold:
            continue
        if p is not None:
            blended = round((attribution.confidence + p) / 2, 2)
            attribution = attribution.with_changes(confidence=max(blended, 0.01))
        kept.append(attribution)
    quotes = QuoteIndex(find_quotations(text))
    taken = [a.content for a in rules.attributions]
    for paragraph, reading in zip(paragraphs, tagged, strict=True):
        for fragments, cue, speaker, p in _learned_spans(paragraph, reading, add_threshold):
            whole = Span(fragments[0].start, fragments[-1].end)
            # A learned span with no cue the model could point to was the commonest false
            # alarm in the bench (headlines, scare quotes, the writer's own claims).
            if cue is None or any(whole.overlaps(t) for t in taken):
                continue
            if sum(1 for t in paragraph.tokens if whole.contains(t.start) and t.is_word) < (
                MIN_WORDS
            ):
                continue
            taken.append(whole)
            kept.append(
                Attribution(
                    fragments=tuple(fragments),
                    type=classify(text, fragments, quotes, False),
                    cue=cue,
                    speaker=speaker,
                    speaker_name=text[speaker.start : speaker.end] if speaker else None,
                    status=Status.CANDIDATE,
                    origin=Origin.RULE,
                    confidence=max(round(p, 2), 0.01),
                    rule=LEARNED,
                )
            )
    kept.sort(key=lambda a: (a.start, a.end))
    return Extraction(attributions=tuple(kept), speakers=rules.speakers)


def _content_probability(
    paragraphs: Sequence[Paragraph], tagged: Sequence[Tagged]
) -> Callable[[Sequence[Span]], float | None]:
    """A function: fragments -> the model's mean P(content) over their tokens (or None)."""
    tokens = [t for p in paragraphs for t in p.tokens]
    values = [v for reading in tagged for v in reading.content]
    starts = token_index(tokens)

    def probability(fragments: Sequence[Span]) -> float | None:
        indexes = [i for f in fragments for i in tokens_in(starts, f)]
        if not indexes:
            return None
        return sum(values[i] for i in indexes) / len(indexes)

    return probability


def _learned_spans(
    paragraph: Paragraph, reading: Tagged, threshold: float
) -> list[tuple[list[Span], Span | None, Span | None, float]]:
    """The content runs the model labelled whose mean P(content) reaches ``threshold``,
    each with its nearest cue, speaker and that P.

    A run that restarts with ``I`` right after a cue or speaker ("A," she said, "B.")
    continues the run before it as a second fragment.
    """
    tokens, labels = paragraph.tokens, reading.labels
    runs: list[list[list[int]]] = []  # runs of fragments of token indexes
    gap_ok = False
    for i, label in enumerate(labels):
        if label in CONTENT_LABELS:
            previous = labels[i - 1] if i else None
            if previous in CONTENT_LABELS and label == INSIDE:
                runs[-1][-1].append(i)
            elif label == INSIDE and runs and gap_ok:
                runs[-1].append([i])
            else:
                runs.append([[i]])
            gap_ok = True
        elif label not in (CUE, SOURCE) and tokens[i].is_word:
            gap_ok = False
    sure = []
    for run in runs:
        indexes = [i for fragment in run for i in fragment]
        p = sum(reading.content[i] for i in indexes) / len(indexes)
        if p >= threshold:
            sure.append((run, p))
    if not sure:  # nothing to look for cues and speakers for
        return []
    cues = _label_runs(labels, CUE)
    speakers = _label_runs(labels, SOURCE)
    found = []
    for run, p in sure:
        fragments = [Span(tokens[f[0]].start, tokens[f[-1]].end) for f in run]
        found.append(
            (
                fragments,
                _nearest(tokens, cues, run[0][0], run[-1][-1]),
                _nearest(tokens, speakers, run[0][0], run[-1][-1]),
                p,
            )
        )
    return found


def _label_runs(labels: Sequence[str], wanted: str) -> list[tuple[int, int]]:
    runs = []
    start = None
    for i, label in enumerate([*labels, ""]):
        if label == wanted and start is None:
            start = i
        elif label != wanted and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def _nearest(
    tokens: Sequence[Token], runs: list[tuple[int, int]], first: int, last: int
) -> Span | None:
    if not runs:
        return None

    def distance(run: tuple[int, int]) -> int:
        if run[1] < first:
            return first - run[1]
        if run[0] > last:
            return run[0] - last
        return 0

    best = min(runs, key=distance)
    return Span(tokens[best[0]].start, tokens[best[1]].end)
