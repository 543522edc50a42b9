"""Pre-annotation of a stream of articles, spread over the machine's cores.

``preannotate`` pairs each article with its candidate extraction, in order. Extraction
is most of an import's time and each text is independent, so large imports send the
texts to a pool of worker processes while the caller (the store) writes the results;
small imports stay in this process and pay no start-up cost.

Why processes and "spawn": extraction is pure Python and holds the GIL, so threads
would not help; the GUI calls this from a Qt worker thread, and forking a process that
runs Qt threads is unsafe, so workers are always spawned.

The pool is an optimisation, never a requirement: if it cannot start, breaks, or a
batch cannot be sent, the affected texts are extracted here and the stream goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import partial
from itertools import chain, islice
from typing import NamedTuple

from quotes import extract as extract_module
from quotes.lexicon import Lexicon
from quotes.model import Article, Extraction

_log = logging.getLogger(__name__)

Extractor = Callable[[str], Extraction]

# The pool starts only once this many texts wait for extraction: below it, spawning
# workers (about a second of imports each) costs more than it saves.
POOL_THRESHOLD = 32
# The most articles held back while waiting for POOL_THRESHOLD texts (a corpus that is
# mostly annotated already must not be read whole into memory).
POOL_LOOKAHEAD = 4 * POOL_THRESHOLD
# Texts per task: one round trip per batch instead of per text keeps the pickling and
# queue overhead small next to the ~4 ms an article takes to extract.
BATCH_SIZE = 12
# Batches in flight per worker: enough to keep every worker busy while the caller
# consumes, and the bound on look-ahead (memory stays bounded for any corpus).
BATCHES_PER_WORKER = 3


class Preannotated(NamedTuple):
    """One article with what its pre-annotation found.

    ``extraction`` is None when the article was not pre-annotated (it carries its own
    annotations, its text is blank, pre-annotation is disabled) or when the extractor
    raised, in which case ``failure`` says what went wrong.
    """

    article: Article
    extraction: Extraction | None
    failure: str | None = None


def preannotate(
    articles: Iterable[Article],
    *,
    enabled: bool = True,
    workers: int | None = None,
    lexicon: Lexicon | None = None,
    extractor: Extractor | None = None,
) -> Generator[Preannotated, None, None]:
    """Yield each of ``articles``, in order, with its candidate extraction.

    :param enabled: False yields every article with None (no extraction at all).
    :param workers: processes to extract in; None means ``os.cpu_count()``; 1 (or a
        machine with one core) extracts in this process.
    :param lexicon: the cues ``quotes.extract.extract`` looks for (None: the shipped
        lexicon); sent once to each pool worker.
    :param extractor: the function called per text instead of ``quotes.extract.extract``
        with ``lexicon`` (it then brings its own cues). A pool worker must be able to
        import it, so it must be a module-level function; one that cannot be sent is
        run here instead.

    Articles are read ahead by at most ``POOL_LOOKAHEAD`` before the pool starts and
    ``workers * BATCHES_PER_WORKER * BATCH_SIZE`` after, so memory stays bounded. Never
    raises because of the pool: on any pool failure the rest is extracted here. An
    extractor that raises costs its article the extraction (``failure`` names the
    error), not the stream. Closing the generator early (the consumer stops) cancels
    the queued batches and shuts the workers down.

    Threading: call from any one thread.
    """
    extract_text: Extractor = extractor or partial(extract_module.extract, lexicon=lexicon)
    yield from _preannotate_all(iter(articles), enabled, workers, extract_text)


def _preannotate_all(
    source: Iterator[Article], enabled: bool, workers: int | None, extractor: Extractor
) -> Iterator[Preannotated]:
    """``preannotate`` with its extractor settled."""
    if not enabled:
        for article in source:
            yield Preannotated(article, None)
        return
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1:
        for article in source:
            yield _preannotate_here(article, extractor)
        return
    # Until enough texts wait for extraction, articles are held back (at most
    # POOL_LOOKAHEAD of them: a held-back run too long to wait for the pool is
    # extracted here), then everything goes through the pool.
    waiting: list[Article] = []
    needing = 0
    for article in source:
        if not waiting and not _needs_extraction(article):
            yield Preannotated(article, None)
            continue
        waiting.append(article)
        needing += _needs_extraction(article)
        if needing >= POOL_THRESHOLD:
            yield from _preannotate_in_pool(chain(waiting, source), count, extractor)
            return
        if len(waiting) >= POOL_LOOKAHEAD:
            for held in waiting:
                yield _preannotate_here(held, extractor)
            waiting, needing = [], 0
    for article in waiting:  # a small import: not worth starting workers
        yield _preannotate_here(article, extractor)


def _needs_extraction(article: Article) -> bool:
    """Whether ``article`` is to be pre-annotated: no annotations of its own, some text."""
    return not article.attributions and not article.annotated and bool(article.text.strip())


def _preannotate_here(article: Article, extractor: Extractor) -> Preannotated:
    """Pre-annotate one article in this process."""
    if not _needs_extraction(article):
        return Preannotated(article, None)
    extraction, failure = _extract_one(article.text, extractor)
    return Preannotated(article, extraction, failure)


def _extract_one(text: str, extractor: Extractor) -> tuple[Extraction | None, str | None]:
    """Extract ``text``; an extractor error becomes a failure message, not an exception."""
    try:
        return extractor(text), None
    except Exception as error:  # one text's failure must not cost the import
        return None, repr(error)


def start_pool(workers: int, extractor: Extractor) -> Executor:
    """Start the worker processes ("spawn", never fork) with the extractor installed
    (its lexicon with it).

    A module-level function so that tests can replace it to simulate a pool that
    cannot start.
    """
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_install_in_worker,
        initargs=(extractor,),
    )


# The extractor of this worker process, set by ``_install_in_worker``.
_worker_extractor: Extractor | None = None


def _install_in_worker(extractor: Extractor) -> None:
    """Pool initializer: make the worker extract as the parent does (its cue file too)."""
    global _worker_extractor
    _worker_extractor = extractor


def _extract_batch(texts: list[str]) -> list[tuple[Extraction | None, str | None]]:
    """Pool task: the extraction (or failure) of each text, in order."""
    assert _worker_extractor is not None, "the pool initializer installs it"
    return [_extract_one(text, _worker_extractor) for text in texts]


_Group = tuple[list[Article], "Future[list[tuple[Extraction | None, str | None]]] | None"]


def _preannotate_in_pool(
    source: Iterator[Article], workers: int, extractor: Extractor
) -> Iterator[Preannotated]:
    """Extract in a process pool, ``BATCH_SIZE`` articles per task, in order."""
    try:
        pool = start_pool(workers, extractor)
    except Exception:
        _log.warning("the pre-annotation pool did not start; extracting in-process", exc_info=True)
        for article in source:
            yield _preannotate_here(article, extractor)
        return
    window = workers * BATCHES_PER_WORKER
    groups: deque[_Group] = deque()
    try:
        while group := list(islice(source, BATCH_SIZE)):
            groups.append((group, _submit(pool, group)))
            while len(groups) >= window:
                yield from _finish_group(*groups.popleft(), extractor)
        while groups:
            yield from _finish_group(*groups.popleft(), extractor)
    finally:
        # Runs on normal end, on an error and when the consumer closes the generator:
        # queued batches are dropped and the workers exit.
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    pool: Executor, group: list[Article]
) -> Future[list[tuple[Extraction | None, str | None]]] | None:
    """Send the texts of ``group`` that need extraction; None if none do or it failed."""
    texts = [article.text for article in group if _needs_extraction(article)]
    if not texts:
        return None
    try:
        return pool.submit(_extract_batch, texts)
    except Exception:  # a broken or shut-down pool: this group is extracted here
        return None


def _finish_group(
    group: list[Article],
    future: Future[list[tuple[Extraction | None, str | None]]] | None,
    extractor: Extractor,
) -> Iterator[Preannotated]:
    """Yield the articles of ``group`` with the pool's results, or extract them here."""
    results = None
    if future is not None:
        try:
            results = iter(future.result())
        except Exception:  # BrokenProcessPool, a text or result that did not pickle
            _log.warning("a pre-annotation batch failed in the pool; extracting in-process")
    for article in group:
        if results is None or not _needs_extraction(article):
            yield _preannotate_here(article, extractor)
        else:
            extraction, failure = next(results)
            yield Preannotated(article, extraction, failure)
