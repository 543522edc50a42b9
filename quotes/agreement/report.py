"""The agreement report: every figure with its number of items, overall and per pair.

``AgreementReport.as_dict`` is the JSON of ``app.py agreement --json``; its key names
are those of issue 10 and must not change. Rates are rounded to 4 places there and
kept exact on the objects. A figure that cannot be computed (no items) is None / null.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FACET_KEYS = ("cue_agreement", "speaker_agreement", "type_agreement")
MATRIX_KEYS = ("token_alpha", "content_F1_pairwise", *FACET_KEYS)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True, slots=True)
class Figure:
    """One rate and the number of items it was computed over."""

    value: float | None
    items: int


@dataclass(frozen=True, slots=True)
class FacetFigure:
    """Agreement on one part of matched attributions: the raw share of matched
    pairs that agree, Cohen's kappa beside it, and the number of matched pairs."""

    share: float | None
    kappa: float | None
    items: int

    def as_dict(self) -> dict[str, Any]:
        """``{"share", "kappa", "items"}``, rates rounded."""
        return {"share": _rounded(self.share), "kappa": _rounded(self.kappa), "items": self.items}


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """The figures of two annotators over the documents both hold.

    ``content_f1.items`` counts both sides' attributions (|A| + |B|); ``matched``
    the one-to-one content matches behind F1 = 2 * matched / (|A| + |B|).
    """

    annotators: tuple[str, str]
    documents: int
    token_alpha: Figure
    content_f1: Figure
    matched: int
    cue: FacetFigure
    speaker: FacetFigure
    type: FacetFigure

    @property
    def key(self) -> str:
        """The pair's key in ``as_dict()["pairs"]``: the two names joined by a comma."""
        return ",".join(self.annotators)

    def facets(self) -> dict[str, FacetFigure]:
        """The three facet figures under their report keys."""
        return dict(zip(FACET_KEYS, (self.cue, self.speaker, self.type), strict=True))

    def as_dict(self) -> dict[str, Any]:
        """The pair's figures under the same keys as the overall ones."""
        return {
            "annotators": list(self.annotators),
            "documents": self.documents,
            "token_alpha": _rounded(self.token_alpha.value),
            "content_F1_pairwise": _rounded(self.content_f1.value),
            **{key: figure.as_dict() for key, figure in self.facets().items()},
            "items": {
                "token_alpha": self.token_alpha.items,
                "content_F1_pairwise": self.content_f1.items,
                "matched": self.matched,
            },
        }


@dataclass(frozen=True, slots=True)
class DocumentAgreement:
    """How much the annotators of one document disagree.

    ``content_f1`` is the mean over its annotator pairs of content F1 (1.0 for a pair
    where neither side has an attribution); ``attribution_f1`` the same where a
    match also needs the same speaker; ``disagreement`` = 1 - ``attribution_f1``,
    the key the document list sorts on. ``token_disagreement`` is the share of
    token label pairs that differ.
    """

    index: int
    id: str
    title: str
    annotators: tuple[str, ...]
    attributions: dict[str, int]
    content_f1: float
    attribution_f1: float
    token_disagreement: float
    tokens: int

    @property
    def disagreement(self) -> float:
        """1 - attribution F1: 0 when every pair agrees on every attribution."""
        return 1.0 - self.attribution_f1

    def as_dict(self) -> dict[str, Any]:
        """The document's scores, rates rounded."""
        return {
            "id": self.id,
            "title": self.title,
            "annotators": list(self.annotators),
            "attributions": dict(self.attributions),
            "disagreement": round(self.disagreement, 4),
            "content_F1": round(self.content_f1, 4),
            "attribution_F1": round(self.attribution_f1, 4),
            "token_disagreement": round(self.token_disagreement, 4),
            "tokens": self.tokens,
        }


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Agreement of several annotators on the documents two or more of them hold.

    ``token_alpha`` is one alpha over all annotators (items: tokens);
    ``content_f1`` and the facets are means over annotator pairs (items: all
    attributions, resp. all matched pairs, summed over pairs); a pair without
    items is left out of a mean. ``documents`` is sorted by disagreement, highest first.
    """

    annotators: tuple[str, ...]
    token_alpha: Figure
    content_f1: Figure
    cue: FacetFigure
    speaker: FacetFigure
    type: FacetFigure
    pairs: tuple[PairAgreement, ...]
    documents: tuple[DocumentAgreement, ...]

    def facets(self) -> dict[str, FacetFigure]:
        """The three facet figures under their report keys."""
        return dict(zip(FACET_KEYS, (self.cue, self.speaker, self.type), strict=True))

    def pair(self, first: str, second: str) -> PairAgreement:
        """The figures of two annotators, in either order.

        :raises KeyError: when the two are not a pair of this report.
        """
        for pair in self.pairs:
            if set(pair.annotators) == {first, second} and first != second:
                return pair
        raise KeyError((first, second))

    def matrix(self, key: str) -> list[list[float | None]]:
        """The pair matrix of one figure (a ``MATRIX_KEYS`` name), rows and columns in
        ``annotators`` order; the diagonal is None. Facets give their kappa."""
        index = {name: i for i, name in enumerate(self.annotators)}
        size = len(self.annotators)
        rows: list[list[float | None]] = [[None] * size for _ in range(size)]
        for pair in self.pairs:
            value = _pair_value(pair, key)
            a, b = (index[name] for name in pair.annotators)
            rows[a][b] = rows[b][a] = value
        return rows

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values under the key names of issue 10."""
        return {
            "annotators": list(self.annotators),
            "documents": len(self.documents),
            "token_alpha": _rounded(self.token_alpha.value),
            "content_F1_pairwise": _rounded(self.content_f1.value),
            **{key: figure.as_dict() for key, figure in self.facets().items()},
            "items": {
                "token_alpha": self.token_alpha.items,
                "content_F1_pairwise": self.content_f1.items,
            },
            "pairs": {pair.key: pair.as_dict() for pair in self.pairs},
            "matrix": {
                "annotators": list(self.annotators),
                **{
                    key: [[_rounded(v) for v in row] for row in self.matrix(key)]
                    for key in MATRIX_KEYS
                },
            },
            "documents_by_disagreement": [d.as_dict() for d in self.documents],
        }


def _pair_value(pair: PairAgreement, key: str) -> float | None:
    if key == "token_alpha":
        return pair.token_alpha.value
    if key == "content_F1_pairwise":
        return pair.content_f1.value
    if key in FACET_KEYS:
        return pair.facets()[key].kappa
    raise KeyError(f"no matrix for {key!r}; one of {', '.join(MATRIX_KEYS)}")


def mean_of(values: Sequence[float | None]) -> float | None:
    """The mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
