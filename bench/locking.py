"""Measure how long an import keeps other writers waiting for the write lock; print it.

Usage::

    .venv/bin/python bench/locking.py                 # 3,000 articles (about 12 MB)
    .venv/bin/python bench/locking.py --articles 500  # a quick run

The articles are ``bench/io.py``'s generated news (about 4 kB each, text only, so
every one is pre-annotated, in the importing process). Each import runs in a child
process, as ``app.py import`` beside an open GUI would, while this process plays
the GUI: every 20 ms it takes the write lock (``BEGIN IMMEDIATE``, then ``COMMIT``)
and records how long it waited for it. Two imports of the same file into fresh
workspaces, in the same run:

* **before**: the import inside one outer transaction, as imports were before issue 16
  (the write lock held from the first article to the last);
* **after**: the import as it is, committing in short batches (``jobs.import_batches``).

Figures: the import's wall time (after/before includes the other writer's own
commits, which the one-transaction import kept out: unprobed, both take the same
time within noise), the longest and the 99th-percentile
wait of the other writer, how many of its writes would have failed with the app's
busy timeout (5 s), and, for the batched import, how long each batch held the lock
(timed in the child around each batch's transaction).

Target (issue 16): no write lock held over about 100 ms; 0 writes locked out.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.io import write_import_file  # noqa: E402
from storage.migrations import BUSY_TIMEOUT_MS  # noqa: E402
from storage.store import Store  # noqa: E402

HOLD_TARGET_MS = 100.0
PROBE_EVERY_S = 0.02

# The child: one import, batched or in one outer transaction; writes its figures as JSON.
_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from formats.readers import read_paths
from jobs import import_batches
from jobs.importing import import_articles
from storage.store import Store

mode, workspace, source, figures = sys.argv[2:6]
holds = []
write = import_batches.ImportBatches._write

def timed_write(self, entries):
    start = time.perf_counter()
    try:
        return write(self, entries)
    finally:
        holds.append((time.perf_counter() - start) * 1000)

import_batches.ImportBatches._write = timed_write
problems = []
with Store(workspace) as store:
    start = time.perf_counter()
    articles = read_paths([source], problems=problems)
    if mode == "before":
        with store.transaction():
            report = import_articles(store, articles, workers=1)
    else:
        report = import_articles(store, articles, workers=1)
    seconds = time.perf_counter() - start
with open(figures, "w") as out:
    json.dump({"seconds": seconds, "imported": report.imported, "holds_ms": holds}, out)
"""


def _probe_while(child: subprocess.Popen[bytes], workspace: Path) -> list[float]:
    """Take and release the write lock every ``PROBE_EVERY_S`` until ``child`` ends;
    return each wait in milliseconds."""
    while not workspace.exists():
        time.sleep(0.005)
    connection = sqlite3.connect(workspace, timeout=600, isolation_level=None)
    waits = []
    try:
        while child.poll() is None:
            start = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            waits.append((time.perf_counter() - start) * 1000)
            connection.execute("COMMIT")
            time.sleep(PROBE_EVERY_S)
    finally:
        connection.close()
    return waits


@dataclass(frozen=True)
class Run:
    """One probed import: its wall time, the batches' lock holds and the probe's waits."""

    seconds: float
    imported: int
    holds_ms: list[float]
    waits_ms: list[float]


def measure(mode: str, source: Path, folder: Path) -> Run:
    """One import in a child process, probed from here; the figures of both sides."""
    workspace = folder / f"{mode}.sqlite"
    Store(workspace).close()  # made here, so the probe can open it at once
    figures = folder / f"{mode}.json"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(ROOT), mode, str(workspace), str(source), str(figures)]
    )
    waits = _probe_while(child, workspace)
    if child.wait() != 0:
        raise SystemExit(f"the {mode} import failed")
    found = json.loads(figures.read_text())
    return Run(found["seconds"], found["imported"], found["holds_ms"], waits)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(mode: str, run: Run, *, show_holds: bool) -> None:
    """Print one run's line (and, with ``show_holds``, its batches' lock holds)."""
    waits = run.waits_ms
    locked_out = sum(1 for wait in waits if wait > BUSY_TIMEOUT_MS)
    print(
        f"  {mode:<7} import {run.seconds:6.1f} s ({run.imported} articles); "
        f"other writer: {len(waits)} writes, longest wait {max(waits, default=0):8.1f} ms, "
        f"p99 {_percentile(waits, 0.99):7.1f} ms, locked out (> {BUSY_TIMEOUT_MS} ms) "
        f"{locked_out}"
    )
    holds = run.holds_ms
    if show_holds and holds:
        print(
            f"          {len(holds)} batches held the lock: median "
            f"{statistics.median(holds):.1f} ms, p99 {_percentile(holds, 0.99):.1f} ms, "
            f"longest {max(holds):.1f} ms"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="articles to import")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-locking-") as temp:
        folder = Path(temp)
        source = folder / "articles.jsonl"
        write_import_file(source, args.articles)
        size_mb = source.stat().st_size / 1e6
        print(f"write lock during an import of {args.articles} articles ({size_mb:.1f} MB):")
        before = measure("before", source, folder)
        after = measure("after", source, folder)
    report("before", before, show_holds=False)
    report("after", after, show_holds=True)
    longest_before = max(before.waits_ms, default=0.0)
    longest_after = max(after.waits_ms, default=0.0)
    print(
        f"  longest wait of the other writer: {longest_after:.1f} ms after, "
        f"{longest_before:.1f} ms before ({longest_before / max(longest_after, 0.001):,.0f}x); "
        f"import time after/before {after.seconds / before.seconds:.2f}"
    )
    print(
        f"  target: no batch holds the lock over {HOLD_TARGET_MS:.0f} ms "
        f"(longest {max(after.holds_ms, default=0):.1f} ms), no write locked out"
    )


if __name__ == "__main__":
    main()
