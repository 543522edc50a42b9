"""The import job: read files, skip duplicates, pre-annotate, store, report problems.

``import_files`` is what ``app.py import`` (``cli.workspace_commands.run_import``) and
the GUI's import worker (``ui.shell.tasks.import_files``) both run;
``import_articles`` is its second half, for articles already in memory (samples,
benchmarks, tests). Storage only stores (``Store.add_article``): deciding to run the
extractor, with which lexicon, with or without the workspace's learned model
(``jobs.training``) and on how many cores, is this job's.

Threading: the job runs in the calling thread on the store it is given, which must
belong to that thread. It reads and pre-annotates outside any transaction and
commits what it found in short batches (``jobs.import_batches``), so other
connections (the GUI's main thread, a second import) wait for the write lock a few
milliseconds at most, not for the whole import.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from formats.readers import ReadOptions, read_paths
from jobs.import_batches import BatchLimits, ImportBatches
from jobs.training import suggester, workspace_model
from quotes import preannotation
from quotes.learning import TrainedModel
from quotes.lexicon import Lexicon
from quotes.model import Article, ImportReport, Problem
from storage.articles import article_label, content_hash, unstorable_text
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
    """Raised inside the import loop on Cancel; the batches committed before stay."""


class _UnseenArticles:
    """The articles of an import whose text is new, with a record of what was read.

    Duplicates (of the workspace or of an earlier article of the same import) are
    counted and dropped here, before pre-annotation reads ahead, so no extraction is
    spent on them, and so are texts the workspace cannot store (a NUL, a lone
    surrogate), each named in ``problems``. ``pending`` holds ``(content hash,
    articles read)`` for each article passed on and not yet stored, in order:
    pre-annotation keeps the order, so the consumer pops one entry per result.
    Checking cancellation here too lets a long run of duplicates be cancelled.
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
        self.problems: list[Problem] = []

    def __iter__(self) -> Iterator[Article]:
        seen: set[str] = set()
        for article in self._articles:
            self.read += 1
            if self._is_cancelled is not None and self._is_cancelled():
                raise _Cancelled
            refusal = unstorable_text(article.text)
            if refusal is not None:
                # Before hashing: a lone surrogate cannot even be hashed.
                self.problems.append(Problem(article_label(article), refusal))
                continue
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


class ImportStopped(RuntimeError):
    """An import that failed part way, after some of its batches were committed.

    ``report`` counts what those batches hold (they stay in the workspace); the
    error that stopped the import is ``__cause__``, and the message says both.
    """

    def __init__(self, report: ImportReport, cause: BaseException) -> None:
        noun = "document" if report.imported == 1 else "documents"
        super().__init__(f"{cause}; the {report.imported} {noun} imported before it are kept")
        self.report = report


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
    batches: BatchLimits | None = None,
) -> ImportReport:
    """Store new articles, skipping those whose text is already in the workspace.

    Articles with ``attributions`` keep them (origin ``import``, status kept);
    articles without, unless ``annotated``, are pre-annotated when ``preannotate``.
    The articles are committed in short batches (``jobs.import_batches``), so other
    connections never wait long for the write lock; the report counts exactly what
    was committed. ``progress`` receives the number of articles read so far.

    :param lexicon: the cues to pre-annotate with (None: the shipped lexicon).
    :param extractor: the function called per text instead of ``quotes.extract.extract``
        with ``lexicon`` (tests pin the extractor's output this way).
    :param model: a learned model to pre-annotate with beside the rules
        (``quotes.learning.suggest``); None: the rules alone. Ignored with ``extractor``.
    :param workers: processes to pre-annotate in (None: one per core; 1: in this
        process), through ``quotes.preannotation.preannotate``, which keeps small
        imports in-process. Duplicates are recognised before their text is sent for
        extraction, so they cost no extraction.
    :param batches: when a batch is committed (None: :class:`BatchLimits` defaults).

    An empty (or blank) text is skipped and named in ``problems``. An article whose
    pre-annotation raises is stored without candidates and named in ``problems``; an
    article whose attributions the database refuses (offsets outside its text) is
    skipped and named in ``problems``. A cancelled import returns a report with
    ``cancelled`` True that counts the batches committed before (they are kept; the
    articles read since are not stored). Any other error stops the import: the
    batches before it are kept, and it propagates as :class:`ImportStopped` when
    there were any, as itself when there were none.
    """
    reported = 0
    unseen = _UnseenArticles(articles, store.has_content, is_cancelled)
    written = ImportBatches(store, now(), batches or BatchLimits())
    if model is not None and extractor is None:
        extractor = suggester(model, lexicon)
    results = preannotation.preannotate(
        unseen, enabled=preannotate, workers=workers, lexicon=lexicon, extractor=extractor
    )
    try:
        with contextlib.closing(results):
            for article, extraction, failure in results:
                if is_cancelled is not None and is_cancelled():
                    raise _Cancelled
                key, read = unseen.pending.popleft()
                written.add(article, key=key, extraction=extraction, failure=failure)
                reported = _report_progress(progress, reported, read)
            written.flush()
            _report_progress(progress, reported, unseen.read)
    except _Cancelled:
        return _with_refused(written.report(duplicates=unseen.duplicates, cancelled=True), unseen)
    except Exception as error:
        if not written.imported:
            raise
        report = _with_refused(written.report(duplicates=unseen.duplicates), unseen)
        raise ImportStopped(report, error) from error
    return _with_refused(written.report(duplicates=unseen.duplicates), unseen)


def _with_refused(report: ImportReport, unseen: _UnseenArticles) -> ImportReport:
    """``report`` with the articles refused before they reached a batch named first."""
    return ImportReport(problems=tuple(unseen.problems)).merged(report)


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
    encodings detected) first, then the store's. A cancelled import keeps the batches
    committed before the cancel, and its report counts them; so does the report of
    an :class:`ImportStopped`. With ``use_model`` (the default) and a learned model in
    the workspace, articles are pre-annotated by the rules and the model together;
    False: the rules alone. The other parameters are those of :func:`import_articles`.

    :raises ModelFormatError: when the workspace's model cannot be read (damaged, or
        from a newer version); nothing is read or imported then.
    """
    model = workspace_model(store) if use_model and preannotate else None
    problems: list[Problem] = []
    notes: list[str] = []
    articles = read([Path(p) for p in paths], options=options, problems=problems, notes=notes)
    try:
        report = import_articles(
            store,
            articles,
            preannotate=preannotate,
            lexicon=lexicon,
            model=model,
            progress=progress,
            is_cancelled=is_cancelled,
        )
    except ImportStopped as stopped:
        read_report = ImportReport(problems=tuple(problems), notes=tuple(notes))
        stopped.report = read_report.merged(stopped.report)
        raise
    if model is not None and report.imported:
        notes.append("pre-annotated by the rules and the workspace's learned model")
    return ImportReport(problems=tuple(problems), notes=tuple(notes)).merged(report)
