"""Does a gold layer agree with the annotators at least as well as they agree with
each other? The figures that answer it, from one ``measure_agreement`` run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quotes.agreement.documents import AgreementError, choose_annotators
from quotes.agreement.measure import measure_agreement
from quotes.agreement.report import PairAgreement, mean_of


@dataclass(frozen=True, slots=True)
class GoldComparison:
    """Mean pair figures of gold-with-annotator pairs beside annotator-with-annotator ones."""

    gold_content_f1: float | None
    annotators_content_f1: float | None
    gold_token_alpha: float | None
    annotators_token_alpha: float | None

    @property
    def gold_agrees_at_least_as_well(self) -> bool:
        """Whether the gold's mean content F1 and token alpha are both at least the
        annotators' own."""
        pairs = (
            (self.gold_content_f1, self.annotators_content_f1),
            (self.gold_token_alpha, self.annotators_token_alpha),
        )
        return all(g is not None and a is not None and g >= a for g, a in pairs)

    def as_dict(self) -> dict[str, Any]:
        """The four means, rounded, and the verdict."""
        return {
            "gold_content_F1": _rounded(self.gold_content_f1),
            "annotators_content_F1": _rounded(self.annotators_content_f1),
            "gold_token_alpha": _rounded(self.gold_token_alpha),
            "annotators_token_alpha": _rounded(self.annotators_token_alpha),
            "gold_agrees_at_least_as_well": self.gold_agrees_at_least_as_well,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def compare_gold(
    layers: Mapping[str, Sequence[Mapping[str, Any]]],
    gold: Sequence[Mapping[str, Any]],
    annotators: Sequence[str] | None = None,
    *,
    gold_name: str = "majority",
) -> GoldComparison:
    """Mean content F1 and token alpha of the gold against each annotator, beside the
    means over annotator pairs.

    :raises AgreementError: as ``measure_agreement``, or when ``gold_name`` is
        already an annotator's name.
    """
    names = choose_annotators(layers, annotators)
    if gold_name in names:
        raise AgreementError(f"the gold layer's name {gold_name!r} is an annotator's")
    report = measure_agreement({**layers, gold_name: gold}, [*names, gold_name])
    with_gold = [p for p in report.pairs if gold_name in p.annotators]
    among = [p for p in report.pairs if gold_name not in p.annotators]
    return GoldComparison(
        gold_content_f1=_mean(with_gold, "f1"),
        annotators_content_f1=_mean(among, "f1"),
        gold_token_alpha=_mean(with_gold, "alpha"),
        annotators_token_alpha=_mean(among, "alpha"),
    )


def _mean(pairs: Sequence[PairAgreement], figure: str) -> float | None:
    if figure == "f1":
        return mean_of([p.content_f1.value for p in pairs])
    return mean_of([p.token_alpha.value for p in pairs])
