"""Big workspaces for ``bench/scale.py``: N articles built from a small set of texts.

Article ``i`` is text ``i mod len(texts)`` with one unique line added at its end
("Scale line i: scale0000042 ..."), so every article is a new document (the store
drops duplicates) while its words, its length and its records stay those of a real
news text. Each base text is extracted once and its extraction is handed to the
real import job (``jobs.importing.import_articles``) for all of its copies: the
unique line comes after the text, so the offsets are the same. That keeps a
100,000-article build to the cost of storing (and indexing) the articles.

Workspaces are cached by size in a folder (the system temporary folder by
default) and reused; an interrupted build is resumed where it stopped.
Threading: the calling thread, with its own store.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobs.importing import import_articles
from quotes.extract import extract
from quotes.model import Article, DocumentStatus, Extraction
from storage.store import ListQuery, Store

ROOT = Path(__file__).resolve().parents[1]
DEV_TEXTS = ROOT.parent / "shared" / "gold" / "dev.jsonl"
SAMPLES = ROOT / "storage" / "samples"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "quote-annotator-scale"
#: Articles stored per import (one transaction each): big enough that the per-import
#: history entry and commit are noise, small enough that progress shows.
CHUNK = 5_000
TITLE_MAX = 120


def base_texts() -> tuple[list[tuple[str, str]], str]:
    """The (title, text) pairs copies are made of, and where they came from.

    The dev texts when ``../shared`` is there (read at run time, nothing is kept in
    the project), else the project's four sample articles.
    """
    if DEV_TEXTS.exists():
        with DEV_TEXTS.open(encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
        return [(_title(r["text"], str(r.get("id", ""))), r["text"]) for r in records], str(
            DEV_TEXTS
        )
    texts = [
        (_title(p.read_text("utf-8"), p.stem), p.read_text("utf-8")) for p in SAMPLES.glob("*.txt")
    ]
    return sorted(texts), str(SAMPLES)


def _title(text: str, fallback: str) -> str:
    """The first non-blank line when it is short, as the text reader titles files."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= TITLE_MAX else fallback
    return fallback


def unique_line(index: int) -> str:
    """The line that makes copy ``index`` a document of its own (one unique word)."""
    return f"\n\nScale line {index}: scale{index:07d} closes this copy."


def scale_articles(texts: list[tuple[str, str]], start: int, stop: int) -> Iterator[Article]:
    """Articles ``start`` to ``stop - 1`` of the corpus made of ``texts``."""
    for index in range(start, stop):
        title, text = texts[index % len(texts)]
        yield Article(
            text=text + unique_line(index),
            title=title,
            source="bench/scale",
            external_id=f"scale-{index}",
        )


def cached_extractor(texts: list[tuple[str, str]]) -> Callable[[str], Extraction]:
    """An extractor for the copies: each base text extracted once, on first use.

    The copy's added line is cut off before the lookup; its records lie in the base
    text, so they fit the copy unchanged.
    """
    done: dict[str, Extraction] = {}

    def lookup(text: str) -> Extraction:
        base = text[: text.rindex("\n\nScale line ")]
        if base not in done:
            done[base] = extract(base)
        return done[base]

    return lookup


def workspace_path(articles: int, cache: Path = DEFAULT_CACHE) -> Path:
    """Where the cached workspace of ``articles`` articles lives (the name changes
    with the way workspaces are built, so an older cache is not taken for one)."""
    return cache / f"scale-v2-{articles}.sqlite"


def review_some(store: Store, start: int, stop: int) -> None:
    """Give the documents just imported, ``start`` to ``stop - 1`` (0-based, in import
    order), a spread of statuses and counts, as a workspace in use has: every 7th
    done, every 5th in progress, the first candidate of every 10th accepted. One
    transaction."""
    newest = store.document_page(ListQuery(descending=True), limit=stop - start)
    rows = list(reversed(newest))
    with store.transaction():
        for index, summary in enumerate(rows, start):
            if index % 10 == 3:
                candidates = store.attributions_for(summary.id)
                if candidates and candidates[0].id is not None:
                    store.accept_attribution(candidates[0].id)
            if index % 7 == 0:
                store.set_document_status(summary.id, DocumentStatus.DONE)
            elif index % 5 == 0:
                store.set_document_status(summary.id, DocumentStatus.IN_PROGRESS)


def build_workspace(
    articles: int,
    *,
    cache: Path = DEFAULT_CACHE,
    report: Callable[[str], None] = print,
) -> Path:
    """The path of a workspace of ``articles`` articles, built (or completed) if needed.

    :param cache: the folder of cached workspaces (created when missing).
    :param report: receives one line per stored chunk (progress of a long build).
    """
    cache.mkdir(parents=True, exist_ok=True)
    path = workspace_path(articles, cache)
    texts, _source = base_texts()
    extractor = cached_extractor(texts)
    started = time.perf_counter()
    with Store(path, annotator="bench") as store:
        have = store.document_count()
        for start in range(have, articles, CHUNK):
            stop = min(articles, start + CHUNK)
            import_articles(
                store, scale_articles(texts, start, stop), workers=1, extractor=extractor
            )
            review_some(store, start, stop)
            elapsed = time.perf_counter() - started
            report(f"  built {stop:,} of {articles:,} articles ({elapsed:.0f} s)")
    return path
