"""Imports whose pre-annotation runs in worker processes (``import_articles(workers=)``).

These start real spawned workers; the extractor is ``fake_extract``, which the workers
import by name."""

from __future__ import annotations

from concurrent.futures import Executor

import pytest

from quotes import preannotation
from quotes.model import Article, Extraction
from storage.store import Store
from tests.storage.conftest import NEWS, add_articles, fake_extract


def _articles(count: int) -> list[Article]:
    return [
        Article(text=f'{NEWS} Report {n}: "Goal number {n}."', external_id=str(n))
        for n in range(count)
    ]


def _stored(store: Store) -> list[tuple[str | None, list[tuple[int, int, str | None]]]]:
    return [
        (
            summary.title,
            [(a.start, a.end, a.speaker_name) for a in store.attributions_for(summary.id)],
        )
        for summary in store.document_summaries()
    ]


def test_a_pooled_import_stores_what_an_in_process_one_does(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[Executor] = []
    real_start = preannotation.start_pool
    monkeypatch.setattr(
        preannotation, "start_pool", lambda *args: pools.append(real_start(*args)) or pools[-1]
    )
    articles = _articles(45)
    articles.insert(20, articles[3])  # a duplicate inside the stream
    read: list[int] = []

    pooled = add_articles(store, articles, workers=2, progress=read.append)
    alone = Store(None, annotator="ana")
    try:
        in_process = add_articles(alone, articles, workers=1)
        assert _stored(store) == _stored(alone)
    finally:
        alone.close()

    assert len(pools) == 1
    assert pooled == in_process
    assert (pooled.imported, pooled.duplicates) == (45, 1)
    assert read == list(range(1, 47))


def test_duplicates_are_not_extracted() -> None:
    extracted: list[str] = []

    def counting(text: str) -> Extraction:
        extracted.append(text)
        return fake_extract(text)

    workspace = Store(None, annotator="ana")
    try:
        add_articles(workspace, [Article(text=NEWS)], extractor=counting)
        articles = [Article(text=t) for t in (NEWS, "b", "c", "b", NEWS)]
        report = add_articles(workspace, articles, workers=1, extractor=counting)
    finally:
        workspace.close()
    assert (report.imported, report.duplicates) == (2, 3)
    assert extracted == [NEWS, "b", "c"]
