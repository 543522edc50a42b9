"""Whole articles end to end: the seed article (when ../shared is present) and one of the
same shape written for the project, so that the behaviour is tested on every machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.extract import extract
from quotes.model import QuoteType

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"

# data/own_article.txt: wire copy of the seed's shape, written for this test. A title
# and name, surname, description and pronoun all refer to one minister; it has direct,
# indirect and unquoted direct speech and rank abbreviations that must not end a sentence.
OWN_ARTICLE = (Path(__file__).parent / "data" / "own_article.txt").read_text(encoding="utf-8")

OWN_CONTENTS = [
    "Had a productive meeting",
    "Malaria remains the biggest threat",
    "Every district must have a clinic",
    "Kenya will train 4,000",
    "the programme would be funded jointly",
    "Wait times at clinics have fallen",
    "rural clinics will receive solar power",
]


def _attribution_containing(text: str, words: str):
    extraction = extract(text)
    for attribution in extraction.attributions:
        if words in attribution.content_text(text):
            return attribution
    raise AssertionError(f"no attribution holds {words!r}")


@pytest.mark.parametrize("words", OWN_CONTENTS)
def test_own_article_quotation_is_found_and_attributed(words: str) -> None:
    attribution = _attribution_containing(OWN_ARTICLE, words)
    assert attribution.speaker_name == "Amina Wanjiru"


def test_own_article_types() -> None:
    direct = _attribution_containing(OWN_ARTICLE, "Kenya will train")
    indirect = _attribution_containing(OWN_ARTICLE, "rural clinics")
    unquoted = _attribution_containing(OWN_ARTICLE, "Malaria remains")
    assert direct.type == QuoteType.DIRECT
    assert indirect.type == QuoteType.INDIRECT
    assert unquoted.type == QuoteType.UNQUOTED and unquoted.rule == "unquoted-direct"


def test_own_article_rank_abbreviations_stay_in_one_quotation() -> None:
    tweet = _attribution_containing(OWN_ARTICLE, "Had a productive meeting")
    assert "Lt. Col. Peter Okello in Nairobi today. We agreed" in tweet.content_text(OWN_ARTICLE)


def test_own_article_roster_has_one_speaker_with_all_variants() -> None:
    speakers = {s.name: s for s in extract(OWN_ARTICLE).speakers}
    minister = speakers["Amina Wanjiru"]
    assert {"Amina Wanjiru", "Wanjiru", "she", "The Health Minister"} <= set(minister.variants)


@pytest.mark.gold
@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present")
def test_seed_article_every_quotation_is_attributed_to_rajnath_singh() -> None:
    text = SEED.read_text(encoding="utf-8")
    extraction = extract(text)
    expected = [
        "Had an excellent meeting",
        "Terrorism is the most serious threat",
        "Any act of terror",
        "India's resolve to fight terrorism",
        "India plans to produce",
        "though India joined the organisation",
        "The SCO Nations, together",
        "it is in the same spirit",
        "So far India has completed 500 projects",
        "Our intent and aspirations",
        "Security and Stability are the most essential",
    ]
    for words in expected:
        attribution = _attribution_containing(text, words)
        assert attribution.speaker_name == "Rajnath Singh", words
    names = {a.speaker_name for a in extraction.attributions if a.confidence >= 0.5}
    assert names == {"Rajnath Singh"}
    (singh,) = [s for s in extraction.speakers if s.name == "Rajnath Singh"]
    assert {"Rajnath Singh", "Singh", "the Defence Minister", "he"} <= set(singh.variants)
