"""Benchmark of an N-article workspace built the way users build one (issue 11).

Run: ``python bench/corpus.py --articles N`` (default 100,000; ``--articles 2000``
takes a minute or two). It writes N articles as one JSONL file (the dev texts, or
the project's samples without ``../shared``, each copy with a unique line added by
``bench/scale_corpus.py`` so none is a duplicate), imports it into a new workspace
and prints one line per figure, each with its ratio to a baseline measured in the
same run (ratio = figure / baseline: for a rate, below 1 is slower than the
baseline; for a time, above 1 is slower):

* **import** articles/s: ``jobs.importing.import_files``, what ``app.py import``
  runs (``cli.workspace_commands.run_import``), pre-annotating on every core;
  baseline: a bare ``json.loads`` of the same lines.
* **database size**: MB and bytes per article; ratio to the input JSONL's size.
* **GUI start** to a usable window: the real main window offscreen until it shows
  the first document and the first page of the list (``bench.scale.measure_window``);
  baseline: a bare ``QPlainTextEdit`` shown with that text. Target: <= 1 s.
* **search first page** per query, median of ``--runs``, for the five common
  queries of ``bench.scale`` ("said the" among them) and their median; baseline: an
  unranked FTS5 ``count(*)`` of the same words. Target: <= 50 ms (median).
* **next unreviewed**: ``Store.next_unreviewed`` past the end of a document in the
  middle and of the last one (which wraps around), after the first 90% of the
  documents were reviewed (their candidates accepted); baseline: a primary-key row
  read of the attribution it finds.
* **export** attributions/s: ``formats.writers.write_export`` from
  ``Store.iter_documents()``, what ``app.py export`` runs, as ``jsonl`` and
  ``conll``, every status and document (``--all-statuses --include-unreviewed``);
  baseline: a bare ``json.dumps`` of the same records written to a file.

The files go to a new temporary folder, removed at the end, unless ``--cache DIR``
names one (kept) or ``--keep``. ``--reuse`` takes the workspace of an earlier run in
the cache folder instead of importing again (the import is then not measured).
Threading: the main thread (the GUI figure needs it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._timing import median_ms
from bench._ui_support import quiet_qt_warnings
from bench.scale import (
    QUERIES,
    SEARCH_TARGET_MS,
    WINDOW_TARGET_MS,
    first_page_figures,
    measure_window,
)
from bench.scale_corpus import DEFAULT_CACHE, base_texts, scale_articles
from formats.writers import ExportFilters, write_export
from jobs.importing import import_files
from quotes.model import ImportReport
from quotes.records import article_to_record
from storage.store import Store

#: The share of the documents (the first ones, in import order) reviewed before
#: ``Store.next_unreviewed`` is timed, so that it has many documents to pass over.
REVIEWED_SHARE = 0.9
EXPORT_FORMATS = ("jsonl", "conll")
#: From this size on, each export (which reads the whole workspace) is timed once.
ONE_EXPORT_RUN_FROM = 20_000


@dataclass(frozen=True)
class Figure:
    """One printed figure and its baseline from the same run."""

    label: str
    value: float
    unit: str
    baseline: float
    baseline_label: str
    target: str = ""


def _number(value: float) -> str:
    if value < 1:
        return f"{value:.3f}"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _ratio(value: float, baseline: float) -> str:
    if baseline <= 0:
        return "-"
    ratio = value / baseline
    return f"{ratio:,.0f}x" if ratio >= 100 else f"{ratio:.3g}x"


def print_figure(figure: Figure) -> None:
    """One aligned line: label, figure, baseline, ratio and the target's verdict."""
    print(
        f"  {figure.label:<44} {_number(figure.value):>9} {figure.unit:<12}"
        f" baseline {figure.baseline_label} {_number(figure.baseline)}"
        f"  ratio {_ratio(figure.value, figure.baseline)}"
        + (f"  target {figure.target}" if figure.target else "")
    )


def _verdict(value_ms: float, target_ms: float) -> str:
    return f"<= {target_ms:,.0f} ms: " + ("ok" if value_ms <= target_ms else "MISSED")


