"""The shared layer's summary (Team > Switch layer lists it beside the named layers):
every document, and the decisions made in the shared layer only."""

from __future__ import annotations

from quotes.model import Article
from storage.store import SHARED_LAYER, Store
from tests.storage.conftest import NEWS, add_articles


def test_the_shared_summary_counts_every_document_and_its_own_decisions() -> None:
    store = Store(None, annotator="lead")
    add_articles(store, [Article(text=NEWS), Article(text=NEWS + " Again.")])
    first, second = (s.id for s in store.document_summaries())
    one, two = store.attributions_for(first)
    store.accept_attribution(one.id or 0)
    store.reject_attribution(two.id or 0)
    store.layer = "alice"
    for record in store.attributions_for(second):
        store.accept_attribution(record.id or 0)

    summary = store.layers.shared_summary()

    assert (summary.name, summary.documents) == (SHARED_LAYER, 2)
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert [(s.name, s.documents, s.accepted) for s in store.layers.summaries()] == [
        ("alice", 1, 2)
    ]
