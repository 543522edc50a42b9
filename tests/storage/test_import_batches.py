"""Imports commit in short batches (issue 16): other writers get the lock during a long
import, two imports of one file at once both finish, a killed import keeps what it
committed, and a batch kept waiting by another writer is tried again."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobs.import_batches import BatchLimits
from jobs.importing import import_articles
from quotes.model import Article
from storage.store import Store
from tests.storage.conftest import add_articles

ROOT = Path(__file__).resolve().parents[2]


def slow_articles(stop: threading.Event, *, pause: float = 0.002) -> Iterator[Article]:
    """Articles read slowly until ``stop`` is set (an import that takes its time)."""
    for n in itertools.count():
        if stop.is_set():
            return
        time.sleep(pause)
        yield Article(text=f"Article {n}: the minister said nothing new today.")


def test_another_writer_gets_the_lock_while_a_long_import_runs(workspace_file: Path) -> None:
    Store(workspace_file).close()
    stop = threading.Event()
    outcome: list[object] = []

    def run_import() -> None:
        with Store(workspace_file) as store:
            outcome.append(
                import_articles(
                    store,
                    slow_articles(stop),
                    preannotate=False,
                    batches=BatchLimits(articles=5),
                    is_cancelled=stop.is_set,
                )
            )

    worker = threading.Thread(target=run_import)
    worker.start()
    try:
        with Store(workspace_file, annotator="bo") as reviewer:
            deadline = time.monotonic() + 30
            while reviewer.document_count() < 20:  # the import is well under way
                assert time.monotonic() < deadline, "no batch was committed"
                time.sleep(0.01)
            # With one transaction for the whole import this waits the busy timeout
            # and fails with "database is locked"; with batches it gets a turn.
            reviewer.add_speaker(reviewer.document_summaries()[0].id, "Ana Ruiz")
            assert not worker_done(worker)
    finally:
        stop.set()
        worker.join()
    [report] = outcome
    with Store(workspace_file) as store:
        assert store.document_count() == report.imported


def worker_done(worker: threading.Thread) -> bool:
    return not worker.is_alive()


def test_two_imports_of_one_file_at_once_both_finish_without_duplicates(
    workspace_file: Path,
) -> None:
    Store(workspace_file).close()
    articles = [Article(text=f"Shared article {n}: nothing new.") for n in range(300)]
    reports: list[object] = []
    errors: list[BaseException] = []

    def run_import() -> None:
        try:
            with Store(workspace_file) as store:
                reports.append(
                    import_articles(
                        store, articles, preannotate=False, batches=BatchLimits(articles=7)
                    )
                )
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run_import) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.imported for r in reports) == 300
    assert sum(r.duplicates for r in reports) == 300
    assert all(not r.problems for r in reports)
    with Store(workspace_file) as store:
        assert store.document_count() == 300


KILLED_IMPORT = """
import itertools, sys
sys.path.insert(0, sys.argv[2])
from jobs.import_batches import BatchLimits
from jobs.importing import import_articles
from quotes.model import Article
from storage.store import Store

def endless():
    for n in itertools.count():
        yield Article(text=f"Article {n}: the minister said nothing new today.")

with Store(sys.argv[1]) as store:
    import_articles(store, endless(), preannotate=False, batches=BatchLimits(articles=10))
"""


def test_a_killed_import_keeps_the_batches_it_committed(workspace_file: Path) -> None:
    Store(workspace_file).close()
    child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(workspace_file), ROOT])
    try:
        with Store(workspace_file) as watcher:
            deadline = time.monotonic() + 60
            while watcher.document_count() < 50 and time.monotonic() < deadline:
                time.sleep(0.02)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    with Store(workspace_file) as store:
        count = store.document_count()
        recorded = [e.after["imported"] for e in store.history(limit=10_000)]
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert count >= 50
    assert sum(recorded) == count, "each committed batch recorded its documents"


def test_a_batch_kept_waiting_by_another_writer_is_tried_again(workspace_file: Path) -> None:
    with Store(workspace_file) as store:
        store._conn.execute("PRAGMA busy_timeout = 50")  # fail fast, to retry sooner
        holder = sqlite3.connect(workspace_file, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
        release.start()
        try:
            report = import_articles(
                store,
                [Article(text="waited for its turn")],
                preannotate=False,
                batches=BatchLimits(locked_retries=1000),
            )
        finally:
            release.join()
            holder.close()
        assert report.imported == 1 and store.document_count() == 1


def test_a_batch_that_never_gets_the_lock_fails_cleanly_and_stores_nothing(
    workspace_file: Path,
) -> None:
    with Store(workspace_file) as store:
        store._conn.execute("PRAGMA busy_timeout = 10")
        holder = sqlite3.connect(workspace_file, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                import_articles(
                    store,
                    [Article(text="never stored")],
                    preannotate=False,
                    batches=BatchLimits(locked_retries=2),
                )
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert store.document_count() == 0


@pytest.mark.parametrize(
    ("text", "reason"),
    [("a NUL \x00 inside", "NUL character (at character 7)"), ("lone \ud800 x", "surrogate")],
)
def test_an_unstorable_text_made_in_code_costs_its_own_article_only(
    store: Store, text: str, reason: str
) -> None:
    report = add_articles(
        store,
        [Article(text=text, source="made.txt"), Article(text="fine"), Article(text=text)],
        preannotate=False,
    )
    assert (report.imported, report.duplicates) == (1, 0)
    assert [p.where for p in report.problems] == ["made.txt", "article"]
    assert all(reason in p.reason for p in report.problems)


def test_batches_are_sized_to_hold_the_lock_briefly(store: Store) -> None:
    from jobs.import_batches import ImportBatches

    # A write lock held 1 ms per article: 20 fit into a 20 ms hold.
    batches = ImportBatches(store, "now", BatchLimits(hold_ms=20, articles=100))
    batches._size_next_batch(0.010, 10)
    assert batches._batch_size == 20
    batches._size_next_batch(5.0, 10)  # very slow writes: one article at a time
    assert batches._batch_size == 1
    batches._size_next_batch(0.0, 10)  # instant writes: the article cap
    assert batches._batch_size == 100
