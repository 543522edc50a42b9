"""Token labels and Krippendorff's alpha (nominal) over them.

A token is ``\\w+`` or one punctuation mark. Each annotator labels each character
none / content / cue / source from their attributions, source over cue over
content where their spans overlap; a token takes the most frequent label among its
characters (a tie goes to the label that wins overlaps). Alpha is computed from
coincidence matrices (Krippendorff 2011): one pass over each pair of annotators'
label sequences, which also yields every pair's own alpha. It equals
``nltk.metrics.agreement.AnnotationTask.alpha`` (a test checks it) without one
``(coder, item, label)`` triple per token and annotator for each pair. Pure and
thread-safe.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotes.evaluate import fragments_of

LABELS = ("none", "content", "cue", "source")
NONE, CONTENT, CUE, SOURCE = range(4)
TOKEN = re.compile(r"\w+|[^\w\s]")


def token_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every token of ``text``, in order."""
    return [match.span() for match in TOKEN.finditer(text)]


def _spans(quote: Mapping[str, Any], fragments: str, span: str) -> list[tuple[int, int]]:
    raw = quote.get(fragments)
    if raw:
        return [(int(s), int(e)) for s, e in raw]
    value = quote.get(span)
    return [(int(value[0]), int(value[1]))] if value else []


def label_characters(text: str, quotes: Iterable[Mapping[str, Any]]) -> bytearray:
    """One label per character of ``text`` (``NONE`` .. ``SOURCE``).

    Cue and speaker spans are read from ``cue_fragments``/``speaker_fragments``
    when a record has them (gold files), else from ``cue``/``speaker``.
    """
    labels = bytearray(len(text))
    quotes = list(quotes)
    layers = (
        (CONTENT, [fragments_of(q) for q in quotes]),
        (CUE, [_spans(q, "cue_fragments", "cue") for q in quotes]),
        (SOURCE, [_spans(q, "speaker_fragments", "speaker") for q in quotes]),
    )
    # Painted in rising precedence, so a later layer overwrites an earlier one.
    for value, spans_per_quote in layers:
        for spans in spans_per_quote:
            for start, end in spans:
                start, end = max(start, 0), min(end, len(text))
                if end > start:
                    labels[start:end] = bytes((value,)) * (end - start)
    return labels


def label_tokens(characters: bytes | bytearray, tokens: Sequence[tuple[int, int]]) -> bytes:
    """Each token's label: the most frequent among its characters, ties to precedence."""
    result = bytearray(len(tokens))
    for index, (start, end) in enumerate(tokens):
        piece = characters[start:end]
        first = piece[0]
        if piece.count(first) == len(piece):
            result[index] = first
        else:
            result[index] = max(range(4), key=lambda v: (piece.count(v), v))
    return bytes(result)


@dataclass
class Coincidences:
    """A coincidence matrix of token labels: counts that can be summed.

    ``units`` counts the tokens behind it (each labelled by two or more annotators).
    """

    matrix: dict[tuple[int, int], float] = field(default_factory=dict)
    units: int = 0

    def add_unit_pairs(
        self, contingency: Mapping[tuple[int, int], int], annotators_per_unit: int
    ) -> None:
        """Add the label pairs of one ordered annotator pair over units that
        ``annotators_per_unit`` annotators labelled (each pair weighs 1/(m-1))."""
        weight = 1.0 / (annotators_per_unit - 1)
        for key, count in contingency.items():
            self.matrix[key] = self.matrix.get(key, 0.0) + count * weight

    def add(self, other: Coincidences) -> None:
        """Add another matrix's counts to this one."""
        for key, value in other.matrix.items():
            self.matrix[key] = self.matrix.get(key, 0.0) + value
        self.units += other.units

    @property
    def observed_disagreement(self) -> float:
        """Share of pairable values whose pair partners disagree (0 when empty)."""
        total = sum(self.matrix.values())
        if not total:
            return 0.0
        return sum(v for (a, b), v in self.matrix.items() if a != b) / total

    @property
    def alpha(self) -> float | None:
        """Krippendorff's alpha (nominal); None without pairable values, 1.0 when
        every value is the same label (as nltk has it)."""
        marginals: dict[int, float] = {}
        for (a, _b), value in self.matrix.items():
            marginals[a] = marginals.get(a, 0.0) + value
        total = sum(marginals.values())
        if total <= 1:
            return None
        expected = sum(
            marginals[a] * marginals[b] for a in marginals for b in marginals if a != b
        ) / (total * (total - 1))
        if expected == 0:
            return 1.0
        return 1.0 - self.observed_disagreement / expected


def pair_contingency(first: bytes, second: bytes) -> Counter[tuple[int, int]]:
    """Counts of ``(label in first, label in second)`` over aligned tokens."""
    return Counter(zip(first, second, strict=True))


def symmetric(contingency: Mapping[tuple[int, int], int]) -> Counter[tuple[int, int]]:
    """The contingency counted both ways round (both ordered pairs of two annotators)."""
    both: Counter[tuple[int, int]] = Counter(contingency)
    for (a, b), count in contingency.items():
        both[b, a] += count
    return both
