"""An import's writes, committed in short batches so no one waits long for the write lock.

A workspace has one writer at a time: while an import holds the write lock, an
annotator's accept in the GUI (or a second import) waits. So the import job
(``jobs.importing``) does its slow work (reading, pre-annotation) outside any
transaction, collects the results here, and :class:`ImportBatches` writes them in
short transactions. Only the inserts happen under the lock, and a batch is sized
to hold it about :attr:`BatchLimits.hold_ms`: the time each batch took per article
sets how many articles the next one takes (between one and
:attr:`BatchLimits.articles`), since that time depends on the machine, the texts'
length and their records. A batch also ends at :attr:`BatchLimits.characters`
characters of text, or with whatever arrived within :attr:`BatchLimits.seconds`
(a single article longer than the character limit is still written whole: a
document is never split).

Each batch is all or nothing and is counted only once committed, so the report is
exact whatever happens: a cancelled or failed import keeps the batches committed
before, and says how many documents they held. Each batch appends its own
``import`` history entry, so a killed import leaves a record of what it stored.

When another connection keeps the write lock beyond the busy timeout, the batch
(still in memory) is tried again, up to :attr:`BatchLimits.locked_retries` times.

Threading: the batches run in the calling thread, on the store they are given,
which must belong to that thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from quotes.model import Article, Extraction, ImportReport, Problem
from storage.articles import article_label
from storage.locking import is_locked_error
from storage.store import Store


@dataclass(frozen=True, slots=True)
class BatchLimits:
    """When a batch is written: the first limit reached ends it.

    :param hold_ms: how long a batch should hold the write lock; the number of
        articles per batch follows from the time the batches before took.
    :param articles: the most articles in one transaction.
    :param characters: the most text in one transaction (the insert and the
        full-text indexing take time in proportion to it).
    :param seconds: the longest the first result of a batch waits to be written,
        so a slow pre-annotation still commits often.
    :param locked_retries: how often a batch is tried again when another
        connection kept the write lock beyond the busy timeout.
    """

    hold_ms: float = 40.0
    articles: int = 100
    characters: int = 500_000
    seconds: float = 0.5
    locked_retries: int = 3


#: The articles of the first batch, before any has been timed.
FIRST_BATCH = 10


@dataclass(slots=True)
class _Entry:
    """One new article with its pre-annotation, waiting to be written."""

    article: Article
    key: str
    extraction: Extraction | None
    failure: str | None


@dataclass(slots=True)
class ImportBatches:
    """Collects an import's new articles and writes them in short transactions.

    ``imported``, ``attributions``, ``duplicates`` and ``problems`` count what the
    committed batches held, and only that. Call :meth:`add` per article (it writes
    a batch when one is due) and :meth:`flush` at the end.
    """

    store: Store
    stamp: str
    limits: BatchLimits = field(default_factory=BatchLimits)
    imported: int = 0
    attributions: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    _pending: list[_Entry] = field(default_factory=list)
    _characters: int = 0
    _since: float = 0.0
    _batch_size: int = 0  # articles per batch, set from the last batch's time

    def __post_init__(self) -> None:
        self._batch_size = max(1, min(FIRST_BATCH, self.limits.articles))

    def add(
        self,
        article: Article,
        *,
        key: str,
        extraction: Extraction | None,
        failure: str | None,
    ) -> None:
        """Queue one new article (``key`` its content hash); write a batch when due."""
        if not self._pending:
            self._since = time.monotonic()
        self._pending.append(_Entry(article, key, extraction, failure))
        self._characters += len(article.text)
        if (
            len(self._pending) >= self._batch_size
            or self._characters >= self.limits.characters
            or time.monotonic() - self._since >= self.limits.seconds
        ):
            self.flush()

    def flush(self) -> None:
        """Write the queued articles in one transaction, trying again while another
        connection keeps the write lock; then count them.

        :raises sqlite3.Error: when the batch could not be written (it is then
            neither stored nor counted; the batches before it stay).
        """
        if not self._pending:
            return
        attempt = 0
        while True:
            start = time.perf_counter()
            try:
                counts = self._write(self._pending)
                break
            except Exception as error:
                if not is_locked_error(error) or attempt >= self.limits.locked_retries:
                    raise
                attempt += 1
        self._size_next_batch(time.perf_counter() - start, len(self._pending))
        imported, attributions, duplicates, problems = counts
        self.imported += imported
        self.attributions += attributions
        self.duplicates += duplicates
        self.problems.extend(problems)
        self._pending = []
        self._characters = 0

    def _size_next_batch(self, seconds: float, articles: int) -> None:
        """Aim the next batch at ``hold_ms`` from this one's time per article."""
        per_article_ms = max(seconds * 1000 / articles, 1e-3)
        wanted = int(self.limits.hold_ms / per_article_ms)
        self._batch_size = max(1, min(self.limits.articles, wanted))

    def report(self, *, duplicates: int = 0, cancelled: bool = False) -> ImportReport:
        """What the committed batches hold, plus ``duplicates`` found before them."""
        return ImportReport(
            imported=self.imported,
            duplicates=self.duplicates + duplicates,
            attributions=self.attributions,
            problems=tuple(self.problems),
            cancelled=cancelled,
        )

    def _write(self, entries: list[_Entry]) -> tuple[int, int, int, list[Problem]]:
        """One transaction: the entries and the batch's history entry. Counts are
        local until the commit, so a rolled-back attempt counts nothing."""
        imported = attributions = duplicates = 0
        problems: list[Problem] = []
        with self.store.transaction():
            for entry in entries:
                # Read again under the write lock: another import may have stored
                # the same text since this one looked.
                if self.store.has_content(entry.key):
                    duplicates += 1
                    continue
                if entry.failure is not None:
                    problems.append(
                        Problem(
                            article_label(entry.article),
                            f"pre-annotation failed: {entry.failure}",
                        )
                    )
                extraction = entry.extraction
                stored = self.store.add_article(
                    entry.article,
                    key=entry.key,
                    stamp=self.stamp,
                    candidates=extraction.attributions if extraction else (),
                    speakers=extraction.speakers if extraction else (),
                    problems=problems,
                )
                if stored is not None:
                    imported += 1
                    attributions += stored
            if imported:
                self.store.record_import(imported=imported, attributions=attributions)
        return imported, attributions, duplicates, problems
