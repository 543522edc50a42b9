"""Pre-annotation of article streams: order, skipped articles, the process pool and its
fallbacks. The pool tests start real spawned workers (about a second each)."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import Executor

import pytest

from quotes import preannotation
from quotes.extract import extract
from quotes.lexicon import default_lexicon, parse_lexicon
from quotes.model import Article, Attribution, Extraction, Span, Status
from quotes.preannotation import POOL_THRESHOLD, preannotate

_NAMES = ["Ana Ruiz", "Tomas Berg", "Mei Chen", "Kofi Mensah", "Lena Vogel"]


def _text(number: int, verb: str = "said") -> str:
    """A short news text with a direct and an indirect quotation, different per number."""
    name = _NAMES[number % len(_NAMES)]
    surname = name.split()[1]
    return (
        f"The council met on day {number}.\n\n"
        f'"We will open {number} new libraries next year," {verb} {name}, the mayor.\n\n'
        f"{surname} said that the budget for road {number} would be cut."
    )


def _articles(count: int, verb: str = "said") -> list[Article]:
    return [Article(text=_text(number, verb), external_id=str(number)) for number in range(count)]


@pytest.fixture
def pool_starts(monkeypatch: pytest.MonkeyPatch) -> list[Executor]:
    """Record every pool ``preannotate`` starts (the real pool)."""
    started: list[Executor] = []
    real = preannotation.start_pool

    def recording(*args: object) -> Executor:
        pool = real(*args)  # type: ignore[arg-type]
        started.append(pool)
        return pool

    monkeypatch.setattr(preannotation, "start_pool", recording)
    return started


def test_each_article_comes_back_in_order_with_its_extraction() -> None:
    articles = _articles(5)
    results = list(preannotate(articles, workers=1))
    assert [r.article for r in results] == articles
    assert [r.extraction for r in results] == [extract(a.text) for a in articles]
    assert all(r.extraction and r.extraction.attributions for r in results)
    assert all(r.failure is None for r in results)


def test_annotated_blank_and_disabled_articles_get_no_extraction() -> None:
    own = Attribution(fragments=(Span(0, 3),), status=Status.ACCEPTED)
    articles = [
        Article(text=_text(1), attributions=(own,)),
        Article(text=_text(2), annotated=True),
        Article(text="  \n "),
        Article(text=_text(3)),
    ]
    results = list(preannotate(articles, workers=1))
    assert [r.extraction is None for r in results] == [True, True, True, False]
    assert all(r.extraction is None for r in preannotate(articles, enabled=False))


def test_a_small_import_stays_in_process(pool_starts: list[Executor]) -> None:
    results = list(preannotate(_articles(POOL_THRESHOLD - 1), workers=2))
    assert len(results) == POOL_THRESHOLD - 1
    assert pool_starts == []


def test_the_pool_gives_the_same_extractions_in_order(pool_starts: list[Executor]) -> None:
    articles = _articles(50)
    articles[7] = Article(text=_text(7), annotated=True)  # skipped inside a batch
    expected = list(preannotate(articles, workers=1))

    pooled = list(preannotate(articles, workers=2))

    assert len(pool_starts) == 1
    assert pooled == expected


def test_extractions_survive_pickling() -> None:
    extraction = extract(_text(4))
    assert extraction.speakers and extraction.attributions
    assert pickle.loads(pickle.dumps(extraction)) == extraction


def _cue_texts(results: list[preannotation.Preannotated]) -> set[str]:
    return {
        r.article.text[a.cue.start : a.cue.end]
        for r in results
        if r.extraction is not None
        for a in r.extraction.attributions
        if a.cue is not None
    }


def test_a_user_lexicon_reaches_the_workers(pool_starts: list[Executor]) -> None:
    articles = _articles(40, verb="blorted")
    assert "blorted" not in _cue_texts(list(preannotate(articles[:2], workers=1)))
    lexicon = default_lexicon().merged(parse_lexicon("[clause]\nblort blorted\n"))
    results = list(preannotate(articles, workers=2, lexicon=lexicon))
    assert len(pool_starts) == 1
    assert "blorted" in _cue_texts(results)


def test_a_pool_that_cannot_start_falls_back_to_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_pool(*args: object) -> Executor:
        raise OSError("no processes here")

    monkeypatch.setattr(preannotation, "start_pool", no_pool)
    articles = _articles(40)
    results = list(preannotate(articles, workers=2))
    assert results == list(preannotate(articles, workers=1))


def die_in_worker(text: str) -> Extraction:
    """An extractor whose worker process dies; in the parent it extracts normally."""
    if multiprocessing.parent_process() is not None:
        os._exit(3)
    return extract(text)


def test_a_pool_that_breaks_falls_back_to_in_process(
    pool_starts: list[Executor], caplog: pytest.LogCaptureFixture
) -> None:
    articles = _articles(40)
    results = list(preannotate(articles, workers=2, extractor=die_in_worker))
    assert len(pool_starts) == 1
    assert "failed in the pool" in caplog.text
    assert results == list(preannotate(articles, workers=1))


def test_an_extractor_error_costs_only_its_article() -> None:
    def picky(text: str) -> Extraction:
        if "day 2." in text:
            raise ValueError("rule bug")
        return extract(text)

    # ``picky`` is local, so it cannot be sent to workers: this also covers that.
    results = list(preannotate(_articles(40), workers=2, extractor=picky))
    failed = [r for r in results if r.failure is not None]
    assert [r.article.external_id for r in failed] == ["2"]
    assert "rule bug" in failed[0].failure  # type: ignore[operator]
    assert failed[0].extraction is None
    assert all(r.extraction is not None for r in results if r.failure is None)


def test_closing_the_stream_early_stops_the_workers(pool_starts: list[Executor]) -> None:
    def endless() -> Iterator[Article]:
        number = 0
        while True:
            yield Article(text=_text(number))
            number += 1

    stream = preannotate(endless(), workers=2)
    first = [next(stream) for _ in range(3)]
    assert [r.extraction is not None for r in first] == [True] * 3
    assert multiprocessing.active_children()

    stream.close()

    assert len(pool_starts) == 1
    assert multiprocessing.active_children() == []
    with pytest.raises(RuntimeError):
        pool_starts[0].submit(len, "")


def _counted(articles: Iterator[Article], read: list[int]) -> Iterator[Article]:
    for article in articles:
        read[0] += 1
        yield article


def _every_tenth_needs_extraction() -> Iterator[Article]:
    for number in range(600):
        yield Article(text=_text(number), annotated=number % 10 != 0)


def _all_need_extraction() -> Iterator[Article]:
    yield from _articles(300)


@pytest.mark.parametrize("stream", [_every_tenth_needs_extraction, _all_need_extraction])
def test_the_look_ahead_is_bounded(stream: Callable[[], Iterator[Article]]) -> None:
    read = [0]
    bound = max(
        preannotation.POOL_LOOKAHEAD,
        2 * preannotation.BATCHES_PER_WORKER * preannotation.BATCH_SIZE,
    )
    results = preannotate(_counted(stream(), read), workers=2)
    ahead = [read[0] - given for given, _ in enumerate(results, start=1)]
    assert max(ahead) <= bound
    assert len(ahead) == len(list(stream()))
