"""The sample articles that seed a new workspace."""

from __future__ import annotations

import re

from jobs.samples import seed_samples
from quotes.model import Article
from storage.samples import sample_articles
from storage.store import Store
from tests.storage.conftest import add_articles


def test_there_are_four_titled_samples() -> None:
    samples = sample_articles()
    assert len(samples) == 4
    assert all(a.title and a.text and a.title not in a.text for a in samples)
    assert len({a.text for a in samples}) == 4
    assert all(a.source.startswith("sample:") for a in samples)


def test_the_samples_show_the_phenomena_an_annotator_meets() -> None:
    texts = "\n".join(a.text for a in sample_articles())
    assert re.search(r'"[^"]+,"\s+(she|he) said,\s+"[^"]+"', texts), "a split quotation"
    assert re.search(r"\b(She|He) (said|added)\b", texts), "a pronoun speaker"
    assert re.search(r"\bthe minister (said|told)\b", texts), "a described speaker"
    assert re.search(r", (she|he) said, ", texts), "unquoted reported speech"
    assert re.search(r"\bsaid (the|that|he|she|it)\b", texts), "indirect speech"


def test_seeding_fills_an_empty_workspace_once() -> None:
    store = Store(None)
    report = seed_samples(store)
    assert report.imported == 4
    assert report.attributions == sum(s.candidates for s in store.document_summaries())
    assert seed_samples(store).imported == 0
    assert store.document_count() == 4


def test_seeding_leaves_a_workspace_with_documents_alone() -> None:
    store = Store(None)
    add_articles(store, [Article(text="My own article.")])
    assert seed_samples(store).imported == 0
    assert store.document_count() == 1
