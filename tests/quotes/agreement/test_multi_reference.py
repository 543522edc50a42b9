"""The reference figures of shared/gold/multi (six PolNeAR annotators, 16 articles).

Skips when ../shared is absent. The reference figures come from an independent
implementation (shared/gold/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotes.agreement import adjudicate_majority, compare_gold, measure_agreement

MULTI = Path(__file__).resolve().parents[4] / "shared" / "gold" / "multi"


@pytest.fixture(scope="module")
def layers() -> dict[str, list[dict[str, Any]]]:
    files = sorted(MULTI.glob("annotator_*.jsonl")) if MULTI.is_dir() else []
    if not files:
        pytest.skip(f"no annotator files in {MULTI}")
    return {
        path.stem.removeprefix("annotator_"): [
            json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line
        ]
        for path in files
    }


def test_token_alpha_and_content_f1_land_near_the_reference(layers: dict[str, Any]) -> None:
    report = measure_agreement(layers)
    assert report.token_alpha.value == pytest.approx(0.771, abs=0.01)
    assert report.content_f1.value == pytest.approx(0.777, abs=0.01)
    assert len(report.pairs) == 15
    assert len(report.documents) == 16


def test_majority_gold_agrees_with_the_annotators_better_than_they_do(
    layers: dict[str, Any],
) -> None:
    comparison = compare_gold(layers, adjudicate_majority(layers).gold)
    assert comparison.gold_agrees_at_least_as_well, comparison.as_dict()
