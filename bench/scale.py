"""Benchmark of a big workspace: search, start and the document list (issue 11).

Run: ``.venv/bin/python bench/scale.py [--articles N] [--baseline M]`` (defaults
100,000 and 2,000). The workspaces are built by ``bench/scale_corpus.py`` from the dev
texts (the project's samples without ``../shared``) with a unique line added to each,
cached in ``--cache`` (the system temporary folder) and reused by the next run; a
100,000-article build takes about three minutes on a 2-core machine and 1.3 GB.

Printed for both sizes, measured in the same run, with the ratio of the big one to
the baseline size:

* **search first page**: ``Store.search(query)`` (100 hits with snippets), median of
  ``--runs`` runs per query, and the median over the five common queries (target:
  <= 50 ms at 100,000). Beside it, the count of matches (``Store.search_count``, shown
  after the page) and two references per query: an unranked FTS5 ``count(*)`` of the
  same words (what matching alone costs) and the old ``ORDER BY rank LIMIT 100``.
  **top 10 agreement**: how many of the first ten texts of the search's ranking are
  among the ten best of a bm25 ranking of every match with the same weights (copies
  of one text count as one text, and the search ranks up to its 1,000 candidates
  here, as a page of 100 can be copies of one text), i.e. how close the bounded
  ranking comes to the full one. Phrases first and the word as typed before its
  completions are the search's own choices, so 10/10 is not expected everywhere.
* **usable window**: opening the store and building the real main window offscreen
  until it shows the first document in the article view and the first page of the
  list (target: <= 1 s); baseline: a bare ``QPlainTextEdit`` shown with that text.
* **list**: the document list's filter (each status) and sort (each column, both
  ways) on the real panel, each until its first page is shown, and one more page
  fetched as on scrolling (target: <= 100 ms). The sorts that read every document
  are marked; ``storage.listing`` says what index or summary table they would need.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from bench._timing import median_after_ms, median_ms, once_ms
from bench._ui_support import application, process_until, quiet_qt_warnings
from bench.scale_corpus import DEFAULT_CACHE, base_texts, build_workspace
from storage.search import CANDIDATES, TITLE_WEIGHT, match_expression
from storage.store import Store
from ui.operations.changes import ChangeHub
from ui.shell.current import CurrentRecord
from ui.shell.main_window import MainWindow
from ui.tables.document_list import DocumentListModel, DocumentListPanel

QUERIES = ("said the", "president", "Trump camp", "told reporters", "police")
#: Queries typed on the way to a word: the last one completes (informative).
PARTIAL = ("pres", "camp", "harv")
SEARCH_TARGET_MS = 50.0
WINDOW_TARGET_MS = 1000.0
LIST_TARGET_MS = 100.0


def _base_of(store: Store, document_ids: list[int], copies: int) -> list[int]:
    """Which base text each document is a copy of (copy ``i`` is text ``i % copies``)."""
    found = dict.fromkeys(document_ids, -1)
    for document_id in document_ids:
        external = store.document(document_id).external_id or "scale--1"
        found[document_id] = int(external.rsplit("-", 1)[1]) % copies
    return [found[d] for d in document_ids]


def _top_texts(bases: list[int], count: int = 10) -> list[int]:
    """The first ``count`` distinct base texts, in order."""
    seen: list[int] = []
    for base in bases:
        if base not in seen:
            seen.append(base)
    return seen[:count]


_FTS_COUNT = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
_FTS_RANKED = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT 100"


def _read(conn: sqlite3.Connection, sql: str, match: str) -> list[sqlite3.Row]:
    return conn.execute(sql, (match,)).fetchall()


def first_page_figures(store: Store, query: str, runs: int) -> dict[str, float]:
    """Median ms of ``Store.search(query)`` (the first page of hits, "page") and of an
    unranked FTS5 ``count(*)`` of the same words ("fts count": what matching alone
    costs), each over ``runs`` runs."""
    conn = store._conn  # the reference is a raw FTS5 query, beside the store's verbs
    match = match_expression(query.split(), prefix=True)
    return {
        "page": median_ms(partial(store.search, query), runs),
        "fts count": median_ms(partial(_read, conn, _FTS_COUNT, match), runs),
    }


def measure_search(store: Store, runs: int, copies: int) -> dict[str, dict[str, float]]:
    """Per query: first page, count, the two references and the top-10 agreement."""
    conn = store._conn  # the references are raw FTS5 queries, beside the store's verbs
    figures: dict[str, dict[str, float]] = {}
    for query in (*QUERIES, *PARTIAL):
        words = query.split()
        match = match_expression(words, prefix=True)
        # Copies of one text score alike, so a page of 100 can be copies of one text:
        # the agreement compares the texts in order over all the hits ranked.
        ranked = store.search(query, limit=CANDIDATES)
        full = conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY bm25(documents_fts, ?, 1.0) LIMIT 2000",
            (match_expression(words, prefix=query in PARTIAL), TITLE_WEIGHT),
        ).fetchall()
        ours = _top_texts(_base_of(store, [hit.document_id for hit in ranked], copies))
        best = _top_texts(_base_of(store, [int(row[0]) for row in full], copies))
        figures[query] = {
            **first_page_figures(store, query, runs),
            "count": median_ms(partial(store.search_count, query), runs),
            "rank": once_ms(partial(_read, conn, _FTS_RANKED, match)),
            "agree": float(len(set(ours) & set(best))),
        }
    return figures


def _usable(window: MainWindow) -> bool:
    """Whether the window shows a document and the first page of the list."""
    return (
        window.current.document_id is not None
        and window.article_view.toPlainText() != ""
        and window.document_model.rowCount() > 0
    )


def measure_window(path: Path, runs: int) -> tuple[float, float]:
    """Median ms to a usable window on ``path``, and to the bare baseline."""
    app = application()
    samples, baselines = [], []
    for _ in range(runs):
        started = time.perf_counter()
        store = Store(path, annotator="bench")
        window = MainWindow(store)
        window.show()
        process_until(partial(_usable, window), timeout_s=30)
        app.processEvents()
        samples.append((time.perf_counter() - started) * 1000)
        text = window.article_view.toPlainText()
        window.close()
        window.deleteLater()
        store.close()
        app.processEvents()

        started = time.perf_counter()
        plain = QPlainTextEdit()
        plain.setPlainText(text)
        plain.show()
        app.processEvents()
        baselines.append((time.perf_counter() - started) * 1000)
        plain.close()
        plain.deleteLater()
        app.processEvents()
    return statistics.median(samples), statistics.median(baselines)


#: Sorts that read every document at each page (see ``storage.listing``).
_SCANNING = {
    DocumentListModel.TITLE: "index on title",
    DocumentListModel.CANDIDATES: "summary table",
    DocumentListModel.ACCEPTED: "summary table",
}


def measure_list(path: Path, runs: int) -> dict[str, float]:
    """Ms per filter and sort of the real list panel, each with its first page shown."""
    app = application()
    figures: dict[str, float] = {}
    with Store(path, annotator="bench") as store:
        hub = ChangeHub()
        model = DocumentListModel(store, hub)
        panel = DocumentListPanel(store, model, CurrentRecord(), hub)
        panel.resize(420, 700)
        panel.show()
        app.processEvents()

        def shown(action: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                action()
                app.processEvents()

            return run

        def unfiltered() -> None:
            panel.set_status_filter(None)
            panel.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            app.processEvents()

        for label, status in panel.FILTERS[1:]:
            figures[f"filter {label.lower()}"] = median_after_ms(
                unfiltered, shown(partial(panel.set_status_filter, status)), runs
            )
        figures["next page (scroll)"] = median_after_ms(unfiltered, shown(model.fetchMore), runs)
        for column, name in enumerate(DocumentListModel.HEADERS):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                arrow = "up" if order == Qt.SortOrder.AscendingOrder else "down"
                note = f" [{_SCANNING[column]}]" if column in _SCANNING else ""
                figures[f"sort {name.lower()} {arrow}{note}"] = median_after_ms(
                    unfiltered,
                    shown(partial(panel.view.sortByColumn, column, order)),
                    max(1, runs // 2),
                )
        unfiltered()
        figures["filter counts and progress bar"] = median_ms(panel.refresh, runs)
        panel.close()
    return figures


def _ratio(big: float, small: float) -> str:
    return f"{big / small:6.1f}x" if small > 0 else "     -"


def _row(label: str, small: float, big: float, target: float | None = None) -> str:
    verdict = "" if target is None else ("  ok" if big <= target else f"  > {target:.0f} ms")
    return f"  {label:42s} {small:9.1f} {big:9.1f} {_ratio(big, small)}{verdict}"


def run(articles: int, baseline: int, cache: Path, runs: int) -> int:
    """Build or reuse both workspaces and print the figures; returns an exit code."""
    _texts, source = base_texts()
    copies = len(_texts)
    print(f"texts: {copies} from {source}")
    paths = {}
    for size in (baseline, articles):
        started = time.perf_counter()
        paths[size] = build_workspace(size, cache=cache)
        size_mb = paths[size].stat().st_size / 1e6
        print(
            f"workspace of {size:,} articles: {paths[size]} ({size_mb:,.0f} MB,"
            f" ready in {time.perf_counter() - started:.0f} s)"
        )
    header = f"  {'':42s} {baseline:>9,} {articles:>9,}  ratio"

    print("\nsearch, ms (first page of 100 hits; count; references)")
    print(header)
    results = {}
    for size, path in paths.items():
        with Store(path, annotator="bench") as store:
            results[size] = measure_search(store, runs, copies)
    small, big = results[baseline], results[articles]
    for query in (*QUERIES, *PARTIAL):
        partial = " (completes)" if query in PARTIAL else ""
        print(
            _row(
                f'"{query}"{partial} first page',
                small[query]["page"],
                big[query]["page"],
                None if partial else SEARCH_TARGET_MS,
            )
        )
        print(_row("    count (after the page)", small[query]["count"], big[query]["count"]))
        print(_row("    unranked FTS count(*)", small[query]["fts count"], big[query]["fts count"]))
        print(_row("    old ORDER BY rank LIMIT 100", small[query]["rank"], big[query]["rank"]))
        print(
            f"    top 10 agreement with a full bm25 ranking: {small[query]['agree']:.0f}/10"
            f" and {big[query]['agree']:.0f}/10"
        )
    small_median, big_median = (
        statistics.median(r[q]["page"] for q in QUERIES) for r in (small, big)
    )
    print(
        _row("median first page, five common queries", small_median, big_median, SEARCH_TARGET_MS)
    )

    print("\nstart, ms")
    print(header)
    window = {size: measure_window(path, max(1, runs // 2)) for size, path in paths.items()}
    print(
        _row(
            "usable window (offscreen)", window[baseline][0], window[articles][0], WINDOW_TARGET_MS
        )
    )
    print(_row("baseline: bare QPlainTextEdit shown", window[baseline][1], window[articles][1]))

    print("\ndocument list, ms (each until its first page is shown)")
    print(header)
    lists = {size: measure_list(path, runs) for size, path in paths.items()}
    for label in lists[baseline]:
        target = None if "[" in label else LIST_TARGET_MS
        print(_row(label, lists[baseline][label], lists[articles][label], target))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="the big workspace")
    parser.add_argument("--baseline", type=int, default=2_000, help="the baseline workspace")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="workspace folder")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    options = parser.parse_args(argv)
    with quiet_qt_warnings():
        return run(options.articles, options.baseline, options.cache, options.runs)


if __name__ == "__main__":
    sys.exit(main())
