"""What the engine suggests can be exported and imported again: no suggestion breaks
the checks an imported record must pass (``quotes.span_checks``), such as content that
covers its own cue. Two constructions used to: "what he called X" and "X is said to"."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.extract import extract
from quotes.records import attribution_to_record
from quotes.span_checks import imported_record_problem

SAMPLES = Path(__file__).resolve().parents[2] / "storage" / "samples"
TEXTS = [
    'The union rejected what the mayor called "a fair offer" on Tuesday.',
    "Critics attacked what she described as a reckless plan.",
    "The general is said to have left the capital before dawn.",
    "Some advisers are said to be urging the governor to settle.",
]


def _problems(text: str) -> list[str]:
    found = []
    for attribution in extract(text).attributions:
        problem = imported_record_problem(text, attribution, attribution_to_record(attribution))
        if problem is not None:
            found.append(f"{attribution.content_text(text, ' | ')!r}: {problem}")
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_a_construction_that_used_to_cover_its_cue_passes(text: str) -> None:
    assert extract(text).attributions
    assert _problems(text) == []


def test_no_suggestion_on_the_sample_articles_fails_the_import_checks() -> None:
    paths = sorted(SAMPLES.glob("*.txt"))
    assert paths
    for path in paths:
        assert _problems(path.read_text(encoding="utf-8")) == [], path.name