# -- the input and the import --------------------------------------------------------
def write_input(path: Path, articles: int) -> int:
    """Write ``articles`` articles as JSONL (text, title, id, source; no quotations,
    so the import pre-annotates them all); returns the file's size in bytes."""
    texts, _source = base_texts()
    with path.open("w", encoding="utf-8") as stream:
        for article in scale_articles(texts, 0, articles):
            record = {
                "id": article.external_id,
                "title": article.title,
                "source": "bench/corpus",
                "text": article.text,
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def json_loads_rate(path: Path) -> float:
    """Articles/s of a bare ``json.loads`` of each line of ``path`` (file reading
    included, as the import reads it too)."""
    started = time.perf_counter()
    lines = 0
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            json.loads(line)
            lines += 1
    return lines / (time.perf_counter() - started)


def import_input(path: Path, workspace: Path, articles: int) -> tuple[float, ImportReport]:
    """Import ``path`` into the new workspace ``workspace`` as ``app.py import``
    does; returns the seconds it took and the report. Progress goes to stderr."""
    started = time.perf_counter()
    step = max(1, articles // 10)

    def progress(count: int) -> None:
        if count % step == 0:
            elapsed = time.perf_counter() - started
            print(f"  read {count:,} of {articles:,} ({elapsed:.0f} s)", file=sys.stderr)

    with Store(workspace, annotator="bench") as store:
        report = import_files(store, [path], progress=progress)
    return time.perf_counter() - started, report


def database_bytes(workspace: Path) -> int:
    """The workspace's size on disk, with a journal or WAL left beside it."""
    return sum(
        p.stat().st_size
        for p in (
            workspace,
            *(workspace.with_name(workspace.name + s) for s in ("-wal", "-journal")),
        )
        if p.exists()
    )


# -- search and next unreviewed ------------------------------------------------------
def search_figures(store: Store, runs: int) -> list[Figure]:
    """The first page per common query and the median over them."""
    figures = []
    for query in QUERIES:
        found = first_page_figures(store, query, runs)
        figures.append(
            Figure(
                f'search first page "{query}"',
                found["page"],
                "ms",
                found["fts count"],
                "FTS5 count(*) ms",
                _verdict(found["page"], SEARCH_TARGET_MS),
            )
        )
    page = statistics.median(f.value for f in figures)
    count = statistics.median(f.baseline for f in figures)
    median = Figure(
        "search first page, median of the 5 queries",
        page,
        "ms",
        count,
        "FTS5 count(*) ms",
        _verdict(page, SEARCH_TARGET_MS),
    )
    return [*figures, median]


def review_earlier(store: Store, share: float = REVIEWED_SHARE) -> int:
    """Accept every candidate of the first ``share`` of the documents (import order);
    returns the id of the first document left unreviewed.

    One ``UPDATE`` in one transaction, as if annotators had accepted them one by one
    (a million ``Store.accept_attribution`` calls would take far longer than the
    benchmark); the store's triggers keep the per-document counts as they do then.
    """
    ids = [int(row[0]) for row in store._conn.execute("SELECT id FROM documents ORDER BY id")]
    first_left = ids[min(len(ids) - 1, int(len(ids) * share))]
    with store.transaction():
        store._conn.execute(
            "UPDATE attributions SET status = 'accepted', annotator = 'bench'"
            " WHERE layer = ? AND status = 'candidate' AND document_id < ?",
            (store.layer, first_left),
        )
    return first_left


def _read_row(store: Store, attribution_id: int) -> object:
    """The attribution's row by its primary key: the next-unreviewed baseline."""
    return store._conn.execute(
        "SELECT * FROM attributions WHERE id = ?", (attribution_id,)
    ).fetchone()


def next_unreviewed_figures(store: Store, runs: int, first_left: int) -> list[Figure]:
    """``Store.next_unreviewed`` past the end of the middle and of the last document.

    :raises RuntimeError: when it lands on a reviewed document, or on none (the
        figure would time something else).
    """
    ids = [int(row[0]) for row in store._conn.execute("SELECT id FROM documents ORDER BY id")]
    figures = []
    for where, document_id in (("the middle", ids[len(ids) // 2]), ("near the end", ids[-1])):
        past_end = len(store.document(document_id).text)
        found = store.next_unreviewed(document_id, past_end)
        landed = None if found is None else found.document_id
        if found is None or found.id is None or landed is None or landed < first_left:
            raise RuntimeError(f"next unreviewed from {where} found {found}, not an unreviewed one")
        figures.append(
            Figure(
                f"next unreviewed from {where}",
                median_ms(partial(store.next_unreviewed, document_id, past_end), runs),
                "ms",
                median_ms(partial(_read_row, store, found.id), runs),
                "primary-key read ms",
            )
        )
    return figures


# -- export --------------------------------------------------------------------------
def json_dumps_rate(store: Store, out: Path) -> float:
    """Attributions/s of a bare ``json.dumps`` of each document's record (the export
    schema, every attribution) written to ``out``; reading the store is not timed."""
    spent = 0.0
    attributions = 0
    with out.open("w", encoding="utf-8") as stream:
        for document, found in store.iter_documents():
            record = article_to_record(
                external_id=document.external_id or str(document.id),
                title=document.title,
                source=document.source,
                text=document.text,
                attributions=found,
            )
            started = time.perf_counter()
            stream.write(json.dumps(record) + "\n")
            spent += time.perf_counter() - started
            attributions += len(found)
    out.unlink()
    return attributions / spent if spent else 0.0


def export_rate(store: Store, out: Path, format: str, runs: int) -> float:
    """Attributions/s of ``write_export`` of every record, median of ``runs``."""
    filters = ExportFilters.every_status(include_unreviewed=True)
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        report = write_export(store.iter_documents(), out, format=format, filters=filters)
        rates.append(report.attributions / (time.perf_counter() - started))
        out.unlink()
    return statistics.median(rates)


def export_figures(workspace: Path, folder: Path, runs: int) -> list[Figure]:
    """The export figures, each against the same ``json.dumps`` baseline."""
    with Store(workspace, annotator="bench") as store:
        baseline = json_dumps_rate(store, folder / "baseline.jsonl")
        return [
            Figure(
                f"export {name} (every status)",
                export_rate(store, folder / f"export.{name}", name, runs),
                "attr/s",
                baseline,
                "json.dumps attr/s",
            )
            for name in EXPORT_FORMATS
        ]


# -- the run -------------------------------------------------------------------------
def build_figures(
    source: Path, workspace: Path, articles: int, input_bytes: int, reuse: bool
) -> list[Figure]:
    """Import ``source`` into ``workspace`` (unless ``reuse`` finds it built) and the
    figures of the import and of the database's size."""
    figures = []
    if reuse and workspace.exists():
        print("  import: not measured (--reuse took the workspace of an earlier run)")
    else:
        baseline = json_loads_rate(source)
        seconds, report = import_input(source, workspace, articles)
        print(
            f"  imported {report.imported:,} documents with {report.attributions:,}"
            f" attributions in {seconds:,.1f} s ({len(report.problems)} problems,"
            f" {report.duplicates} duplicates)"
        )
        figures.append(
            Figure(
                f"import ({os.cpu_count()} cores, pre-annotating)",
                report.imported / seconds,
                "articles/s",
                baseline,
                "json.loads articles/s",
            )
        )
    size = database_bytes(workspace)
    figures.append(Figure("database size", size / 1e6, "MB", input_bytes / 1e6, "input JSONL MB"))
    figures.append(
        Figure(
            "database bytes per article",
            size / articles,
            "bytes",
            input_bytes / articles,
            "input JSONL bytes",
        )
    )
    return figures


def run(articles: int, folder: Path, runs: int, reuse: bool) -> int:
    """Build the workspace in ``folder``, print every figure; returns an exit code."""
    texts, origin = base_texts()
    source = folder / f"corpus-{articles}.jsonl"
    workspace = folder / f"corpus-{articles}.sqlite"
    if not reuse:
        for stale in (source, workspace):
            stale.unlink(missing_ok=True)
    if not source.exists():
        write_input(source, articles)
    input_bytes = source.stat().st_size
    print(f"corpus: {articles:,} articles, copies of {len(texts)} texts from {origin}")
    print(f"input: {source} ({input_bytes / 1e6:,.1f} MB); workspace: {workspace}")
    print("ratio = figure / baseline, both measured in this run")
    for figure in build_figures(source, workspace, articles, input_bytes, reuse):
        print_figure(figure)
    window, bare = measure_window(workspace, max(1, runs // 2))
    print_figure(
        Figure(
            "GUI start to a usable window",
            window,
            "ms",
            bare,
            "bare QPlainTextEdit ms",
            _verdict(window, WINDOW_TARGET_MS),
        )
    )
    with Store(workspace, annotator="bench") as store:
        for figure in search_figures(store, runs):
            print_figure(figure)
        first_left = review_earlier(store)
        for figure in next_unreviewed_figures(store, runs, first_left):
            print_figure(figure)
    export_runs = 1 if articles >= ONE_EXPORT_RUN_FROM else max(1, runs // 2)
    for figure in export_figures(workspace, folder, export_runs):
        print_figure(figure)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles to import")
    parser.add_argument("--runs", type=int, default=5, help="runs per timed figure (median)")
    parser.add_argument(
        "--cache",
        type=Path,
        help="folder for the input and the workspace, kept (default: a temporary one)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the input and workspace of an earlier run in --cache (default"
        f" {DEFAULT_CACHE / 'corpus'}) instead of importing again",
    )
    options = parser.parse_args(argv)
    if options.articles < 1 or options.runs < 1:
        parser.error("--articles and --runs must be at least 1")
    if options.reuse and options.cache is None:
        options.cache = DEFAULT_CACHE / "corpus"
    folder = options.cache or Path(tempfile.mkdtemp(prefix="quote-annotator-corpus-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with quiet_qt_warnings():
            return run(options.articles, folder, options.runs, options.reuse)
    finally:
        if options.cache is None and not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"kept {folder}")


if __name__ == "__main__":
    sys.exit(main())
