"""Fixtures for the storage tests: in-memory and file workspaces, and a fixed extractor.

The real extractor is being improved in parallel, so tests that check what storage
does with an extraction replace ``quotes.extract.extract`` as seen by the store with
``fake_extract``, whose output is known. Tests of the real pre-annotation path use
the samples and check only what any extractor must do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quotes.model import Article, Attribution, Extraction, QuoteType, Span, Speaker
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


@pytest.fixture
def fixed_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the store pre-annotate with ``fake_extract``."""
    monkeypatch.setattr("storage.store.extract", fake_extract)


@pytest.fixture
def store(fixed_extractor: None) -> Iterator[Store]:
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
    report = store.add_articles([Article(text=NEWS, title="Cup")])
    assert report.imported == 1
    return store.document_summaries()[0].id


@pytest.fixture
def first_id(store: Store, news_id: int) -> int:
    """The id of the first candidate of ``NEWS``."""
    return store.attributions_for(news_id)[0].id or 0
