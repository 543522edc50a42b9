"""Extraction metrics: predicted attributions against gold ones, as defined for the gold data.

Definitions (``../shared/gold/README.md``):

- A span is compared on its *core*: whitespace, quotation marks and ``, . ; :``
  stripped at both ends of every fragment.
- *Overlap* is the Jaccard index of the alphanumeric character positions of two
  cores. A prediction matches a gold attribution when overlap >= 0.5; pairs are
  made one to one, best overlap first. *Exact*: the two cores hold the same
  alphanumeric positions.
- *Precision*: matched predictions / predictions, where a prediction matching
  nothing but lying at least 90% inside some gold content (a nested quotation) is
  left out. A prediction matching any gold attribution is not a false alarm.
- *Recall*: matched gold speech attributions / gold speech attributions, overall
  and per type. Speech attributions are those with ``cue_speech_lexicon_match``
  true; a record without that field counts as speech (annotator files).
- *Cue accuracy*: of matched pairs with a speech gold and a gold cue, the predicted
  cue overlaps the gold cue. *Speaker accuracy*: of matched pairs with a speech gold
  and a gold speaker, the predicted mention overlaps the gold one.
- *Full attribution F1*: a match counts only when its cue and speaker are right too
  (a gold cue or speaker that is null is right by default).

Everything here is a pure function over parsed JSON records (dicts in the export or
gold schema), so the agreement between two annotators can use it unchanged
(one annotator's file as gold, the other's as prediction).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

MATCH_THRESHOLD = 0.5
NESTED_THRESHOLD = 0.9
_STRIP = set(" \t\r\n\u00a0\"'“”‘’«»„`,.;:")
TYPES = ("direct", "indirect", "mixed")


def comparable_type(predicted: str, *, gold_knows_unquoted: bool) -> str:
    """The predicted type as the gold would have written it.

    Gold made without the ``unquoted`` type (PolNeAR's, among others) files speech
    without quotation marks under ``direct``; against such gold a predicted
    ``unquoted`` counts as ``direct``.
    """
    if predicted == "unquoted" and not gold_knows_unquoted:
        return "direct"
    return predicted


@dataclass(frozen=True, slots=True)
class Core:
    """An attribution's content reduced to its cores, with its alphanumeric count."""

    ranges: tuple[tuple[int, int], ...]
    size: int


@dataclass
class Scores:
    """Counts over a corpus; the rates are properties so that counts can be summed."""

    predictions: int = 0
    nested: int = 0
    matched_predictions: int = 0
    exact: int = 0
    full: int = 0
    gold_speech: int = 0
    matched_speech: int = 0
    exact_speech: int = 0
    full_speech: int = 0
    gold_by_type: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    matched_by_type: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    cue_pairs: int = 0
    cue_right: int = 0
    speaker_pairs: int = 0
    speaker_right: int = 0
    type_pairs: int = 0
    type_right: int = 0
    articles: int = 0
    unmatched_articles: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        """Add the counts of ``other`` to these."""
        for name in (
            "predictions",
            "nested",
            "matched_predictions",
            "exact",
            "full",
            "gold_speech",
            "matched_speech",
            "exact_speech",
            "full_speech",
            "cue_pairs",
            "cue_right",
            "speaker_pairs",
            "speaker_right",
            "type_pairs",
            "type_right",
            "articles",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind in TYPES:
            self.gold_by_type[kind] += other.gold_by_type.get(kind, 0)
            self.matched_by_type[kind] += other.matched_by_type.get(kind, 0)
        self.unmatched_articles.extend(other.unmatched_articles)

    @property
    def precision(self) -> float:
        """Matched predictions over predictions that are not nested quotations."""
        return _ratio(self.matched_predictions, self.predictions - self.nested)

    @property
    def recall(self) -> float:
        """Matched gold speech attributions over gold speech attributions."""
        return _ratio(self.matched_speech, self.gold_speech)

    @property
    def f1(self) -> float:
        """Harmonic mean of overlap precision and recall."""
        return _f1(self.precision, self.recall)

    def recall_of(self, kind: str) -> float:
        """Recall on the gold attributions of one type."""
        return _ratio(self.matched_by_type.get(kind, 0), self.gold_by_type.get(kind, 0))

    @property
    def exact_f1(self) -> float:
        """F1 of exact-core matches."""
        precision = _ratio(self.exact, self.predictions - self.nested)
        return _f1(precision, _ratio(self.exact_speech, self.gold_speech))

    @property
    def cue_accuracy(self) -> float:
        """Share of matched pairs whose cue overlaps the gold cue."""
        return _ratio(self.cue_right, self.cue_pairs)

    @property
    def speaker_accuracy(self) -> float:
        """Share of matched pairs whose speaker mention overlaps the gold mention."""
        return _ratio(self.speaker_right, self.speaker_pairs)

    @property
    def type_accuracy(self) -> float:
        """Share of matched speech pairs whose type is the gold type (see
        ``comparable_type``)."""
        return _ratio(self.type_right, self.type_pairs)

    @property
    def full_f1(self) -> float:
        """F1 where a match counts only with the right cue and speaker."""
        precision = _ratio(self.full, self.predictions - self.nested)
        return _f1(precision, _ratio(self.full_speech, self.gold_speech))

    def as_dict(self) -> dict[str, Any]:
        """Rates and counts as plain JSON-ready values."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "recall_by_type": {k: round(self.recall_of(k), 4) for k in TYPES},
            "exact_f1": round(self.exact_f1, 4),
            "cue_accuracy": round(self.cue_accuracy, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "type_accuracy": round(self.type_accuracy, 4),
            "full_f1": round(self.full_f1, 4),
            "counts": {
                "articles": self.articles,
                "predictions": self.predictions,
                "nested_predictions": self.nested,
                "matched_predictions": self.matched_predictions,
                "gold_speech": self.gold_speech,
                "matched_speech": self.matched_speech,
                "gold_by_type": dict(self.gold_by_type),
                "matched_by_type": dict(self.matched_by_type),
                "cue_pairs": self.cue_pairs,
                "speaker_pairs": self.speaker_pairs,
                "type_pairs": self.type_pairs,
            },
            "unmatched_articles": list(self.unmatched_articles),
        }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def fragments_of(quote: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The content fragments of a quote record (``fragments``, ``content_fragments`` or
    ``start``/``end``)."""
    raw = quote.get("fragments") or quote.get("content_fragments")
    if raw:
        return sorted((int(s), int(e)) for s, e in raw)
    return [(int(quote["start"]), int(quote["end"]))]


def core_of(text: str, fragments: Iterable[tuple[int, int]], alnum: Sequence[int]) -> Core:
    """The cores of the fragments and their alphanumeric count.

    :param alnum: prefix sums of "is alphanumeric" over ``text`` (``alnum_prefix``).
    """
    ranges = []
    size = 0
    for start, end in fragments:
        start, end = max(start, 0), min(end, len(text))
        while start < end and text[start] in _STRIP:
            start += 1
        while end > start and text[end - 1] in _STRIP:
            end -= 1
        if end > start:
            ranges.append((start, end))
            size += alnum[end] - alnum[start]
    return Core(tuple(ranges), size)


def alnum_prefix(text: str) -> list[int]:
    """Prefix sums: ``result[i]`` is the number of alphanumeric characters in ``text[:i]``."""
    return [0, *accumulate(1 if ch.isalnum() else 0 for ch in text)]


def shared(a: Core, b: Core, alnum: Sequence[int]) -> int:
    """How many alphanumeric positions the two cores share."""
    total = 0
    for a_start, a_end in a.ranges:
        for b_start, b_end in b.ranges:
            low, high = max(a_start, b_start), min(a_end, b_end)
            if high > low:
                total += alnum[high] - alnum[low]
    return total


def overlap(a: Core, b: Core, alnum: Sequence[int]) -> float:
    """Jaccard index of the alphanumeric positions of two cores."""
    common = shared(a, b, alnum)
    union = a.size + b.size - common
    return common / union if union else 0.0


def _spans_overlap(a: Any, b: Any) -> bool:
    if not a or not b:
        return False
    return int(a[0]) < int(b[1]) and int(b[0]) < int(a[1])


def match_cores(
    first: Sequence[Core], second: Sequence[Core], alnum: Sequence[int]
) -> list[tuple[int, int, float]]:
    """Pair the cores of two sides one to one, best overlap first.

    Only pairs with overlap >= ``MATCH_THRESHOLD`` count; empty cores match
    nothing. Ties go to the lower index of ``first``, then of ``second``, so the
    result is deterministic.

    :returns: ``(index in first, index in second, overlap)`` per matched pair, best first.
    """
    candidates = []
    for i, a in enumerate(first):
        if a.size == 0:
            continue
        for j, b in enumerate(second):
            if b.size == 0:
                continue
            value = overlap(a, b, alnum)
            if value >= MATCH_THRESHOLD:
                candidates.append((value, i, j))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken_first: set[int] = set()
    taken_second: set[int] = set()
    matched = []
    for value, i, j in candidates:
        if i in taken_first or j in taken_second:
            continue
        taken_first.add(i)
        taken_second.add(j)
        matched.append((i, j, value))
    return matched


def is_speech(quote: Mapping[str, Any]) -> bool:
    """Whether a gold quote counts for recall (speech cue, or no such field)."""
    return bool(quote.get("cue_speech_lexicon_match", True))


def score_article(
    text: str,
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    *,
    gold_knows_unquoted: bool = False,
) -> Scores:
    """Scores of one article's predicted quotes against its gold quotes.

    ``gold_knows_unquoted``: whether the gold corpus uses the ``unquoted`` type
    (else a predicted ``unquoted`` is scored as ``direct``).
    """
    alnum = alnum_prefix(text)
    gold_cores = [core_of(text, fragments_of(q), alnum) for q in gold]
    pred_cores = [core_of(text, fragments_of(q), alnum) for q in predicted]
    pred_match: dict[int, int] = {}
    gold_match: dict[int, int] = {}
    for p, g, _value in match_cores(pred_cores, gold_cores, alnum):
        pred_match[p] = g
        gold_match[g] = p

    scores = Scores(articles=1, predictions=len(predicted))
    for p, pred_core in enumerate(pred_cores):
        if p in pred_match:
            continue
        if pred_core.size and any(
            shared(pred_core, gold_core, alnum) >= NESTED_THRESHOLD * pred_core.size
            for gold_core in gold_cores
        ):
            scores.nested += 1
    for g, quote in enumerate(gold):
        speech = is_speech(quote)
        kind = str(quote.get("type") or "indirect")
        if speech:
            scores.gold_speech += 1
            scores.gold_by_type[kind] = scores.gold_by_type.get(kind, 0) + 1
        if g not in gold_match:
            continue
        p = gold_match[g]
        pred = predicted[p]
        exact = pred_cores[p].ranges and _same_positions(pred_cores[p], gold_cores[g], alnum)
        cue_right = quote.get("cue") is None or _spans_overlap(pred.get("cue"), quote.get("cue"))
        speaker_right = quote.get("speaker") is None or _spans_overlap(
            pred.get("speaker"), quote.get("speaker")
        )
        scores.matched_predictions += 1
        scores.exact += bool(exact)
        scores.full += cue_right and speaker_right
        if speech:
            scores.matched_speech += 1
            scores.matched_by_type[kind] = scores.matched_by_type.get(kind, 0) + 1
            scores.exact_speech += bool(exact)
            scores.full_speech += cue_right and speaker_right
            if quote.get("cue") is not None:
                scores.cue_pairs += 1
                scores.cue_right += cue_right
            if quote.get("speaker") is not None:
                scores.speaker_pairs += 1
                scores.speaker_right += speaker_right
            if quote.get("type"):
                predicted_type = comparable_type(
                    str(pred.get("type") or "indirect"), gold_knows_unquoted=gold_knows_unquoted
                )
                scores.type_pairs += 1
                scores.type_right += predicted_type == kind
    return scores


def _same_positions(a: Core, b: Core, alnum: Sequence[int]) -> bool:
    return a.size == b.size and shared(a, b, alnum) == a.size


def score_records(
    gold_records: Iterable[Mapping[str, Any]], predicted_records: Iterable[Mapping[str, Any]]
) -> Scores:
    """Scores of a corpus: records are paired by ``id`` (by position when ids are missing).

    An article present in the gold only counts with no predictions; one whose text
    differs between the files is scored on the gold text and listed in
    ``unmatched_articles`` when its predictions are ignored.
    """
    gold_list = list(gold_records)
    predicted_list = list(predicted_records)
    by_id = {r.get("id"): r for r in predicted_list if r.get("id") is not None}
    knows_unquoted = any(
        q.get("type") == "unquoted" for g in gold_list for q in g.get("quotes") or ()
    )
    total = Scores()
    for index, gold in enumerate(gold_list):
        key = gold.get("id")
        if key is not None:
            pred = by_id.get(key)
        else:
            pred = predicted_list[index] if index < len(predicted_list) else None
        text = str(gold.get("text") or "")
        quotes = list(pred.get("quotes") or ()) if pred is not None else []
        if pred is not None and pred.get("text") not in (None, text):
            total.unmatched_articles.append(str(key if key is not None else index))
            quotes = []
        gold_quotes = list(gold.get("quotes") or ())
        total.add(score_article(text, gold_quotes, quotes, gold_knows_unquoted=knows_unquoted))
    return total


def format_table(scores: Scores) -> str:
    """The scores as a small plain-text table."""
    rows = [
        ("articles", f"{scores.articles}"),
        ("predictions", f"{scores.predictions} ({scores.nested} nested, not counted)"),
        ("gold speech attributions", f"{scores.gold_speech}"),
        ("overlap precision", f"{scores.precision:.3f}"),
        ("overlap recall", f"{scores.recall:.3f}"),
        *[
            (
                f"  recall {kind}",
                f"{scores.recall_of(kind):.3f} "
                f"({scores.matched_by_type.get(kind, 0)}/{scores.gold_by_type.get(kind, 0)})",
            )
            for kind in TYPES
        ],
        ("overlap F1", f"{scores.f1:.3f}"),
        ("exact-match F1", f"{scores.exact_f1:.3f}"),
        ("cue accuracy", f"{scores.cue_accuracy:.3f}"),
        ("speaker accuracy", f"{scores.speaker_accuracy:.3f}"),
        ("type accuracy", f"{scores.type_accuracy:.3f}"),
        ("full attribution F1", f"{scores.full_f1:.3f}"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
