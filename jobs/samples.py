"""Seeding a new workspace with the sample articles, so a first run has something to do."""

from __future__ import annotations

from jobs.importing import import_articles
from quotes.lexicon import Lexicon
from quotes.model import ImportReport
from storage.samples import sample_articles
from storage.store import Store


def seed_samples(store: Store, *, lexicon: Lexicon | None = None) -> ImportReport:
    """Import and pre-annotate the samples if the workspace has no documents yet.

    Safe to call on every start: a workspace that holds anything is left alone
    (an empty report is returned), so samples the user deleted do not come back
    while other documents remain. ``lexicon``: the cues to pre-annotate with.
    """
    if store.document_count():
        return ImportReport()
    return import_articles(store, sample_articles(), lexicon=lexicon)
