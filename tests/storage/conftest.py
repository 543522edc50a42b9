"""Fixtures for the storage tests: in-memory and file workspaces, and a fixed extractor.

The real extractor is being improved in parallel, so tests that check what storage
does with an extraction import through ``add_articles``, the import job
(``jobs.importing.import_articles``) with ``fake_extract`` passed in, whose output is
known. Tests of the real pre-annotation path use the samples and check only what any
extractor must do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from jobs.importing import import_articles
from quotes.model import Article, Attribution, Extraction, ImportReport, QuoteType, Span, Speaker
from storage.store import Store

NEWS = 'Ana Ruiz said: "We will win the cup." She added, "Nobody can stop us."'


def fake_extract(text: str) -> Extraction:
    """One direct quotation per pair of straight quotes, spoken by "Ana Ruiz"."""
    found = []
    start = text.find('"')
    while start != -1:
        end = text.find('"', start + 1)
        if end == -1:
            break
        found.append(
            Attribution(
                fragments=(Span(start + 1, end),),
                type=QuoteType.DIRECT,
                speaker=Span(0, 8) if text.startswith("Ana Ruiz") else None,
                speaker_name="Ana Ruiz" if text.startswith("Ana Ruiz") else None,
                confidence=0.75,
                rule="fake-quotes",
            )
        )
        start = text.find('"', end + 1)
    speakers = (
        (Speaker(name="Ana Ruiz", variants=("Ruiz",), mentions=(Span(0, 8),)),)
        if text.startswith("Ana Ruiz")
        else ()
    )
    return Extraction(attributions=tuple(found), speakers=speakers)


def add_articles(store: Store, articles: Iterable[Article], **options: Any) -> ImportReport:
    """Import ``articles`` with the import job, pre-annotating with ``fake_extract``
    unless ``options`` name another ``extractor``."""
    options.setdefault("extractor", fake_extract)
    return import_articles(store, articles, **options)


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory workspace."""
    workspace = Store(None, annotator="ana")
    yield workspace
    workspace.close()


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    """Where a file workspace for one test lives."""
    return tmp_path / "workspace.sqlite"


@pytest.fixture
def news_id(store: Store) -> int:
    """The id of ``NEWS``, imported and pre-annotated with two candidates."""
    report = add_articles(store, [Article(text=NEWS, title="Cup")])
    assert report.imported == 1
    return store.document_summaries()[0].id


@pytest.fixture
def first_id(store: Store, news_id: int) -> int:
    """The id of the first candidate of ``NEWS``."""
    return store.attributions_for(news_id)[0].id or 0
