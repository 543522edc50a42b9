"""The import job: read files, skip duplicates, pre-annotate, store, report problems.

``import_files`` is what ``app.py import`` (``cli.workspace_commands.run_import``) and
the GUI's import worker (``ui.shell.tasks.import_files``) both run;
``import_articles`` is its second half, for articles already in memory (samples,
benchmarks, tests). Storage only stores (``Store.add_article``): deciding to run the
extractor, with which lexicon, with or without the workspace's learned model
(``jobs.training``) and on how many cores, is this job's.

Threading: the job runs in the calling thread on the store it is given, which must
belong to that thread. It holds the workspace's write lock until it commits; other
connections read meanwhile (WAL) but their writes wait up to the busy timeout.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from formats.readers import ReadOptions, read_paths
from jobs.training import suggester, workspace_model
from quotes import preannotation
from quotes.learning import TrainedModel
from quotes.lexicon import Lexicon
from quotes.model import Article, ImportReport, Problem
from storage.articles import article_label, content_hash
from storage.connection import now
from storage.store import Store


class ReadPaths(Protocol):
    """How the job reads its files (``formats.readers.read_paths``)."""

    def __call__(
        self,
        paths: Sequence[Path],
        *,
        options: ReadOptions | None = ...,
        problems: list[Problem],
        notes: list[str],
    ) -> Iterable[Article]: ...


class _Cancelled(Exception):
    """Raised inside an import transaction to roll it back on Cancel."""


class _UnseenArticles:
    """The articles of an import whose text is new, with a record of what was read.

    Duplicates (of the workspace or of an earlier article of the same import) are
    counted and dropped here, before pre-annotation reads ahead, so no extraction is
    spent on them. ``pending`` holds ``(content hash, articles read)`` for each article
    passed on and not yet stored, in order: pre-annotation keeps the order, so the
    consumer pops one entry per result. Checking cancellation here too lets a long run
    of duplicates be cancelled.
    """

    def __init__(
        self,
        articles: Iterable[Article],
        has_content: Callable[[str], bool],
        is_cancelled: Callable[[], bool] | None,
    ) -> None:
        self._articles = articles
        self._has_content = has_content
        self._is_cancelled = is_cancelled
        self.read = 0
        self.duplicates = 0
        self.pending: deque[tuple[str, int]] = deque()

    def __iter__(self) -> Iterator[Article]:
        seen: set[str] = set()
        for article in self._articles:
            self.read += 1
            if self._is_cancelled is not None and self._is_cancelled():
                raise _Cancelled
            key = content_hash(article.text)
            if key in seen or self._has_content(key):
                self.duplicates += 1
                continue
            seen.add(key)
            self.pending.append((key, self.read))
            yield article


def _report_progress(progress: Callable[[int], None] | None, reported: int, read: int) -> int:
    """Report each count from ``reported + 1`` to ``read`` (duplicates included)."""
    if progress is not None:
        for count in range(reported + 1, read + 1):
            progress(count)
    return max(reported, read)


def import_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    preannotate: bool = True,
    lexicon: Lexicon | None = None,
    extractor: preannotation.Extractor | None = None,
    model: TrainedModel | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Store new articles, skipping those whose text is already in the workspace.

    Articles with ``attributions`` keep them (origin ``import``, status kept);
    articles without, unless ``annotated``, are pre-annotated when ``preannotate``.
    All of it is one transaction: a cancelled or failed import leaves the workspace as
    it was. ``progress`` receives the number of articles read so far.

    :param lexicon: the cues to pre-annotate with (None: the shipped lexicon).
    :param extractor: the function called per text instead of ``quotes.extract.extract``
        with ``lexicon`` (tests pin the extractor's output this way).
    :param model: a learned model to pre-annotate with beside the rules
        (``quotes.learning.suggest``); None: the rules alone. Ignored with ``extractor``.
    :param workers: processes to pre-annotate in (None: one per core; 1: in this
        process), through ``quotes.preannotation.preannotate``, which keeps small
        imports in-process. Duplicates are recognised before their text is sent for
        extraction, so they cost no extraction.

    An empty (or blank) text is skipped and named in ``problems``. An article whose
    pre-annotation raises is stored without candidates and named in ``problems``; an
    article whose attributions the database refuses (offsets outside its text) is
    skipped and named in ``problems``. Any other error rolls the whole import back and
    propagates. A cancelled import returns a report with ``cancelled`` True and nothing
    imported.
    """
    imported = attribution_count = reported = 0
    problems: list[Problem] = []
    stamp = now()
    unseen = _UnseenArticles(articles, store.has_content, is_cancelled)
    if model is not None and extractor is None:
        extractor = suggester(model, lexicon)
    results = preannotation.preannotate(
        unseen, enabled=preannotate, workers=workers, lexicon=lexicon, extractor=extractor
    )
    try:
        with store.transaction(), contextlib.closing(results):
            for article, extraction, failure in results:
                if is_cancelled is not None and is_cancelled():
                    raise _Cancelled
                key, read = unseen.pending.popleft()
                if failure is not None:
                    problems.append(
                        Problem(article_label(article), f"pre-annotation failed: {failure}")
                    )
                stored = store.add_article(
                    article,
                    key=key,
                    stamp=stamp,
                    candidates=extraction.attributions if extraction else (),
                    speakers=extraction.speakers if extraction else (),
                    problems=problems,
                )
                if stored is not None:
                    imported += 1
                    attribution_count += stored
                reported = _report_progress(progress, reported, read)
            _report_progress(progress, reported, unseen.read)
            if imported:
                store.record_import(imported=imported, attributions=attribution_count)
    except _Cancelled:
        return ImportReport(duplicates=unseen.duplicates, cancelled=True)
    return ImportReport(
        imported=imported,
        duplicates=unseen.duplicates,
        attributions=attribution_count,
        problems=tuple(problems),
    )


def import_files(
    store: Store,
    paths: Sequence[Path],
    *,
    options: ReadOptions | None = None,
    preannotate: bool = True,
    lexicon: Lexicon | None = None,
    use_model: bool = True,
    read: ReadPaths = read_paths,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Read ``paths`` (files or folders) and import their articles into ``store``.

    ``options`` carries the CSV/TSV column mapping (default: ``text``, ``title``,
    ``id``); ``read`` is the reader (tests pass a slow or endless one). The report
    holds the readers' problems (bad lines, undecodable files) and notes (the
    encodings detected) first, then the store's. A cancelled import keeps nothing.
    With ``use_model`` (the default) and a learned model in the workspace, articles
    are pre-annotated by the rules and the model together; False: the rules alone.
    The other parameters are those of :func:`import_articles`.

    :raises ModelFormatError: when the workspace's model cannot be read (damaged, or
        from a newer version); nothing is read or imported then.
    """
    model = workspace_model(store) if use_model and preannotate else None
    problems: list[Problem] = []
    notes: list[str] = []
    articles = read([Path(p) for p in paths], options=options, problems=problems, notes=notes)
    report = import_articles(
        store,
        articles,
        preannotate=preannotate,
        lexicon=lexicon,
        model=model,
        progress=progress,
        is_cancelled=is_cancelled,
    )
    if model is not None and report.imported:
        notes.append("pre-annotated by the rules and the workspace's learned model")
    return ImportReport(problems=tuple(problems), notes=tuple(notes)).merged(report)
